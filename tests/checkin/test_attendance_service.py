"""Staff marking: by name, 请假, undo, paper sheet, close; audit of corrections."""
from __future__ import annotations

import json
from datetime import time

import pytest
from sqlalchemy import select

from ccschool.errors import Conflict, NotFound, ValidationError
from ccschool.models import Attendance, AuditEntry, ClassSession, OutboxEntry
from ccschool.services.attendance import desk
from ccschool.services.attendance import marking as att
from ccschool.services.attendance.checkin import check_in
from tests.checkin.conftest import build_scene


def tx(scene):
    return scene.db.transaction(actor="王老师")


def audits(scene, action):
    with scene.db.read() as s:
        return s.scalars(select(AuditEntry).where(AuditEntry.action == action)).all()


def test_search_by_pinyin_initials_name_card_and_phone_tail(scene):
    with scene.db.read() as s:
        def names(q):
            return [r.name for r in att.search_learners(s, session_id=scene.session_id, query=q)]
        assert names("zs") == ["张三"]
        assert names("ZGH") == ["曾国华"]  # surname reading: 曾 zeng
        assert names("王") == ["王秀英"]
        assert names("liuyang") == ["刘洋"]
        assert names("T000002") == ["李四"]
        assert names("0006") == ["赵六"]
        outsider = att.search_learners(s, session_id=scene.session_id, query="赵")[0]
        assert not outsider.enrolled
        assert len(att.search_learners(s, session_id=scene.session_id, query="")) == 5


def test_mark_by_name_then_scan_is_duplicate(scene):
    with tx(scene) as s:
        row = att.mark(s, session_id=scene.session_id, learner_id=scene.learners["李四"])
    assert (row.status, row.method, row.by_user) == ("present", "manual", "王老师")
    with tx(scene) as s:
        r = check_in(s, session_id=scene.session_id, payload=scene.payloads["李四"],
                     now=scene.at(2))
    assert r.outcome == "duplicate"
    with scene.db.read() as s:
        assert desk.counts(s, session_id=scene.session_id) == (1, 5)


def test_excused_needs_a_reason_and_does_not_count_as_here(scene):
    with pytest.raises(ValidationError) as e, tx(scene) as s:
        att.mark(s, session_id=scene.session_id, learner_id=scene.learners["张三"],
                 status="excused", reason="  ")
    assert "原因" in str(e.value)
    with tx(scene) as s:
        att.mark(s, session_id=scene.session_id, learner_id=scene.learners["张三"],
                 status="excused", reason="住院")
    with scene.db.read() as s:
        [row] = desk.signins(s, session_id=scene.session_id)
        assert row.status == "excused" and desk.counts(s, session_id=scene.session_id)[0] == 0


def test_undo_soft_deletes_audits_and_lets_the_learner_sign_in_again(scene):
    with tx(scene) as s:
        r = check_in(s, session_id=scene.session_id, payload=scene.payloads["张三"],
                     now=scene.at(1))
    with tx(scene) as s:
        att.undo(s, attendance_id=r.attendance_id, reason="扫错了人")
    [entry] = audits(scene, "attendance.undo")
    assert entry.actor == "王老师" and json.loads(entry.after)["reason"] == "扫错了人"
    assert json.loads(entry.before)["learner"] == "张三"
    with scene.db.read() as s:
        ops = s.scalars(select(OutboxEntry.op).where(
            OutboxEntry.record_id == r.attendance_id).order_by(OutboxEntry.seq)).all()
        assert ops == ["upsert", "delete"]
        assert desk.signins(s, session_id=scene.session_id) == []
    with pytest.raises(NotFound), tx(scene) as s:
        att.undo(s, attendance_id=r.attendance_id)
    with tx(scene) as s:
        again = check_in(s, session_id=scene.session_id, payload=scene.payloads["张三"],
                         now=scene.at(3))
    assert again.outcome == "ok" and again.attendance_id != r.attendance_id


def test_close_marks_the_absent_and_holds_the_session(scene):
    with tx(scene) as s:
        check_in(s, session_id=scene.session_id, payload=scene.payloads["张三"], now=scene.at(1))
        att.mark(s, session_id=scene.session_id, learner_id=scene.learners["李四"],
                 status="excused", reason="出差")
    with tx(scene) as s:
        summary = att.close_session(s, session_id=scene.session_id, now=scene.at(90))
    assert summary == {"session": scene.session_id, "absent": 3, "present": 1, "enrolled": 5}
    with scene.db.read() as s:
        sess = s.get(ClassSession, scene.session_id)
        assert sess.state == "held" and sess.closed_at is not None
        by_name = {r.name: (r.status, r.method) for r in att.roster(s, session_id=scene.session_id)}
    assert by_name == {"张三": ("present", "scan"), "李四": ("excused", "manual"),
                       "王秀英": ("absent", "close"), "曾国华": ("absent", "close"),
                       "刘洋": ("absent", "close")}
    assert len(audits(scene, "session.close")) == 1
    with pytest.raises(Conflict), tx(scene) as s:
        att.close_session(s, session_id=scene.session_id)


def test_correction_after_close_is_audited(scene):
    with tx(scene) as s:
        att.close_session(s, session_id=scene.session_id, now=scene.at(90))
    with tx(scene) as s:
        att.mark(s, session_id=scene.session_id, learner_id=scene.learners["刘洋"],
                 status="late")
    [entry] = audits(scene, "attendance.correct")
    assert json.loads(entry.before)["status"] == "absent"
    assert json.loads(entry.after) == {"status": "late", "learner": "刘洋", "reason": None}
    with scene.db.read() as s:
        assert desk.counts(s, session_id=scene.session_id) == (1, 5)


def test_paper_sheet_marks_ticked_learners_once(scene):
    with tx(scene) as s:
        check_in(s, session_id=scene.session_id, payload=scene.payloads["张三"], now=scene.at(1))
    ticked = [scene.learners[n] for n in ("张三", "王秀英", "刘洋", "刘洋")]
    with tx(scene) as s:
        assert att.apply_sheet(s, session_id=scene.session_id, present_ids=ticked) == 2
    with scene.db.read() as s:
        assert desk.counts(s, session_id=scene.session_id) == (3, 5)
        assert len(s.scalars(select(Attendance)).all()) == 3


def test_bad_sheet_entry_leaves_nothing_half_written(scene):
    ticked = [scene.learners["张三"], "no-such-learner"]
    with pytest.raises(NotFound), tx(scene) as s:
        att.apply_sheet(s, session_id=scene.session_id, present_ids=ticked)
    with scene.db.read() as s:
        assert desk.counts(s, session_id=scene.session_id) == (0, 5)


def test_current_session_prefers_the_running_one(db, scene):
    later = build_scene(db, start=time(14, 0), names=["孙七"], outsiders=())
    with db.read() as s:
        assert desk.current_session(s, now=scene.at(30)).id == scene.session_id
        assert desk.current_session(s, now=scene.at(200)).id == later.session_id  # 13:20: next
        assert desk.current_session(s, now=scene.at(-120)).id == scene.session_id
        assert desk.current_session(s, now=scene.at(24 * 60)) is None
        assert len(desk.sessions_on(s, day=scene.start.date())) == 2


def test_mark_by_name_can_enroll_a_walk_in_in_the_same_step(scene):
    with tx(scene) as s:
        att.mark(s, session_id=scene.session_id, learner_id=scene.learners["赵六"], walk_in=True)
    with scene.db.read() as s:
        assert desk.counts(s, session_id=scene.session_id) == (1, 6)
        assert [r.name for r in att.roster(s, session_id=scene.session_id)
                if r.status == "present"] == ["赵六"]


def test_session_marked_held_early_still_scans_and_closes(scene):
    from ccschool.services import sessions
    with tx(scene) as s:
        sessions.mark_held(s, session_id=scene.session_id)  # the classes page's 标记已上课
    with tx(scene) as s:
        r = check_in(s, session_id=scene.session_id, payload=scene.payloads["张三"],
                     now=scene.at(2))
    assert r.outcome == "ok"
    with tx(scene) as s:
        assert att.close_session(s, session_id=scene.session_id, now=scene.at(90))["absent"] == 4
