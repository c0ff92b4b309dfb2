"""Sessions: a term from a weekly pattern, editing one, cancelling with attendance, now/today."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest
from sqlalchemy import select

from ccschool.errors import Conflict, ValidationError
from ccschool.models import Attendance, ClassSession, utcnow
from ccschool import clock
from ccschool.services import classes, sessions
from ccschool.services.attendance import desk


@pytest.fixture
def klass(db):
    with db.transaction(actor="admin") as s:
        return classes.add_class(s, name="书法", theme="人文艺术", hours_per_session=1.5,
                                 capacity=3).id


def _generate(db, klass, skip=()):
    with db.transaction(actor="admin") as s:
        rows = sessions.generate_sessions(s, class_id=klass, weekly="tue,thu 14:00-15:30",
                                          start=date(2026, 9, 1), end=date(2026, 12, 31),
                                          skip=set(skip))
        return [r.id for r in rows]


def test_term_generation_skips_national_day_and_sets_term(db, klass):
    holidays = {date(2026, 10, 1), date(2026, 10, 6), date(2026, 10, 8)}
    ids = _generate(db, klass, holidays)
    with db.read() as s:
        rows = sessions.list_sessions(s, class_id=klass)
        k = classes.get_class(s, klass)
    assert len(ids) == len(rows) == 36 - 3
    days = [r.date for r in rows]
    assert not holidays & set(days)
    assert date(2026, 9, 29) in days and date(2026, 10, 13) in days  # across the month end
    assert all(r.hours == 1.5 and r.state == "planned" and r.end_time == time(15, 30) for r in rows)
    assert (k.term_start, k.term_end) == (date(2026, 9, 1), date(2026, 12, 31))


def test_generating_twice_adds_only_missing_dates(db, klass):
    _generate(db, klass, {date(2026, 10, 1)})
    assert len(_generate(db, klass)) == 1  # only 10-01 was missing
    with pytest.raises(ValidationError):
        _generate(db, klass)  # nothing left to add: said so, nothing written


def test_edit_one_session_leaves_others(db, klass):
    ids = _generate(db, klass)
    with db.transaction(actor="admin") as s:
        sessions.update_session(s, session_id=ids[3], day=date(2026, 9, 12), start=time(9),
                                end=time(11), hours=2, topic="楷书入门")
    with db.read() as s:
        rows = {r.id: r for r in sessions.list_sessions(s, class_id=klass)}
    assert (rows[ids[3]].date, rows[ids[3]].hours, rows[ids[3]].topic) == (date(2026, 9, 12), 2, "楷书入门")
    assert all(r.start_time == time(14) for i, r in rows.items() if i != ids[3])


def _sign_in(s, session_id, learner_id):
    cs = s.get(ClassSession, session_id)
    s.add(Attendance(session_id=session_id, learner_id=learner_id, session_date=cs.date, at=utcnow()))


def test_cancel_with_attendance_needs_confirm_and_keeps_records(db, klass, learners):
    ids = _generate(db, klass)
    with db.transaction(actor="admin") as s:
        _sign_in(s, ids[0], learners[0])
        _sign_in(s, ids[0], learners[1])
    with pytest.raises(Conflict) as err, db.transaction(actor="admin") as s:
        sessions.cancel_session(s, session_id=ids[0])
    assert "2条考勤记录" in str(err.value)
    with db.read() as s:
        assert s.get(ClassSession, ids[0]).state == "planned"
    with db.transaction(actor="admin") as s:
        sessions.cancel_session(s, session_id=ids[0], confirm=True)
        sessions.cancel_session(s, session_id=ids[1])  # no attendance: no question asked
    with db.read() as s:
        assert s.get(ClassSession, ids[0]).state == "cancelled"
        kept = s.scalars(select(Attendance).where(Attendance.session_id == ids[0])).all()
        assert len(kept) == 2 and all(a.deleted_at is None for a in kept)
        assert ids[0] not in [c.id for c in sessions.sessions_on(s, date(2026, 9, 1))]


def test_date_of_a_session_with_attendance_cannot_move(db, klass, learners):
    ids = _generate(db, klass)
    with db.transaction(actor="admin") as s:
        _sign_in(s, ids[0], learners[0])
    with pytest.raises(Conflict), db.transaction(actor="admin") as s:
        sessions.update_session(s, session_id=ids[0], day=date(2026, 9, 2))


def _desk_pick(s, day: date, h: int, m: int):
    """The session the check-in desk opens on at h:m China time on `day` (its id, or None)."""
    found = desk.current_session(s, now=datetime.combine(day, time(h, m), clock.CHINA))
    return found and found.id


def test_desk_opens_on_the_running_session_else_the_next_else_the_last(db, klass):
    """The one rule for "the current session" (services.attendance.desk.current_session)."""
    day = date(2026, 11, 23)
    with db.transaction(actor="admin") as s:
        a = sessions.add_session(s, class_id=klass, day=day, start=time(9), end=time(10, 30)).id
        b = sessions.add_session(s, class_id=klass, day=day, start=time(14), end=time(15)).id
    with db.read() as s:
        assert _desk_pick(s, day, 7, 0) == a  # before the first: the next one
        assert _desk_pick(s, day, 9, 0) == a and _desk_pick(s, day, 10, 30) == a  # running
        assert _desk_pick(s, day, 10, 31) == b and _desk_pick(s, day, 13, 35) == b  # next
        assert _desk_pick(s, day, 15, 1) == b  # after the last: the last, for late entries
        assert _desk_pick(s, day + timedelta(days=1), 0, 1) is None  # no session that day
        # an aware UTC time is read on the school's clock (UTC+8): 06:10Z is 14:10
        utc = datetime(2026, 11, 23, 6, 10, tzinfo=timezone.utc)
        assert desk.current_session(s, now=utc).id == b
        assert [c.id for c in sessions.sessions_on(s, day)] == [a, b]


def test_desk_keeps_the_earlier_of_two_running_sessions(db, klass):
    """Overlapping sessions: the one that started first stays open until it ends."""
    day = date(2026, 11, 23)
    with db.transaction(actor="admin") as s:
        early = sessions.add_session(s, class_id=klass, day=day, start=time(9), end=time(11)).id
        late = sessions.add_session(s, class_id=klass, day=day, start=time(10, 30),
                                    end=time(12)).id
    with db.read() as s:
        assert _desk_pick(s, day, 9, 40) == early and _desk_pick(s, day, 10, 45) == early
        assert _desk_pick(s, day, 11, 1) == late


def test_desk_late_evening_and_cancelled_sessions(db, klass):
    day = date(2026, 11, 23)
    with db.transaction(actor="admin") as s:
        late = sessions.add_session(s, class_id=klass, day=day, start=time(23, 40),
                                    end=time(23, 59)).id
        gone = sessions.add_session(s, class_id=klass, day=day, start=time(8), end=time(9)).id
        sessions.cancel_session(s, session_id=gone)
    with db.read() as s:
        assert _desk_pick(s, day, 8, 30) == late  # the cancelled one is never opened
        assert _desk_pick(s, day, 23, 59) == late
        assert _desk_pick(s, day + timedelta(days=1), 0, 1) is None
