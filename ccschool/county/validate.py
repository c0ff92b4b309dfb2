"""What the county checks in each record, and the fields it pulls out for its monthly figures.

Kinds it does not know (a newer site may send more) are kept as they are: refusing them would
block a site that upgraded before the county did.
"""
from __future__ import annotations

import re
from datetime import date

from ccschool.sync.wire import check_record_envelope

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
    reason = check_record_envelope(rec, surrogates=surrogates)
    if reason or rec["op"] == "delete":
        return reason
    data = rec.get("data") or {}
    for check in CHECKS.get(rec["kind"], ()):
        reason = check(data)
        if reason:
            return f"{rec['kind']}: {reason}"
    return None


def extract(kind: str, data: dict) -> dict:
    """The aggregate columns of record_current for one record."""
    if kind == "attendance":
        return {"day": data.get("session_date"), "status": data.get("status"),
                "ref_id": data.get("session_id"), "subject_id": data.get("learner_id"),
                "hours": None}
    if kind in ("class_session", "service_record"):
        state = data.get("state")  # not checked above: only what fits the column is kept
        state = state if isinstance(state, str) and _STATE.fullmatch(state) else None
        return {"day": data.get("date"), "status": state, "ref_id": None,
                "subject_id": None, "hours": float(data.get("hours") or 0)}
    return {"day": None, "status": None, "ref_id": None, "subject_id": None, "hours": None}
