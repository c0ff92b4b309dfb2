"""Backups with SQLite's online backup API, verified, rotated, and recorded for the status bar.

Never a file copy of the live database: in WAL mode the newest sign-ins may sit in the -wal
file, and a copy taken while the app writes can be torn. The backup reads one consistent
snapshot (a read transaction pinned for the whole copy) in steps, pausing between steps so the
check-in desk keeps writing; WAL readers never block writers.
"""
from __future__ import annotations

import json
import os
import re
import sqlite3
import time
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable

from ccschool import clock
from ccschool.errors import NotFound
from ccschool.fileio import atomic_path, remove_stale_parts, scratch_file, write_bytes_atomic
from ccschool.i18n import L
from ccschool.safety import rotation, sealed
from ccschool.safety.storage import DatabaseCorrupt, storage_errors

BACKUP_DIR = "backups"
SEALED_SUFFIX = ".ccsbak"  # an encrypted backup (safety/sealed.py)
LAST_BACKUP = "last_backup.json"
DB_FILENAME = "ccschool.db"  # same as ccschool.db.DB_FILENAME (not imported: migrate imports us)
STEP_PAGES = 4096  # 16 MB per step at SQLite's 4 KiB pages
STEP_PAUSE = 0.002  # seconds between steps: lets writers at the desk take the disk
REQUIRED_TABLES = {"alembic_version", "site", "person", "learner", "attendance"}
_NAME = re.compile(r"^ccschool-(\d{8}-\d{6})(?:-\d+)?-([a-z0-9-]+)\.db$")

Progress = Callable[[int, int], None]  # (pages done, pages total); may raise to cancel


@dataclass
class BackupResult:
    path: str
    at: str
    reason: str
    size: int
    seconds: float
    ok: bool = True


def backups_dir(data_dir: str | Path) -> Path:
    return Path(data_dir) / BACKUP_DIR


def _connect_existing(path: Path) -> sqlite3.Connection:
    """Open a database that must already exist (mode=rw never creates an empty file)."""
    conn = sqlite3.connect(f"file:{path}?mode=rw", uri=True, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout=5000")
    return conn


def copy_database(src: Path, dest: Path, *, progress: Progress | None = None,
                  step_pages: int = STEP_PAGES, pause: float = STEP_PAUSE) -> int:
    """Online-backup src into dest; returns the number of pages copied.

    The read transaction opened before the first step pins one snapshot, so writes by other
    connections during the copy neither restart it (as they would otherwise) nor leak into it.
    """
    source = _connect_existing(src)
    try:
        source.execute("BEGIN")
        source.execute("SELECT count(*) FROM sqlite_master").fetchone()
        target = sqlite3.connect(dest)
        total = [0]
        try:
            def step(_status, remaining, pages):
                total[0] = pages
                if progress:
                    progress(pages - remaining, pages)
                if remaining and pause:
                    time.sleep(pause)

            source.backup(target, pages=step_pages, progress=step)
            # A backup file stands alone: no -wal beside it on a USB stick.
            target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()
        source.rollback()
        return total[0]
    finally:
        source.close()


def verify_backup(path: Path, *, require_schema: bool = True) -> None:
    """Raise DatabaseCorrupt unless path passes integrity_check (and has our tables)."""
    conn = _connect_existing(path)
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()
    if rows != [("ok",)]:
        raise DatabaseCorrupt("备份校验失败：{detail}", "The backup failed its check: {detail}",
                              detail="; ".join(str(r[0]) for r in rows[:3]))
    missing = REQUIRED_TABLES - tables
    if missing and require_schema:
        raise DatabaseCorrupt("备份缺少数据表：{t}", "The backup lacks tables: {t}",
                              t=", ".join(sorted(missing)))


def _note_if_source_damaged(src: Path, exc: Exception) -> None:
    """Every backup is a full check: when its copy fails integrity_check, check the database
    itself (a bad sector where the copy was written is not the database's fault); damage
    there stops all writing until a restore (safety/health.py)."""
    from ccschool.safety import health

    if not isinstance(exc, DatabaseCorrupt):
        return
    conn = None
    try:
        conn = sqlite3.connect(f"file:{src}?mode=ro", uri=True)
        rows = conn.execute("PRAGMA quick_check").fetchall()
        problem = None if rows == [("ok",)] else "; ".join(str(r[0]) for r in rows[:3])
    except sqlite3.DatabaseError as err:
        problem = str(err) if health.is_damage(err) else None
    finally:
        if conn is not None:
            conn.close()
    if problem:
        health.mark_damaged(src, problem)


def _backup_name(at: datetime, reason: str, folder: Path, suffix: str = ".db") -> Path:
    reason = re.sub(r"[^a-z0-9-]+", "-", reason.lower()).strip("-") or "manual"
    stamp = clock.file_stamp(at)
    path = folder / f"ccschool-{stamp}-{reason}{suffix}"
    n = 2
    while path.exists():
        path = folder / f"ccschool-{stamp}-{n}-{reason}{suffix}"
        n += 1
    return path


def backup_file(src: Path, dest: Path, *, reason: str, progress: Progress | None = None,
                data_dir: Path | None = None, require_schema: bool = True) -> BackupResult:
    """Back up the database file src to dest (atomically, verified) and record the outcome."""
    started = time.perf_counter()
    data_dir = data_dir or src.parent
    try:
        with storage_errors():
            with atomic_path(dest) as tmp:
                try:
                    copy_database(src, tmp, progress=progress)
                    verify_backup(tmp, require_schema=require_schema)
                finally:  # a failed copy leaves its rollback journal behind
                    Path(f"{tmp}-journal").unlink(missing_ok=True)
    except Exception as exc:
        _record_failure(data_dir, exc)
        _note_if_source_damaged(src, exc)
        raise
    result = BackupResult(path=str(dest), at=clock.iso(), reason=reason, size=dest.stat().st_size,
        seconds=round(time.perf_counter() - started, 2))
    _record(data_dir, result)
    return result


def make_backup(data_dir: str | Path, *, reason: str = "manual", out: str | Path | None = None,
                progress: Progress | None = None, password: str | None = None) -> BackupResult:
    """Back up data_dir's database into backups/ (rotated), or to `out` (a file or a folder).

    A backup to `out` leaves the data folder (a USB stick): it is encrypted with `password`
    (see safety/sealed.py), and the clear copy it is made from never leaves the data folder.
    """
    data_dir = Path(data_dir)
    src = data_dir / DB_FILENAME
    if not src.exists():
        raise NotFound("数据文件夹中没有数据库：{path}", "No database in the data folder: {path}",
                       path=src)
    if out is None:
        folder = backups_dir(data_dir)
        folder.mkdir(parents=True, exist_ok=True)
        remove_stale_parts(folder)  # what a killed backup left behind
        result = backup_file(src, _backup_name(clock.now(), reason, folder), reason=reason,
                             progress=progress, data_dir=data_dir)
        rotation.rotate(list_backups_raw(data_dir))
        return result
    password = sealed.check_new_password(password)
    out = Path(out)
    if out.is_dir():
        out = _backup_name(clock.now(), reason, out, suffix=SEALED_SUFFIX)
    return _sealed_backup(src, out, reason=reason, progress=progress, data_dir=data_dir,
                          password=password)


def _sealed_backup(src: Path, out: Path, *, reason: str, progress: Progress | None,
                   data_dir: Path, password: str) -> BackupResult:
    """A verified clear backup inside the data folder, then encrypted onto out (atomically)."""
    started = time.perf_counter()
    folder = backups_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    try:  # the clear copy is locked while in use: another backup's cleanup leaves it alone
        with storage_errors(), scratch_file(folder, "sealing") as clear:
            copy_database(src, clear, progress=progress)
            verify_backup(clear)
            with atomic_path(out) as tmp, open(tmp, "wb") as f:
                sealed.seal(clear, f, password, progress=progress)
    except Exception as exc:
        _record_failure(data_dir, exc)
        _note_if_source_damaged(src, exc)
        raise
    result = BackupResult(path=str(out), at=clock.iso(), reason=reason, size=out.stat().st_size,
        seconds=round(time.perf_counter() - started, 2))
    _record(data_dir, result)
    return result


def backup_before(data_dir: str | Path, reason: str) -> BackupResult | None:
    """A backup before something risky (month close, restore, upgrade); None if no database yet."""
    if not (Path(data_dir) / DB_FILENAME).exists():
        return None
    return make_backup(data_dir, reason=f"before-{reason}")


def keep_current_as_backup(data_dir: str | Path, reason: str) -> BackupResult | None:
    """The current database itself becomes a backup, by a hard link: no copy at all.

    For a restore, which is about to replace the file anyway (issue 22: a copy plus a check of
    the 1.4 GB demo was half a restore's time). Needs the database to ourselves: the WAL is
    folded in and the file switched out of WAL mode (a backup stands alone), which SQLite
    refuses while another connection is open. The file gets a quick_check: it is read in full
    once (page structure, not index contents) and a damaged one raises DatabaseCorrupt.
    None when the fast way is not possible here (file busy, no hard links on this disk): the
    caller then makes an ordinary backup.
    """
    data_dir = Path(data_dir)
    src = data_dir / DB_FILENAME
    if not src.exists():
        return None
    started = time.perf_counter()
    conn = None
    try:
        conn = sqlite3.connect(f"file:{src}?mode=rw", uri=True, timeout=0)
        # checked first: a damaged file is set aside byte for byte, not switched out of WAL
        rows = conn.execute("PRAGMA quick_check").fetchall()
        if rows == [("ok",)]:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
            if mode.lower() != "delete":
                return None
    except sqlite3.DatabaseError as exc:
        from ccschool.safety import health

        if health.is_damage(exc):
            raise DatabaseCorrupt("数据库校验失败：{detail}", "The database failed its check: "
                                  "{detail}", detail=str(exc)) from exc
        return None  # busy (another program has it open): the ordinary backup copes with that
    finally:
        if conn is not None:
            conn.close()
    if rows != [("ok",)]:
        raise DatabaseCorrupt("数据库校验失败：{detail}", "The database failed its check: {detail}",
                              detail="; ".join(str(r[0]) for r in rows[:3]))
    folder = backups_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    dest = _backup_name(clock.now(), reason, folder)
    try:
        os.link(src, dest)
    except OSError:
        return None  # FAT/exFAT and some network folders have no hard links
    _fsync_dir(folder)
    result = BackupResult(path=str(dest), at=clock.iso(), reason=reason, size=dest.stat().st_size,
                          seconds=round(time.perf_counter() - started, 2))
    _record(data_dir, result)
    rotation.rotate(list_backups_raw(data_dir))
    return result


def _fsync_dir(folder: Path) -> None:
    if hasattr(os, "O_DIRECTORY"):  # make a new name durable (POSIX)
        fd = os.open(folder, os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def backup_if_due(data_dir: str | Path, now: datetime | None = None) -> BackupResult | None:
    """The daily backup: made when no backup of today's date exists (the shell calls this)."""
    today = clock.local(now or clock.now()).date()  # backup names are China time too
    if not (Path(data_dir) / DB_FILENAME).exists():
        return None
    if any(at.date() == today for at, _ in list_backups_raw(data_dir)):
        return None
    return make_backup(data_dir, reason="daily")


def backup_before_migration(db_path: str | Path) -> BackupResult | None:
    """Called by migrate.upgrade_to_head when an existing database is about to be upgraded."""
    path = Path(db_path)
    if not path.is_file() or path.stat().st_size == 0:
        return None
    conn = _connect_existing(path)
    try:
        has_tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table'"
                                  ).fetchone()[0] > 0
    finally:
        conn.close()
    if not has_tables:
        return None
    folder = backups_dir(path.parent)
    folder.mkdir(parents=True, exist_ok=True)
    return backup_file(path, _backup_name(clock.now(), "before-upgrade", folder),
                       reason="before-upgrade", data_dir=path.parent, require_schema=False)


# -- listing and the status file ---------------------------------------------------------------

def list_backups_raw(data_dir: str | Path) -> list[tuple[datetime, Path]]:
    """(time, path) of every backup in backups/, newest first; the time is China wall-clock
    time as in the name (naive)."""
    folder = backups_dir(data_dir)
    found = []
    for path in folder.glob("ccschool-*.db") if folder.is_dir() else ():
        m = _NAME.match(path.name)
        if m:
            found.append((datetime.strptime(m.group(1), "%Y%m%d-%H%M%S"), path))
    return sorted(found, key=lambda item: item[0], reverse=True)


def _reason(path: Path) -> str:
    found = _NAME.match(path.name)  # list_backups_raw lists only names that match
    return found.group(2) if found else ""


def list_backups(data_dir: str | Path) -> list[dict]:
    return [{"at": at.replace(tzinfo=clock.CHINA).isoformat(timespec="seconds"), "path": str(path),
             "reason": _reason(path), "size": path.stat().st_size}
            for at, path in list_backups_raw(data_dir)]


def latest_backup(data_dir: str | Path) -> Path | None:
    """The newest backup that still looks like a SQLite file (each was verified when made)."""
    for _, path in list_backups_raw(data_dir):
        try:
            with open(path, "rb") as f:
                if f.read(16) == b"SQLite format 3\x00":
                    return path
        except OSError:
            continue
    return None


def read_status(data_dir: str | Path) -> dict | None:
    """last_backup.json: {"at", "path", "ok", ...} or None when no backup was ever made."""
    try:
        return json.loads((Path(data_dir) / LAST_BACKUP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write_status(data_dir: Path, status: dict) -> None:
    data = json.dumps(status, ensure_ascii=False, indent=1).encode("utf-8")
    try:
        write_bytes_atomic(data_dir / LAST_BACKUP, data)
    except OSError:
        pass  # a full disk already made the backup fail; that error is the one to show


def _record(data_dir: Path, result: BackupResult) -> None:
    _write_status(data_dir, asdict(result))


def _record_failure(data_dir: Path, exc: Exception) -> None:
    previous = read_status(data_dir) or {}
    last_ok = previous if previous.get("ok") else previous.get("last_ok")
    _write_status(data_dir, {"at": clock.iso(),
                             "path": None, "ok": False, "error": str(exc), "last_ok": last_ok})


def describe(result: BackupResult) -> str:
    return L("备份完成并已校验：{path}（{mb:.1f} MB，{s} 秒）",
             "Backup written and verified: {path} ({mb:.1f} MB, {s} s)",
             path=result.path, mb=result.size / 1e6, s=result.seconds)
