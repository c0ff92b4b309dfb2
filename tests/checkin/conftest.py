"""A small check-in scene: one class with a session today, enrolled learners with cards."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ccschool.services import cards
from ccschool.models import (ClassSession, CourseClass, Enrollment, Learner, LearningCard, Person,
                             utcnow)
from ccschool.pinyin import name_keys
from ccschool.services import site as site_svc
from ccschool import clock

ROOT_DIR = Path(__file__).resolve().parents[2]
NAMES = ["张三", "李四", "王秀英", "曾国华", "刘洋"]


@dataclass
class Scene:
    db: object
    session_id: str
    class_id: str
    start: datetime  # local start of today's session
    learners: dict = field(default_factory=dict)  # name -> learner id
    payloads: dict = field(default_factory=dict)  # name -> card payload
    secret: str = ""
    site_code: str = ""

    def at(self, minutes: float) -> datetime:
        """An aware time `minutes` after the session start."""
        return self.start + timedelta(minutes=minutes)


def add_learner(s, name: str, card_no: str, *, card_state: str = "active") -> str:
    initials, full = name_keys(name)
    person = Person(name=name, pinyin_initials=initials, pinyin_full=full, phone_tail=card_no[-4:])
    s.add(person)
    s.flush()
    learner = Learner(person_id=person.id, card_no=card_no, card_state=card_state)
    s.add(learner)
    s.flush()
    s.add(LearningCard(card_no=card_no, learner_id=learner.id, state=card_state,
                       issued_at=utcnow()))
    return learner.id


def build_scene(db, *, start: time, capacity: int | None = 30, names=NAMES,
                outsiders=("赵六",)) -> Scene:
    today = clock.today()
    with db.transaction(actor="admin") as s:
        site = site_svc.get_site(s)
        klass = CourseClass(course_name="智能手机使用", theme="老年智慧生活", capacity=capacity)
        s.add(klass)
        s.flush()
        end = (datetime.combine(today, start) + timedelta(minutes=90)).time()
        sess = ClassSession(class_id=klass.id, date=today, start_time=start,
                            end_time=max(end, start), hours=1.5)
        s.add(sess)
        scene = Scene(db, "", klass.id, datetime.combine(today, start, clock.CHINA),
                      secret=site.secret, site_code=site.code)
        first = s.scalar(select(func.count()).select_from(LearningCard)) + 1
        for i, name in enumerate([*names, *outsiders]):
            card_no = f"T{first + i:06d}"
            lid = add_learner(s, name, card_no)
            scene.learners[name] = lid
            scene.payloads[name] = cards.card_payload(site.secret, site.code, card_no)
            if name in names:
                s.add(Enrollment(class_id=klass.id, learner_id=lid, enrolled_at=utcnow()))
        s.flush()
        scene.session_id = sess.id
    return scene


@pytest.fixture
def scene(db) -> Scene:
    """Today's session starting at 10:00 local; tests pass `now` explicitly."""
    return build_scene(db, start=time(10, 0))


def started_minutes_ago(minutes: int) -> time:
    """A start time `minutes` ago today (midnight if that would be yesterday)."""
    now = clock.now()
    start = now - timedelta(minutes=minutes)
    return start.time().replace(second=0, microsecond=0) if start.date() == now.date() else time(0)


@pytest.fixture
def live_scene(db) -> Scene:
    """Today's session that started two minutes ago (for the CLI and GUI, which use the clock)."""
    return build_scene(db, start=started_minutes_ago(2))
