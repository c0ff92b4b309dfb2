"""`ccschool lan` as a real process: one JSON line per turn, SIGTERM/SIGINT stop it cleanly."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import pytest

from tests.conftest import ROOT
from tests.lan.conftest import Phone, sign_in


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_lan_prints_turns_serves_phones_and_stops_cleanly(data_dir, db, lan_scene, stop):
    db.close()  # the process opens the folder itself
    proc = subprocess.Popen(
        [sys.executable, "-m", "ccschool", "lan", "--session", lan_scene.session_id,
         "--host", "127.0.0.1", "--port", "0", "--json", "--data-dir", str(data_dir)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        turn = json.loads(proc.stdout.readline())
        assert set(turn) == {"url", "code", "expires"} and len(turn["code"]) == 4
        assert turn["url"].startswith("http://127.0.0.1:")
        base = turn["url"].split("/s/")[0]
        assert "签到成功" in sign_in(Phone(base), turn["url"], card="T000002")[1]
    finally:
        proc.send_signal(stop)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "Traceback" not in err and "手机签到已关闭" in err and "签到台密码" in err
    assert "不在今天" not in err


def test_unknown_session_is_one_line_not_a_traceback(run_cli, db):
    proc = run_cli("lan", "--session", "nope", "--host", "127.0.0.1", "--port", "0")
    assert proc.returncode == 1 and "找不到课次 nope" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_only_local_network_clients():
    from ccschool.lan.netaddr import is_local_client

    assert all(map(is_local_client, ["127.0.0.1", "192.168.43.17", "10.0.0.5", "172.16.3.4",
                                     "169.254.10.1", "::1", "fe80::1"]))
    assert not any(map(is_local_client, ["8.8.8.8", "114.114.114.114", "garbage"]))
