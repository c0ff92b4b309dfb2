"""Start-up safety: one app per data folder; a damaged database is restored, never replaced."""
from __future__ import annotations

import sqlite3

from ccschool.db import open_database
from ccschool.safety.backup import make_backup
from ccschool.safety.lock import InstanceLock
from ccschool.ui.ops import Change, OpChanges
from ccschool.ui.shell import startup_checks as startup_checks


def _new_db(data_dir):
    db = open_database(data_dir)
    with db.transaction() as s:
        from ccschool.services import site
        site.init_site(s, code="LOCK01", name="锁测试")
    db.close()


def test_second_instance_is_refused_with_a_message(qapp, data_dir):
    _new_db(data_dir)
    first = InstanceLock(data_dir)
    said = []
    try:
        assert startup_checks.acquire(data_dir, warn=lambda t, m: said.append(m)) is None
    finally:
        first.release()
    assert said and "已经在使用这个数据文件夹" in said[0]
    lock = startup_checks.acquire(data_dir, warn=lambda t, m: said.append(m))
    assert lock is not None
    lock.release()


def test_damaged_database_is_restored_from_the_latest_backup(qapp, data_dir):
    _new_db(data_dir)
    make_backup(data_dir, reason="daily")
    path = data_dir / "ccschool.db"
    path.write_bytes(b"this is not a database" * 100)
    asked = []
    lock = startup_checks.acquire(data_dir, warn=lambda t, m: asked.append(m),
                                  ask=lambda t, m: asked.append(m) or True)
    assert lock is not None, asked
    lock.release()
    con = sqlite3.connect(path)
    assert con.execute("SELECT code FROM site").fetchone() == ("LOCK01",)
    con.close()


def test_damaged_database_without_consent_stops_and_keeps_the_file(qapp, data_dir):
    _new_db(data_dir)
    make_backup(data_dir, reason="daily")
    path = data_dir / "ccschool.db"
    path.write_bytes(b"garbage" * 1000)
    lock = startup_checks.acquire(data_dir, warn=lambda t, m: None, ask=lambda t, m: False)
    assert lock is None
    assert path.read_bytes() == b"garbage" * 1000


def test_daily_backup_runs_beside_the_database_worker(qtbot, db, data_dir, monkeypatch):
    """Staff open the app as a session starts: the first scans must not queue behind the day's
    backup, which takes tens of seconds on a big database."""
    import threading

    from ccschool.safety import backup
    from ccschool.ui.ops.background import BackgroundRunner
    from ccschool.ui.shell.context import AppContext

    started, release = threading.Event(), threading.Event()
    real = backup.backup_if_due

    def slow_backup(folder):
        started.set()
        assert release.wait(30)
        return real(folder)

    monkeypatch.setattr(backup, "backup_if_due", slow_backup)
    ctx = AppContext(db=db, run_in_background=BackgroundRunner(), run_long=BackgroundRunner(),
                     data_dir=data_dir)
    backed_up = []
    ctx.signals.records_changed.connect(backed_up.append)
    startup_checks.daily_backup(ctx)
    assert started.wait(30)
    desk = []

    def desk_write():  # what a sign-in does: a short write transaction on the worker
        from ccschool.services import learners

        with db.transaction(actor="desk") as s:
            return learners.create_learner(s, name="张三").card_no

    ctx.run_in_background(desk_write, desk.append)
    qtbot.waitUntil(lambda: bool(desk), timeout=5000)  # while the backup is still running
    release.set()
    qtbot.waitUntil(lambda: backed_up == [OpChanges.of(Change.BACKUP)], timeout=30000)
    assert len(backup.list_backups(data_dir)) == 1
