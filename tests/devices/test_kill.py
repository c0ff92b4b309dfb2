"""Kill -9 a device while it applies a sync bundle, then apply again: the same result as a
clean sync. One round in the suite; CCSCHOOL_KILL_ROUNDS=N for a long run."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

from tests.devices.conftest import ROOT, Laptop, join_in_process, opened

ROUNDS = int(os.environ.get("CCSCHOOL_KILL_ROUNDS", "1"))


def _rows(path) -> int:
    try:
        conn = sqlite3.connect(f"file:{path / 'ccschool.db'}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM person").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def test_killed_mid_apply_then_applied_again_agrees(laptops, tmp_path):
    a, _b, _c = laptops
    from ccschool.services.demo import build_demo

    with opened(a) as db, db.transaction(actor="demo") as s:
        build_demo(s, learners=400, months=1, seed=7)
    path = tmp_path / "all.ccssync"
    a.cli("devices", "bundle", "--out", path)
    for round_ in range(ROUNDS):
        fresh = Laptop(tmp_path / f"k{round_}")
        join_in_process(a, fresh, tmp_path)
        cmd = [sys.executable, "-m", "ccschool", "devices", "apply", str(path), "--data-dir",
               str(fresh.path)]
        proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while proc.poll() is None and _rows(fresh.path) == 0:
            time.sleep(0.005)  # poll until its first segment is committed (or it finished)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(30)
        fresh.cli("devices", "apply", path)
        assert fresh.digest() == a.digest()
