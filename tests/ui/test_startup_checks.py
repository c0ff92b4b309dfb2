"""Start-up safety: one app per data folder; a damaged database is restored, never replaced."""
from __future__ import annotations

import sqlite3

from ccschool.db import open_database
from ccschool.safety.backup import make_backup
from ccschool.safety.lock import InstanceLock
from ccschool.ui import startup_checks


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
