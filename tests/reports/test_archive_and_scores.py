"""Learner archive (credits), satisfaction entry and the learning-star ranking."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from ccschool import settings
from ccschool.errors import NotFound, ValidationError
from ccschool.models import AuditEntry
from ccschool.services import archive, reports, satisfaction


def test_archive_across_years(shared):
    with shared.db.read() as s:
        a = archive.learner_archive(s, card_no="t0001")  # typed in lower case
    assert a["learner"]["name"] == "张三"
    # s4 (Feb), s1, s2 count; s3 was cancelled and s10's class was deleted
    assert [x["date"] for x in a["sessions"]] == ["2026-02-24", "2026-03-03", "2026-03-10"]
    assert a["totals"] == {"classes": 1, "sessions": 3, "hours": 6.0, "credits": 6.0,
                           "certificates": 1}
    (klass,) = a["classes"]
    assert (klass["course_name"], klass["sessions"], klass["roll"]) == ("智能手机入门", 3, 3)
    assert klass["certificate"] == "C1" and klass["satisfaction"] == 5
    assert a["by_year"] == [{"year": "2026", "sessions": 3, "hours": 6.0, "credits": 6.0}]


def test_archive_absent_rows_earn_no_hours_and_credits_follow_setting(db, history):
    with db.transaction(actor="admin") as s:
        settings.set(s, "credit_hours", 2.0)
    with db.read() as s:
        a = archive.learner_archive(s, card_no="T0003")
    assert [(x["status"], x["hours"]) for x in a["sessions"]] == [
        ("absent", 0.0), ("present", 1.5), ("present", 2.0), ("absent", 0.0)]
    assert a["totals"]["hours"] == 3.5 and a["totals"]["credits"] == 1.75


def test_archive_unknown_card(shared):
    with shared.db.read() as s, pytest.raises(NotFound, match="T9999"):
        archive.learner_archive(s, card_no="T9999")


def test_add_and_correct_a_score(db, history):
    with db.transaction(actor="admin") as s:
        satisfaction.add_score(s, class_id=history.c2.id, card_no="T0004", score="4",
                               comment="很实用")
    with db.transaction(actor="admin") as s:
        row = satisfaction.add_score(s, class_id=history.c2.id, card_no="T0004", score=2)
    with db.read() as s:
        summary = satisfaction.class_summary(s, class_id=history.c2.id)
        audits = s.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == "satisfaction.score"))
    assert row.score == 2 and row.comment == "很实用"  # correcting a score keeps the comment
    assert summary == {"responses": 2, "average": 3.0, "satisfied": 1, "basically_satisfied": 0,
                       "dissatisfied": 1, "satisfied_rate": 0.5}
    assert audits == 2


@pytest.mark.parametrize("score", [0, 6, "五", "3.5", True])
def test_bad_scores_are_refused(db, history, score):
    with pytest.raises(ValidationError) as err, db.transaction(actor="admin") as s:
        satisfaction.add_score(s, class_id=history.c2.id, card_no="T0004", score=score)
    assert err.value.field == "score"


def test_score_for_a_learner_not_in_the_class_is_refused(db, history):
    with pytest.raises(ValidationError, match="没有参加"), db.transaction(actor="admin") as s:
        satisfaction.add_score(s, class_id=history.c2.id, card_no="T0005", score=5)


def test_stars_rank_by_hours_then_rate(shared):
    with shared.db.read() as s:
        stars = reports.stars(s, year=2026, limit=3)
    # 张三 6.0 h (3/3); 钱七 4.0 h (2/2); 王五 3.5 h (2/4) — 赵六 3.0 h drops out at limit 3
    assert [(x["name"], x["hours"], x["attendance_rate"]) for x in stars] == [
        ("张三", 6.0, 1.0), ("钱七", 4.0, 1.0), ("王五", 3.5, 0.5)]
    # the smartphone class (term ended in March) held s1, s2 and s4: 张三 came to all three
    assert stars[0]["classes_completed"] == 1
    assert stars[1]["classes_completed"] == 0  # 钱七: 2 of 3 < 80%


def test_stars_bad_year(shared):
    with shared.db.read() as s, pytest.raises(ValidationError):
        reports.stars(s, year=20260)


def test_roster_and_sheet_all_or_nothing(db, history):
    with db.read() as s:
        roster = satisfaction.roster(s, class_id=history.c1.id)
    # enrolled 张三 李四 王五 钱七 (the deleted learner is not listed), with scores entered
    assert [(r["card_no"], r["score"]) for r in roster] == [
        ("T0001", 5), ("T0002", 3), ("T0003", None), ("T0005", 2)]
    sheet = [{"card_no": "T0003", "score": "4", "comment": "好"},
             {"card_no": "T0005", "score": "7"}]
    with pytest.raises(ValidationError, match="第2行"), db.transaction(actor="a") as s:
        satisfaction.save_sheet(s, class_id=history.c1.id, entries=sheet)
    with db.read() as s:
        assert satisfaction.roster(s, class_id=history.c1.id)[2]["score"] is None
    sheet[1]["score"] = ""
    with db.transaction(actor="a") as s:
        assert satisfaction.save_sheet(s, class_id=history.c1.id, entries=sheet) == 1
    with db.read() as s:
        assert satisfaction.roster(s, class_id=history.c1.id)[2]["comment"] == "好"


def test_a_class_is_found_by_its_name_and_comments_reach_the_monthly_report(db, history, tmp_path):
    """Issue 17.13: `satisfaction add --class 电商直播`; the comments are reported (no names)."""
    from datetime import datetime, timezone

    from ccschool.reports.pdf import write_pdf

    march = datetime(2026, 3, 15, 4, tzinfo=timezone.utc)
    with db.transaction(actor="admin") as s:
        satisfaction.add_score(s, class_id="电商直播", card_no="T0004", score=3,
                               comment="希望多讲直播带货", at=march)
    with db.transaction(actor="admin") as s:  # a score typed again without a comment
        satisfaction.add_score(s, class_id="电商直播", card_no="T0004", score=4, at=march)
    with db.read() as s:
        r = reports.monthly(s, month="2026-03")
    assert r["comments"] == [
        {"course_name": "电商直播", "score": 4, "comment": "希望多讲直播带货"}]
    write_pdf(r, tmp_path / "月报.pdf")
    import subprocess
    shown = subprocess.run(["pdftotext", str(tmp_path / "月报.pdf"), "-"], capture_output=True,
                           text=True, check=True).stdout
    assert "学员意见" in shown and "希望多讲直播带货" in shown
