"""Damage inside the file is found (start-up, background, every backup) and stops writing
(issue 16, item 4). The damage is real: 8 KiB of garbage in the middle of a database file
that was closed cleanly, the case SQLite itself notices only when a query reads those pages."""
from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from ccschool.errors import CCSError
from ccschool.safety import backup, health
from ccschool.safety.checks import BrokenDatabase, WalMissing, check_database
from ccschool.safety.lock import InstanceLock
from ccschool.safety.storage import DatabaseCorrupt
from tests.conftest import ADMIN_ENV, ROOT
from tests.safety.damage import garbage_in_the_middle


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def damaged(filled, data_dir):
    """A backup, a clean exit, then 8 KiB of garbage in the middle of ccschool.db."""
    saved = Path(backup.make_backup(data_dir).path)
    filled.close()
    garbage_in_the_middle(data_dir / "ccschool.db")
    return saved


def test_start_up_check_finds_damage_after_a_clean_exit(damaged, data_dir):
    with pytest.raises(BrokenDatabase) as err:
        check_database(data_dir, quick=False)  # what every start runs (not the crash check)
    assert err.value.backup == damaged and str(damaged) in str(err.value)


def test_check_in_stream_refuses_to_write_into_a_damaged_file(damaged, data_dir, run_cli):
    path = data_dir / "ccschool.db"
    before = _digest(path)
    done = run_cli("checkin", "--stdin", input="CCS1:TEST01:T0010001:AAAAAAAA\n")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "数据库文件有问题" in done.stderr and str(damaged) in done.stderr
    assert _digest(path) == before


def test_background_check_finds_what_start_up_did_not_reach_and_writing_stops(
        filled, data_dir):
    saved = Path(backup.make_backup(data_dir).path)
    filled.engine.dispose()  # the app stays open: its Database object is used below
    garbage_in_the_middle(filled.path)
    first = health.startup_check(filled.path, budget=0)  # nothing fits in a zero budget
    assert first.problem is None and first.checked == [] and len(first.left) > 10
    check = health.BackgroundCheck(filled.path)
    while check.step():
        pass
    assert check.problem  # wherever the garbage landed (the layout moves with the schema)
    clean, steps = health.BackgroundCheck(saved), 1
    while clean.step():
        steps += 1
    assert clean.problem is None and steps >= len(first.left)  # one table per step, no damage
    before = _digest(filled.path)
    with pytest.raises(DatabaseCorrupt) as err:
        with filled.transaction(actor="desk") as s:
            s.connection().exec_driver_sql("INSERT INTO setting (key, value) VALUES ('x', '1')")
    assert "已停止录入" in str(err.value) and str(saved) in str(err.value)
    assert _digest(filled.path) == before
    # The next start offers the newest good backup instead of opening the file.
    with pytest.raises(BrokenDatabase) as err:
        check_database(data_dir, quick=False)
    assert err.value.backup == saved


def test_a_restore_clears_the_stop(damaged, data_dir, run_cli):
    health.mark_damaged(data_dir / "ccschool.db", "test")
    done = run_cli("restore", damaged, env=ADMIN_ENV)
    assert done.returncode == 0, done.stderr
    assert health.damage_note(data_dir / "ccschool.db") is None
    done = run_cli("checkin", "--stdin", input="")
    assert done.returncode == 0, done.stderr


def test_every_backup_is_a_full_check(damaged, data_dir, run_cli):
    with pytest.raises(CCSError):
        backup.make_backup(data_dir)
    assert health.damage_note(data_dir / "ccschool.db") is not None
    done = run_cli("info")
    assert done.returncode == 1 and str(damaged) in done.stderr


_CRASHING_APP = """
import sys, time
from ccschool.db import open_database
from ccschool.safety.lock import InstanceLock
lock = InstanceLock(sys.argv[1])
db = open_database(sys.argv[1])
with db.transaction(actor="desk") as s:
    s.connection().exec_driver_sql("INSERT INTO setting (key, value) VALUES ('late', '1')")
print("written", flush=True)
time.sleep(60)
"""


def _crash_after_a_write(data_dir: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-c", _CRASHING_APP, str(data_dir)], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert proc.stdout.readline().strip() == "written"
    finally:
        with proc:  # waits, and closes its pipe
            proc.send_signal(signal.SIGKILL)


def test_a_wal_file_removed_after_a_crash_is_reported(filled, data_dir):
    backup.make_backup(data_dir)
    filled.close()
    _crash_after_a_write(data_dir)
    wal = data_dir / "ccschool.db-wal"
    assert wal.exists()
    lock = InstanceLock(data_dir)
    try:
        assert lock.previous_crashed
        assert check_database(data_dir, quick=False, previous_crashed=True) == "ok"
        wal.unlink()  # what a "clean-up" tool or a frightened user does
        with pytest.raises(WalMissing) as err:
            check_database(data_dir, quick=False, previous_crashed=True)
        assert "ccschool.db-wal" in str(err.value) and err.value.backup is not None
    finally:
        lock.release()


def test_an_empty_database_file_beside_backups_is_damage_not_a_first_start(filled, data_dir,
                                                                            run_cli):
    backup.make_backup(data_dir)
    filled.close()
    (data_dir / "ccschool.db").write_bytes(b"")
    with pytest.raises(BrokenDatabase, match="文件是空的"):
        check_database(data_dir, quick=False)
    done = run_cli("checkin", "--stdin", input="")
    assert done.returncode == 1 and "文件是空的" in done.stderr
    assert (data_dir / "ccschool.db").read_bytes() == b""
