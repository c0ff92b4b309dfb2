"""What the desktop app reads before its first window is up: plain SQL on a connection.

Neither the record classes (~0.2 s to build) nor the first ORM query (~0.15 s to configure
every mapper) are needed to decide between the first-run wizard and the login, to draw the
login form and the status bar, or to pick the language: these few indexed reads are.
Each takes a connection (`db.engine.connect()`) and writes nothing.
"""
from __future__ import annotations

import json
from datetime import date

from sqlalchemy import bindparam, text

from ccschool import settings
from ccschool.services.attended import ATTENDED_SQL
from ccschool.sync.sealing import UNSEALED_SQL

_SETTINGS_SQL = text("SELECT key, value FROM setting WHERE key IN :keys").bindparams(
    bindparam("keys", expanding=True))
_HAS_SITE_SQL = text("SELECT count(*) FROM site")
_SITE_SQL = text("SELECT code, name FROM site WHERE deleted_at IS NULL LIMIT 1")
_FIRST_ADMIN_SQL = text("SELECT name FROM staff_user WHERE role = 'admin' AND active "
                        "ORDER BY created_at LIMIT 1")
_ACTIVE_STAFF_SQL = text("SELECT name FROM staff_user WHERE active ORDER BY role, name")
_PENDING_SQL = text(f"SELECT count(*) FROM outbox_entry WHERE {UNSEALED_SQL}")
_SIGNED_IN_SQL = text("SELECT count(*) FROM attendance WHERE session_date = :day "
                      f"AND deleted_at IS NULL AND status IN {ATTENDED_SQL}")


def setting_values(conn, keys: tuple[str, ...]) -> dict:
    """{key: value} for these settings, the declared default where none is stored."""
    stored = dict(conn.execute(_SETTINGS_SQL, {"keys": list(keys)}).all())
    return {k: json.loads(stored[k]) if k in stored else settings.OPTIONS[k].default
            for k in keys}


def has_site(conn) -> bool:
    """False on a new data folder: the first-run wizard comes before any login."""
    return conn.execute(_HAS_SITE_SQL).scalar() > 0


def first_admin_name(conn) -> str | None:
    return conn.execute(_FIRST_ADMIN_SQL).scalar()


def active_staff_names(conn) -> list[str]:
    """The login form's names: admins first, then staff, each by name."""
    return list(conn.execute(_ACTIVE_STAFF_SQL).scalars())


def status_counts(conn, *, day: date) -> dict:
    """The status bar's site, pending uploads and the day's sign-ins (attended person-times)."""
    row = conn.execute(_SITE_SQL).first()
    pending = conn.execute(_PENDING_SQL).scalar()
    signed_in = conn.execute(_SIGNED_IN_SQL, {"day": day.isoformat()}).scalar()
    return {"site": f"{row.code} {row.name}" if row else "", "pending": pending or 0,
            "today": signed_in or 0}
