"""What the county checks in each record, and the fields it pulls out for its monthly figures.

Kinds it does not know (a newer site may send more) are kept as they are: refusing them would
block a site that upgraded before the county did.
"""
from __future__ import annotations

import operator
import re
from datetime import date
from functools import lru_cache

from ccschool.sync.wire import MAX_BIG, check_record_envelope

_HEX = re.compile(r"[0-9a-f]{32}")
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # \d would take other scripts' digits
_STATE = re.compile(r"[a-z_]{1,16}")
ATTENDANCE_STATUSES = ("present", "late", "excused", "absent")


def _ref(field):
    def check(d):
        v = d.get(field)
        return None if isinstance(v, str) and _HEX.fullmatch(v) else f"{field} must be a record id"
    return check


def _day(field):
    def check(d):
        v = d.get(field)
        try:
            # fromisoformat alone also takes 20240507 and 2024-W19-2, which sort wrongly as text
            if isinstance(v, str) and _ISO_DAY.fullmatch(v):
                date.fromisoformat(v)
                return None
        except ValueError:
            pass
        return f"{field} must be a date YYYY-MM-DD"
    return check


def _hours(field):
    def check(d):
        v = d.get(field)
        ok = isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v <= 24
        return None if ok else f"{field} must be a number of hours between 0 and 24"
    return check


def _one_of(field, allowed):
    def check(d):
        return None if d.get(field) in allowed else f"{field} must be one of {', '.join(allowed)}"
    return check


def _score(d):
    v = d.get("score")
    ok = isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 5
    return None if ok else "score must be an integer from 1 to 5"


CHECKS = {
    "attendance": [_ref("session_id"), _ref("learner_id"), _day("session_date"),
                   _one_of("status", ATTENDANCE_STATUSES)],
    "class_session": [_ref("class_id"), _day("date"), _hours("hours")],
    "service_record": [_ref("instructor_id"), _day("date"), _hours("hours")],
    "learner": [_ref("person_id")],
    "instructor": [_ref("person_id")],
    "enrollment": [_ref("class_id"), _ref("learner_id")],
    "learning_card": [_ref("learner_id")],
    "certificate": [_ref("learner_id"), _ref("class_id")],
    "satisfaction_score": [_ref("class_id"), _ref("learner_id"), _score],
}


def reject_reason(rec, *, surrogates: bool = True) -> str | None:
    """Why this record is refused, or None when it is acceptable (surrogates: as in
    check_record_envelope)."""
    if not surrogates and _plainly_valid(rec):
        return None
    return _reason(rec, surrogates=surrogates)


def _reason(rec, *, surrogates: bool) -> str | None:
    """The rules one at a time, each with its own message: every record the fast path is not
    sure of comes here."""
    reason = check_record_envelope(rec, surrogates=surrogates)
    if reason or rec["op"] == "delete":
        return reason
    data = rec.get("data") or {}
    for check in CHECKS.get(rec["kind"], ()):
        reason = check(data)
        if reason:
            return f"{rec['kind']}: {reason}"
    return None


Extracted = tuple  # (day, status, ref_id, subject_id, hours): record_current's columns


def extract(kind: str, data: dict) -> Extracted:
    """The aggregate columns of record_current for one record: (day, status, ref_id,
    subject_id, hours). A tuple, not a dict: this runs for every record received."""
    if kind == "attendance":
        return (data.get("session_date"), data.get("status"), data.get("session_id"),
                data.get("learner_id"), None)
    if kind in ("class_session", "service_record"):
        state = data.get("state")  # not checked above: only what fits the column is kept
        state = state if isinstance(state, str) and _STATE.fullmatch(state) else None
        return (data.get("date"), state, None, None, float(data.get("hours") or 0))
    return _NOTHING


_NOTHING = (None, None, None, None, None)


# --- the fast path: nearly every record a site sends is a flat upsert of a known kind -------
#
# Checking field by field cost ~8 µs a record (a tenth of a chunk's time in the receiver). For
# the common shape, one regular expression over "kind|id|field|field…" checks the id, the
# references, the dates' form and the attendance status in one call; the few checks a pattern
# cannot make (a real calendar day, hours, score) follow. The fast path only ever says "valid":
# anything else — a missing field, a non-string, a nested value, a delete, an unknown kind —
# goes through _reason, which finds the exact message. tests/county/test_validate.py holds the
# two paths to the same verdicts.

_ID = "[0-9a-f]{32}"
_DAY_FORM = "[0-9]{4}-[0-9]{2}-[0-9]{2}"
_NESTED = frozenset((dict, list))
_ANY_KIND = re.compile(r"[a-z][a-z0-9_]{0,39}\|[0-9a-f]{32}")


def _fast(kind: str, parts: list[tuple[str, str]], days: tuple[str, ...] = (),
          hours: tuple[str, ...] = (), score: bool = False):
    pattern = re.compile("\\|".join([re.escape(kind), _ID, *(p for _f, p in parts)]))
    # the fields' values as one tuple in one C call (a KeyError when one is missing)
    names = [f for f, _p in parts]
    fields = (operator.itemgetter(*names) if len(names) > 1
              else lambda d, f=names[0]: (d[f],))
    return fields, pattern, days, hours, score


_STATUS = "(?:" + "|".join(ATTENDANCE_STATUSES) + ")"
_FAST = {spec[0]: spec[1:] for spec in (
    ("attendance", *_fast("attendance", [("session_id", _ID), ("learner_id", _ID),
                                         ("session_date", _DAY_FORM), ("status", _STATUS)],
                          days=("session_date",))),
    ("class_session", *_fast("class_session", [("class_id", _ID), ("date", _DAY_FORM)],
                             days=("date",), hours=("hours",))),
    ("service_record", *_fast("service_record", [("instructor_id", _ID), ("date", _DAY_FORM)],
                              days=("date",), hours=("hours",))),
    ("learner", *_fast("learner", [("person_id", _ID)])),
    ("instructor", *_fast("instructor", [("person_id", _ID)])),
    ("enrollment", *_fast("enrollment", [("class_id", _ID), ("learner_id", _ID)])),
    ("learning_card", *_fast("learning_card", [("learner_id", _ID)])),
    ("certificate", *_fast("certificate", [("learner_id", _ID), ("class_id", _ID)])),
    ("satisfaction_score", *_fast("satisfaction_score", [("class_id", _ID), ("learner_id", _ID)],
                                  score=True)),
)}
assert set(_FAST) == set(CHECKS), "every checked kind needs its fast pattern"


@lru_cache(maxsize=4096)
def _real_day(text: str) -> bool:
    """A month of records names ~30 days: each is parsed once."""
    try:
        date.fromisoformat(text)
        return True
    except ValueError:
        return False


def _plainly_valid(rec) -> bool:
    """True only for a record every rule accepts (a body seen to hold no lone surrogate)."""
    try:
        if type(rec) is not dict or rec["op"] != "upsert":
            return False
        seq, version, data, kind = rec["seq"], rec["version"], rec["data"], rec["kind"]
        if (type(seq) is not int or type(version) is not int or not 1 <= seq <= MAX_BIG
                or not 1 <= version <= MAX_BIG or type(data) is not dict):
            return False
        if not _NESTED.isdisjoint(map(type, data.values())):
            return False  # flat: nothing nested, so no depth to check
        spec = _FAST.get(kind)
        if spec is None:
            return _ANY_KIND.fullmatch("|".join([kind, rec["id"]])) is not None
        fields, pattern, days, hours, score = spec
        if pattern.fullmatch("|".join((kind, rec["id"], *fields(data)))) is None:
            return False
        for f in days:
            if not _real_day(data[f]):
                return False
        for f in hours:
            v = data[f]
            if not (type(v) is int or type(v) is float) or not 0 <= v <= 24:
                return False
        if score:
            v = data["score"]
            if type(v) is not int or not 1 <= v <= 5:
                return False
        return True
    except (KeyError, TypeError):  # a field missing or not text: the slow path says which
        return False
