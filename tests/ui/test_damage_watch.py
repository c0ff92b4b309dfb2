"""The desktop app finds damage inside the file, stops writing and offers the newest backup
(issue 16, item 4); a -wal file deleted after a crash is reported at start-up."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from ccschool.db import open_database
from ccschool.errors import CCSError
from ccschool.safety import health
from ccschool.safety.backup import make_backup
from ccschool.ui.ops.background import BackgroundRunner
from ccschool.ui.shell import startup_checks
from ccschool.ui.shell.context import AppContext, CurrentUser
from ccschool.ui.shell.health_watch import HealthWatch, offer_newest_backup
from tests.conftest import ROOT
from tests.safety.damage import garbage_in_the_middle, is_damaged


def _filled(data_dir: Path):
    from ccschool.services import site
    from ccschool.services.demo import build_demo

    db = open_database(data_dir)
    with db.transaction(actor="admin") as s:
        site.init_site(s, code="WATCH1", name="检查镇")
        build_demo(s, learners=40, months=1, seed=7)
    return db


def test_background_check_finds_damage_stops_writing_and_restores(qtbot, data_dir):
    db = _filled(data_dir)
    saved = Path(make_backup(data_dir).path)
    db.engine.dispose()  # the app keeps running; its connections reopen on the next query
    damaged = garbage_in_the_middle(db.path)
    ctx = AppContext(db=db, run_in_background=BackgroundRunner(), data_dir=data_dir,
                     user=CurrentUser("管理员", "admin"))
    runner = BackgroundRunner()
    watch = HealthWatch(ctx, runner, pause_ms=0)
    with qtbot.waitSignal(watch.damage_found, timeout=60_000) as found:
        watch.start()
    assert found.args[0]
    with pytest.raises(CCSError, match="已停止录入"):
        with db.transaction(actor="desk") as s:
            s.connection().exec_driver_sql("INSERT INTO setting (key, value) VALUES ('x', '1')")
    assert db.path.read_bytes() == damaged

    asked, told = [], []
    offer_newest_backup(ctx, found.args[0], ask=lambda text: asked.append(text) or True,
                        tell=told.append)
    qtbot.waitUntil(lambda: bool(told), timeout=60_000)
    assert str(saved) in asked[0] and "已停止录入" in asked[0]
    assert "已从备份恢复" in told[0]
    assert not is_damaged(db.path) and health.damage_note(db.path) is None
    with db.transaction(actor="desk") as s:  # writing resumed on the restored file
        s.connection().exec_driver_sql("INSERT INTO setting (key, value) VALUES ('x', '1')")
    ctx.run_in_background.wait()
    runner.wait()
    db.close()


def test_a_sound_file_finishes_the_background_check(qtbot, data_dir):
    db = _filled(data_dir)
    ctx = AppContext(db=db, run_in_background=BackgroundRunner(), data_dir=data_dir)
    runner = BackgroundRunner()
    watch = HealthWatch(ctx, runner, pause_ms=0)
    with qtbot.waitSignal(watch.finished, timeout=60_000):
        watch.start()
    assert watch.check.problem is None
    runner.wait()
    db.close()


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


def test_a_deleted_wal_after_a_crash_is_reported_at_start_up(qapp, data_dir):
    _filled(data_dir).close()
    make_backup(data_dir)
    # `with`: its pipe is closed once it is killed (an unclosed file was a ResourceWarning)
    with subprocess.Popen([sys.executable, "-c", _CRASHING_APP, str(data_dir)], cwd=ROOT,
                          stdout=subprocess.PIPE, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}) as proc:
        try:
            assert proc.stdout.readline().strip() == "written"
        finally:
            proc.send_signal(signal.SIGKILL)
    (data_dir / "ccschool.db-wal").unlink()
    asked = []
    # Declined: no restore, no carrying on: the app does not start and nothing is changed.
    lock = startup_checks.acquire(data_dir, warn=lambda t, m: asked.append(m),
                                  ask=lambda t, m: asked.append(m) and False)
    assert lock is None and "ccschool.db-wal" in asked[0]
    # Carrying on knowingly: the first question (restore?) no, the second (continue?) yes.
    answers = iter([False, True])
    lock = startup_checks.acquire(data_dir, warn=lambda t, m: None,
                                  ask=lambda t, m: next(answers))
    assert lock is not None and next(answers, "asked twice") == "asked twice"
    lock.release()
    lock = startup_checks.acquire(data_dir, warn=lambda t, m: None, ask=lambda t, m: False)
    assert lock is not None  # accepted once: a clean start from now on
    lock.release()
