"""Month close writes its batch in bounded steps (issue 16, item 5): no write transaction
rewrites more than `step_rows` outbox rows, another program can write between the steps, and a
close killed (SIGKILL) at any step leaves the month open — no batch closed, sent, listed or
exported, every record still counted as waiting — until the next close finishes the same batch
a close in one transaction makes."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date

from ccschool.db import open_database
from ccschool.services import first_paint
from ccschool.sync import batching
from tests.sqltrace import write_transactions
from tests.conftest import ROOT
from tests.dbcopy import open_copy
from tests.safety.conftest import integrity

SEAL_UPDATE = "UPDATE outbox_entry SET batch_id"


def _open_period(db) -> tuple[str, int]:
    with db.read() as s:
        return tuple(s.connection().exec_driver_sql(
            "SELECT period, count(*) FROM outbox_entry WHERE batch_id IS NULL "
            "GROUP BY period ORDER BY period DESC LIMIT 1").one())


def _one_transaction_close(template, folder, period: str) -> tuple[int, str]:
    folder.mkdir()
    other = open_copy(template, folder)
    try:
        with other.transaction(actor="admin") as s:
            [same] = batching.close_month(s, period=period)
        return same.record_count, same.content_hash
    finally:
        other.close()


def test_no_write_transaction_seals_more_than_a_step_of_rows(filled, tmp_path, filled_template):
    period, rows = _open_period(filled)
    step = 40
    assert rows > 3 * step  # several steps, or the test shows nothing
    transactions = write_transactions(filled)
    [batch] = batching.close_month_in_steps(filled, period=period, actor="admin",
                                            step_rows=step)
    per_transaction = [sum(q.startswith(SEAL_UPDATE) for q in t) for t in transactions]
    assert max(per_transaction) == step and sum(per_transaction) == rows
    assert sum(1 for n in per_transaction if n) == -(-rows // step)
    assert (batch.record_count, batch.content_hash) == _one_transaction_close(
        filled_template, tmp_path / "one", period)


def _other_program_writes(path, key: str) -> None:
    """A check-in stream in another process: it must get the write lock at once."""
    conn = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")  # "database is locked" if the close held the lock
        conn.execute("INSERT INTO setting (key, value) VALUES (?, '1')", (key,))
        conn.execute("COMMIT")
    finally:
        conn.close()


def test_another_program_writes_between_the_steps(filled):
    period, rows = _open_period(filled)
    seen = []

    def progress(done: int, total: int) -> None:  # after each step's commit
        _other_program_writes(filled.path, f"desk_{done}")
        seen.append((done, total))

    [batch] = batching.close_month_in_steps(filled, period=period, actor="admin",
                                            step_rows=50, progress=progress)
    assert len(seen) == -(-rows // 50) and seen[-1] == (rows, rows)
    assert batch.record_count == rows
    with filled.read() as s:
        assert batching.closed_through(s) == period


def _sync_status(data_dir) -> dict:
    done = subprocess.run([sys.executable, "-m", "ccschool", "sync", "status", "--json",
                           "--data-dir", str(data_dir)], check=False, cwd=ROOT,
                          capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _status_bar_pending(data_dir) -> int:
    db = open_database(data_dir, migrate=False)
    try:
        with db.engine.connect() as conn:
            return first_paint.status_counts(conn, day=date(2000, 1, 1))["pending"]
    finally:
        db.close()


def _rows_sealing(path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT count(*) FROM outbox_entry o JOIN upload_batch b ON b.id = o.batch_id "
            "WHERE b.state = 'sealing'").fetchone()[0]
    finally:
        conn.close()


def _kill_once_rows_are_sealed(data_dir, period: str, at_least: int) -> None:
    """`ccschool sync close-month` one row per step, SIGKILLed once `at_least` rows of its
    batch are committed: a moment inside the close, chosen by what is on disk, not a timer."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "ccschool", "sync", "close-month", period, "--step-rows", "1",
         "--data-dir", str(data_dir)], cwd=ROOT, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        deadline = time.monotonic() + 120
        while _rows_sealing(data_dir / "ccschool.db") < at_least:
            assert proc.poll() is None, f"the close ended before it was killed: {proc.stderr.read()}"
            assert time.monotonic() < deadline, "the close never reached the step"
            time.sleep(0.01)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stderr.close()


def test_a_close_killed_mid_way_leaves_the_month_open_and_the_next_close_finishes_it(
        filled, data_dir, tmp_path, filled_template, run_cli):
    period, rows = _open_period(filled)
    filled.close()
    before = _sync_status(data_dir)
    assert before["closed_through"] is None and before["batches"] == []
    for at_least in (1, rows // 2):  # killed early, then again half-way through the same batch
        _kill_once_rows_are_sealed(data_dir, period, at_least)
        assert integrity(data_dir / "ccschool.db") == [("ok",)]
        after = _sync_status(data_dir)
        assert after["closed_through"] is None and after["batches"] == []
        assert after["pending_records"] == before["pending_records"]
        assert _status_bar_pending(data_dir) == before["pending_records"]  # what the app's bar says
        assert after["unsent_batches"] == 0 and after["months"] == before["months"]
        export = run_cli("sync", "export", "--month", period, "--out", tmp_path / "m.ccsbatch")
        assert export.returncode != 0 and "Traceback" not in export.stderr
        assert not (tmp_path / "m.ccsbatch").exists()
    assert _rows_sealing(data_dir / "ccschool.db") >= rows // 2

    done = run_cli("sync", "close-month", period, "--json")
    assert done.returncode == 0, done.stderr
    [batch] = json.loads(done.stdout)["batches"]
    assert (batch["records"], batch["content_hash"]) == _one_transaction_close(
        filled_template, tmp_path / "one", period)
    final = _sync_status(data_dir)
    assert final["closed_through"] == period and len(final["batches"]) == 1
    assert _rows_sealing(data_dir / "ccschool.db") == 0


def test_an_erasure_between_the_steps_leaves_nothing_of_the_person_in_the_batch(filled):
    """One person's rows already sealed by a step, another's still waiting: both are scrubbed
    by the erasure, and the close plans again instead of writing what it read before."""
    from sqlalchemy import func, select

    from ccschool.models import Learner, OutboxEntry, Person
    from ccschool.services.privacy import erase_learner
    from ccschool.sync import wire

    period, _rows = _open_period(filled)
    with filled.read() as s:
        people = s.execute(select(Person.phone, Learner.card_no, func.min(OutboxEntry.seq))
                           .join(Learner, Learner.person_id == Person.id)
                           .join(OutboxEntry, OutboxEntry.record_id == Person.id)
                           .where(OutboxEntry.period == period, OutboxEntry.kind == "person")
                           .group_by(Person.id).order_by(func.min(OutboxEntry.seq))).all()
    (early_phone, early_card, _), (late_phone, late_card, _) = people[0], people[-1]
    erased = []

    def progress(done: int, total: int) -> None:
        if not erased:  # after the first step: the early person's row is in the batch already
            with filled.transaction(actor="admin") as s:
                erase_learner(s, card_no=early_card)
                erase_learner(s, card_no=late_card)
            erased.append(done)

    [batch] = batching.close_month_in_steps(filled, period=period, actor="admin",
                                            step_rows=20, progress=progress)
    assert erased
    with filled.read() as s:
        records = batching.whole_batch(s, batch)["records"]
        waiting = s.scalar(select(func.count()).select_from(OutboxEntry).where(
            batching.unsealed(), OutboxEntry.period == period))
    text = json.dumps(records, ensure_ascii=False)
    assert early_phone and late_phone and early_phone not in text and late_phone not in text
    assert wire.content_hash(records) == batch.content_hash and waiting == 0
