"""Bulk-loading people without paying the name-character trigger once per row.

Name search uses person_name_char (one row per character of a name), kept by AFTER INSERT/
UPDATE/DELETE triggers on person (migration learners_0002). For a 10,000-row roster the insert
trigger alone costs about as much as the person rows themselves: it runs a small program per
row. `bulk_load` holds the insert trigger back for the duration of a bulk write and puts it
back, word for word, before the transaction ends; `add_names` writes the same character rows
the trigger would have, in one executemany. SQLite DDL is transactional, so if the import fails
or is cancelled, the rollback restores the trigger along with everything else.
"""
from __future__ import annotations

import contextlib

from sqlmodel import Session

TRIGGER = "person_name_char_ai"
MAX_CHARS = 64  # the trigger walks positions 1..64 (person_name_char_pos): person.name's limit


@contextlib.contextmanager
def bulk_load(session: Session, cache_kib: int = 65536):
    """Within an open write transaction: a larger page cache, and the insert trigger held back
    (callers must call add_names for every person they insert while it is held back)."""
    conn = session.connection()
    raw = conn.connection.dbapi_connection
    old_cache = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size=-{int(cache_kib)}")  # 10k rows' indexes stay in memory
    trigger_sql = None
    if getattr(raw, "in_transaction", False):  # DDL outside a transaction would autocommit
        trigger_sql = conn.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (TRIGGER,)).scalar()
        if trigger_sql:
            conn.exec_driver_sql(f"DROP TRIGGER {TRIGGER}")
    session.info["name_index_bulk"] = bool(trigger_sql)
    try:
        yield
    except BaseException:
        # the caller's transaction rolls back, which restores the trigger; try anyway in case
        # someone catches the error and commits
        with contextlib.suppress(Exception):
            _restore(conn, trigger_sql, old_cache, session)
        raise
    _restore(conn, trigger_sql, old_cache, session)  # never commit without the trigger


def _restore(conn, trigger_sql: str | None, old_cache, session: Session) -> None:
    session.info.pop("name_index_bulk", None)
    if trigger_sql and conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?", (TRIGGER,)).scalar() is None:
        conn.exec_driver_sql(trigger_sql)
    conn.exec_driver_sql(f"PRAGMA cache_size={int(old_cache)}")


def name_rows(people: list[dict]) -> list[tuple[str, str]]:
    """The character rows the insert trigger writes: substr(name, n, 1) for n in 1..64."""
    return sorted({(ch, p["id"]) for p in people for ch in p["name"][:MAX_CHARS]})


def add_names(session: Session, people: list[dict],
              rows: list[tuple[str, str]] | None = None) -> None:
    """Write name_rows(people) (or `rows`, built from them beforehand, outside the lock)."""
    if not people or not session.info.get("name_index_bulk"):
        return  # the trigger is in place and has done it
    rows = name_rows(people) if rows is None else rows
    session.connection().exec_driver_sql(
        "INSERT OR IGNORE INTO person_name_char (ch, person_id) VALUES (?, ?)", rows)
