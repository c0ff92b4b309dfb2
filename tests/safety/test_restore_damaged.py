"""Restore works when the current database file is damaged: it is kept aside, not refused
(issue 16, item 3)."""
from __future__ import annotations

import json
from pathlib import Path

from ccschool.safety import backup
from ccschool.safety.restore import restore_into
from tests.conftest import ADMIN_ENV
from tests.safety.conftest import counts, integrity
from tests.safety.damage import garbage_in_the_middle, is_damaged


def _damaged_after_backup(filled, data_dir) -> tuple[Path, bytes, dict]:
    saved = Path(backup.make_backup(data_dir).path)
    before = counts(filled.path)
    filled.close()  # a clean exit: the WAL is folded into the file
    damaged = garbage_in_the_middle(data_dir / "ccschool.db")
    assert is_damaged(data_dir / "ccschool.db")
    return saved, damaged, before


def _kept(data_dir: Path) -> Path:
    (kept,) = [p for p in data_dir.glob("ccschool.db.broken-*")
               if not p.name.endswith(("-wal", "-shm"))]
    return kept


def test_restore_command_over_a_damaged_database(filled, data_dir, run_cli):
    saved, damaged, before = _damaged_after_backup(filled, data_dir)
    done = run_cli("restore", saved, "--json", env=ADMIN_ENV)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["broken_kept"] is True and Path(out["previous_backup"]) == _kept(data_dir)
    assert _kept(data_dir).read_bytes() == damaged  # kept exactly as it was, for an expert
    path = data_dir / "ccschool.db"
    assert integrity(path) == [("ok",)] and counts(path)["learner"] == before["learner"]
    done = run_cli("restore", saved, env=ADMIN_ENV)  # its plain-text message names the kept file
    assert done.returncode == 0 and "恢复前的数据已备份到" in done.stdout


def test_restore_command_says_where_the_damaged_file_went(filled, data_dir, run_cli):
    saved, _damaged, _before = _damaged_after_backup(filled, data_dir)
    done = run_cli("restore", saved, env=ADMIN_ENV)
    assert done.returncode == 0, done.stderr
    assert "原来损坏的数据库文件另存为" in done.stdout and "broken-" in done.stdout


def test_restore_in_the_running_app_over_a_damaged_database(filled, data_dir):
    saved = Path(backup.make_backup(data_dir).path)
    filled.engine.dispose()
    damaged = garbage_in_the_middle(filled.path)
    result = restore_into(filled, saved, actor="管理员")  # what 设置 → 恢复 runs
    assert result.broken_kept and _kept(data_dir).read_bytes() == damaged
    with filled.read() as s:  # the app's Database works on the restored file
        rows = s.connection().exec_driver_sql(
            "SELECT actor, action FROM audit_entry ORDER BY at DESC LIMIT 1").fetchall()
    assert rows == [("管理员", "backup.restore")]
    assert integrity(filled.path) == [("ok",)]


def test_settings_restore_button_over_a_damaged_database(qtbot, filled, data_dir):
    from ccschool.ui.settings.backup_panel import BackupPanel
    from ccschool.ui.ops.background import SyncRunner
    from ccschool.ui.shell.context import AppContext, CurrentUser

    ctx = AppContext(db=filled, run_in_background=SyncRunner(), data_dir=data_dir,
                     user=CurrentUser("管理员", "admin"))
    panel = BackupPanel(ctx)
    qtbot.addWidget(panel)
    panel.backup_to(None)
    saved = panel.backups.item(0).data(256)
    filled.engine.dispose()
    damaged = garbage_in_the_middle(filled.path)
    panel.restore_from(saved, confirmed=True)
    assert "已恢复" in panel.message.text(), panel.message.text()
    assert _kept(data_dir).read_bytes() == damaged
    assert not is_damaged(filled.path)
