"""Atomic file writes: a crash or a cancelled run never leaves half a PDF, workbook or batch file."""
from __future__ import annotations

import contextlib
import errno
import os
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
    if target.is_dir():  # os.replace would fail only after all the work was done
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(target))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as exc:  # name the file the user asked for, not our temporary one
        raise type(exc)(exc.errno, exc.strerror, str(target)) from exc
    os.close(fd)
    try:
        yield Path(tmp)
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        # mkstemp makes the file private (0600); an exported PDF or workbook should get the
        # permissions any other new file of this user gets.
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_bytes_atomic(target: str | os.PathLike, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
