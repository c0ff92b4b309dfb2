"""Demo data is realistic: valid ID numbers, old-skewed ages, sessions and attendance that fit."""
from __future__ import annotations

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
