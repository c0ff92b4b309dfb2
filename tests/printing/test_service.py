"""The printing services against a real site database: who gets what, and what is recorded."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from ccschool import settings
from ccschool.services.cards import card_payload, parse_payload
from ccschool.errors import Conflict, NotFound, ValidationError
from ccschool.models import AuditEntry, Certificate, Learner, LearningCard, utcnow
from ccschool.printing import Cancelled
from ccschool.services import printing as svc
from ccschool.services.attendance import marking
from tests.printing.conftest import decode, pdf_flat_text, render


def test_eligibility_counts_present_and_late_over_held_sessions(db, school):
    with db.read() as s:
        judged = {e.name: e for e in svc.certificate_eligibility(s, class_id=school.class_id)}
    assert {n for n, e in judged.items() if e.qualifies} == {"张三", "李䶮", "吉𠮷", "欧阳娜娜"}
    assert judged["吉𠮷"].attended == 8 and judged["吉𠮷"].held == 10  # exactly 80% qualifies
    assert judged["王五"].reason == "出勤 6/10 < 80%"
    assert judged["赵六"].reason == "出勤 0/10 < 80%"
    assert judged["李䶮"].hours == 13.5


def test_certificates_issued_numbered_audited_and_scannable(db, school, tmp_path, out_dir):
    pdf = tmp_path / "certs.pdf"
    result = svc.print_certificates(db, actor="admin", class_id=school.class_id, out=pdf)
    issued = {c["name"]: c for c in result["issued"]}
    assert set(issued) == {"张三", "李䶮", "吉𠮷", "欧阳娜娜"}
    assert all(c["new"] for c in issued.values())
    numbers = [c["cert_no"] for c in result["issued"]]
    assert len(set(numbers)) == 4 and all(n.startswith("ST01-C") for n in numbers)
    assert {r["name"]: r["reason"] for r in result["refused"]} == {
        "王五": "出勤 6/10 < 80%", "赵六": "出勤 0/10 < 80%"}
    found = sorted(sum((decode(p) for p in render(pdf, out_dir)), []))
    assert [parse_payload(f).number for f in found] == sorted(numbers)
    assert all(parse_payload(f).verify(school.secret) for f in found)
    assert "李䶮" in pdf_flat_text(pdf)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == "certificate.issue")) == 4


def test_reprint_gives_the_same_numbers(db, school, tmp_path):
    first = svc.print_certificates(db, actor="admin", class_id=school.class_id,
                                   out=tmp_path / "a.pdf")
    again = svc.print_certificates(db, actor="admin", class_id=school.class_id,
                                   out=tmp_path / "b.pdf")
    assert [c["cert_no"] for c in again["issued"]] == [c["cert_no"] for c in first["issued"]]
    assert not any(c["new"] for c in again["issued"])
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Certificate)) == 4


def test_cancelled_certificates_use_no_number(db, school, tmp_path):
    with pytest.raises(Cancelled):
        svc.print_certificates(db, actor="admin", class_id=school.class_id,
                               out=tmp_path / "c.pdf", cancel=lambda: True)
    assert not (tmp_path / "c.pdf").exists()
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Certificate)) == 0
    result = svc.print_certificates(db, actor="admin", class_id=school.class_id,
                                    out=tmp_path / "c.pdf")
    assert sorted(c["cert_no"] for c in result["issued"])[0] == "ST01-C000001"


def test_unknown_class_is_named(db, school, tmp_path):
    with pytest.raises(NotFound, match="找不到班级 nope"):
        svc.print_certificates(db, actor="admin", class_id="nope", out=tmp_path / "x.pdf")


def test_cards_new_since_last_print_then_reissued_card(db, school, tmp_path):
    first = svc.print_cards(db, actor="admin", selection=svc.CardSelection(),
                            out=tmp_path / "a.pdf")
    assert first["cards"] == 6
    with pytest.raises(ValidationError, match="没有需要打印"):
        svc.print_cards(db, actor="admin", selection=svc.CardSelection(), out=tmp_path / "b.pdf")
    old = school.cards["王五"]
    with db.transaction(actor="admin") as s:  # what the learners service does on a lost card
        learner = s.get(Learner, school.learners["王五"])
        card = s.scalars(select(LearningCard).where(LearningCard.card_no == old)).one()
        card.state, card.revoked_at = "revoked", utcnow()
        learner.card_no = "ST01000099"
        s.add_all([card, learner, LearningCard(card_no="ST01000099", learner_id=learner.id,
                                               issued_at=utcnow())])
    again = svc.print_cards(db, actor="admin", selection=svc.CardSelection(),
                            out=tmp_path / "c.pdf")
    assert again["card_nos"] == ["ST01000099"]
    assert old not in pdf_flat_text(tmp_path / "c.pdf")
    with pytest.raises(Conflict, match="已挂失或作废"):
        svc.print_cards(db, actor="admin", selection=svc.CardSelection(card_nos=[old]),
                        out=tmp_path / "d.pdf")


def test_cards_by_class_everyone_and_number(db, school, tmp_path):
    by_class = svc.print_cards(db, actor="admin", out=tmp_path / "a.pdf",
                               selection=svc.CardSelection(class_id=school.class_id))
    assert by_class["cards"] == 6
    one = svc.print_cards(db, actor="admin", out=tmp_path / "b.pdf", per_page=1,
                          selection=svc.CardSelection(card_nos=[school.cards["吉𠮷"].lower()]))
    assert one == {**one, "cards": 1, "pages": 1}
    assert svc.print_cards(db, actor="admin", out=tmp_path / "c.pdf",
                           selection=svc.CardSelection(everyone=True))["cards"] == 6
    with pytest.raises(NotFound, match="找不到卡号 ZZ1"):
        svc.print_cards(db, actor="admin", out=tmp_path / "d.pdf",
                        selection=svc.CardSelection(card_nos=["ZZ1"]))


def test_cancelled_cards_mark_nothing(db, school, tmp_path):
    with pytest.raises(Cancelled):
        svc.print_cards(db, actor="admin", selection=svc.CardSelection(), out=tmp_path / "a.pdf",
                        cancel=lambda: True)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Learner).where(
            Learner.last_card_print_at.is_not(None))) == 0
    assert list(tmp_path.glob("*.pdf")) == []


def test_signin_sheet_for_a_session(db, school, tmp_path):
    with db.read() as s:
        data = svc.signin_sheet_data(s, session_id=school.session_ids[2])
    assert data.session_label == "第3次课 · 第3讲"
    assert (data.venue, data.teacher, data.time_range) == ("青山村文化礼堂", "刘老师", "14:00–15:30")
    assert sorted(r.name for r in data.rows) == sorted(school.cards)
    result = svc.print_signin_sheet(db, session_id=school.planned_session_id,
                                    out=tmp_path / "s.pdf")
    assert result["learners"] == 6
    text = pdf_flat_text(tmp_path / "s.pdf")
    assert "第11次课·手机支付" in text and school.cards["李䶮"] in text


def test_transcript_hours_credits_and_certificate(db, school, tmp_path, out_dir):
    svc.print_certificates(db, actor="admin", class_id=school.class_id, out=tmp_path / "c.pdf")
    with db.transaction(actor="admin") as s:
        settings.set(s, "credit_hours", 2.0)
    result = svc.print_transcript(db, card_no=school.cards["李䶮"], out=tmp_path / "t.pdf")
    assert (result["total_hours"], result["credits"], result["sessions"]) == (13.5, 6.75, 9)
    assert result["classes"][0]["attended"] == 9 and result["classes"][0]["held"] == 10
    text = pdf_flat_text(tmp_path / "t.pdf")
    assert "李䶮" in text and "13.5" in text and "6.75" in text and "ST01-C" in text
    found = sum((decode(p) for p in render(tmp_path / "t.pdf", out_dir)), [])
    assert found == [card_payload(school.secret, "TEST01", school.cards["李䶮"])]


def test_signin_sheet_rows_follow_the_checkin_tick_list(db, school):
    """Typing a paper sheet back in is fastest when both lists run in the same order."""
    with db.read() as s:
        sheet = svc.signin_sheet_data(s, session_id=school.planned_session_id)
        roster = marking.roster(s, session_id=school.planned_session_id)
    assert [r.name for r in sheet.rows] == [r.name for r in roster]


def _future_session(db, school):
    import datetime as dt

    from ccschool.models import ClassSession

    with db.transaction(actor="admin") as s:
        s.add(ClassSession(class_id=school.class_id, date=dt.date.today() + dt.timedelta(days=30),
                           start_time=dt.time(14), end_time=dt.time(15, 30), hours=1.5,
                           topic="结业式", state="planned"))


def test_no_certificate_before_the_class_has_ended(db, school, tmp_path):
    """Issue 17.12: a class with sessions still to come gets no certificates, not silently."""
    from ccschool.models import Certificate

    _future_session(db, school)
    with pytest.raises(ValidationError, match="还有 1 次课未上"):
        svc.print_certificates(db, actor="admin", class_id=school.class_id, out=tmp_path / "c.pdf")
    with db.read() as s:
        assert s.scalars(select(Certificate)).all() == []
    assert not (tmp_path / "c.pdf").exists()


def test_early_completion_issues_with_its_reason_in_the_audit_log(db, school, tmp_path):
    from ccschool.models import AuditEntry

    _future_session(db, school)
    result = svc.print_certificates(db, actor="admin", class_id=school.class_id,
                                    out=tmp_path / "c.pdf", early_reason="学员外出务工")
    assert result["issued"]
    with db.read() as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.action == "certificate.issue")).all()
    assert entries and all("学员外出务工" in (e.after or "") for e in entries)


def test_printing_cards_queues_the_outbox_rows_change_tracking_would(db, school, tmp_path):
    """Marking 300 printed learners is plain SQL (it held the desk's write lock too long through
    the ORM): each learner still gets a newer version and an outbox row holding the same snapshot
    an ORM change gives, so the county sees the print like any other edit."""
    import json

    from ccschool.models import OutboxEntry
    from ccschool.sync import changes

    lid = school.learners["王五"]
    with db.read() as s:
        before = s.get(Learner, lid).version
        last_seq = s.scalar(select(func.max(OutboxEntry.seq)))
    svc.print_cards(db, actor="admin", selection=svc.CardSelection(), out=tmp_path / "a.pdf")
    with db.read() as s:
        learner = s.get(Learner, lid)
        rows = s.scalars(select(OutboxEntry).where(OutboxEntry.seq > last_seq,
                                                   OutboxEntry.record_id == lid)).all()
        assert learner.version > before and learner.last_card_print_at is not None
        assert [(r.kind, r.op, r.version) for r in rows] == [("learner", "upsert", learner.version)]
        assert json.loads(rows[0].payload) == changes.snapshot(learner)
        assert rows[0].period == changes.period_of({})
