"""Server-side login sessions: the cookie carries a random id; the table keeps its sha256,
the staff name, the session's CSRF token and when it was last used."""
from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Engine

from ccschool.county.web import tables as t
from ccschool.county.web.accounts import Staff, get_staff

IDLE = 30 * 60          # a session unused this long is over
LIFETIME = 12 * 3600    # and none lasts longer than a working day


@dataclass(frozen=True)
class LoginSession:
    staff: Staff
    csrf: str
    id_hash: str


def _hash(sid: str) -> str:
    return hashlib.sha256(sid.encode()).hexdigest()


def start(engine: Engine, staff_name: str) -> str:
    """A new session for this staff member; returns the id for the cookie."""
    sid, now = secrets.token_urlsafe(32), time.time()
    with engine.begin() as conn:
        conn.execute(delete(t.web_session).where(t.web_session.c.seen_at < now - IDLE))
        conn.execute(insert(t.web_session).values(id_hash=_hash(sid), staff=staff_name,
                                                  csrf=secrets.token_urlsafe(32),
                                                  created_at=now, seen_at=now))
    return sid


def find(engine: Engine, sid: str | None) -> LoginSession | None:
    if not sid or len(sid) > 100:
        return None
    now, key = time.time(), _hash(sid)
    with engine.connect() as conn:
        row = conn.execute(select(t.web_session).where(t.web_session.c.id_hash == key)).first()
    if row is None or row.seen_at < now - IDLE or row.created_at < now - LIFETIME:
        return None
    staff = get_staff(engine, row.staff)
    if staff is None:  # disabled since
        return None
    if now - row.seen_at > 60:  # touch at most once a minute: reads stay reads
        with engine.begin() as conn:
            conn.execute(update(t.web_session).where(t.web_session.c.id_hash == key)
                         .values(seen_at=now))
    return LoginSession(staff, row.csrf, key)


def end(engine: Engine, session: LoginSession) -> None:
    with engine.begin() as conn:
        conn.execute(delete(t.web_session).where(t.web_session.c.id_hash == session.id_hash))
