"""storage: time stamps as integer microseconds since 1970 (UTC) instead of 32 characters of text

Revision ID: storage_0004
Revises: storage_0003

An attendance row carried three stamps as ISO text ('2026-12-03T01:02:03.000000+00:00'), 96 of
its 257 bytes; as integers they take 8 bytes each (the year's demo file: 739 -> ~665 MB). A
column declared VARCHAR keeps an integer as text (SQLite's type affinity), so every table with
a stamp is rebuilt with the column declared INTEGER, as SQLite's own procedure for a column
change does it (https://sqlite.org/lang_altertable.html#otheralter): the new table is made from
the old one's CREATE statement, rows copied with their rowids (the roster order), the old table
dropped, the new one renamed, its indexes and triggers made again. A CHECK on each stamp refuses
a stray text write at once instead of leaving a value that compares wrongly. env.py turns
foreign keys off around migrations, as that procedure requires.

The table and column names are copied here as they stood: a migration must not follow later code.
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from alembic import op

revision = "storage_0004"
down_revision = "storage_0003"
branch_labels = None
depends_on = None

STAMPS = {
    "audit_entry": ("at",),
    "device": ("created_at", "updated_at", "deleted_at", "joined_at", "retired_at"),
    "device_state": ("last_heard_at", "last_sent_at"),
    "person": ("created_at", "updated_at", "deleted_at", "erased_at"),
    "site": ("created_at", "updated_at", "deleted_at"),
    "staff_user": ("created_at",),
    "upload_batch": ("created_at", "sent_at", "pruned_at"),
    "venue": ("created_at", "updated_at", "deleted_at"),
    "instructor": ("created_at", "updated_at", "deleted_at"),
    "learner": ("created_at", "updated_at", "deleted_at", "last_card_print_at"),
    "outbox_entry": ("created_at",),
    "upload_chunk": ("acked_at",),
    "course_class": ("created_at", "updated_at", "deleted_at"),
    "learning_card": ("created_at", "updated_at", "deleted_at", "issued_at", "revoked_at"),
    "certificate": ("created_at", "updated_at", "deleted_at", "issued_at"),
    "class_session": ("created_at", "updated_at", "deleted_at", "closed_at"),
    "enrollment": ("created_at", "updated_at", "deleted_at", "enrolled_at", "withdrawn_at"),
    "satisfaction_score": ("created_at", "updated_at", "deleted_at", "at"),
    "attendance": ("created_at", "updated_at", "deleted_at", "at"),
    "service_record": ("created_at", "updated_at", "deleted_at"),
    "session_volunteer": ("created_at", "updated_at", "deleted_at"),
}
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_SUFFIX = "__stamps"


def _micros(value):
    """Stored text → microseconds (stamps.to_micros as it stood). Any ISO shape an older
    writer left is read; one without an offset was written as UTC."""
    if value is None or isinstance(value, int):
        return value
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    delta = moment - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def _iso(value):
    """Microseconds → the text the stamps were stored as before this revision."""
    if value is None or isinstance(value, str):
        return value
    return (_EPOCH + timedelta(microseconds=value)).isoformat(timespec="microseconds")


def _column_pattern(column: str) -> re.Pattern:
    # A column's definition starts a line or follows "(" or ","; its name may be quoted.
    return re.compile(rf'((?:^|[(,])\s*["`\[]?{column}["`\]]?\s+)(VARCHAR(?:\(\d+\))?|INTEGER)(?![\w(])',
                      re.M | re.I)


def _new_create(sql: str, table: str, columns: tuple[str, ...], *, to_integer: bool) -> str:
    head = re.match(rf'\s*CREATE\s+TABLE\s+["`\[]?{table}["`\]]?\s*\(', sql, re.I)
    if head is None:
        raise RuntimeError(f"unexpected CREATE TABLE for {table}")
    body = sql[head.end():]
    for column in columns:
        body, n = _column_pattern(column).subn(
            lambda m: m.group(1) + ("INTEGER" if to_integer else "VARCHAR(32)"), body, count=1)
        if n != 1:
            raise RuntimeError(f"column {table}.{column} not found in its CREATE TABLE")
    close = body.rindex(")")
    body, tail = body[:close].rstrip(), body[close:]
    checks = "".join(f", \n\tCONSTRAINT {table}_{c}_stamp CHECK (typeof({c}) IN ('integer', 'null'))"
                     for c in columns)
    if to_integer:
        body += checks
    else:
        body = body.replace(checks, "")
    return f'CREATE TABLE "{table}{_SUFFIX}" (' + body + "\n" + tail.lstrip()


def _rebuild(conn, table: str, columns: tuple[str, ...], *, to_integer: bool) -> None:
    sql = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
                               (table,)).scalar()
    if sql is None:
        return
    others = conn.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') "
        "AND sql IS NOT NULL ORDER BY type = 'trigger'", (table,)).scalars().all()
    info = conn.exec_driver_sql(f'PRAGMA table_info("{table}")').all()
    names = [r[1] for r in info]
    # A rowid table keeps its rowids (the learner list's roster order is the rowid) unless a
    # column is the rowid already (an INTEGER PRIMARY KEY).
    keys = [r for r in info if r[5]]
    alias = len(keys) == 1 and keys[0][2].upper() == "INTEGER"
    rowid = "" if alias or "WITHOUT ROWID" in sql.upper() else "rowid, "
    convert = "ccs_micros" if to_integer else "ccs_iso"
    select = ", ".join(f'{convert}("{n}")' if n in columns else f'"{n}"' for n in names)
    quoted = ", ".join(f'"{n}"' for n in names)
    conn.exec_driver_sql(_new_create(sql, table, columns, to_integer=to_integer))
    conn.exec_driver_sql(f'INSERT INTO "{table}{_SUFFIX}" ({rowid}{quoted}) '
                         f'SELECT {rowid}{select} FROM "{table}"')
    conn.exec_driver_sql(f'DROP TABLE "{table}"')
    conn.exec_driver_sql(f'ALTER TABLE "{table}{_SUFFIX}" RENAME TO "{table}"')
    for statement in others:
        conn.exec_driver_sql(statement)
    declared = {r[1]: r[2].upper() for r in conn.exec_driver_sql(f'PRAGMA table_info("{table}")')}
    want = "INTEGER" if to_integer else "VARCHAR(32)"
    if any(declared[c] != want for c in columns):
        raise RuntimeError(f"{table}: stamp columns not rebuilt as {want}")


def _run(to_integer: bool) -> None:
    conn = op.get_bind()
    raw = conn.connection.driver_connection
    assert raw is not None, "a site database has a driver connection"
    raw.create_function("ccs_micros", 1, _micros, deterministic=True)
    raw.create_function("ccs_iso", 1, _iso, deterministic=True)
    if conn.exec_driver_sql("PRAGMA foreign_keys").scalar():
        raise RuntimeError("foreign keys must be off while tables are rebuilt (migrations/env.py)")
    for table, columns in STAMPS.items():
        _rebuild(conn, table, columns, to_integer=to_integer)


def upgrade() -> None:
    _run(to_integer=True)


def downgrade() -> None:
    _run(to_integer=False)
