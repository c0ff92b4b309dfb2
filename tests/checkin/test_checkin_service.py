"""Every check-in outcome, as the desk sees it, and what each leaves in the database."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from ccschool import i18n, settings
from ccschool.errors import Conflict

from ccschool.services import cards
from ccschool.sync import certcheck
from ccschool.models import Attendance, ClassSession, Enrollment, Learner, LearningCard, OutboxEntry
from ccschool.services.attendance import marking as att
from ccschool import clock
from ccschool.services.attendance.checkin import check_in


def scan(scene, payload, minutes=3.0, **kw):
    with scene.db.transaction(actor="desk") as s:
        return check_in(s, session_id=scene.session_id, payload=payload, now=scene.at(minutes),
                        **kw)


def live_rows(scene, name=None):
    with scene.db.read() as s:
        q = select(Attendance).where(Attendance.session_id == scene.session_id,
                                     Attendance.deleted_at.is_(None))
        if name:
            q = q.where(Attendance.learner_id == scene.learners[name])
        return s.scalars(q).all()


def test_ok_writes_one_row_and_its_outbox_entry(scene):
    r = scan(scene, scene.payloads["张三"])
    assert (r.outcome, r.learner_name, r.card_no) == ("ok", "张三", "T000001")
    assert "张三" in r.message and "签到成功" in r.message
    [row] = live_rows(scene, "张三")
    assert (row.status, row.method, row.by_user) == ("present", "scan", "desk")
    assert row.session_date == scene.start.date() and row.at == r.at
    with scene.db.read() as s:
        box = s.scalars(select(OutboxEntry).where(OutboxEntry.record_id == row.id)).one()
    payload = json.loads(box.payload)
    assert (box.kind, box.op, box.version) == ("attendance", "upsert", row.version)
    assert payload["learner_id"] == scene.learners["张三"] and payload["status"] == "present"
    assert box.period == scene.start.strftime("%Y-%m")


def test_late_after_the_configured_minutes(scene):
    assert scan(scene, scene.payloads["张三"], minutes=10).outcome == "ok"  # 10 is not "after 10"
    r = scan(scene, scene.payloads["李四"], minutes=10.5)
    assert r.outcome == "late" and "迟到" in r.message and "李四" in r.message
    assert live_rows(scene, "李四")[0].status == "late"
    with scene.db.transaction() as s:
        settings.set(s, "late_after_minutes", 30)
    assert scan(scene, scene.payloads["王秀英"], minutes=25).outcome == "ok"


def test_duplicate_keeps_one_row_and_shows_the_first_time(scene):
    first = scan(scene, scene.payloads["张三"], minutes=1)
    again = scan(scene, scene.payloads["张三"], minutes=4)
    assert again.outcome == "duplicate" and again.at == first.at
    assert first.at.astimezone(clock.CHINA).strftime("%H:%M") in again.message
    assert "已签到" in again.message and len(live_rows(scene, "张三")) == 1


def test_not_enrolled_offers_walk_in_and_enrolls_on_request(scene):
    r = scan(scene, scene.payloads["赵六"])
    assert r.outcome == "not_enrolled" and "赵六" in r.message and "插班" in r.message
    assert live_rows(scene, "赵六") == []
    r = scan(scene, scene.payloads["赵六"], enroll_walk_ins=True)
    assert r.outcome == "ok" and r.walk_in
    with scene.db.read() as s:
        e = s.scalars(select(Enrollment).where(
            Enrollment.learner_id == scene.learners["赵六"])).one()
    assert e.walk_in and e.state == "enrolled"


def test_walk_in_refused_when_the_class_is_full(db):
    from tests.checkin.conftest import build_scene
    from datetime import time
    full = build_scene(db, start=time(10, 0), capacity=2, names=["甲一", "乙二"])
    r = scan(full, full.payloads["赵六"], enroll_walk_ins=True)
    assert r.outcome == "not_enrolled" and "已满" in r.message
    assert live_rows(full, "赵六") == []


def test_revoked_and_lost_cards_are_refused(scene):
    with scene.db.transaction() as s:
        card = s.scalars(select(LearningCard).where(LearningCard.card_no == "T000002")).one()
        card.state = "lost"
    r = scan(scene, scene.payloads["李四"])
    assert r.outcome == "revoked" and "T000002" in r.message and "李四" in r.message
    assert "挂失" in r.message and live_rows(scene, "李四") == []


def test_old_card_after_reissue_is_revoked(scene):
    with scene.db.transaction() as s:
        learner = s.get(Learner, scene.learners["张三"])
        learner.card_no = "T999999"  # a new card was issued; the old one still says active
    assert scan(scene, scene.payloads["张三"]).outcome == "revoked"


def test_another_sites_card_is_foreign(scene):
    payload = cards.card_payload("other-secret", "OTHER9", "T000001")
    r = scan(scene, payload)
    assert r.outcome == "foreign" and "OTHER9" in r.message and "T000001" in r.message


def test_forged_damaged_and_unknown_codes_are_invalid(scene):
    forged = cards.card_payload("wrong-secret", scene.site_code, "T000001")
    damaged = scene.payloads["张三"][:-3]
    unknown = cards.card_payload(scene.secret, scene.site_code, "T555555")
    certificate = cards.certificate_payload(scene.secret, scene.site_code, "C0001")
    answers = [scan(scene, p) for p in (forged, damaged, unknown, certificate, "hello", "")]
    assert [a.outcome for a in answers] == ["invalid"] * 6
    assert "伪造" in answers[0].message and "T000001" in answers[0].message
    assert "损坏" in answers[1].message
    assert "T555555" in answers[2].message and "未在本站登记" in answers[2].message
    assert "证书" in answers[3].message
    assert live_rows(scene) == []


def test_a_certificate_verification_qr_is_named_at_the_desk(scene):
    # A certificate printed for a site with a county address carries the county's address.
    url = certcheck.verify_url("http://county.example:8000/base", "token", scene.site_code, "ST01-C000015")
    typed = url.lower().replace(":", "：")  # through a Chinese IME: case and a full-width colon
    answers = [scan(scene, text) for text in (url, typed)]
    assert [a.outcome for a in answers] == ["invalid", "invalid"]
    assert all("结业证书" in a.message and "ST01-C000015" in a.message for a in answers)
    assert live_rows(scene) == []


def test_no_session_when_missing_cancelled_closed_or_not_today(scene):
    assert scan_with(scene, None).outcome == "no_session"
    assert scan_with(scene, "no-such-id").outcome == "no_session"
    r = scan(scene, scene.payloads["张三"], minutes=24 * 60)  # tomorrow
    assert r.outcome == "no_session" and "张三" in r.message
    with scene.db.transaction() as s:
        att.close_session(s, session_id=scene.session_id, now=scene.at(60))
    assert scan(scene, scene.payloads["李四"], minutes=61).outcome == "no_session"
    with scene.db.transaction() as s:
        s.get(ClassSession, scene.session_id).state = "cancelled"
    assert scan(scene, scene.payloads["李四"]).outcome == "no_session"


def scan_with(scene, session_id):
    with scene.db.transaction() as s:
        return check_in(s, session_id=session_id, payload=scene.payloads["张三"],
                        now=scene.at(1))


def test_full_width_ime_input_is_normalised(scene):
    raw = scene.payloads["张三"]
    full_width = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in raw)
    ime = " " + full_width.lower().replace(":", "：", 1) + "\t\n"
    r = scan(scene, ime)
    assert r.outcome == "ok" and r.learner_name == "张三"
    spaced = " ".join(scene.payloads["李四"].lower())
    assert scan(scene, spaced).outcome == "ok"


def test_messages_exist_in_english(scene):
    i18n.set_language("en")
    try:
        r = scan(scene, scene.payloads["赵六"])
        assert r.message.startswith("赵六 is not enrolled")
        scan(scene, scene.payloads["张三"])
        assert "already signed in" in scan(scene, scene.payloads["张三"]).message
    finally:
        i18n.set_language("zh_CN")


def test_excused_learner_who_arrives_is_signed_in(scene):
    with scene.db.transaction() as s:
        att.mark(s, session_id=scene.session_id, learner_id=scene.learners["刘洋"],
                 status="excused", reason="看病")
    [excused] = live_rows(scene, "刘洋")
    r = scan(scene, scene.payloads["刘洋"])
    assert r.outcome == "ok"
    [row] = live_rows(scene, "刘洋")
    assert row.status == "present" and row.version > excused.version


def test_race_on_the_unique_index_answers_duplicate(scene, monkeypatch):
    """A twin scan committed between our look-up and our insert: no error, no second row."""
    from ccschool.services.attendance import checkin as svc
    # Blind the look-up once, as if the twin committed just after it, so the insert meets the index.
    real = svc._LIVE_SQL
    monkeypatch.setattr(svc, "_LIVE_SQL", real + " AND 0")
    scan(scene, scene.payloads["张三"], minutes=1)
    r = scan(scene, scene.payloads["张三"], minutes=2)
    assert r.outcome == "duplicate"
    assert len(live_rows(scene, "张三")) == 1
    with scene.db.read() as s:
        assert s.scalar(select(func.count()).select_from(OutboxEntry).where(
            OutboxEntry.kind == "attendance")) == 1


def test_a_complete_payload_is_recognised_without_enter(scene):
    from ccschool.services.attendance.checkin import looks_complete
    raw = scene.payloads["张三"]
    assert looks_complete(raw) and looks_complete(" " + raw.lower() + "\t")
    assert not looks_complete(raw[:-1]) and not looks_complete("CCS1:TEST01:") and not looks_complete("")


def test_a_typed_card_number_signs_in_as_manual(scene):
    """Issue 17.7: staff type the number printed on the card into the scan box."""
    r = scan(scene, " t000002 ")  # lower case and stray spaces, as typed
    assert (r.outcome, r.learner_name, r.card_no) == ("ok", "李四", "T000002")
    [row] = live_rows(scene, "李四")
    assert (row.status, row.method) == ("present", "manual")
    assert scan(scene, "T000002").outcome == "duplicate"
    unknown = scan(scene, "3302000059")
    assert unknown.outcome == "invalid" and "3302000059" in unknown.message
    assert "二维码" not in unknown.message  # says the number is unknown, not "unreadable code"


def test_a_typed_number_obeys_the_late_rule_and_revocation(scene):
    assert scan(scene, "T000003", minutes=30).outcome == "late"
    with scene.db.transaction() as s:
        card = s.scalars(select(LearningCard).where(LearningCard.card_no == "T000004")).one()
        card.state = "lost"
        s.add(card)
    assert scan(scene, "T000004").outcome == "revoked"


def test_sign_in_by_name_uses_the_same_late_rule_as_a_scan(scene):
    """Issue 17.1: a sign-in by name after the late limit is 迟到, as a scan would be."""
    with scene.db.transaction(actor="desk") as s:
        on_time = att.sign_in(s, session_id=scene.session_id, learner_id=scene.learners["张三"],
                              now=scene.at(5))
        late = att.sign_in(s, session_id=scene.session_id, learner_id=scene.learners["李四"],
                           now=scene.at(25))
    assert (on_time.status, on_time.method) == ("present", "manual")
    assert (late.status, late.method) == ("late", "manual")
    assert scan(scene, scene.payloads["王秀英"], minutes=25).outcome == "late"
    with pytest.raises(Conflict, match="已签到过"), scene.db.transaction() as s:
        att.sign_in(s, session_id=scene.session_id, learner_id=scene.learners["张三"],
                    now=scene.at(40))
    assert live_rows(scene, "张三")[0].status == "present"


def test_a_sign_in_entered_on_a_later_day_is_not_late(scene):
    with scene.db.transaction(actor="desk") as s:
        row = att.sign_in(s, session_id=scene.session_id, learner_id=scene.learners["张三"],
                          now=scene.at(60 * 24 * 2))
    assert row.status == "present"


def test_the_countys_late_window_applies_from_its_effective_date(scene):
    """Issue 19.5: once pulled (ccschool.sync.county_rules), the county's late window decides;
    a version dated in the future does not yet."""
    from ccschool.county.web.rules import DEFAULTS
    from ccschool.sync.county_rules import validate

    def county(*versions):
        doc = {"versions": [{"effective_from": d, "set_at": "", "rules": {
            **DEFAULTS, "late_after_minutes": m}} for d, m in versions]}
        with scene.db.transaction() as s:
            settings.set(s, "county_rules", {"versions": validate(doc)})

    county(("2999-01-01", 30))
    assert scan(scene, scene.payloads["张三"], minutes=20).outcome == "late"
    county(("2000-01-01", 30), ("2999-01-01", 5))
    assert scan(scene, scene.payloads["李四"], minutes=25).outcome == "ok"


def test_a_lan_sign_in_naming_nobody_is_refused_in_words_and_writes_nothing(scene):
    """services.lan_signin.sign_in needs a scanned card or a learner: without either it says
    so (it used to look up learner None), and no row or audit entry is written."""
    from ccschool.errors import ValidationError
    from ccschool.models import AuditEntry
    from ccschool.services import lan_signin

    with pytest.raises(ValidationError, match="请扫描学习卡或选择学员"), \
            scene.db.transaction(actor="desk") as s:
        lan_signin.sign_in(s, session_id=scene.session_id, method="desk", device="desk test")
    assert live_rows(scene) == []
    with scene.db.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == "attendance.lan_signin")) == 0
