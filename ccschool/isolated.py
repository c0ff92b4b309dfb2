"""Run work in a child process: a parser that may abort, or bulk work beside the check-in desk.

Two reasons to leave the app's own process:
- calamine (the Rust xlsx parser) aborts the whole process when an allocation fails: a cell
  reference far outside the table, however the XML spells it (attribute order, quotes,
  character references, a row number with no cell reference), makes it ask for hundreds of GB.
  No check of the XML before parsing can know every spelling the parser accepts, so the parser
  runs in a child: if the child dies, the user gets one message and the app goes on.
- a learner export builds ~1.3 million cells in Python: in the app's process it competes with
  the desk for the interpreter lock, and its garbage collections stop every thread for 40-140 ms
  at a time, so a scan waited up to 146 ms for its banner (bench_desk, 2 idle cores). In a
  child at lower priority the desk is as quick as with nothing running.

On Linux and macOS the child's address space is capped (RLIMIT_AS), so an allocation that
would otherwise be granted lazily and then starve the machine fails at once. Windows has no
rlimit; an allocation of that size fails there anyway (commit limit), and the child still dies
alone. The child is a plain subprocess, not multiprocessing: spawn re-imports the caller's
main module, which runs any script without a __main__ guard a second time. In the frozen
(PyInstaller) app the program itself is the child, started with CHILD_FLAG (launcher.py).

The pipe protocol (pickles): the parent sends (module, function, args, memory limit, talks,
language);
a child that talks sends ("progress", done, total) after each step of its work and waits for
one byte back, G (go on) or C (the user asked to stop), so a stop lands at the next step and
the child cleans up after itself; the parent gone (EOF) counts as a stop. The last pickle is
(ok, result or exception).
"""
from __future__ import annotations

import importlib
import os
import pickle
import subprocess
import sys
from typing import Any, Callable

# A roster the importer accepts (MAX_CELLS) needs well under 1 GB here; the interpreter and
# its libraries reserve ~0.3 GB of address space before parsing starts.
MEMORY_LIMIT = 3 * 1024 ** 3
CHILD_FLAG = "--ccschool-isolated-child"
GO, STOP = b"G", b"C"


class ChildDied(Exception):
    """The child ended without an answer (aborted, killed, out of memory)."""

    def __init__(self, exitcode: int | None) -> None:
        super().__init__(f"child process ended with exit code {exitcode}")
        self.exitcode = exitcode


def child_command() -> list[str]:
    if getattr(sys, "frozen", False):
        return [sys.executable, CHILD_FLAG]
    return [sys.executable, "-m", "ccschool.isolated"]


def run_isolated(fn: Callable, *args: Any, memory_limit: int = MEMORY_LIMIT,
                 progress: Callable[[int, int], None] | None = None,
                 cancel: Callable[[], bool] | None = None) -> Any:
    """fn(*args) in a fresh child process: its result, its exception raised here, or ChildDied.

    fn must be a module-level function; its arguments and result must pickle. With progress
    or cancel, fn is called as fn(*args, progress=, cancel=): its progress(done, total) reaches
    ours (on this thread), and its cancel() answers what ours answered after that step."""
    from ccschool import i18n

    talks = progress is not None or cancel is not None
    # the language chosen in the app's settings: a sheet's headings come out in it
    request = pickle.dumps((fn.__module__, fn.__qualname__, args, memory_limit, talks,
                            i18n.language()))
    # stderr to nowhere: a dying parser prints a Rust backtrace; the caller says one line.
    proc = subprocess.Popen(child_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    assert proc.stdin is not None and proc.stdout is not None
    try:
        _send(proc, request)
        while True:
            try:
                frame = pickle.load(proc.stdout)
            except Exception:  # no answer, or half of one: it died
                proc.wait()
                raise ChildDied(proc.returncode) from None
            if not (isinstance(frame, tuple) and frame[:1] == ("progress",)):
                break
            if progress is not None:
                progress(frame[1], frame[2])
            _send(proc, STOP if cancel is not None and cancel() else GO)
    except BaseException:  # interrupted while it worked, or it died: do not leave it running
        proc.kill()
        proc.wait()
        raise
    finally:
        _close(proc)
    ok, value = frame
    if ok:
        return value
    raise value


def _send(proc: subprocess.Popen, data: bytes) -> None:
    """Write to the child; a child already gone shows as no answer on the next read."""
    assert proc.stdin is not None
    try:
        proc.stdin.write(data)
        proc.stdin.flush()
    except OSError:  # BrokenPipeError (EPIPE), or EINVAL on Windows
        pass


def _close(proc: subprocess.Popen) -> None:
    for pipe in (proc.stdin, proc.stdout):
        try:
            if pipe is not None:
                pipe.close()
        except OSError:  # the child is gone: its end of the pipe with it
            pass
    proc.wait()


def _limit_memory(limit: int) -> None:
    try:
        import resource
    except ImportError:  # Windows: see the module docstring
        return
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


class _Talk:
    """The child's side of progress and cancel."""

    def __init__(self, out, inp) -> None:
        self.out, self.inp, self.stopped = out, inp, False

    def progress(self, done: int, total: int) -> None:
        self.out.write(pickle.dumps(("progress", done, total)))
        self.out.flush()
        self.stopped = self.inp.read(1) != GO  # STOP, or the parent is gone (EOF)

    def cancel(self) -> bool:
        return self.stopped


def child_main() -> int:
    """The child: read the request from stdin, write (ok, result or exception) to stdout."""
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    from ccschool import i18n

    module, name, args, limit, talks, lang = pickle.load(stdin)
    i18n.set_language(lang)
    _limit_memory(limit)
    if hasattr(os, "nice"):  # bulk work: the check-in desk in the app goes first (bench_desk)
        os.nice(10)
    try:
        fn = getattr(importlib.import_module(module), name)
        if talks:
            talk = _Talk(stdout, stdin)
            answer = (True, fn(*args, progress=talk.progress, cancel=talk.cancel))
        else:
            answer = (True, fn(*args))
    except Exception as exc:  # sent back and raised again in the parent
        answer = (False, exc)
    try:
        data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # an exception that does not pickle: its text will do
        data = pickle.dumps((False, RuntimeError(repr(answer[1] if not answer[0] else exc))))
    stdout.write(data)
    stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(child_main())
