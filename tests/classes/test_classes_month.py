"""The month timetable: every class's sessions of one month with sign-ins, one query."""
from __future__ import annotations

import json

import pytest

from ccschool.errors import ValidationError
from ccschool.services import sessions


def test_month_lists_every_class_in_order_with_sign_ins(db, timetable):
    with db.read() as s:
        rows = sessions.month_overview(s, year=2026, month=11)
    days = [r["date"] for r in rows]
    assert days == sorted(days) and days[0] == "2026-11-03" and days[-1] == "2026-11-26"
    assert "2026-10-27" not in days and "2026-12-01" not in days  # outside the month
    assert "2026-11-20" not in days  # deleted, not just cancelled
    assert len(rows) == 4 + 4 + 1
    third = [r for r in rows if r["date"] == "2026-11-03"]
    assert [(r["start"], r["class_name"], r["venue"]) for r in third] == [
        ("09:00", "八段锦", "西溪村农家书屋"), ("14:00", "书法", "东山村文化礼堂")]
    held = next(r for r in rows if r["id"] == timetable["held"])
    assert (held["state"], held["signed_in"]) == ("held", 2)  # 请假 is not a sign-in
    cancelled = next(r for r in rows if r["id"] == timetable["cancelled"])
    assert (cancelled["date"], cancelled["state"], cancelled["signed_in"]) == (
        "2026-11-12", "cancelled", 0)


def test_month_follows_venue_and_theme_filters(db, timetable):
    with db.read() as s:
        hall = sessions.month_overview(s, year=2026, month=11, venue_id=timetable["hall"])
        health = sessions.month_overview(s, year=2026, month=11, theme="康养健身")
        none = sessions.month_overview(s, year=2026, month=11, theme="康养健身",
                                       venue_id=timetable["hall"])
        october = sessions.month_overview(s, year=2026, month=10)
    assert {r["class_name"] for r in hall} == {"书法"} and len(hall) == 4
    assert {r["class_name"] for r in health} == {"八段锦"} and len(health) == 5
    assert none == []
    assert [r["date"] for r in october] == ["2026-10-27"]


def test_month_rejects_a_month_that_does_not_exist(db):
    with pytest.raises(ValidationError), db.read() as s:
        sessions.month_overview(s, year=2026, month=13)


def test_cli_month_list_as_json_and_text(run_cli, timetable):
    r = run_cli("sessions", "list", "--month", "2026-11", "--venue", "西溪村农家书屋", "--json")
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)["sessions"]
    assert [x["date"] for x in rows] == ["2026-11-03", "2026-11-05", "2026-11-12",
                                         "2026-11-19", "2026-11-26"]
    text = run_cli("sessions", "list", "--month", "2026-11", "--theme", "人文艺术")
    assert text.returncode == 0 and "书法" in text.stdout and "八段锦" not in text.stdout
    bad = run_cli("sessions", "list", "--month", "2026/11")
    assert bad.returncode == 1 and "YYYY-MM" in bad.stderr + bad.stdout
