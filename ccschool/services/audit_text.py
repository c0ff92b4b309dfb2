"""The audit log as people read it: "管理员 于 2026-12-03 10:15 新增学员 张三（T0001）".

The log stores codes and record keys (action "learner.create", entity "learner", a 32-digit
id, before/after as JSON). An admin reading it wants who did what to whom and when: this module
turns the keys into the names they stand for (looked up in one query per kind of record, so a
page of 200 entries costs a handful of queries) and writes the sentence. Values were masked by
services.audit_log before they get here.
"""
from __future__ import annotations

import re
from collections import defaultdict

from sqlalchemy import select
from sqlmodel import Session

from ccschool import clock
from ccschool.i18n import L
from ccschool.services.audit_labels import action_label, change_summary, record_label
from ccschool.models import (Attendance, Certificate, ClassSession, CourseClass, Enrollment,
                             Instructor, Learner, Person, ServiceRecord, Venue)

RECORD_ID = re.compile(r"[0-9a-f]{32}")
# Keys inside before/after that hold another record's key, and which kind of record.
ID_FIELDS = {"learner_id": "learner", "class_id": "course_class", "session_id": "class_session",
             "instructor_id": "instructor", "venue_id": "venue", "person_id": "person"}


class Names:
    """Record key → what a person calls the record, for the kinds the log mentions."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.known: dict[tuple[str, str], str] = {}

    def load(self, wanted: dict[str, set[str]]) -> None:
        for kind, ids in wanted.items():
            lookup = _LOOKUPS.get(kind)
            ids = {i for i in ids if (kind, i) not in self.known}
            if lookup and ids:
                for key, name in lookup(self.session, sorted(ids)):
                    self.known[(kind, key)] = name

    def name(self, kind: str | None, key: str | None) -> str | None:
        return self.known.get((kind or "", key or ""))


def _person_names(session, ids):
    return session.execute(select(Person.id, Person.name).where(Person.id.in_(ids)))


def _learners(session, ids):
    rows = session.execute(select(Learner.id, Person.name, Learner.card_no)
                           .join(Person, Person.id == Learner.person_id)
                           .where(Learner.id.in_(ids)))
    return [(i, f"{n}（{c}）" if c else n) for i, n, c in rows]


def _classes(session, ids):
    return session.execute(select(CourseClass.id, CourseClass.course_name)
                           .where(CourseClass.id.in_(ids)))


def _sessions(session, ids):
    rows = session.execute(select(ClassSession.id, CourseClass.course_name, ClassSession.date,
                                  ClassSession.start_time)
                           .join(CourseClass, CourseClass.id == ClassSession.class_id)
                           .where(ClassSession.id.in_(ids)))
    return [(i, f"{n} {d.isoformat()} {t:%H:%M}") for i, n, d, t in rows]


def _instructors(session, ids):
    return session.execute(select(Instructor.id, Person.name)
                           .join(Person, Person.id == Instructor.person_id)
                           .where(Instructor.id.in_(ids)))


def _venues(session, ids):
    return session.execute(select(Venue.id, Venue.name).where(Venue.id.in_(ids)))


def _pair(session, model, ids):
    """Enrolment, attendance, certificate: "learner name — class name"."""
    klass = model.class_id if hasattr(model, "class_id") else None
    if klass is None:  # attendance: through its session
        q = (select(model.id, Person.name, CourseClass.course_name)
             .join(ClassSession, ClassSession.id == model.session_id)
             .join(CourseClass, CourseClass.id == ClassSession.class_id))
    else:
        q = select(model.id, Person.name, CourseClass.course_name).join(
            CourseClass, CourseClass.id == klass)
    q = (q.join(Learner, Learner.id == model.learner_id)
         .join(Person, Person.id == Learner.person_id).where(model.id.in_(ids)))
    return [(i, f"{n} · {c}") for i, n, c in session.execute(q)]


def _service(session, ids):
    rows = session.execute(select(ServiceRecord.id, Person.name, ServiceRecord.date)
                           .join(Instructor, Instructor.id == ServiceRecord.instructor_id)
                           .join(Person, Person.id == Instructor.person_id)
                           .where(ServiceRecord.id.in_(ids)))
    return [(i, f"{n} {d.isoformat()}") for i, n, d in rows]


_LOOKUPS = {
    "person": _person_names, "learner": _learners, "course_class": _classes,
    "class_session": _sessions, "instructor": _instructors, "venue": _venues,
    "enrollment": lambda s, ids: _pair(s, Enrollment, ids),
    "attendance": lambda s, ids: _pair(s, Attendance, ids),
    "certificate": lambda s, ids: _pair(s, Certificate, ids),
    "service_record": _service,
}


def wanted_keys(entries: list[dict]) -> dict[str, set[str]]:
    """Every record key the entries mention, by kind."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for e in entries:
        if e.get("entity_id") and RECORD_ID.fullmatch(e["entity_id"]):
            wanted[e["entity"]].add(e["entity_id"])
        for side in (e.get("before"), e.get("after")):
            if isinstance(side, dict):
                for key, kind in ID_FIELDS.items():
                    if isinstance(side.get(key), str) and RECORD_ID.fullmatch(side[key]):
                        wanted[kind].add(side[key])
    return wanted


def subject(entry: dict, names: Names) -> str:
    """Whom or what the action was done to, in words; never a bare record key."""
    found = names.name(entry.get("entity"), entry.get("entity_id"))
    if found:
        return found
    for side in (entry.get("after"), entry.get("before")):
        if isinstance(side, dict):
            for key in ("name", "learner", "course_name", "cert_no", "card_no", "period",
                        "month"):
                if side.get(key):
                    return str(side[key])
    if entry.get("entity_id") and RECORD_ID.fullmatch(entry["entity_id"]):
        return record_label(entry.get("entity"), None)  # the kind only; the record is gone
    return record_label(entry.get("entity"), entry.get("entity_id"))


def readable_values(side, names: Names):
    """before/after with record keys replaced by names (what the change summary shows)."""
    if not isinstance(side, dict):
        return side
    out = {}
    for key, value in side.items():
        kind = ID_FIELDS.get(key)
        if kind and isinstance(value, str) and RECORD_ID.fullmatch(value):
            out[key.removesuffix("_id")] = names.name(kind, value) or L("（已删除）", "(deleted)")
        else:
            out[key] = value
    return out


def describe(session: Session, entries: list[dict]) -> list[dict]:
    """Each entry with "when", "subject", "changes" and the whole "sentence" added."""
    names = Names(session)
    names.load(wanted_keys(entries))
    out = []
    for e in entries:
        when = clock.stamp(e["at"])
        who = e.get("actor") or L("系统", "the system")
        what = action_label(e["action"])
        whom = subject(e, names)
        changes = change_summary(readable_values(e.get("before"), names),
                                 readable_values(e.get("after"), names))
        sentence = L("{who} 于 {when} {what}：{whom}", "{when}: {who} — {what}: {whom}",
                     who=who, when=when, what=what, whom=whom)
        if changes:
            sentence += L("（{c}）", " ({c})", c=changes)
        out.append({**e, "when": when, "subject": whom, "changes": changes,
                    "sentence": sentence})
    return out
