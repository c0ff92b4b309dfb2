"""A full disk or a read-only folder: a clear message, the action rolled back, nothing corrupted."""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from sqlalchemy import text

from ccschool.models import Person
from ccschool.safety import backup
from ccschool.safety.storage import DiskFull, ReadOnlyStorage, storage_errors, user_error
from tests.safety.conftest import counts, integrity


def _fill(folder, leave: int) -> None:
    """Leave about `leave` bytes free in folder."""
    free = shutil.disk_usage(folder).free
    with open(folder / "filler.bin", "wb") as f:
        f.write(b"\0" * max(0, free - leave))


def _add_people(db, n: int) -> None:
    with storage_errors(), db.transaction(actor="admin") as s:
        for i in range(n):
            s.add(Person(name=f"学员{i}", notes="备注" * 200))


def _open_fresh(folder):
    from ccschool.db import open_database
    from ccschool.services import site

    database = open_database(folder)
    with database.transaction(actor="admin") as s:
        site.init_site(s, code="TEST01", name="测试镇")
    return database


def test_disk_full_during_a_big_action_rolls_it_back(tiny_fs):
    database = _open_fresh(tiny_fs)
    _add_people(database, 3)
    before = counts(database.path)
    _fill(tiny_fs, leave=150_000)
    with pytest.raises(DiskFull) as err:
        _add_people(database, 3000)
    assert "磁盘空间已满" in str(err.value) and "已撤销" in str(err.value)
    assert counts(database.path) == before
    (tiny_fs / "filler.bin").unlink()  # the coordinator frees space ...
    _add_people(database, 2)  # ... and carries on
    database.close()
    assert counts(tiny_fs / "ccschool.db")["person"] == before["person"] + 2
    assert integrity(tiny_fs / "ccschool.db") == [("ok",)]


def test_disk_full_from_the_command_line(tiny_fs, run_cli):
    database = _open_fresh(tiny_fs)
    database.close()
    before = counts(tiny_fs / "ccschool.db")
    _fill(tiny_fs, leave=200_000)
    done = run_cli("demo", "--learners", "3000", "--months", "1", data=tiny_fs)
    assert done.returncode == 1
    assert "磁盘空间已满" in done.stderr and "Traceback" not in done.stderr
    assert counts(tiny_fs / "ccschool.db") == before
    assert integrity(tiny_fs / "ccschool.db") == [("ok",)]


def test_read_only_folder_from_the_command_line(tiny_fs, run_cli):
    database = _open_fresh(tiny_fs)
    database.close()
    digest = (tiny_fs / "ccschool.db").read_bytes()
    subprocess.run(["mount", "-o", "remount,ro", str(tiny_fs)], check=True)
    done = run_cli("staff-add", "--name", "李四", "--password", "5678", data=tiny_fs)
    assert done.returncode == 1
    assert ("只读" in done.stderr or "读写磁盘出错" in done.stderr), done.stderr
    assert "Traceback" not in done.stderr
    assert (tiny_fs / "ccschool.db").read_bytes() == digest


def test_backup_to_a_full_usb_stick_leaves_no_half_file(filled, data_dir, tiny_fs):
    _fill(tiny_fs, leave=100_000)  # less room than the database needs
    with pytest.raises(DiskFull):
        backup.make_backup(data_dir, out=tiny_fs, password="usb-password")
    assert sorted(p.name for p in tiny_fs.iterdir()) == ["filler.bin"]
    status = json.loads((data_dir / "last_backup.json").read_text(encoding="utf-8"))
    assert status["ok"] is False and "磁盘空间已满" in status["error"]


def test_sqlite_full_simulated(filled):
    # Runs everywhere (no mount needed): cap the file at its current size.
    before = counts(filled.path)
    with filled.transaction() as s:
        pages = s.execute(text("PRAGMA page_count")).scalar()
    with filled.engine.connect() as conn:  # the pool hands this connection out again
        conn.exec_driver_sql(f"PRAGMA max_page_count={pages + 2}")
    with pytest.raises(DiskFull):
        _add_people(filled, 2000)
    assert counts(filled.path) == before
    assert integrity(filled.path) == [("ok",)]


@pytest.mark.parametrize("message, kind", [
    ("database or disk is full", DiskFull),
    ("attempt to write a readonly database", ReadOnlyStorage),
])
def test_sqlite_messages_map_to_user_errors(message, kind):
    import sqlite3

    assert isinstance(user_error(sqlite3.OperationalError(message)), kind)
    assert isinstance(user_error(OSError(28, "No space left on device")), DiskFull)
    assert user_error(ValueError("bug")) is None
    assert user_error(sqlite3.OperationalError("no such table: x")) is None
