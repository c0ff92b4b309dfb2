"""A small, fully known history for the report tests (every figure is worked out by hand in
test_figures.py). Written through the models in one transaction, as the services would."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from types import SimpleNamespace

import pytest

from ccschool import settings
from ccschool.models import (Attendance, Certificate, ClassSession, CourseClass, Enrollment,
                             Instructor, Learner, Person, SatisfactionScore, ServiceRecord, Venue)

CHINA = timezone(timedelta(hours=8))
GONE = datetime(2026, 3, 20, tzinfo=timezone.utc)  # when soft-deleted rows were deleted


def _learner(s, card, name, gender, born, village, groups, registered, deleted=False):
    person = Person(name=name, gender=gender, birth_date=born, village=village)
    s.add(person)
    s.flush()
    learner = Learner(person_id=person.id, card_no=card, target_groups=groups,
                      registered_on=registered, deleted_at=GONE if deleted else None)
    s.add(learner)
    s.flush()
    return learner


def _session(s, klass, day, hours, state="held", deleted=False):
    row = ClassSession(class_id=klass.id, date=day, start_time=time(14), end_time=time(16),
                       hours=hours, state=state, deleted_at=GONE if deleted else None)
    s.add(row)
    s.flush()
    return row


def _mark(s, session, learner, status, deleted=False):
    at = datetime.combine(session.date, time(14), CHINA).astimezone(timezone.utc)
    s.add(Attendance(session_id=session.id, learner_id=learner.id, session_date=session.date,
                     status=status, method="scan", at=at, deleted_at=GONE if deleted else None))


def build_history(s) -> SimpleNamespace:
    h = SimpleNamespace()
    settings.set(s, "village_population", {"东山村": 10, "西溪村": 4})
    settings.set(s, "participation_target", 0.5)
    v1, v2 = Venue(name="东山村文化礼堂"), Venue(name="镇社区学校多功能教室")
    s.add_all([v1, v2])
    s.flush()
    h.c1 = CourseClass(course_name="智能手机入门", theme="老年智慧生活", venue_id=v1.id,
                       term_start=date(2026, 3, 1), term_end=date(2026, 3, 31))
    h.c2 = CourseClass(course_name="电商直播", theme="职业技能", venue_id=v2.id, online=True,
                       term_start=date(2026, 3, 1), term_end=date(2026, 4, 30))
    h.c3 = CourseClass(course_name="书法", theme="人文艺术", deleted_at=GONE)
    s.add_all([h.c1, h.c2, h.c3])
    s.flush()

    h.l1 = _learner(s, "T0001", "张三", "男", date(1950, 5, 1), "东山村", "老年人", date(2025, 12, 1))
    h.l2 = _learner(s, "T0002", "李四", "女", date(1960, 4, 1), "东山村", "老年人,残疾人",
                    date(2026, 3, 5))
    h.l3 = _learner(s, "T0003", "王五", "女", date(2008, 4, 1), "西溪村", "青少年", date(2026, 3, 10))
    h.l4 = _learner(s, "T0004", "赵六", "男", date(1990, 1, 1), "南岙村", "新型职业农民",
                    date(2026, 1, 1))
    h.l5 = _learner(s, "T0005", "钱七", "女", date(1956, 3, 31), "西溪村", "", date(2026, 2, 1))
    h.l6 = _learner(s, "T0006", "删除", "男", date(1970, 1, 1), "东山村", "老年人",
                    date(2026, 3, 15), deleted=True)
    h.l7 = _learner(s, "T0007", "孙八", None, None, None, "", date(2026, 4, 1))

    now = datetime(2026, 3, 1, tzinfo=timezone.utc)
    for klass, learner, state in [(h.c1, h.l1, "enrolled"), (h.c1, h.l2, "enrolled"),
                                  (h.c1, h.l3, "enrolled"), (h.c1, h.l5, "enrolled"),
                                  (h.c1, h.l6, "enrolled"), (h.c2, h.l3, "enrolled"),
                                  (h.c2, h.l4, "enrolled"), (h.c2, h.l7, "enrolled"),
                                  (h.c2, h.l1, "withdrawn")]:
        s.add(Enrollment(class_id=klass.id, learner_id=learner.id, state=state, enrolled_at=now))

    d = lambda m, day: date(2026, m, day)  # noqa: E731
    h.s1 = _session(s, h.c1, d(3, 3), 2.0)
    h.s2 = _session(s, h.c1, d(3, 10), 2.0)
    h.s3 = _session(s, h.c1, d(3, 17), 2.0, state="cancelled")
    h.s4 = _session(s, h.c1, d(2, 24), 2.0)
    h.s5 = _session(s, h.c1, d(4, 7), 2.0, state="planned")
    h.s6 = _session(s, h.c2, d(3, 5), 1.5)
    h.s7 = _session(s, h.c2, d(3, 12), 1.5, state="planned")  # signed in, never closed
    h.s8 = _session(s, h.c2, d(3, 19), 1.5, state="planned")
    h.s9 = _session(s, h.c2, d(3, 26), 1.5, deleted=True)
    h.s10 = _session(s, h.c3, d(3, 6), 1.0)

    for sess, learner, status, *deleted in [
            (h.s1, h.l1, "present"), (h.s1, h.l2, "late"), (h.s1, h.l3, "absent"),
            (h.s1, h.l5, "present"), (h.s1, h.l6, "present"),
            (h.s2, h.l1, "present"), (h.s2, h.l2, "excused"), (h.s2, h.l2, "present", True),
            (h.s2, h.l3, "present"), (h.s2, h.l5, "present"),
            (h.s3, h.l1, "present"), (h.s4, h.l1, "present"),
            (h.s6, h.l3, "present"), (h.s6, h.l4, "present"), (h.s6, h.l7, "late"),
            (h.s7, h.l4, "present"), (h.s7, h.l3, "absent"),
            (h.s9, h.l4, "present"), (h.s10, h.l1, "present")]:
        _mark(s, sess, learner, status, deleted=bool(deleted))

    vp_a, vp_b = Person(name="志愿者甲"), Person(name="志愿者乙")
    s.add_all([vp_a, vp_b])
    s.flush()
    h.va = Instructor(person_id=vp_a.id, kind="volunteer", org_type="医务人员")
    h.vb = Instructor(person_id=vp_b.id, kind="both", org_type="退休人员")
    s.add_all([h.va, h.vb])
    s.flush()
    for vol, day, hours, deleted in [(h.va, d(3, 3), 2.0, False), (h.va, d(3, 10), 1.5, False),
                                     (h.vb, d(3, 20), 3.0, False), (h.vb, d(4, 1), 2.0, False),
                                     (h.va, d(3, 15), 5.0, True)]:
        s.add(ServiceRecord(instructor_id=vol.id, date=day, hours=hours, activity="助学",
                            deleted_at=GONE if deleted else None))

    local = lambda m, day, hh, mm=0: datetime(2026, m, day, hh, mm, tzinfo=CHINA)  # noqa: E731
    for no, learner, klass, at in [("C1", h.l1, h.c1, local(3, 31, 20)),
                                   ("C2", h.l3, h.c2, local(4, 1, 7)),
                                   ("C3", h.l5, h.c1, local(3, 1, 0, 30))]:
        s.add(Certificate(cert_no=no, learner_id=learner.id, class_id=klass.id, hours=4.0,
                          issued_at=at))
    for klass, learner, score in [(h.c1, h.l1, 5), (h.c1, h.l2, 3), (h.c1, h.l5, 2),
                                  (h.c2, h.l3, 4), (h.c1, h.l6, 1)]:
        s.add(SatisfactionScore(class_id=klass.id, learner_id=learner.id, score=score,
                                at=local(3, 28, 10)))
    return h


def open_with_history(data_dir):
    from ccschool.db import open_database
    from ccschool.services import site

    database = open_database(data_dir)
    with database.transaction(actor="admin") as s:
        site.init_site(s, code="TEST01", name="测试镇社区学校")
        h = build_history(s)
    return database, h


@pytest.fixture
def history(db):
    """The history in the test's own database (for tests that change it)."""
    with db.transaction(actor="admin") as s:
        h = build_history(s)
    return h


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """The history built once per module, for tests that only read (saves ~1.5 s per test)."""
    database, h = open_with_history(tmp_path_factory.mktemp("history"))
    yield SimpleNamespace(db=database, h=h, data_dir=database.path.parent)
    database.close()
