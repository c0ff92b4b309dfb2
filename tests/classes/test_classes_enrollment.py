"""Enrollment: capacity with a clear message, waitlist, promotion on withdrawal, walk-ins."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from ccschool.errors import Conflict, NotFound
from ccschool.models import Enrollment
from ccschool.services import classes, enrollment


@pytest.fixture
def klass(db):
    with db.transaction(actor="admin") as s:
        return classes.add_class(s, name="书法", theme="人文艺术", capacity=2).id


def _enroll(db, klass, learner, **kw):
    with db.transaction(actor="admin") as s:
        return enrollment.enroll(s, class_id=klass, learner_id=learner, **kw).state


def test_full_class_refuses_with_counts(db, klass, learners):
    assert _enroll(db, klass, learners[0]) == "enrolled"
    assert _enroll(db, klass, learners[1]) == "enrolled"
    with pytest.raises(Conflict) as err:
        _enroll(db, klass, learners[2])
    assert str(err.value) == "班级“书法”已满（2/2）" and err.value.field == "capacity"
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Enrollment)) == 2  # nothing half-written


def test_waitlist_and_promotion_in_order(db, klass, learners):
    for lid in learners[:2]:
        _enroll(db, klass, lid)
    assert _enroll(db, klass, learners[2], waitlist=True) == "waitlisted"
    assert _enroll(db, klass, learners[3], waitlist=True) == "waitlisted"
    with db.transaction(actor="admin") as s:
        promoted = enrollment.withdraw(s, class_id=klass, learner_id=learners[0])
        assert promoted.learner_id == learners[2]  # first come, first promoted
    with db.read() as s:
        rows = enrollment.roster(s, class_id=klass)
    assert [(r["learner_id"], r["state"]) for r in rows] == [
        (learners[1], "enrolled"), (learners[2], "enrolled"), (learners[3], "waitlisted")]
    with db.transaction(actor="admin") as s:  # leaving the waitlist promotes nobody
        assert enrollment.withdraw(s, class_id=klass, learner_id=learners[3]) is None


def test_withdrawn_learner_can_enroll_again(db, klass, learners):
    _enroll(db, klass, learners[0])
    with db.transaction(actor="admin") as s:
        enrollment.withdraw(s, class_id=klass, learner_id=learners[0])
    assert _enroll(db, klass, learners[0]) == "enrolled"
    with pytest.raises(Conflict, match="已报名"):
        _enroll(db, klass, learners[0])
    with pytest.raises(NotFound), db.transaction(actor="admin") as s:
        enrollment.withdraw(s, class_id=klass, learner_id=learners[1])


def test_walk_in_enrolls_is_idempotent_and_refuses_when_full(db, klass, learners):
    with db.transaction(actor="desk") as s:
        row = enrollment.enroll_walk_in(s, class_id=klass, learner_id=learners[0])
        assert row.walk_in and row.state == "enrolled"
        again = enrollment.enroll_walk_in(s, class_id=klass, learner_id=learners[0])
        assert again.id == row.id
        enrollment.enroll_walk_in(s, class_id=klass, learner_id=learners[1])
    with pytest.raises(Conflict, match="已满（2/2）"), db.transaction(actor="desk") as s:
        enrollment.enroll_walk_in(s, class_id=klass, learner_id=learners[2])


def test_capacity_defaults_to_the_venue(db):
    from ccschool.services import venues
    with db.transaction(actor="admin") as s:
        v = venues.add_venue(s, name="东山村文化礼堂", capacity=120, kind="文化礼堂")
        k = classes.add_class(s, name="越剧", theme="人文艺术", venue=v.name)
        assert k.capacity == 120 and v.kind == "culture_hall"
        listed = classes.list_classes(s, venue_id=v.id)
    assert listed[0]["venue"] == "东山村文化礼堂" and listed[0]["enrolled"] == 0


def test_two_programs_enrolling_the_last_seat_at_once_get_one_seat(db, klass, learners,
                                                                   monkeypatch):
    """The GUI and the command line (two connections) race for the last seat: one gets it, the
    other a clear "full" — never an overbooked class or a "database is locked" error."""
    import threading
    import time

    from ccschool.db import open_database

    assert _enroll(db, klass, learners[0]) == "enrolled"  # one seat of two left
    counted = enrollment.is_full

    def slow_count(session, k):  # widen the window between the check and the insert
        full = counted(session, k)
        time.sleep(0.4)
        return full
    monkeypatch.setattr(enrollment, "is_full", slow_count)
    results = {}

    def enroll_from_another_connection(who):
        other = open_database(db.path.parent)
        try:
            results[who] = _enroll(other, klass, learners[who])
        except Conflict as exc:
            results[who] = str(exc)
        finally:
            other.close()

    threads = [threading.Thread(target=enroll_from_another_connection, args=(i,)) for i in (1, 2)]
    threads[0].start()
    time.sleep(0.1)  # the second starts while the first is between its check and its insert
    threads[1].start()
    for t in threads:
        t.join(30)
    assert sorted(results.values()) == ["enrolled", "班级“书法”已满（2/2）"]
    with db.read() as s:
        assert enrollment.enrolled_count(s, klass) == 2
