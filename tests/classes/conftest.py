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
