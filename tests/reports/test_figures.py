"""Every figure of the March 2026 report over the known history in conftest.py, by hand."""
from __future__ import annotations

from ccschool.services import reports


def march(db):
    with db.read() as s:
        return reports.monthly(s, month="2026-03")


def test_headline_figures(shared):
    db = shared.db
    r = march(db)
    assert r["period"] == {"from": "2026-03-01", "to": "2026-03-31", "label": "2026-03"}
    # held: s1, s2, s6 and s7 (planned but signed in); s8 planned and empty; s9 deleted
    assert (r["sessions_held"], r["sessions_cancelled"]) == (4, 1)
    # s1: 张三 李四(late) 钱七; s2: 张三 王五 钱七; s6: 王五 赵六 孙八(late); s7: 赵六
    assert r["person_times"] == 10 and r["late_times"] == 2
    assert r["distinct_learners"] == 6
    assert r["learner_hours"] == 3 * 2 + 3 * 2 + 3 * 1.5 + 1 * 1.5 == 18.0
    assert r["learner_clock_hours"] == 18.0 and r["credits"] == 18.0
    assert r["new_learners"] == 2  # 李四, 王五; the deleted learner and April's 孙八 not
    assert (r["online_person_times"], r["offline_person_times"]) == (4, 6)


def test_by_theme_and_venue(shared):
    db = shared.db
    r = march(db)
    assert r["by_theme"] == {
        "职业技能": {"classes": 1, "sessions_held": 2, "person_times": 4, "learner_hours": 6.0},
        "老年智慧生活": {"classes": 1, "sessions_held": 2, "person_times": 6, "learner_hours": 12.0},
    }
    assert list(r["by_theme"]) == ["职业技能", "老年智慧生活"]  # the official order
    assert r["by_venue"]["东山村文化礼堂"]["person_times"] == 6
    assert r["by_venue"]["镇社区学校多功能教室"] == r["by_theme"]["职业技能"]


def test_by_gender_age_band_and_target_group(shared):
    db = shared.db
    r = march(db)
    assert r["by_gender"] == {"男": {"learners": 2, "person_times": 4},
                              "女": {"learners": 3, "person_times": 5},
                              "未知": {"learners": 1, "person_times": 1}}
    # at 2026-03-31: 王五 is 17 until tomorrow, 钱七 turns 70 today
    assert r["by_age_band"] == {"<18": {"learners": 1, "person_times": 2},
                                "18-59": {"learners": 1, "person_times": 2},
                                "60-69": {"learners": 1, "person_times": 1},
                                "70+": {"learners": 2, "person_times": 4},
                                "未知": {"learners": 1, "person_times": 1}}
    groups = r["by_target_group"]
    assert groups["老年人"] == {"learners": 2, "person_times": 3}
    assert groups["残疾人"] == {"learners": 1, "person_times": 1}
    assert groups["青少年"] == {"learners": 1, "person_times": 2}
    assert groups["新型职业农民"] == {"learners": 1, "person_times": 2}
    assert groups["未分类"] == {"learners": 2, "person_times": 3}
    assert groups["家长"] == {"learners": 0, "person_times": 0}


def test_classes(shared):
    db, history = shared.db, shared.h
    c1, c2 = march(db)["classes"]
    assert c1["id"] == history.c2.id  # 职业技能 comes first in the official theme order
    assert c1 == {**c1, "course_name": "电商直播", "online": True, "enrolled": 3,
                  "distinct_learners": 3, "sessions_held": 2, "sessions_cancelled": 0,
                  "person_times": 4, "roll": 5, "learner_hours": 6.0,
                  "attendance_rate": 0.8, "satisfaction": 4.0}
    assert c2 == {**c2, "course_name": "智能手机入门", "online": False, "enrolled": 4,
                  "distinct_learners": 4, "sessions_held": 2, "sessions_cancelled": 1,
                  "person_times": 6, "roll": 8, "learner_hours": 12.0,
                  "attendance_rate": 0.75, "satisfaction": 3.33, "venue": "东山村文化礼堂"}


def test_volunteers_certificates_satisfaction(shared):
    db = shared.db
    r = march(db)
    v = r["volunteers"]
    assert (v["count"], v["records"], v["service_hours"]) == (2, 3, 6.5)
    assert [(p["name"], p["hours"]) for p in v["people"]] == [("志愿者甲", 3.5), ("志愿者乙", 3.0)]
    # 20:00 on 31 March and 00:30 on 1 March (China time) are March; 07:00 on 1 April is not
    assert r["certificates_issued"] == 2
    assert r["satisfaction"] == {"responses": 4, "average": 3.5, "satisfied": 2,
                                 "basically_satisfied": 1, "dissatisfied": 1,
                                 "satisfied_rate": 0.5}


def test_participation(shared):
    db = shared.db
    p = march(db)["participation"]
    assert p["target"] == 0.5
    assert p["site"] == {"learners": 6, "population": 14, "rate": 0.4286, "meets_target": False}
    assert p["villages"] == [
        {"village": "东山村", "learners": 2, "population": 10, "rate": 0.2, "meets_target": False},
        {"village": "西溪村", "learners": 2, "population": 4, "rate": 0.5, "meets_target": True},
        {"village": "南岙村", "learners": 1, "population": None, "rate": None, "meets_target": None},
        {"village": "未知", "learners": 1, "population": None, "rate": None, "meets_target": None},
    ]


def test_weeks_and_months(shared):
    db = shared.db
    r = march(db)
    assert [(w["week_start"], w["person_times"]) for w in r["by_week"]] == [
        ("2026-02-23", 0), ("2026-03-02", 6), ("2026-03-09", 4), ("2026-03-16", 0),
        ("2026-03-23", 0), ("2026-03-30", 0)]
    assert r["by_week"][1]["learner_hours"] == 10.5
    assert r["by_month"] == [{"month": "2026-03", "person_times": 10, "learner_hours": 18.0}]


def test_range_adds_february(shared):
    db = shared.db
    with db.read() as s:
        r = reports.for_range(s, start="2026-02-01", end="2026-03-31")
    assert r["person_times"] == 11 and r["sessions_held"] == 5
    assert r["learner_hours"] == 20.0 and r["distinct_learners"] == 6


def test_credit_and_hour_settings(db, history):
    from ccschool import settings
    with db.transaction(actor="admin") as s:
        settings.set(s, "credit_hours", 4.0)
        settings.set(s, "hour_minutes", 45)
    r = march(db)
    assert r["learner_hours"] == 18.0  # 学时 stay 学时
    assert r["learner_clock_hours"] == 13.5 and r["credits"] == 4.5


def test_empty_month(db):
    with db.read() as s:
        r = reports.monthly(s, month="2030-01")
    assert r["person_times"] == 0 and r["classes"] == [] and r["satisfaction"]["average"] is None
    assert r["participation"]["site"]["rate"] is None


def test_bad_month_is_refused(db):
    import pytest
    from ccschool.errors import ValidationError
    with db.read() as s, pytest.raises(ValidationError, match="YYYY-MM"):
        reports.monthly(s, month="2026-13")


def test_month_scans_read_the_month_by_its_date_index(shared):
    """The speed of the monthly report rests on these plans (bench/bench_reports.py): the
    month's rows by the date index, never the whole table nor row by row per session."""
    from sqlalchemy import text

    from ccschool.reports import period, queries as q

    bind = q.params(period.month("2026-03"))
    with shared.db.read() as s:
        for sql in (q.PER_SESSION, q.LEARNER_SPLITS):
            plan = " | ".join(r[3] for r in s.execute(text("EXPLAIN QUERY PLAN " + sql), bind))
            assert "USING INDEX ix_attendance_date (session_date>? AND session_date<?)" in plan, plan
            assert "SCAN a" not in plan and "USING INDEX ux_attendance_live" not in plan
