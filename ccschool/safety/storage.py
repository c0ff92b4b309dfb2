"""One place that turns disk and SQLite failures into messages a coordinator can act on.

A full disk, a USB stick pulled out, a read-only folder or a broken file reach the code as
sqlite3/SQLAlchemy/OS errors with English jargon. `user_error(exc)` maps them to a CCSError
(Chinese and English); `storage_errors()` re-raises them that way. The CLI's main and the GUI's
error handlers both call `user_error`, so every screen says the same thing.
"""
from __future__ import annotations

import contextlib
import errno
import shutil
import sqlite3

from ccschool.errors import CCSError, DatabaseProblem


class DiskFull(DatabaseProblem):
    code = "disk_full"


class ReadOnlyStorage(DatabaseProblem):
    code = "read_only"


class DatabaseCorrupt(DatabaseProblem):
    code = "corrupt"


class DatabaseBusy(DatabaseProblem):
    code = "busy"


def _disk_full() -> CCSError:
    return DiskFull("磁盘空间已满，本次操作已撤销，数据未受影响。请清理磁盘（或换一个U盘）后重试。",
                    "The disk is full. This action was undone and no data was changed. "
                    "Free some space (or use another USB stick) and try again.")


def read_only_error() -> CCSError:
    return ReadOnlyStorage("数据文件夹是只读的（或U盘写保护），无法保存。本次操作已撤销。",
                           "The data folder is read-only (or the USB stick is write-protected); "
                           "nothing could be saved and this action was undone.")


def _corrupt() -> CCSError:
    return DatabaseCorrupt("数据库文件已损坏。请不要继续录入，用“设置 → 备份与恢复”恢复最近的备份。",
                           "The database file is damaged. Stop entering data and restore the "
                           "latest backup (Settings → Backup and restore).")


def _busy() -> CCSError:
    return DatabaseBusy("数据库正被另一个程序占用，请稍后重试。",
                        "The database is busy in another program; try again in a moment.")


def _io_error() -> CCSError:
    return DatabaseProblem("读写磁盘出错（U盘被拔出或磁盘故障？），本次操作已撤销。",
                           "The disk could not be read or written (USB stick removed or disk "
                           "failing?); this action was undone.")


# Substrings of SQLite's messages (sqlite3_errstr), lower case, checked in order.
_SQLITE_MESSAGES = (
    ("database or disk is full", _disk_full),
    ("readonly database", read_only_error),
    ("read-only file system", read_only_error),
    ("file is not a database", _corrupt),
    ("disk image is malformed", _corrupt),
    ("database is locked", _busy),
    ("disk i/o error", _io_error),
    ("unable to open database file", _io_error),
)

_OS_ERRNOS = {errno.ENOSPC: _disk_full, errno.EDQUOT: _disk_full, errno.EIO: _io_error,
              errno.EROFS: read_only_error, errno.EACCES: read_only_error,
              errno.EPERM: read_only_error}


def _sqlite_error(exc: BaseException) -> BaseException | None:
    """The sqlite3 exception inside a SQLAlchemy DBAPIError, or exc itself."""
    orig = getattr(exc, "orig", None)
    if isinstance(orig, sqlite3.Error):
        return orig
    return exc if isinstance(exc, sqlite3.Error) else None


SQLITE_FULL = 13
LOW_SPACE = 1024 * 1024  # below this a failed write is the full disk, not a failing one


def disk_nearly_full(folder) -> bool:
    try:
        return shutil.disk_usage(folder).free < LOW_SPACE
    except OSError:
        return False


def disk_full_error(exc: BaseException, folder) -> CCSError | None:
    """DiskFull when exc is SQLite failing for want of space, else None.

    SQLite says SQLITE_FULL only when a write into the file itself finds no room. Growing the
    WAL index (-shm) or opening the WAL on a full disk fails as "disk I/O error" (e.g.
    SQLITE_IOERR_SHMSIZE), which would tell the user to look for a pulled USB stick; the free
    space of the folder tells the two apart."""
    found = _sqlite_error(exc)
    if found is None:
        return None
    if getattr(found, "sqlite_errorcode", 0) & 0xFF == SQLITE_FULL:
        return _disk_full()
    text = str(found).lower()
    if ("disk i/o error" in text or "unable to open database file" in text) \
            and folder is not None and disk_nearly_full(folder):
        return _disk_full()
    return None


def user_error(exc: BaseException, folder=None) -> CCSError | None:
    """The CCSError a user should see for exc, or None when exc is not a storage problem.

    folder: where the database lives, so a write failing on a full disk says so."""
    if isinstance(exc, CCSError):
        return exc
    found = _sqlite_error(exc)
    if found is not None:
        full = disk_full_error(exc, folder)
        if full is not None:
            return full
        text = str(found).lower()
        for needle, make in _SQLITE_MESSAGES:
            if needle in text:
                return make()
        return None
    if isinstance(exc, OSError) and exc.errno in _OS_ERRNOS:
        return _OS_ERRNOS[exc.errno]()
    return None


@contextlib.contextmanager
def storage_errors():
    """Re-raise disk and SQLite failures inside the block as CCSError (original chained)."""
    try:
        yield
    except Exception as exc:
        mapped = user_error(exc)
        if mapped is None or mapped is exc:
            raise
        raise mapped from exc
