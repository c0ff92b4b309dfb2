"""Start-up checks and the single-instance lock."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ccschool.safety import backup
from ccschool.safety.checks import BrokenDatabase, check_database
from ccschool.safety.lock import InstanceLocked, instance_lock
from tests.conftest import ADMIN_ENV, ROOT


def test_a_sound_database_passes(filled, data_dir):
    assert check_database(data_dir) == "ok"


def test_first_start_is_new(data_dir):
    assert check_database(data_dir) == "new"


def _damage_page(path: Path, page: int = 3) -> None:
    with open(path, "r+b") as f:
        f.seek(4096 * (page - 1))
        f.write(b"\x0d" + os.urandom(4095))


def test_damaged_database_is_reported_with_the_latest_backup(filled, data_dir):
    saved = backup.make_backup(data_dir)
    filled.close()
    _damage_page(data_dir / "ccschool.db")
    with pytest.raises(BrokenDatabase) as err:
        check_database(data_dir)
    assert err.value.backup == Path(saved.path)
    assert saved.path in str(err.value) and "ccschool restore" in str(err.value)


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "deleted"])
def test_broken_or_missing_file_is_never_replaced_by_an_empty_one(filled, data_dir, run_cli,
                                                                  damage):
    backup.make_backup(data_dir)
    filled.close()
    path = data_dir / "ccschool.db"
    if damage == "garbage":
        path.write_bytes(os.urandom(50_000))
    elif damage == "truncated":
        path.write_bytes(path.read_bytes()[:20_000])
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        path.unlink()
    before = path.read_bytes() if path.exists() else None
    with pytest.raises(BrokenDatabase):
        check_database(data_dir)
    done = run_cli("info")  # any command that opens the database
    assert done.returncode == 1
    assert "数据库文件有问题" in done.stderr and "ccschool restore" in done.stderr
    assert (path.read_bytes() if path.exists() else None) == before


def test_broken_database_without_backups_says_do_not_delete(data_dir):
    (data_dir / "ccschool.db").write_bytes(b"not a database at all" * 100)
    with pytest.raises(BrokenDatabase) as err:
        check_database(data_dir)
    assert err.value.backup is None and "不要删除" in str(err.value)


def test_check_command(filled, data_dir, run_cli):
    filled.close()
    done = run_cli("check")
    assert done.returncode == 0 and "检查通过" in done.stdout


def test_second_instance_in_the_same_process_is_refused(data_dir):
    with instance_lock(data_dir):
        with pytest.raises(InstanceLocked) as err:
            with instance_lock(data_dir):
                pass
        assert str(os.getpid()) in str(err.value)
    with instance_lock(data_dir):  # released on exit
        pass


_HOLDER = """
import sys, time
from ccschool.safety.lock import instance_lock
with instance_lock(sys.argv[1]):
    print("held", flush=True)
    time.sleep(60)
"""


def test_second_instance_is_refused_and_a_killed_one_leaves_no_stale_lock(data_dir):
    proc = subprocess.Popen([sys.executable, "-c", _HOLDER, str(data_dir)], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert proc.stdout.readline().strip() == "held"
        with pytest.raises(InstanceLocked) as err:
            with instance_lock(data_dir):
                pass
        assert str(proc.pid) in str(err.value) and "已经在使用" in str(err.value)
    finally:
        with proc:  # waits, and closes its pipe
            proc.send_signal(signal.SIGKILL)
    deadline = time.monotonic() + 5
    while True:  # the OS frees the lock with the process: no stale lock after a crash
        try:
            with instance_lock(data_dir) as lock:
                assert lock.previous_crashed  # so the shell runs the full check
                break
        except InstanceLocked:
            assert time.monotonic() < deadline
            time.sleep(0.05)
    with instance_lock(data_dir) as lock:
        assert not lock.previous_crashed  # the run above ended cleanly


def test_restore_refused_while_the_app_runs(filled, data_dir, run_cli, tmp_path):
    saved = backup.make_backup(data_dir)
    with instance_lock(data_dir):
        done = run_cli("restore", saved.path, env=ADMIN_ENV)
    assert done.returncode == 1 and "已经在使用" in done.stderr
