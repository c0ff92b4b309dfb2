"""A real X desktop for the walkthrough: Xvfb at 1366×768, openbox keeping a 40-pixel strip
at the bottom free (where a laptop's taskbar is), and xdotool to type and click like a person.

Everything waits on a condition with a deadline (a window appears, a row is in the database),
never a fixed sleep: a loaded CI machine is slow, not wrong.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

TOOLS = ("Xvfb", "openbox", "xdotool", "xprop", "xwininfo")
TASKBAR = 40
# openbox's own margins: the work area (_NET_WORKAREA) ends 40 pixels above the screen's
# bottom, as a Windows taskbar leaves it.
OPENBOX_RC = f"""<?xml version="1.0" encoding="UTF-8"?>
<openbox_config xmlns="http://openbox.org/3.4/rc">
  <margins><top>0</top><bottom>{TASKBAR}</bottom><left>0</left><right>0</right></margins>
  <focus><focusNew>yes</focusNew><followMouse>no</followMouse></focus>
  <placement><policy>Smart</policy><center>no</center></placement>
  <desktops><number>1</number></desktops>
</openbox_config>
"""


def missing_tools() -> list[str]:
    return [t for t in TOOLS if shutil.which(t) is None]


def wait_for(what: str, check, timeout: float = 90, every: float = 0.1):
    """check() until it returns something truthy; fail with `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        got = check()
        if got:
            return got
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(every)


class Desktop:
    """Xvfb + openbox; `env` is what a program needs to open windows on it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.procs: list[subprocess.Popen] = []
        self.display = ""

    def start(self) -> "Desktop":
        read, write = os.pipe()
        self.procs.append(subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
            pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        os.close(write)
        with os.fdopen(read) as pipe:
            number = wait_for("Xvfb's display number", pipe.readline, timeout=60).strip()
        self.display = f":{number}"
        rc = self.folder / "openbox-rc.xml"
        rc.write_text(OPENBOX_RC, encoding="utf-8")
        self.procs.append(subprocess.Popen(["openbox", "--config-file", str(rc)], env=self.env,
                                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        wait_for("openbox's work area", lambda: self.work_area() == (0, 0, 1366, 768 - TASKBAR),
                 timeout=60)
        return self

    @property
    def env(self) -> dict:
        env = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY",)}
        env.update(DISPLAY=self.display, QT_QPA_PLATFORM="xcb", XDG_SESSION_TYPE="x11")
        return env

    def run(self, *args: str, check: bool = True) -> str:
        out = subprocess.run(list(args), env=self.env, capture_output=True, text=True,
                             timeout=60)
        if check and out.returncode != 0:
            raise AssertionError(f"{' '.join(args)}: {out.stderr.strip()}")
        return out.stdout

    def work_area(self) -> tuple[int, ...] | None:
        out = self.run("xprop", "-root", "_NET_WORKAREA", check=False)
        if "=" not in out:
            return None
        return tuple(int(v) for v in out.split("=", 1)[1].split(",")[:4])

    # -- windows -------------------------------------------------------------------------
    def window(self, title: str) -> str | None:
        """The id of a visible window whose title contains `title`, or None."""
        out = self.run("xdotool", "search", "--onlyvisible", "--name", title, check=False)
        ids = out.split()
        return ids[-1] if ids else None

    def geometry(self, window: str) -> tuple[int, int, int, int]:
        """x, y, width, height of the window's inside on the screen (xwininfo's absolute
        position: xdotool's counts the window manager's frame twice)."""
        info = self.run("xwininfo", "-id", window)
        value = {k.strip(): v.strip() for k, v in
                 (line.split(":", 1) for line in info.splitlines() if ":" in line)}
        return tuple(int(value[k]) for k in ("Absolute upper-left X", "Absolute upper-left Y",
                                              "Width", "Height"))

    def focus(self, window: str) -> None:
        self.run("xdotool", "windowactivate", "--sync", window, check=False)
        wait_for("focus on the window", lambda: self.run(
            "xdotool", "getactivewindow", check=False).strip() == window, timeout=30)

    def type(self, text: str) -> None:
        self.run("xdotool", "type", "--delay", "15", "--clearmodifiers", text)

    def key(self, *keys: str) -> None:
        self.run("xdotool", "key", "--clearmodifiers", *keys)

    def screenshot(self, path: Path) -> None:
        """The whole screen as a PNG (kept beside the test's files when a step fails)."""
        self.run("import", "-window", "root", str(path), check=False)

    def stop(self) -> None:
        for proc in reversed(self.procs):
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
