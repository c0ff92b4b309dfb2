"""The dashboard's roll-ups (schema.roll_*), kept exact at ingest.

Each chunk recomputes, in its own transaction, the roll-up rows of every key it touched — the
sessions, (learner, month) pairs and learner profiles of its records, before and after the
change — from record_current. Recomputing a key rather than adding +1/−1 keeps it exact
whatever happened to the records: a correction moving an attendance to another session or
month, a soft delete, twin attendance of one (session, learner) from two laptops (counted
once), a re-sent batch, an erasure (the person's birth date goes, the counts stay).
The same statements without a key filter build the roll-ups over existing data (rebuild).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import and_, delete, func, insert, literal_column, select
from sqlalchemy.engine import Connection

from ccschool.county import schema as t
from ccschool.county.web.jsonfield import jfield
from ccschool.services.attended import ATTENDED

_MONTH = re.compile(r"[0-9]{4}-[0-9]{2}")
SLICE = 500  # keys per statement: well under every driver's parameter limit
VERSION = "v1"


@dataclass
class Touched:
    """The roll-up keys a chunk's records touch."""
    sessions: set[str] = field(default_factory=set)
    learners: set[str] = field(default_factory=set)      # for roll_learner_month
    months: set[str] = field(default_factory=set)
    profiles: set[str] = field(default_factory=set)      # learner ids
    persons: set[str] = field(default_factory=set)       # person ids: their learners' profiles

    def attendance(self, session, learner, day) -> None:
        # a deleted record's data is not checked: only what can be a key is one
        if _key(session):
            self.sessions.add(session)
        if _key(learner) and isinstance(day, str) and _MONTH.fullmatch(day[:7]):
            self.learners.add(learner)
            self.months.add(day[:7])


def _key(value) -> bool:
    return isinstance(value, str) and 0 < len(value) <= 32


def _substr(expr, n: int):
    # literal positions: with bound ones PostgreSQL cannot tell GROUP BY expressions are equal
    return func.substr(expr, literal_column("1"), literal_column(str(n)))


def _attended(a):
    return and_(a.c.kind == "attendance", a.c.deleted.is_(False), a.c.status.in_(ATTENDED),
                a.c.day.is_not(None), a.c.ref_id.is_not(None), a.c.subject_id.is_not(None))


def _sessions_select(keys: list[str] | None):
    a, s = t.record_current.alias("a"), t.record_current.alias("s")
    q = (select(a.c.site, a.c.ref_id, a.c.day, _substr(a.c.day, 7),
                func.max(_substr(jfield(s.c.data, "class_id"), 32)), func.max(s.c.hours),
                func.count(a.c.subject_id.distinct()))
         .select_from(a.outerjoin(s, and_(s.c.record_id == a.c.ref_id,
                                          s.c.kind == "class_session")))
         .where(_attended(a)).group_by(a.c.site, a.c.ref_id, a.c.day))
    return q if keys is None else q.where(a.c.ref_id.in_(keys))


def _learner_months_select(learners: list[str] | None, months: list[str] | None):
    a = t.record_current.alias("a")
    month = _substr(a.c.day, 7)
    q = (select(a.c.site, month, a.c.subject_id, func.count(a.c.ref_id.distinct()))
         .where(_attended(a)).group_by(a.c.site, month, a.c.subject_id))
    if learners is None:
        return q
    lo, hi = min(months), max(months)
    return q.where(a.c.subject_id.in_(learners), a.c.day >= f"{lo}-01", a.c.day <= f"{hi}-31",
                   month.in_(months))


def _profiles_select(keys: list[str] | None):
    lr, p = t.record_current.alias("lr"), t.record_current.alias("p")
    person = _substr(jfield(lr.c.data, "person_id"), 32)
    q = (select(lr.c.record_id, person, jfield(lr.c.data, "target_groups"),
                _substr(jfield(p.c.data, "birth_date"), 10))
         .select_from(lr.outerjoin(p, and_(p.c.record_id == person, p.c.kind == "person")))
         .where(lr.c.kind == "learner"))
    return q if keys is None else q.where(lr.c.record_id.in_(keys))


_SESSION_COLS = ["site", "session_id", "day", "month", "class_id", "hours", "learners"]
_LM_COLS = ["site", "month", "learner_id", "sessions"]
_PROFILE_COLS = ["learner_id", "person_id", "groups", "born"]


def _slices(keys: set[str]):
    ordered = sorted(keys)
    for i in range(0, len(ordered), SLICE):
        yield ordered[i:i + SLICE]


def refresh(conn: Connection, touched: Touched) -> None:
    """Recompute every roll-up row of the touched keys from record_current."""
    rs, lm, rl = t.roll_session, t.roll_learner_month, t.roll_learner
    for part in _slices(touched.sessions):
        conn.execute(delete(rs).where(rs.c.session_id.in_(part)))
        conn.execute(insert(rs).from_select(_SESSION_COLS, _sessions_select(part)))
    months = sorted(touched.months)
    for part in _slices(touched.learners) if months else ():
        conn.execute(delete(lm).where(lm.c.learner_id.in_(part), lm.c.month.in_(months)))
        conn.execute(insert(lm).from_select(_LM_COLS, _learner_months_select(part, months)))
    profiles = set(touched.profiles)
    for part in _slices(touched.persons):
        profiles.update(r[0] for r in conn.execute(
            select(rl.c.learner_id).where(rl.c.person_id.in_(part))))
    for part in _slices(profiles):
        conn.execute(delete(rl).where(rl.c.learner_id.in_(part)))
        conn.execute(insert(rl).from_select(_PROFILE_COLS, _profiles_select(part)))


def rebuild(conn: Connection) -> None:
    """Build the roll-ups from scratch over every stored record (an upgrade, a repair)."""
    for table in (t.roll_session, t.roll_learner_month, t.roll_learner):
        conn.execute(delete(table))
    conn.execute(insert(t.roll_session).from_select(_SESSION_COLS, _sessions_select(None)))
    conn.execute(insert(t.roll_learner_month).from_select(
        _LM_COLS, _learner_months_select(None, None)))
    conn.execute(insert(t.roll_learner).from_select(_PROFILE_COLS, _profiles_select(None)))


def ensure_built(conn: Connection, now: str) -> bool:
    """Build the roll-ups once over a database that had records before them; True if built."""
    done = conn.execute(select(t.roll_built.c.name).where(t.roll_built.c.name == VERSION)).first()
    if done is not None:
        return False
    rebuild(conn)
    conn.execute(insert(t.roll_built).values(name=VERSION, built_at=now))
    return True
