"""The classes CLI as a real process: exit codes, one-line reasons, JSON with ids."""
from __future__ import annotations

import json

import pytest


def _json(r):
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


@pytest.fixture
def site(run_cli, db):  # db: site TEST01 exists; learners fixture adds T0001…T0005
    return db


def test_class_with_weekly_sessions_enroll_full_and_waitlist(run_cli, site, learners):
    _json(run_cli("venues", "add", "--name", "多功能教室", "--capacity", "2", "--kind", "school_room",
                  "--json"))
    teacher = _json(run_cli("volunteers", "add", "--name", "陈老师", "--phone", "13900001111",
                            "--kind", "teacher", "--org-type", "中小学教师", "--json"))["volunteer"]
    out = _json(run_cli("classes", "add", "--name", "书法", "--theme", "人文艺术",
                        "--hours-per-session", "1.5", "--venue", "多功能教室", "--teacher", "陈老师",
                        "--start", "2026-09-22", "--end", "2026-10-08",
                        "--weekly", "tue,thu 14:00-15:30", "--skip", "2026-10-01", "--json"))
    klass = out["class"]
    assert klass["capacity"] == 2 and klass["teacher_id"] == teacher["id"]
    assert [x["date"] for x in out["sessions"]] == ["2026-09-22", "2026-09-24", "2026-09-29",
                                                    "2026-10-06", "2026-10-08"]
    listed = _json(run_cli("sessions", "list", "--class", klass["id"], "--json"))["sessions"]
    assert [x["id"] for x in listed] == [x["id"] for x in out["sessions"]]

    r = run_cli("enroll", "--class", klass["id"], "--card", "T0001", "--card", "T0002",
                "--card", "T0003")
    assert r.returncode == 1 and r.stderr.strip() == "错误: 班级“书法”已满（2/2）"
    assert _json(run_cli("classes", "list", "--json"))["classes"][0]["enrolled"] == 0  # all or nothing
    got = _json(run_cli("enroll", "--class", "书法", "--card", "T0001", "--card", "T0002",
                        "--card", "T0003", "--waitlist", "--json"))
    assert [e["state"] for e in got["enrollments"]] == ["enrolled", "enrolled", "waitlisted"]
    gone = _json(run_cli("withdraw", "--class", "书法", "--card", "T0001", "--json"))
    assert gone["promoted"][0]["learner_id"] == got["enrollments"][2]["learner_id"]

    assert [v["name"] for v in _json(run_cli("venues", "list", "--json"))["venues"]] == ["多功能教室"]
    pool = _json(run_cli("volunteers", "list", "--kind", "teacher", "--json"))["volunteers"]
    assert [(v["id"], v["kind"]) for v in pool] == [(teacher["id"], "teacher")]
    assert _json(run_cli("classes", "list", "--theme", "康养健身", "--json")) == {"classes": []}
    text = run_cli("sessions", "list", "--date", "2026-09-29")
    assert text.returncode == 0 and "书法" in text.stdout and "计划" in text.stdout


def test_sessions_add_cancel_held_and_volunteer_hours(run_cli, site, learners):
    klass = _json(run_cli("classes", "add", "--name", "八段锦", "--theme", "康养健身",
                          "--hours-per-session", "2", "--json"))["class"]
    cs = _json(run_cli("sessions", "add", "--class", klass["id"], "--date", "2026-10-13",
                       "--start", "09:00", "--end", "11:00", "--json"))["session"]
    vol = _json(run_cli("volunteers", "add", "--name", "李志愿", "--json"))["volunteer"]
    _json(run_cli("sessions", "assign", "--session", cs["id"], "--volunteer", "李志愿", "--json"))
    held = _json(run_cli("sessions", "held", "--session", cs["id"], "--json"))["session"]
    assert len(held["service_records"]) == 1
    _json(run_cli("volunteers", "record", "--volunteer", vol["id"], "--date", "2026-10-20",
                  "--hours", "1.5", "--activity", "图书整理", "--json"))
    hours = _json(run_cli("volunteers", "hours", "--month", "2026-10", "--json"))
    assert hours["hours"] == [{"instructor_id": vol["id"], "name": "李志愿", "kind": "volunteer",
                               "hours": 3.5, "records": 2}]
    listed = _json(run_cli("sessions", "list", "--date", "2026-10-13", "--json"))["sessions"]
    assert listed[0]["id"] == cs["id"]
    cancelled = _json(run_cli("sessions", "cancel", "--session", cs["id"], "--json"))["session"]
    assert cancelled["state"] == "cancelled"


def test_cancel_with_attendance_needs_force(run_cli, site, learners):
    from datetime import date

    from tests.classes.test_classes_sessions import _sign_in
    klass = _json(run_cli("classes", "add", "--name", "剪纸", "--theme", "非遗传承",
                          "--hours-per-session", "1", "--json"))["class"]
    cs = _json(run_cli("sessions", "add", "--class", klass["id"], "--date", str(date(2026, 10, 13)),
                       "--start", "09:00", "--end", "10:00", "--json"))["session"]
    with site.transaction(actor="admin") as s:
        _sign_in(s, cs["id"], learners[0])
    r = run_cli("sessions", "cancel", "--session", cs["id"], "--json")
    assert r.returncode == 1 and json.loads(r.stdout)["error"]["field"] == "confirm"
    out = _json(run_cli("sessions", "cancel", "--session", cs["id"], "--force", "--json"))
    assert out["session"]["state"] == "cancelled" and out["session"]["attendance_kept"] == 1


@pytest.mark.parametrize("args, field", [
    (["classes", "add", "--name", "x", "--theme", "不存在", "--hours-per-session", "1"], "theme"),
    (["classes", "add", "--name", "x", "--theme", "其他", "--hours-per-session", "1",
      "--start", "2026-09-01", "--end", "2026-09-30", "--weekly", "每周二"], "weekly"),
    (["volunteers", "hours", "--month", "2026/10"], "month"),
    (["venues", "add", "--name", "礼堂", "--kind", "castle"], "kind"),
])
def test_bad_input_exits_1_with_the_field(run_cli, site, args, field):
    r = run_cli(*args, "--json")
    assert r.returncode == 1
    assert json.loads(r.stdout)["error"]["field"] == field
    assert r.stderr.count("\n") == 1
