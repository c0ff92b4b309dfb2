"""The receiver's fast record check says "valid" only where the rule-by-rule check does.

validate._plainly_valid skips the per-field rules for the common record shape; a record it
wrongly passed would be stored although the county's rules refuse it. Here every kind's
valid record, and each of them broken one field at a time (and by hypothesis), gets the same
verdict from both paths.
"""
from __future__ import annotations

import copy
import uuid

from hypothesis import given, settings
from hypothesis import strategies as st

from ccschool.county.validate import _plainly_valid, _reason, reject_reason


def _id() -> str:
    return uuid.uuid4().hex


GOOD = {
    "attendance": {"session_id": _id(), "learner_id": _id(), "session_date": "2024-05-07",
                   "status": "present", "how": "scan"},
    "class_session": {"class_id": _id(), "date": "2024-05-07", "hours": 2.5, "state": "held"},
    "service_record": {"instructor_id": _id(), "date": "2024-02-29", "hours": 24},
    "learner": {"person_id": _id(), "target_groups": "老年人"},
    "instructor": {"person_id": _id()},
    "enrollment": {"class_id": _id(), "learner_id": _id()},
    "learning_card": {"learner_id": _id()},
    "certificate": {"learner_id": _id(), "class_id": _id()},
    "satisfaction_score": {"class_id": _id(), "learner_id": _id(), "score": 5},
    "person": {"name": "张三", "birth_date": "1950-05-01"},
    "venue": {"name": "教室"},
}

BAD_VALUES = [None, "", 0, 1, -1, 25, 2.5, True, False, [], {}, ["x"], {"a": 1}, "x|y",
              "2024-02-30", "2024-5-07", "20240507", "２０２４-05-07", "present ", "PRESENT",
              "0" * 32, "A" * 32, "0" * 31, "0" * 33, _id() + "\n", _id() + "|" + _id(),
              float("nan"), 10**30, "late", "absent", "2024-05-07"]


def record(of: str, **over) -> dict:
    rec = {"seq": 7, "kind": of, "id": _id(), "version": 1_700_000_000_001, "op": "upsert",
           "data": copy.deepcopy(GOOD[of])}
    rec.update(over)
    return rec


def same_verdict(rec) -> None:
    slow = _reason(copy.deepcopy(rec), surrogates=False)
    fast = _plainly_valid(copy.deepcopy(rec))
    assert not (fast and slow), f"fast path accepted what the rules refuse ({slow}): {rec!r}"
    assert reject_reason(rec, surrogates=False) == slow


def test_every_kind_is_plainly_valid():
    for kind in GOOD:
        rec = record(kind)
        assert _reason(rec, surrogates=False) is None
        assert _plainly_valid(rec), kind  # the common shape really takes the fast path


def test_each_field_broken_gets_the_rules_answer():
    for kind, data in GOOD.items():
        for field in [*data, "score", "hours", "date"]:
            for bad in BAD_VALUES:
                rec = record(kind)
                rec["data"][field] = bad
                same_verdict(rec)
            rec = record(kind)
            rec["data"].pop(field, None)
            same_verdict(rec)
        for key in ("seq", "kind", "id", "version", "op", "data"):
            for bad in [*BAD_VALUES, "delete", 2**63, 2**63 - 1, "Attendance", "a" * 41]:
                same_verdict(record(kind, **{key: bad}))
            rec = record(kind)
            del rec[key]
            same_verdict(rec)
    assert reject_reason(record("attendance", id=int("1" * 32)), surrogates=False) == \
        "id must be 32 lower-case hex digits"


_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40)
    | st.sampled_from([_id(), "2024-05-07", "2023-02-29", "present", "late", "held"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                max_size=3),
    max_leaves=6)


@settings(max_examples=300, deadline=None)
@given(kind=st.sampled_from(sorted(GOOD)), field=st.text(max_size=15) | st.sampled_from(
    ["session_id", "learner_id", "session_date", "status", "class_id", "date", "hours",
     "instructor_id", "person_id", "score"]), value=_values)
def test_any_one_value_gets_the_rules_answer(kind, field, value):
    rec = record(kind)
    rec["data"][field] = value
    same_verdict(rec)
