"""What rows of a roster import still being written mean to everyone else (one rule).

A large import (services/import_steps.py) writes its people, learners, cards and their outbox
rows in steps, each one short transaction, and notes every range of rowids it wrote (outbox:
seq) in `import_pending`. Until its last transaction deletes those notes, the import is
nowhere:
- its records are soft-deleted (deleted_at set), so every reader of live records (learner
  list, search, check-in, counts, reports, status bar) passes over them by the soft-delete rule
  it already follows; device sync, which also carries deleted records, uses `hidden_sql`;
- its outbox rows are not waiting, not closed, not counted, not sent, not exported:
  `outbox_visible` (sealing.unsealed and every count of the outbox use it);
- this device's knowledge of itself stops below the import's version (`knowledge_cap`): the
  records carry a version drawn at the first step, and a peer told "everything up to v" with
  v above it would never ask for them once they appear.
A killed import's notes stay until the next import removes its rows, so they stay nowhere.
"""
from __future__ import annotations

from sqlalchemy import text

TABLE = "import_pending"
RECORD_TABLES = ("learning_card", "learner", "person", "venue")  # in the order rows go away


def hidden_sql(table: str, rowid: str | None = None) -> str:
    """SQL, true for a row of `table` (its rowid spelt `rowid`, by default table.rowid: a bare
    rowid would be import_pending's own) that a pending import wrote."""
    return (f"EXISTS (SELECT 1 FROM {TABLE} p WHERE p.tbl = '{table}' "
            f"AND {rowid or table + '.rowid'} BETWEEN p.lo AND p.hi)")


def visible_sql(table: str, rowid: str | None = None) -> str:
    """SQL, true for a row of `table` no pending import wrote. The first test is evaluated once
    per query: with no import pending (nearly always) a million-row count pays nothing per row
    for the second."""
    return f"(NOT EXISTS (SELECT 1 FROM {TABLE}) OR NOT {hidden_sql(table, rowid)})"


# Plain SQL for the status bar's first paint (services/first_paint.py) and sealing.UNSEALED_SQL.
OUTBOX_VISIBLE_SQL = visible_sql("outbox_entry", "outbox_entry.seq")


# (month, outbox rows of pending imports): what a count of all rows per month must take off.
HIDDEN_OUTBOX_BY_MONTH_SQL = (
    f"SELECT o.period, count(*) FROM {TABLE} p JOIN outbox_entry o "
    "ON o.seq BETWEEN p.lo AND p.hi WHERE p.tbl = 'outbox_entry' GROUP BY o.period")


def outbox_visible():
    """Outbox rows of no pending import: the only ones anything may count, close or send."""
    return text(OUTBOX_VISIBLE_SQL)


def knowledge_cap(conn) -> int | None:
    """Below the oldest pending import's version (None: no import pending). `conn` is a
    sqlite3 connection."""
    low = conn.execute(f"SELECT min(version) FROM {TABLE}").fetchone()[0]
    return None if low is None else low - 1
