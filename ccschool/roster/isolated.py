"""Run a parser in a child process, so that whatever it does to itself the app stays up.

calamine (the Rust xlsx parser) aborts the whole process when an allocation fails: a cell
reference far outside the table, however the XML spells it (attribute order, quotes, character
references, a row number with no cell reference), makes it ask for hundreds of GB. No check of
the XML before parsing can know every spelling the parser accepts, so the parser runs in a
child: if the child dies, the user gets one message and the app (or the command) goes on.

On Linux and macOS the child's address space is capped (RLIMIT_AS), so an allocation that
would otherwise be granted lazily and then starve the machine fails at once. Windows has no
rlimit; an allocation of that size fails there anyway (commit limit), and the child still dies
alone. The child is a plain subprocess, not multiprocessing: spawn re-imports the caller's
main module, which runs any script without a __main__ guard a second time. In the frozen
(PyInstaller) app the program itself is the child, started with CHILD_FLAG (launcher.py).
"""
from __future__ import annotations

import importlib
import os
import pickle
import subprocess
import sys

# A roster the importer accepts (MAX_CELLS) needs well under 1 GB here; the interpreter and
# its libraries reserve ~0.3 GB of address space before parsing starts.
MEMORY_LIMIT = 3 * 1024 ** 3
CHILD_FLAG = "--ccschool-isolated-child"


class ChildDied(Exception):
    """The child ended without an answer (aborted, killed, out of memory)."""

    def __init__(self, exitcode: int | None) -> None:
        super().__init__(f"parser process ended with exit code {exitcode}")
        self.exitcode = exitcode


def child_command() -> list[str]:
    if getattr(sys, "frozen", False):
        return [sys.executable, CHILD_FLAG]
    return [sys.executable, "-m", "ccschool.roster.isolated"]


def run_isolated(fn, *args, memory_limit: int = MEMORY_LIMIT):
    """fn(*args) in a fresh child process: its result, its exception raised here, or ChildDied.

    fn must be a module-level function; its arguments and result must pickle."""
    request = pickle.dumps((fn.__module__, fn.__qualname__, args, memory_limit))
    # stderr to nowhere: a dying parser prints a Rust backtrace; the caller says one line.
    proc = subprocess.Popen(child_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    try:
        out, _ = proc.communicate(request)
    except BaseException:  # interrupted while it worked: do not leave it running
        proc.kill()
        proc.wait()
        raise
    try:
        ok, value = pickle.loads(out)
    except Exception:  # no answer, or half of one: it died
        raise ChildDied(proc.returncode) from None
    if ok:
        return value
    raise value


def _limit_memory(limit: int) -> None:
    try:
        import resource
    except ImportError:  # Windows: see the module docstring
        return
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def child_main() -> int:
    """The child: read the request from stdin, write (ok, result or exception) to stdout."""
    module, name, args, limit = pickle.loads(sys.stdin.buffer.read())
    _limit_memory(limit)
    if hasattr(os, "nice"):  # bulk work: the check-in desk in the app goes first (bench_desk)
        os.nice(10)
    try:
        answer = (True, getattr(importlib.import_module(module), name)(*args))
    except Exception as exc:  # sent back and raised again in the parent
        answer = (False, exc)
    try:
        data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # an exception that does not pickle: its text will do
        data = pickle.dumps((False, RuntimeError(repr(answer[1] if not answer[0] else exc))))
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(child_main())
