"""Fixtures for the classes area: learners made directly (the learner service is another area)."""
from __future__ import annotations

import pytest

from ccschool.models import Learner, Person
from ccschool.pinyin import name_keys


def make_learner(s, name: str, card_no: str, phone: str | None = None) -> Learner:
    initials, full = name_keys(name)
    person = Person(name=name, phone=phone, phone_tail=phone[-4:] if phone else None,
                    pinyin_initials=initials, pinyin_full=full)
    s.add(person)
    s.flush()
    learner = Learner(person_id=person.id, card_no=card_no)
    s.add(learner)
    s.flush()
    return learner


@pytest.fixture
def learners(db):
    """Five learners with cards T0001…T0005; returns their ids in order."""
    names = ["张三", "李四", "王五", "赵六", "曾小红"]
    with db.transaction(actor="admin") as s:
        ids = [make_learner(s, n, f"T{i + 1:04d}", f"1380013800{i}").id for i, n in enumerate(names)]
    return ids


@pytest.fixture
def timetable(db, learners):
    """November 2026: 书法 (礼堂) on Tuesdays, 八段锦 (书屋) on Thursdays and 3 Nov morning;
    八段锦 on 12 Nov is cancelled, a session typed by mistake on 20 Nov deleted, 3 Nov's
    书法 has two sign-ins and one 请假, and one session each just outside the month."""
    from datetime import date, time

    from ccschool.models import Attendance, utcnow
    from ccschool.services import classes, sessions, venues

    with db.transaction(actor="admin") as s:
        hall = venues.add_venue(s, name="东山村文化礼堂", capacity=120, kind="culture_hall")
        library = venues.add_venue(s, name="西溪村农家书屋", capacity=30, kind="farm_library")
        s.flush()
        a = classes.add_class(s, name="书法", theme="人文艺术", venue=hall.id)
        b = classes.add_class(s, name="八段锦", theme="康养健身", venue=library.id)
        s.flush()
        sessions.generate_sessions(s, class_id=a.id, weekly="tue 14:00-15:30",
                                   start=date(2026, 10, 27), end=date(2026, 12, 1))
        sessions.generate_sessions(s, class_id=b.id, weekly="thu 09:00-10:00",
                                   start=date(2026, 11, 1), end=date(2026, 11, 30))
        morning = sessions.add_session(s, class_id=b.id, day=date(2026, 11, 3),
                                       start=time(9, 0), end=time(10, 0))
        typo = sessions.add_session(s, class_id=b.id, day=date(2026, 11, 20),
                                    start=time(9, 0), end=time(10, 0))
        s.flush()
        by_day = {cs.date: cs for cs in sessions.list_sessions(s, class_id=a.id)}
        first = by_day[date(2026, 11, 3)]
        for lid, status in zip(learners[:3], ("present", "late", "excused")):
            s.add(Attendance(session_id=first.id, learner_id=lid, session_date=first.date,
                             status=status, at=utcnow()))
        sessions.mark_held(s, session_id=first.id)
        thursday = next(cs for cs in sessions.list_sessions(s, class_id=b.id)
                        if cs.date == date(2026, 11, 12))
        sessions.cancel_session(s, session_id=thursday.id)
        sessions.delete_session(s, session_id=typo.id)
    return {"书法": a.id, "八段锦": b.id, "hall": hall.id, "library": library.id,
            "held": first.id, "cancelled": thursday.id, "morning": morning.id}
