"""Restore a backup: check it, back up what is there now, then swap the files atomically.

The order matters. The candidate is copied into the data folder and checked there (so a USB
stick pulled out half-way cannot leave half a database), the engines are closed, the current
database is kept as a backup (a restore is undoable; a hard link, see _save_current), the old
-wal/-shm are removed (a stale WAL
next to a different database file would be replayed into it), and one os.replace swaps.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ccschool import clock
from ccschool.errors import Conflict, ValidationError
from ccschool.i18n import L
from ccschool.safety import health, sealed
from ccschool.safety.backup import (DB_FILENAME, REQUIRED_TABLES, backup_before,
                                    keep_current_as_backup)
from ccschool.safety.checks import SQLITE_MAGIC
from ccschool.safety.storage import DatabaseCorrupt, storage_errors


@dataclass
class RestoreResult:
    restored_from: str
    site_code: str | None
    counts: dict
    previous_backup: str | None  # the database as it was before the restore
    broken_kept: bool = False  # previous_backup is the damaged file, set aside as it was


def _not_a_backup(path: Path, why: str) -> ValidationError:
    return ValidationError("{name} 不是 ccschool 的备份文件（{why}），没有做任何改动。",
                           "{name} is not a ccschool backup ({why}); nothing was changed.",
                           name=path.name, why=why, field="file")


def _read_facts(path: Path, shown: Path) -> dict:
    """Integrity, schema and a summary of a candidate file, or a ValidationError saying why not.

    `path` is the copy being checked, `shown` the file the user picked (named in messages).
    """
    conn = sqlite3.connect(f"file:{path}?mode=rw", uri=True)
    try:
        if conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
            raise _not_a_backup(shown, L("文件已损坏", "damaged"))
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if REQUIRED_TABLES - tables:
            raise _not_a_backup(shown, L("是别的软件的数据", "another program's data"))
        revisions = {r[0] for r in conn.execute("SELECT version_num FROM alembic_version")}
        site = conn.execute("SELECT code FROM site WHERE deleted_at IS NULL").fetchone()
        counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("person", "learner", "attendance")}
    except sqlite3.DatabaseError as exc:
        raise _not_a_backup(shown, str(exc)) from exc
    finally:
        conn.close()
    return {"revisions": revisions, "site_code": site[0] if site else None, "counts": counts}


def _check_revisions(path: Path, revisions: set[str]) -> None:
    from alembic.script import ScriptDirectory

    from ccschool.migrate import alembic_config

    script = ScriptDirectory.from_config(alembic_config())
    known = {rev.revision for rev in script.walk_revisions()}
    if not revisions or revisions - known:
        raise ValidationError("{name} 由更新版本的 ccschool 生成，请先升级本软件再恢复。",
                              "{name} was made by a newer ccschool; update this program first.",
                              name=path.name, field="file")


def _check_schema(copy: Path, shown: Path, revisions: set[str]) -> None:
    """Refuse a backup whose schema is not exactly what the migrations build (issue 16)."""
    from ccschool.safety.schema import schema_differences

    found = schema_differences(copy, revisions)
    if not found:
        return
    more = len(found) - 3
    zh = "; ".join(t.zh for t in found[:3]) + (f" 等 {len(found)} 处" if more > 0 else "")
    en = "; ".join(t.en for t in found[:3]) + (f" and {more} more" if more > 0 else "")
    raise ValidationError(
        f"{shown.name} 的数据库结构与本软件不符（{zh}），可能被改动过，不能恢复。没有做任何改动。",
        f"The database structure of {shown.name} does not match this program ({en}); it may "
        "have been tampered with and cannot be restored. Nothing was changed.", field="file")


class PasswordNeeded(ValidationError):
    """The backup is encrypted and no password was given: ask for one and call again."""

    code = "password_needed"


def _copy_in(path: Path, tmp: Path, password: str | None) -> None:
    """Copy the picked file into the data folder, decrypting an encrypted backup on the way."""
    if not sealed.is_sealed(path):
        shutil.copyfile(path, tmp)
        return
    if password is None:
        raise PasswordNeeded("{name} 是加密备份，请输入备份密码。",
                             "{name} is an encrypted backup; enter its password.",
                             name=path.name, field="password")
    with open(tmp, "wb") as f:
        sealed.unseal(path, f, password)


def inspect_backup(path: str | Path, workdir: Path, password: str | None = None
                   ) -> tuple[Path, dict]:
    """Copy path into workdir (decrypted with password) and check the copy; return (the copy,
    its facts)."""
    path = Path(path)
    try:
        with open(path, "rb") as f:
            magic = f.read(16)
    except OSError as exc:
        raise ValidationError("无法读取 {name}：{err}", "Cannot read {name}: {err}",
                              name=path.name, err=exc.strerror, field="file") from exc
    if magic != SQLITE_MAGIC and not magic.startswith(sealed.MAGIC):
        raise _not_a_backup(path, L("不是数据库文件", "not a database file"))
    fd, name = tempfile.mkstemp(prefix=".restore-", suffix=".db", dir=workdir)
    os.close(fd)
    tmp = Path(name)
    try:
        with storage_errors():
            _copy_in(path, tmp, password)
        with open(tmp, "rb") as f:
            if f.read(16) != SQLITE_MAGIC:
                raise _not_a_backup(path, L("不是数据库文件", "not a database file"))
        facts = _read_facts(tmp, path)
        _check_revisions(path, facts["revisions"])
        _check_schema(tmp, path, facts["revisions"])
    except BaseException:
        _remove_db_files(tmp)
        raise
    return tmp, facts


def _remove_db_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{path}{suffix}")


def _current_site(db_path: Path) -> str | None:
    if not db_path.exists():
        return None
    conn = sqlite3.connect(f"file:{db_path}?mode=rw", uri=True)
    try:
        row = conn.execute("SELECT code FROM site WHERE deleted_at IS NULL").fetchone()
    except sqlite3.DatabaseError:
        return None  # a broken database is exactly what a restore is for
    finally:
        conn.close()
    return row[0] if row else None


def _swap(candidate: Path, db_path: Path) -> None:
    """Fold the WAL into the old file, drop its -wal/-shm, then one atomic rename."""
    if db_path.exists():
        with contextlib.suppress(sqlite3.DatabaseError):
            conn = sqlite3.connect(f"file:{db_path}?mode=rw", uri=True)
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.close()
    for suffix in ("-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{db_path}{suffix}")
    with open(candidate, "rb+") as f:
        os.fsync(f.fileno())
    os.replace(candidate, db_path)
    if hasattr(os, "O_DIRECTORY"):  # make the rename itself durable (POSIX)
        fd = os.open(db_path.parent, os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _set_aside_broken(db_path: Path) -> Path:
    """Keep a damaged database (and its WAL) under a new name: an expert may still save rows."""
    stamp = clock.file_stamp()
    kept = db_path.with_name(f"{db_path.name}.broken-{stamp}")
    n = 2
    while kept.exists():  # a second restore in the same second keeps both damaged files
        kept = db_path.with_name(f"{db_path.name}.broken-{stamp}-{n}")
        n += 1
    for suffix in ("", "-wal", "-shm"):
        part = Path(str(db_path) + suffix)
        if part.exists():
            os.replace(part, Path(str(kept) + suffix))
    return kept


def _save_current(data_dir: Path) -> str | None:
    """Keep the database as it is now as a backup (a restore is undoable); its path.

    The file is about to be replaced, so it becomes the backup itself (a hard link, after a
    quick_check) instead of being copied and checked in full: the restore then costs one copy
    and one check of the backup (issue 22). When another program still has the file open, or
    the disk has no hard links, an ordinary online backup is made instead.
    """
    saved = keep_current_as_backup(data_dir, "before-restore")
    if saved is None:
        saved = backup_before(data_dir, "restore")
    return saved.path if saved else None


def _refuse_other_site(db_path: Path, facts: dict, force: bool) -> None:
    current = _current_site(db_path)
    if current and facts["site_code"] and current != facts["site_code"] and not force:
        raise Conflict("备份属于站点 {theirs}，本机是站点 {ours}。确认要用它替换本机数据吗？"
                       "（命令行加 --force）",
                       "The backup belongs to site {theirs}, this computer is site {ours}. "
                       "Use --force to replace this computer's data with it.",
                       theirs=facts["site_code"], ours=current)


def _keep_clock(db_path: Path) -> None:
    """Versions made here must stay newer than any the current file made (ccschool/sync/hlc.py)."""
    from ccschool.sync import hlc

    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            value = hlc.current(conn)
        finally:
            conn.close()
    except sqlite3.Error:
        return  # no clock in it (or unreadable): the floor file and the wall clock still hold
    hlc.write_floor(db_path.parent, value)


def restore_backup(data_dir: str | Path, file: str | Path, *, force: bool = False,
                   before_swap=None, current_is_broken: bool = False,
                   password: str | None = None) -> RestoreResult:
    """Replace data_dir's database with the backup `file`.

    `before_swap()` is called after every check of the backup passed, before the current file
    is kept as a backup and swapped out: the GUI closes its engine there. A backup of another site
is refused unless force=True.
    A damaged current file cannot be backed up (its backup fails the integrity check), and a
    damaged file is exactly what a restore is for: it is set aside as `ccschool.db.broken-<stamp>`
    instead, whether the caller knew (current_is_broken) or the backup found out.
    """
    data_dir = Path(data_dir)
    db_path = data_dir / DB_FILENAME
    candidate, facts = inspect_backup(file, data_dir, password)
    previous = None
    current_is_broken = current_is_broken or health.damage_note(db_path) is not None
    try:
        if not current_is_broken:
            _refuse_other_site(db_path, facts, force)
        if before_swap:
            before_swap()
        if not current_is_broken:
            try:
                _keep_clock(db_path)  # versions stay newer than anything this file ever sent
                previous = _save_current(data_dir)
            except DatabaseCorrupt:
                current_is_broken = True
        if current_is_broken and db_path.exists():
            previous = str(_set_aside_broken(db_path))
        with storage_errors():
            _swap(candidate, db_path)
    except BaseException:
        _remove_db_files(candidate)
        raise
    health.clear_damage(db_path)  # the damaged file is set aside: writing may resume
    return RestoreResult(restored_from=str(file), site_code=facts["site_code"],
                         counts=facts["counts"], previous_backup=previous,
                         broken_kept=current_is_broken)


def record_restore(db, result: RestoreResult, actor: str | None) -> None:
    """Write the restore into the (restored) database's audit log."""
    from ccschool import audit

    with db.transaction(actor=actor) as s:
        audit.record(s, "backup.restore", "database", None,
                     after={"file": result.restored_from, "site": result.site_code,
                            "previous_saved_as": result.previous_backup, **result.counts})


def restore_into(db, file: str | Path, *, actor: str | None, force: bool = False,
                 password: str | None = None) -> RestoreResult:
    """Restore under a running app: its engine is closed for the swap and reopens by itself.

    Call it on the database worker, so no other query runs between dispose and swap.
    """
    from ccschool.sync import hlc
    from ccschool.migrate import upgrade_to_head

    result = restore_backup(db.path.parent, file, force=force, before_swap=db.engine.dispose,
                            password=password)
    upgrade_to_head(db.engine)  # a backup made by an older version
    hlc.raise_floor(db.engine, db.path.parent)
    record_restore(db, result, actor)
    return result
