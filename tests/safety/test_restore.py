"""Restore: undoable, checked, atomic; anything that is not a backup changes nothing."""
from __future__ import annotations

import hashlib
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from ccschool.errors import Conflict, ValidationError
from ccschool.safety import backup
from ccschool.safety.restore import record_restore, restore_backup
from tests.safety.conftest import counts, integrity
from tests.conftest import ADMIN_ENV


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _add_setting(path: Path, key: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO setting (key, value) VALUES (?, '1')", (key,))
    conn.commit()
    conn.close()


def test_restore_brings_back_the_backup_and_saves_the_current_data(filled, data_dir):
    saved = backup.make_backup(data_dir)
    before = counts(filled.path)
    conn = sqlite3.connect(filled.path)
    conn.execute("DELETE FROM attendance WHERE rowid IN (SELECT rowid FROM attendance LIMIT 10)")
    conn.commit()
    conn.close()
    filled.close()

    result = restore_backup(data_dir, saved.path)
    assert counts(data_dir / "ccschool.db")["attendance"] == before["attendance"]
    assert integrity(data_dir / "ccschool.db") == [("ok",)]
    # The data as it was just before the restore is itself a backup: a restore can be undone.
    assert counts(Path(result.previous_backup))["attendance"] == before["attendance"] - 10
    assert not list(data_dir.glob(".restore-*"))


def test_restore_while_the_app_has_the_database_open(filled, data_dir):
    from ccschool.migrate import upgrade_to_head
    from ccschool.models import Setting

    saved = backup.make_backup(data_dir)
    with filled.transaction(actor="admin") as s:
        s.add(Setting(key="after_backup", value="1"))
    # The GUI path: close the engine's connections just before the swap, keep the Database.
    result = restore_backup(data_dir, saved.path, before_swap=filled.engine.dispose)
    upgrade_to_head(filled.engine)
    record_restore(filled, result, actor="admin")
    with filled.read() as s:
        assert s.get(Setting, "after_backup") is None
    from ccschool.services import audit_log
    with filled.read() as s:
        entries = audit_log.entries(s, role="admin", limit=1)
    assert entries[0]["action"] == "backup.restore"
    assert entries[0]["after"]["file"] == saved.path


def test_stale_wal_of_the_old_database_is_not_replayed(filled, data_dir):
    saved = backup.make_backup(data_dir)
    keeper = sqlite3.connect(filled.path)  # keep a WAL full of changes alive
    keeper.execute("PRAGMA wal_autocheckpoint=0")
    for i in range(200):
        keeper.execute("INSERT INTO setting (key, value) VALUES (?, 'x')", (f"k{i}",))
    keeper.commit()
    keeper.close()
    filled.close()
    restore_backup(data_dir, saved.path)
    conn = sqlite3.connect(data_dir / "ccschool.db")
    assert conn.execute("SELECT count(*) FROM setting WHERE key LIKE 'k%'").fetchone() == (0,)
    conn.close()
    assert integrity(data_dir / "ccschool.db") == [("ok",)]


def _xlsx(path: Path) -> Path:
    wb = Workbook()
    wb.active.append(["姓名", "身份证号"])
    wb.save(path)
    return path


def _other_sqlite(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    return path


def _truncated(path: Path, source: Path) -> Path:
    path.write_bytes(source.read_bytes()[: 3 * 4096])
    return path


def _scrambled(path: Path, source: Path) -> Path:
    data = bytearray(source.read_bytes())
    data[8192:8192 + 4096] = bytes(range(256)) * 16  # one b-tree page overwritten
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize("make", ["text", "empty", "xlsx", "zip", "other_sqlite", "truncated",
                                  "scrambled", "missing", "folder"])
def test_a_file_that_is_not_a_backup_changes_nothing(filled, data_dir, tmp_path, make):
    good = Path(backup.make_backup(data_dir).path)
    filled.close()
    bad = tmp_path / f"bad-{make}.db"
    if make == "text":
        bad.write_text("这不是备份\n", encoding="gbk")
    elif make == "empty":
        bad.write_bytes(b"")
    elif make == "xlsx":
        _xlsx(bad)
    elif make == "zip":
        with zipfile.ZipFile(bad, "w") as zf:
            zf.writestr("ccschool.db", b"SQLite format 3\x00")
    elif make == "other_sqlite":
        _other_sqlite(bad)
    elif make == "truncated":
        _truncated(bad, good)
    elif make == "scrambled":
        _scrambled(bad, good)
    elif make == "folder":
        bad.mkdir()
    current = data_dir / "ccschool.db"
    digest, listing = _digest(current), sorted(p.name for p in data_dir.rglob("*"))
    with pytest.raises(ValidationError) as err:
        restore_backup(data_dir, bad)
    assert bad.name in str(err.value)
    assert _digest(current) == digest
    assert sorted(p.name for p in data_dir.rglob("*")) == listing  # no temp files, no backup


def test_backup_of_another_site_needs_force(filled, data_dir, tmp_path):
    other = tmp_path / "other.db"
    backup.copy_database(filled.path, other)
    conn = sqlite3.connect(other)
    conn.execute("UPDATE site SET code='OTHER9'")
    conn.commit()
    conn.close()
    filled.close()
    with pytest.raises(Conflict) as err:
        restore_backup(data_dir, other)
    assert "OTHER9" in str(err.value) and "TEST01" in str(err.value)
    result = restore_backup(data_dir, other, force=True)
    assert result.site_code == "OTHER9"


def test_backup_from_a_newer_version_is_refused(filled, data_dir, tmp_path):
    newer = tmp_path / "newer.db"
    backup.copy_database(filled.path, newer)
    conn = sqlite3.connect(newer)
    conn.execute("DELETE FROM alembic_version")
    conn.execute("INSERT INTO alembic_version VALUES ('zz_9999_future')")
    conn.commit()
    conn.close()
    filled.close()
    with pytest.raises(ValidationError, match="更新版本"):
        restore_backup(data_dir, newer)


def test_restore_command_line(filled, data_dir, run_cli, tmp_path, monkeypatch):
    usb = tmp_path / "usb.db"
    backup.make_backup(data_dir, out=usb, password="usb-password")
    monkeypatch.setenv("CCSCHOOL_BACKUP_PASSWORD", "usb-password")
    _add_setting(filled.path, "later")
    filled.close()
    done = run_cli("restore", usb, "--json", env=ADMIN_ENV)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["counts"]["learner"] == 40 and Path(out["previous_backup"]).exists()
    done = run_cli("audit", "list", "--json", env=ADMIN_ENV)
    entries = [e for e in json.loads(done.stdout) if not e["action"].startswith("staff.login")]
    assert entries[0]["action"] == "backup.restore" and entries[0]["actor"] == "admin"


def test_restore_command_line_refuses_junk(filled, data_dir, run_cli, tmp_path):
    filled.close()
    junk = tmp_path / "photo.jpg"
    junk.write_bytes(b"\xff\xd8\xff\xe0" + bytes(5000))
    done = run_cli("restore", junk, env=ADMIN_ENV)
    assert done.returncode == 1
    assert "不是 ccschool 的备份文件" in done.stderr and "没有做任何改动" in done.stderr


def test_the_data_before_a_restore_is_kept_whole_and_restores_back(filled, data_dir):
    """The running app's newest writes (still in its WAL) are in the before-restore backup,
    which stands alone (no -wal beside it) and undoes the restore."""
    from ccschool.models import Setting
    from ccschool.safety.restore import restore_into

    saved = backup.make_backup(data_dir)
    with filled.transaction(actor="admin") as s:
        s.add(Setting(key="after_backup", value="1"))
    result = restore_into(filled, saved.path, actor="admin")
    kept = Path(result.previous_backup)
    assert kept.parent == backup.backups_dir(data_dir) and "before-restore" in kept.name
    assert not Path(f"{kept}-wal").exists()
    assert any(b["path"] == str(kept) for b in backup.list_backups(data_dir))
    conn = sqlite3.connect(f"file:{kept}?mode=ro", uri=True)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert conn.execute("SELECT value FROM setting WHERE key='after_backup'").fetchone() == ("1",)
    conn.close()
    with filled.read() as s:
        assert s.get(Setting, "after_backup") is None

    restore_into(filled, kept, actor="admin")  # undo
    with filled.read() as s:
        assert s.get(Setting, "after_backup").value == "1"
    assert integrity(data_dir / "ccschool.db") == [("ok",)]
