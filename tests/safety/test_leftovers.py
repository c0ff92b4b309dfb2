"""Leftovers (issue 16.13): a killed backup's temporary file is cleaned by the next backup; a
full disk at the check-in desk says "disk full"; demo's --help says it is all or nothing."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from datetime import time

import pytest

from ccschool.db import open_database
from ccschool.fileio import atomic_path, remove_stale_parts
from ccschool.safety import backup
from ccschool.safety.storage import DiskFull
from ccschool.services import site
from ccschool.services.attendance.checkin import check_in
from tests.checkin.conftest import build_scene
from tests.conftest import ROOT

_HOLD = """
import sys, time
from ccschool.fileio import atomic_path
with atomic_path(sys.argv[1]) as tmp:
    tmp.write_bytes(b"half a backup")
    print(tmp, flush=True)
    time.sleep(600)
"""


def _writer(target):
    """A process in the middle of an atomic write (as a backup is), and its temporary file."""
    proc = subprocess.Popen([sys.executable, "-c", _HOLD, str(target)], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True)
    return proc, proc.stdout.readline().strip()


def test_a_killed_backup_leaves_nothing_after_the_next_one(filled, data_dir):
    folder = backup.backups_dir(data_dir)
    folder.mkdir(exist_ok=True)
    killed, left = _writer(folder / "ccschool-killed.db")
    with killed:  # closes its pipe
        killed.send_signal(signal.SIGKILL)  # power cut in the middle of the copy
    assert os.path.exists(left)
    busy, running = _writer(folder / "ccschool-running.db")  # another writer, still alive
    try:
        backup.make_backup(data_dir)
        names = sorted(p.name for p in folder.iterdir())
        assert os.path.basename(left) not in names  # the dead writer's file is gone
        assert os.path.basename(running) in names  # the live writer's file is left alone
        assert [n for n in names if n.endswith(".db")] and not any(
            n.endswith(".part") and n != os.path.basename(running) for n in names)
    finally:
        with busy:
            busy.kill()
    assert [p.name for p in remove_stale_parts(folder)] == [os.path.basename(running)]


def test_remove_stale_parts_spares_our_own_write(tmp_path):
    with atomic_path(tmp_path / "report.xlsx") as tmp:
        tmp.write_bytes(b"x")
        assert remove_stale_parts(tmp_path) == [] and tmp.exists()
    assert (tmp_path / "report.xlsx").read_bytes() == b"x"


def _fill(folder, leave: int) -> None:
    free = shutil.disk_usage(folder).free
    with open(folder / "filler.bin", "wb") as f:
        f.write(b"\0" * max(0, free - leave))


def test_a_full_disk_at_the_desk_says_disk_full(tiny_fs):
    database = open_database(tiny_fs)
    with database.transaction(actor="admin") as s:
        site.init_site(s, code="TEST01", name="测试镇社区学校")
    scene = build_scene(database, start=time(0, 1))
    names = list(scene.payloads)
    with database.transaction(actor="desk") as s:
        check_in(s, session_id=scene.session_id, payload=scene.payloads[names[0]])
    _fill(tiny_fs, leave=0)
    with pytest.raises(DiskFull) as err:  # the desk's next scan, on an opened database
        with database.transaction(actor="desk") as s:
            check_in(s, session_id=scene.session_id, payload=scene.payloads[names[1]])
    assert "磁盘空间已满" in str(err.value)
    database.close()
    done = subprocess.run(  # a fresh check-in process on the full disk
        [sys.executable, "-m", "ccschool", "checkin", "--session", scene.session_id,
         scene.payloads[names[2]], "--data-dir", str(tiny_fs)],
        cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "磁盘空间已满" in done.stderr, done.stderr
    assert "读写磁盘出错" not in done.stderr and "Traceback" not in done.stderr


def test_demo_help_says_when_it_is_all_or_nothing(run_cli):
    done = run_cli("demo", "--help")
    text = " ".join(done.stdout.split())
    assert "All or nothing at any size" in text and "needs an empty data folder" in text
