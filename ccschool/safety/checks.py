"""Start-up checks: is the database file sound before anything writes to it?

`open_database` creates the file when it is missing, which is right only on a first start.
A damaged, truncated or vanished file must never be papered over with a new empty database:
the coordinator would carry on typing into it and the old records would look lost.
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from ccschool.i18n import L
from ccschool.safety import health
from ccschool.safety.backup import DB_FILENAME, latest_backup
from ccschool.safety.storage import DatabaseCorrupt, read_only_error

SQLITE_MAGIC = b"SQLite format 3\x00"


class BrokenDatabase(DatabaseCorrupt):
    """The database cannot be trusted; `backup` is the newest backup to offer, or None."""

    backup: Path | None = None


class WalMissing(BrokenDatabase):
    """The file itself may be sound, but its newest writes were deleted with the -wal file:
    the user chooses between the newest backup and carrying on with what is there."""


def _broken(detail: str, data_dir: Path, kind: type = BrokenDatabase) -> BrokenDatabase:
    backup = latest_backup(data_dir)
    if backup is None:
        err = kind(
            "数据库文件有问题（{detail}），也没有找到备份。请不要删除或覆盖 {path}，联系技术人员。",
            "The database file has a problem ({detail}) and no backup was found. Do not delete "
            "or overwrite {path}; call for technical help.",
            detail=detail, path=data_dir / DB_FILENAME)
    else:
        err = kind(
            "数据库文件有问题（{detail}）。最近的备份是 {backup}，可以在“备份与恢复”中恢复，"
            "或运行：ccschool restore \"{backup}\"",
            "The database file has a problem ({detail}). The newest backup is {backup}; restore "
            "it under Backup and restore, or run: ccschool restore \"{backup}\"",
            detail=detail, backup=backup)
    err.backup = backup
    return err


def _header_problem(path: Path) -> str | None:
    from ccschool.db import open_in_this_process

    if open_in_this_process(path):  # SQLite opened it here; open() would drop its locks (db.py)
        return None
    with open(path, "rb") as f:
        head = f.read(100)
    if head[:16] != SQLITE_MAGIC:
        return L("不是数据库文件", "not a database file")
    page_size = int.from_bytes(head[16:18], "big") or 65536
    pages = int.from_bytes(head[28:32], "big")
    wal = path.with_name(path.name + "-wal")
    if pages and path.stat().st_size < page_size * pages and not wal.exists():
        return L("文件被截断", "the file is truncated")
    return None


def _quick_check(path: Path) -> str | None:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=rw", uri=True)
        try:
            conn.execute("PRAGMA busy_timeout=5000")
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if not health.is_damage(exc):
            raise
        return str(exc)
    if rows != [("ok",)]:
        return "; ".join(str(r[0]) for r in rows[:3])
    return None


def _wal_missing(path: Path) -> bool:
    """After a crash the -wal file must still be there: SQLite removes it only when the last
    connection closes cleanly. Gone means someone deleted it, and with it the newest writes."""
    return path.stat().st_size > 0 and not path.with_name(path.name + "-wal").exists()


def check_database(data_dir: str | Path, *, quick: bool = True, previous_crashed: bool = False,
                   budget: float = health.START_BUDGET) -> str:
    """Return "new" (no database yet: open_database may create it) or "ok"; else raise.

    quick=True runs the full PRAGMA quick_check (about 2 s on the 100,000-learner demo: after
    a crash, and for `ccschool check`); quick=False checks table by table, smallest first,
    within `budget` seconds (every start; the desktop app's background check does the rest).
    previous_crashed: the lock file still held the last run's note (see safety/lock.py).
    """
    data_dir = Path(data_dir)
    path = data_dir / DB_FILENAME
    has_backups = latest_backup(data_dir) is not None
    if not path.exists():
        if has_backups:
            raise _broken(L("数据库文件不见了", "the database file is missing"), data_dir)
        return "new"
    if path.stat().st_size == 0 and not path.with_name(DB_FILENAME + "-wal").exists():
        if has_backups:
            raise _broken(L("文件是空的", "the file is empty"), data_dir)
        return "new"  # a first start that stopped before the schema was written
    if not os.access(data_dir, os.W_OK) or not os.access(path, os.W_OK):
        raise read_only_error()
    note = health.damage_note(path)
    if note is not None:
        raise _broken(note.get("detail", "?"), data_dir)
    problem = _header_problem(path)
    if problem is None and previous_crashed and _wal_missing(path):
        raise _broken(L("上次异常退出后，日志文件 {name}-wal 被删除了，最近的录入可能已丢失",
                        "after the last crash its log file {name}-wal was deleted; the newest "
                        "entries may be lost", name=DB_FILENAME), data_dir, WalMissing)
    if problem is None:
        problem = _quick_check(path) if quick else health.startup_check(path, budget).problem
    if problem:
        health.mark_damaged(path, problem)
        raise _broken(problem, data_dir)
    return "ok"
