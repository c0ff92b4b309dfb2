"""Teachers and volunteers: one person many roles, hours credited once, monthly totals."""
from __future__ import annotations

from datetime import date, time

import pytest
from sqlalchemy import select

from ccschool.errors import Conflict
from ccschool.models import Person, ServiceRecord
from ccschool.services import classes, service_hours, sessions, volunteers
from tests.classes.conftest import make_learner


@pytest.fixture
def setup(db):
    with db.transaction(actor="admin") as s:
        vol = volunteers.add_instructor(s, name="陈志愿", phone="13900001111", kind="volunteer").id
        k = classes.add_class(s, name="智能手机应用", theme="老年智慧生活", hours_per_session=2)
        cs = sessions.add_session(s, class_id=k.id, day=date(2026, 10, 13), start=time(14),
                                  end=time(16)).id
    return vol, cs


def _live_records(db, cs):
    with db.read() as s:
        return [r for r in service_hours.session_records(s, cs)]


def test_learner_who_volunteers_is_the_same_person(db):
    with db.transaction(actor="admin") as s:
        learner = make_learner(s, "王秀英", "T0100", "13812345678")
        inst = volunteers.add_instructor(s, name="王秀英", phone="138 1234 5678", kind="志愿者")
        assert inst.person_id == learner.person_id
        again = volunteers.add_instructor(s, name="王秀英", phone="13812345678", kind="teacher")
        assert again.id == inst.id and again.kind == "both"
        with pytest.raises(Conflict, match="已在师资库"):
            volunteers.add_instructor(s, name="王秀英", phone="13812345678", kind="volunteer")
        assert len(s.scalars(select(Person).where(Person.name == "王秀英")).all()) == 1


def test_held_session_credits_assigned_volunteer_exactly_once(db, setup):
    vol, cs = setup
    with db.transaction(actor="admin") as s:
        service_hours.assign(s, session_id=cs, instructor_id=vol)
    assert _live_records(db, cs) == []  # planned: nothing credited yet
    with db.transaction(actor="admin") as s:
        sessions.mark_held(s, session_id=cs)
        sessions.mark_held(s, session_id=cs)  # twice: still one record
    recs = _live_records(db, cs)
    assert [(r.instructor_id, r.hours, r.date) for r in recs] == [(vol, 2.0, date(2026, 10, 13))]
    with db.transaction(actor="admin") as s:
        sessions.update_session(s, session_id=cs, hours=1.5)
    assert [r.hours for r in _live_records(db, cs)] == [1.5]


def test_assign_after_held_credits_and_unassign_soft_deletes(db, setup):
    vol, cs = setup
    with db.transaction(actor="admin") as s:
        sessions.mark_held(s, session_id=cs)
        service_hours.assign(s, session_id=cs, instructor_id=vol)
    [made] = _live_records(db, cs)
    with db.transaction(actor="admin") as s:
        service_hours.unassign(s, session_id=cs, instructor_id=vol)
    assert _live_records(db, cs) == []
    with db.read() as s:
        gone = s.scalars(select(ServiceRecord).where(ServiceRecord.session_id == cs)).one()
        # A newer version: the county hears of it.
        assert gone.deleted_at is not None and gone.version > made.version


def test_monthly_hours_add_manual_and_credited(db, setup):
    vol, cs = setup
    with db.transaction(actor="admin") as s:
        service_hours.assign(s, session_id=cs, instructor_id=vol)
        sessions.mark_held(s, session_id=cs)
        service_hours.add_record(s, instructor_id=vol, day=date(2026, 10, 31), hours=1.5,
                                 activity="防诈宣传")
        service_hours.add_record(s, instructor_id=vol, day=date(2026, 11, 1), hours=3,
                                 activity="图书整理")
    with db.read() as s:
        october = service_hours.monthly_hours(s, month="2026-10")
        records = service_hours.list_records(s, month="2026-10")
    assert october == [{"instructor_id": vol, "name": "陈志愿", "kind": "volunteer",
                        "hours": 3.5, "records": 2}]
    assert {r["activity"] for r in records} == {"防诈宣传", "智能手机应用 课堂服务"}


def test_cancelling_a_held_session_withdraws_its_credit(db, setup):
    vol, cs = setup
    with db.transaction(actor="admin") as s:
        service_hours.assign(s, session_id=cs, instructor_id=vol)
        sessions.mark_held(s, session_id=cs)
        sessions.cancel_session(s, session_id=cs)
    assert _live_records(db, cs) == []
