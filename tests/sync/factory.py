"""Building a site's month of records for sync tests: ORM for a few, Core bulk for thousands."""
from __future__ import annotations

from datetime import date, datetime, time, timezone

from sqlalchemy import insert

from ccschool import clock
from ccschool.sync import changes
from ccschool.idcard import make_id
from ccschool.models import (Attendance, ClassSession, CourseClass, Learner, OutboxEntry, Person,
                             Venue, new_id)

TODAY = clock.today()  # China's date, as the site's months are counted
PERIOD = TODAY.strftime("%Y-%m")
DAY = TODAY.replace(day=1)
NOW = datetime.now(timezone.utc)


def small_month(db, *, learners: int = 4, consent: bool = True) -> dict:
    """A venue, a class with one session and `learners` attending: a handful of records."""
    with db.transaction(actor="test") as s:
        venue = Venue(name="文化礼堂")
        klass = CourseClass(course_name="智能手机入门", theme="老年智慧生活", venue_id=venue.id)
        session = ClassSession(class_id=klass.id, date=DAY, start_time=time(9),
                               end_time=time(11), hours=2.0, state="held")
        for obj in (venue, klass, session):  # no ORM relationships: flush parents first
            s.add(obj)
            s.flush()
        ids = {"venue": venue.id, "class": klass.id, "session": session.id, "people": [],
               "learners": [], "attendance": []}
        for i in range(learners):
            person = Person(name=f"张{'一二三四五六七八九十'[i % 10]}", gender="男",
                            birth_date=date(1950, 1, 1 + i), phone=f"1380000{i:04d}",
                            id_number=make_id("330382", date(1950, 1, 1 + i), i),
                            village="七里村", consent_upload=consent, pinyin_initials="zy")
            learner = Learner(person_id=person.id, card_no=f"A{i:05d}")
            att = Attendance(session_id=session.id, learner_id=learner.id, session_date=DAY,
                             status="present" if i % 3 else "late", method="scan", at=NOW)
            for obj in (person, learner, att):
                s.add(obj)
                s.flush()
            ids["people"].append(person.id)
            ids["learners"].append(learner.id)
            ids["attendance"].append(att.id)
    return ids


def bulk_attendance(db, n: int, ids: dict) -> list[str]:
    """n more attendance rows (new learners) through Core with their outbox rows."""
    people, learners, rows = [], [], []
    base = {"created_at": NOW, "updated_at": NOW, "version": 1, "deleted_at": None}
    for i in range(n):
        pid, lid = new_id(), new_id()
        people.append({**base, "id": pid, "name": f"学员{i}", "consent_upload": False,
                       "pinyin_initials": "xy", "pinyin_full": "xueyuan"})
        learners.append({**base, "id": lid, "person_id": pid, "card_state": "active",
                         "target_groups": "", "registered_on": DAY})
        rows.append({**base, "id": new_id(), "session_id": ids["session"], "learner_id": lid,
                     "session_date": DAY, "status": "present", "method": "import", "at": NOW})
    with db.transaction(actor="test") as s:
        for model, part in ((Person, people), (Learner, learners), (Attendance, rows)):
            s.execute(insert(model), part)
            s.execute(insert(OutboxEntry), changes.outbox_rows_for(model.__sync_kind__, part))
    return [r["id"] for r in rows]
