"""`ccschool checkin` and `ccschool session-close` as real processes."""
from __future__ import annotations

import json

from sqlalchemy import select

from ccschool.models import Attendance, ClassSession


def lines(proc):
    assert proc.returncode == 0, proc.stderr
    return [json.loads(line) for line in proc.stdout.splitlines()]


def test_payload_arguments_print_one_json_line_each(run_cli, live_scene):
    p = live_scene.payloads
    out = lines(run_cli("checkin", "--session", live_scene.session_id, "--json",
                        p["张三"], p["张三"], p["赵六"], "CCS1:XX"))
    assert [o["outcome"] for o in out] == ["ok", "duplicate", "not_enrolled", "invalid"]
    assert out[0]["learner"] == "张三" and out[0]["card"] == "T000001"
    assert out[1]["at"] == out[0]["at"] and out[0]["payload"] == p["张三"]
    assert set(out[0]) >= {"payload", "outcome", "learner", "card", "at", "message"}


def test_stdin_stream_with_ime_noise_and_walk_ins(run_cli, live_scene):
    p = live_scene.payloads
    stream = "\n".join([p["李四"].lower(), "", " " + p["王秀英"] + " \t", p["赵六"]]) + "\n"
    out = lines(run_cli("checkin", "--session", live_scene.session_id, "--stdin", "--json",
                        "--enroll-walk-ins", input=stream))
    assert [(o["learner"], o["outcome"]) for o in out] == [
        ("李四", "ok"), ("王秀英", "ok"), ("赵六", "ok")]
    assert out[2]["walk_in"] is True


def test_without_session_uses_the_running_one(run_cli, live_scene):
    out = lines(run_cli("checkin", "--json", live_scene.payloads["刘洋"]))
    assert out[0]["outcome"] == "ok" and out[0]["session"] == live_scene.session_id


def test_text_output_names_the_learner(run_cli, live_scene):
    proc = run_cli("checkin", "--session", "nope", live_scene.payloads["张三"])
    assert proc.returncode == 0 and proc.stdout.startswith("no_session\t张三")


def test_session_close_marks_absent(run_cli, live_scene, db):
    run_cli("checkin", "--session", live_scene.session_id, live_scene.payloads["张三"])
    out = lines(run_cli("sessions", "close", live_scene.session_id, "--json"))
    assert out == [{"session": live_scene.session_id, "absent": 4, "present": 1, "enrolled": 5}]
    with db.read() as s:
        assert s.get(ClassSession, live_scene.session_id).state == "held"
        statuses = s.scalars(select(Attendance.status)).all()
    assert sorted(statuses) == ["absent"] * 4 + ["present"]
    again = run_cli("session-close", live_scene.session_id)
    assert again.returncode == 1 and "已结束" in again.stderr


def test_stdin_stream_waits_for_a_long_writer_instead_of_exiting(live_scene, data_dir):
    """Another program (a month close, an import) holds the write lock past the busy timeout:
    the stream says it waits, and signs the learner in once the lock is free (issue 16)."""
    import os
    import sqlite3
    import subprocess
    import sys

    from tests.conftest import ROOT

    holder = sqlite3.connect(data_dir / "ccschool.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    # `with`: the pipes are closed at the end, not by the garbage collector (a ResourceWarning)
    with subprocess.Popen(
            [sys.executable, "-m", "ccschool", "checkin", "--session", live_scene.session_id,
             "--stdin", "--json", "--data-dir", str(data_dir)], cwd=ROOT, text=True,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(ROOT)}) as proc:
        try:
            proc.stdin.write(live_scene.payloads["张三"] + "\n")
            proc.stdin.flush()
            assert "等待后自动重试" in proc.stderr.readline()  # after the 5 s busy timeout
            holder.execute("ROLLBACK")
            out = json.loads(proc.stdout.readline())
            assert out["outcome"] == "ok" and out["learner"] == "张三"
            proc.stdin.close()
            assert proc.wait(timeout=60) == 0
        finally:
            holder.close()
            if proc.poll() is None:
                proc.kill()
                proc.wait()


def test_stdin_stream_takes_a_typed_card_number_as_manual(run_cli, live_scene, db):
    """Issue 17.7: the command line's scanner stream signs in a bare card number too."""
    out = lines(run_cli("checkin", "--session", live_scene.session_id, "--stdin", "--json",
                        input="t000002\n"))
    assert [(o["learner"], o["outcome"]) for o in out] == [("李四", "ok")]
    with db.read() as s:
        row = s.scalars(select(Attendance).where(Attendance.id == out[0]["attendance_id"])).one()
    assert row.method == "manual"
