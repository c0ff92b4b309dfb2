"""Atomic file writes: a crash or a cancelled run never leaves half a PDF, workbook or batch file."""
from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike):
    """Yield a temporary path next to `target`; on success fsync it and rename over `target`.

    On an exception (including a user's Cancel raised as an exception) the temporary file is
    removed and `target` is left as it was.
    """
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=PART, dir=target.parent)
    except OSError as exc:  # name the file the user asked for, not our temporary one
        raise type(exc)(exc.errno, exc.strerror, str(target)) from exc
    held = _hold(fd)  # while we live, remove_stale_parts leaves this one alone
    try:
        yield Path(tmp)
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        # mkstemp makes the file private (0600); an exported PDF or workbook should get the
        # permissions any other new file of this user gets.
        os.chmod(tmp, 0o666 & ~_umask())
        try:
            os.replace(tmp, target)
        except OSError as exc:  # a folder of that name, a file another program holds
            raise type(exc)(exc.errno, exc.strerror, str(target)) from exc
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    finally:
        if held is not None:
            os.close(held)


PART = ".part"


def _hold(fd: int) -> int | None:
    """Lock our temporary file for as long as fd stays open (the OS drops the lock if we are
    killed); the fd to close at the end, or None where no lock is needed."""
    if sys.platform == "win32":  # an open file cannot be deleted there, nor renamed: close it
        os.close(fd)
        return None
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


@contextlib.contextmanager
def scratch_file(folder: str | os.PathLike, prefix: str):
    """A temporary file in folder, locked like atomic_path's, removed (with any SQLite journal)
    at the end; a killed process leaves it for remove_stale_parts."""
    fd, tmp = tempfile.mkstemp(prefix=f".{prefix}-", suffix=PART, dir=folder)
    held = _hold(fd)
    try:
        yield Path(tmp)
    finally:
        for path in (tmp, f"{tmp}-journal"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
        if held is not None:
            os.close(held)


def _is_stale(path: Path) -> bool:
    if sys.platform == "win32":
        return True  # a live writer's file refuses the unlink below
    import fcntl

    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False  # a live writer holds it
    finally:
        os.close(fd)


def remove_stale_parts(folder: str | os.PathLike) -> list[Path]:
    """Delete the temporary files (and SQLite journals) a killed writer left in folder.

    A writer that was killed (power cut, kill -9) never reached its cleanup; its lock went with
    it, which is how a leftover is told from a file still being written."""
    removed = []
    for path in Path(folder).glob(f".*{PART}"):
        if _is_stale(path):
            with contextlib.suppress(OSError):
                path.unlink()
                Path(f"{path}-journal").unlink(missing_ok=True)
                removed.append(path)
    return removed


def write_bytes_atomic(target: str | os.PathLike, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
