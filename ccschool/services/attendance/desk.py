"""What the check-in desk shows: today's sessions, the current one, 已到 n / m and the sign-ins.

Plain SQL on any connection or session: the desk is the first page of the desktop app and is
filled before the record classes are built (they come after the first paint), and a refresh
after every scan stays a handful of indexed statements.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import text

from ccschool import clock
from ccschool.errors import NotFound
from ccschool.services.attended import ATTENDED_SQL
from ccschool.stamps import from_micros


@dataclass(frozen=True)
class DeskSession:
    """One 课次 as the desk needs it (read-only; edit sessions through services.sessions)."""

    id: str
    class_id: str
    course_name: str
    date: date
    start_time: time
    end_time: time

    @property
    def label(self) -> str:
        return (f"{self.course_name} {self.date:%m-%d} "
                f"{self.start_time:%H:%M}–{self.end_time:%H:%M}")


@dataclass(frozen=True)
class RosterRow:
    """One enrolled (or walked-in) learner and their attendance at the session, if any."""

    learner_id: str
    name: str
    card_no: str | None
    status: str | None
    attendance_id: str | None
    at: datetime | None
    method: str | None
    enrolled: bool = True


_SESSIONS_SQL = text(
    "SELECT s.id, s.class_id, c.course_name, s.date, s.start_time, s.end_time "
    "FROM class_session s JOIN course_class c ON c.id = s.class_id "
    "WHERE s.date = :day AND s.deleted_at IS NULL AND s.state != 'cancelled' "
    "ORDER BY s.start_time")
_PAST_SQL = text(
    "SELECT s.id, s.class_id, c.course_name, s.date, s.start_time, s.end_time "
    "FROM class_session s JOIN course_class c ON c.id = s.class_id "
    "WHERE s.date BETWEEN :lo AND :hi AND s.deleted_at IS NULL AND s.state != 'cancelled' "
    "AND c.deleted_at IS NULL ORDER BY s.date DESC, s.start_time DESC")
_CLASS_OF_SQL = text("SELECT class_id FROM class_session WHERE id = :sid AND deleted_at IS NULL")
_HERE_SQL = text("SELECT count(*) FROM attendance WHERE session_id = :sid "
                 f"AND deleted_at IS NULL AND status IN {ATTENDED_SQL}")
_ENROLLED_SQL = text("SELECT count(*) FROM enrollment WHERE class_id = :cid "
                     "AND state = 'enrolled' AND deleted_at IS NULL")
_SIGNINS_SQL = text(
    "SELECT a.id, a.learner_id, p.name, l.card_no, a.status, a.at, a.method "
    "FROM attendance a JOIN learner l ON l.id = a.learner_id JOIN person p ON p.id = l.person_id "
    "WHERE a.session_id = :sid AND a.deleted_at IS NULL ORDER BY a.at DESC")


def _time(value) -> time:
    return value if isinstance(value, time) else time.fromisoformat(value)


def sessions_on(conn, *, day: date) -> list[tuple[DeskSession, str]]:
    """Sessions held on `day` (not cancelled), in start order, with a label for a picker."""
    rows = [DeskSession(sid, cid, course, day, _time(start), _time(end))
            for sid, cid, course, _d, start, end in conn.execute(
                _SESSIONS_SQL, {"day": day.isoformat()})]
    return [(r, r.label) for r in rows]


def sessions_before(conn, *, today: date, days: int = 92) -> list[tuple[DeskSession, str]]:
    """Sessions of the last `days` days up to today, newest first: a village's paper sign-in
    sheet comes in days or weeks after the session."""
    lo = date.fromordinal(today.toordinal() - days)
    rows = [DeskSession(sid, cid, course, date.fromisoformat(str(d)[:10]), _time(start), _time(end))
            for sid, cid, course, d, start, end in conn.execute(
                _PAST_SQL, {"lo": lo.isoformat(), "hi": today.isoformat()})]
    return [(r, r.label) for r in rows]


def current_session(conn, *, now: datetime | None = None) -> DeskSession | None:
    """The session running now, else the next one today, else the last one today."""
    now = clock.local(now or clock.now())
    today = [r for r, _ in sessions_on(conn, day=now.date())]
    wall = now.time()
    running = [r for r in today if r.start_time <= wall <= r.end_time]
    upcoming = [r for r in today if r.start_time > wall]
    chosen = running or upcoming or today[-1:]
    return chosen[0] if chosen else None


def class_of(conn, session_id: str) -> str:
    class_id = conn.execute(_CLASS_OF_SQL, {"sid": session_id}).scalar()
    if class_id is None:
        raise NotFound("找不到课次 {id}", "No session {id}", id=session_id, field="session")
    return class_id


def counts(conn, *, session_id: str) -> tuple[int, int]:
    """(signed in, enrolled) for the 已到 23 / 30 display."""
    class_id = class_of(conn, session_id)
    here = conn.execute(_HERE_SQL, {"sid": session_id}).scalar()
    enrolled = conn.execute(_ENROLLED_SQL, {"cid": class_id}).scalar()
    return here, enrolled


def signins(conn, *, session_id: str) -> list[RosterRow]:
    """Live attendance rows of the session, newest first."""
    return [RosterRow(lid, name, card, status, aid, from_micros(at), method)
            for aid, lid, name, card, status, at, method in conn.execute(
                _SIGNINS_SQL, {"sid": session_id})]
