"""One app per data folder: a second copy is refused instead of writing alongside the first.

An OS file lock (fcntl on Linux/macOS, msvcrt on Windows) is released by the OS when the process
dies, so a crash or power cut never leaves a stale lock that blocks the next start.
"""
from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
from pathlib import Path

from ccschool import clock
from ccschool.errors import Conflict

LOCK_NAME = "ccschool.lock"
_WIN_LOCK_OFFSET = 1 << 20  # Windows locks are mandatory: lock a byte past the holder's note


class InstanceLocked(Conflict):
    code = "locked"


def _try_lock(f) -> bool:
    try:
        if sys.platform == "win32":
            import msvcrt

            f.seek(_WIN_LOCK_OFFSET)
            msvcrt.locking(f.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(f) -> None:
    with contextlib.suppress(OSError):
        if sys.platform == "win32":
            import msvcrt

            f.seek(_WIN_LOCK_OFFSET)
            msvcrt.locking(f.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(f.fileno(), fcntl.LOCK_UN)


def try_lock(f) -> bool:
    """Lock the open file f without waiting (False: another process holds it); the OS frees
    the lock when the process dies."""
    return _try_lock(f)


def unlock(f) -> None:
    _unlock(f)


def _holder(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8").strip() or "{}")
    except (OSError, ValueError):
        return {}


class InstanceLock:
    """Held for the life of the app; `release()` (or process exit) frees it."""

    def __init__(self, data_dir: str | Path) -> None:
        data_dir = Path(data_dir)
        data_dir.mkdir(parents=True, exist_ok=True)
        self.path = data_dir / LOCK_NAME
        self._file = open(self.path, "a+", encoding="utf-8")
        if not _try_lock(self._file):
            self._file.close()
            who = _holder(self.path)
            raise InstanceLocked(
                "ccschool 已经在使用这个数据文件夹（{host}，进程 {pid}，{since} 起）。"
                "请切换到已打开的窗口，不要同时运行两个。",
                "ccschool is already using this data folder ({host}, process {pid}, since "
                "{since}). Switch to the open window instead of starting a second one.",
                host=who.get("host", "?"), pid=who.get("pid", "?"), since=who.get("since", "?"))
        # The note is cleared on a clean exit: one still there means the last run crashed or
        # lost power, and the shell should run the full quick_check before going on.
        self.previous_crashed = bool(_holder(self.path))
        self._note()

    def _note(self) -> None:
        note = {"pid": os.getpid(), "host": socket.gethostname(),
                "since": clock.stamp(clock.now())}
        self._file.seek(0)
        self._file.truncate()
        self._file.write(json.dumps(note))
        self._file.flush()

    def release(self, *, keep_crash_note: bool = False) -> None:
        """keep_crash_note: the start was refused over a crash's damage (a deleted -wal), so
        the next start must see the crash again rather than a clean exit."""
        if not self._file.closed:
            if not (self.previous_crashed and keep_crash_note):
                with contextlib.suppress(OSError):
                    self._file.seek(0)
                    self._file.truncate()
                    self._file.flush()
            _unlock(self._file)
            self._file.close()


@contextlib.contextmanager
def instance_lock(data_dir: str | Path):
    """Hold the data folder's lock for the block; raise InstanceLocked if another app has it."""
    lock = InstanceLock(data_dir)
    try:
        yield lock
    finally:
        lock.release()
