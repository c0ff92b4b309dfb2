"""Demo data is realistic: valid ID numbers, old-skewed ages, sessions and attendance that fit."""
from __future__ import annotations

from ccschool.stamps import from_micros

from datetime import date

from sqlalchemy import func, select

from ccschool.services.demo import build_demo
from ccschool.idcard import parse_id
from ccschool.models import Attendance, ClassSession, Learner, Person


def test_demo_records_are_consistent(db):
    with db.transaction(actor="demo") as s:
        counts = build_demo(s, learners=200, months=3, today=date(2026, 11, 23))
    with db.read() as s:
        people = s.scalars(select(Person)).all()
        for p in people:
            number, born, gender = parse_id(p.id_number)
            assert (born, gender) == (p.birth_date, p.gender)
            assert len(p.phone) == 11 and p.phone.startswith("1")
        ages = [(date(2026, 11, 23) - p.birth_date).days // 365 for p in people]
        assert sum(a >= 60 for a in ages) / len(ages) > 0.35
        # Attendance only for held sessions (or today's, which is in progress).
        bad = s.scalar(select(func.count()).select_from(Attendance).join(
            ClassSession, ClassSession.id == Attendance.session_id).where(
            ClassSession.state == "planned", ClassSession.date != date(2026, 11, 23)))
        assert bad == 0
        assert s.scalar(select(func.count()).select_from(Learner)) == 200
        assert {"李䶮", "吉𠮷祥"} <= {p.name for p in people}
    assert counts["attendance"] > 0


def test_demo_records_wait_in_the_month_they_were_made(db):
    """A real site registered its learners over the past months and closed those months: the
    demo's outbox rows carry the registration month, not all the current one (issue 22)."""
    with db.transaction(actor="demo") as s:
        build_demo(s, learners=300, months=3, today=date(2026, 11, 23))
    with db.read() as s:
        conn = s.connection()
        made = conn.exec_driver_sql(
            "SELECT o.period, l.registered_on, l.created_at FROM outbox_entry o "
            "JOIN learner l ON l.id = o.record_id WHERE o.kind = 'learner'").all()
        assert len(made) == 300
        assert all(period == registered[:7] and from_micros(created).strftime("%Y-%m") <= period
                   for period, registered, created in made)
        assert len({period for period, _r, _c in made}) >= 4  # spread over the months
        # a person and a card are made with their learner; an enrollment not before either
        late = conn.exec_driver_sql(
            "SELECT count(*) FROM enrollment e JOIN learner l ON l.id = e.learner_id "
            "WHERE e.created_at < l.created_at").scalar()
        assert late == 0
        months = dict(conn.exec_driver_sql(
            "SELECT o.period, count(*) FROM outbox_entry o JOIN learning_card c "
            "ON c.id = o.record_id JOIN learner l ON l.id = c.learner_id "
            "WHERE o.period = substr(l.registered_on, 1, 7) GROUP BY o.period").all())
        assert sum(months.values()) == 300
        assert months.get("2026-11", 0) < 300 / 2  # not everyone in the current month


def test_no_demo_sign_in_is_in_the_future(db):
    """Today's demo session began minutes ago (at midnight China time, at 00:00): none of its
    sign-ins may carry a time still to come, or the desk lists people ahead of the clock."""
    from datetime import datetime, timezone

    with db.transaction(actor="demo") as s:
        build_demo(s, learners=300, months=2)  # today, China time
    now = datetime.now(timezone.utc)
    with db.read() as s:
        times = s.scalars(select(Attendance.at)).all()
    late = [t for t in times if (t if t.tzinfo else t.replace(tzinfo=timezone.utc)) > now]
    assert times and late == []
