"""Month close holds the write lock only to publish (issue 16, item 5): the heavy work —
reading the month's outbox, the privacy filter, the hash, chunk planning — runs in a read
transaction that blocks no one; the result is the same batch one long transaction made."""
from __future__ import annotations

import contextlib
import sqlite3

from sqlalchemy import event

from ccschool.sync import batching
from tests.dbcopy import open_copy

PLAN_QUERY = "SELECT outbox_entry.seq, outbox_entry.kind"


def _open_period(db) -> str:
    with db.read() as s:
        return s.connection().exec_driver_sql(
            "SELECT max(period) FROM outbox_entry WHERE batch_id IS NULL").scalar()


def _statements_in_write_transactions(db) -> list[str]:
    """Every SQL statement run between BEGIN IMMEDIATE and COMMIT on db's connections."""
    seen, state = [], {"write": False}

    def trace(sql: str) -> None:
        if sql.startswith("BEGIN IMMEDIATE"):
            state["write"] = True
        elif sql.startswith(("COMMIT", "ROLLBACK")):
            state["write"] = False
        elif state["write"]:
            seen.append(sql)

    db.engine.dispose()
    event.listen(db.engine, "connect", lambda conn, _r: conn.set_trace_callback(trace))
    return seen


def test_month_close_reads_and_plans_outside_the_write_lock(filled, data_dir, tmp_path,
                                                            filled_template):
    period = _open_period(filled)
    inside = _statements_in_write_transactions(filled)
    [batch] = batching.close_month_in_steps(filled, period=period, actor="admin")
    assert inside and not [q for q in inside if q.startswith(PLAN_QUERY)]

    other_dir = tmp_path / "one-transaction"
    other_dir.mkdir()
    other = open_copy(filled_template, other_dir)
    with other.transaction(actor="admin") as s:
        [same] = batching.close_month(s, period=period)
    other.close()
    assert (batch.record_count, batch.content_hash) == (same.record_count, same.content_hash)
    assert batch.record_count > 100


class _SignInBeforePublish:
    """The Database, except that another program writes a row of the month just before the
    close's first write transaction begins: after its plan, before its rows are sealed."""

    def __init__(self, db, period: str) -> None:
        self.db, self.period, self.raced = db, period, 0

    def read(self):
        return self.db.read()

    @contextlib.contextmanager
    def transaction(self, actor=None):
        if not self.raced:  # once: before the close's first write, after its plan
            other = sqlite3.connect(self.db.path)
            other.execute(
                "INSERT INTO outbox_entry (kind, record_id, version, op, period, payload, "
                "created_at) SELECT kind, record_id, version + 1, op, period, payload, "
                "created_at FROM outbox_entry WHERE period = ? AND kind = 'attendance' LIMIT 1",
                (self.period,))
            other.commit()
            other.close()
            self.raced += 1
        with self.db.transaction(actor=actor) as s:
            yield s


def test_a_sign_in_between_plan_and_publish_goes_into_the_batch(filled):
    period = _open_period(filled)
    with filled.read() as s:
        before = s.connection().exec_driver_sql(
            "SELECT count(*) FROM outbox_entry WHERE batch_id IS NULL AND period = ?",
            (period,)).scalar()
    racing = _SignInBeforePublish(filled, period)
    [batch] = batching.close_month_in_steps(racing, period=period, actor="admin")
    assert racing.raced == 1 and batch.record_count == before + 1
    with filled.read() as s:
        assert s.connection().exec_driver_sql(
            "SELECT count(*) FROM outbox_entry WHERE batch_id IS NULL AND period = ?",
            (period,)).scalar() == 0
