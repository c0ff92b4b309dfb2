"""Dropping the payloads of outbox rows the county acknowledged long ago (issue 22: storage).

Once every chunk of a batch is acknowledged over HTTP, its payloads are needed again only if
the county loses records (reconcile then re-sends them from the records tables: reconcile.py)
or a USB file of that month is asked for again (refused with a clear message). What reconcile
and corrections compare stays: seq, kind, record id, version, op, result and `digest`, the
sha256 of the sealed wire data. Rows the county rejected keep their payload (they need
fixing); un-acknowledged rows, unsealed rows and batches sent by USB are never touched.
Bundles between devices are built from the records tables, never from the outbox.

Each step is one short transaction over at most `step_rows` rows: a kill -9 loses at most the
step in flight, and running again simply goes on (a row is pruned or it is not).

Space: the rows shrink in place, so the freed bytes sit inside the outbox's pages (measured by
bench/bench_storage.py: the file and its page count stay the same). New outbox rows are
appended at the end of the table and do not fill those holes; the file shrinks only by a
compaction (VACUUM INTO a copy, then restoring that copy), which the app never runs on its own:
VACUUM of a big file holds the write lock for minutes.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import select, update

from ccschool import settings
from ccschool.models import UploadBatch, utcnow
from ccschool.sync import wire
from ccschool.sync.privacy import strip_personal
from ccschool.sync.wire import ACKED

ACTOR = "sync"
STEP_ROWS = 2000  # ~0.1 s of write lock on the 100,000-learner demo


def prunable_batches(db, *, days: int | None = None) -> list[str]:
    """Batches fully acknowledged over HTTP more than `days` ago and not yet pruned."""
    with db.read() as s:
        days = settings.get(s, "prune_after_days") if days is None else days
        cutoff = utcnow() - timedelta(days=days)
        return list(s.scalars(select(UploadBatch.id).where(
            UploadBatch.state == "done", UploadBatch.sent_at.is_not(None),
            UploadBatch.sent_at <= cutoff, UploadBatch.pruned_at.is_(None))
            .order_by(UploadBatch.period, UploadBatch.created_at)))


def prune(db, *, days: int | None = None, step_rows: int = STEP_ROWS,
          progress: Callable[[dict], None] | None = None) -> dict:
    """Drop acknowledged payloads of old batches; returns rows and batches pruned."""
    if days is not None and days < 0:
        from ccschool.errors import ValidationError

        raise ValidationError("天数不能为负：{d}", "Days cannot be negative: {d}", d=days,
                              field="days")
    out = {"batches": 0, "rows": 0}
    for batch_id in prunable_batches(db, days=days):
        while True:
            n, finished = _step(db, batch_id, step_rows)
            out["rows"] += n
            if progress:
                progress({"batch_id": batch_id, "rows": out["rows"], "batch_done": finished})
            if finished:
                out["batches"] += 1
                break
    return out


def _step(db, batch_id: str, step_rows: int) -> tuple[int, bool]:
    """One transaction: up to step_rows payloads of the batch become their digest."""
    with db.transaction(actor=ACTOR) as s:
        conn = s.connection()
        rows = conn.exec_driver_sql(
            "SELECT seq, kind, payload FROM outbox_entry WHERE batch_id = ? "
            "AND result IN (?, ?) AND payload != '' LIMIT ?", (batch_id, *ACKED, step_rows)).all()
        if rows:
            conn.exec_driver_sql(
                "UPDATE outbox_entry SET payload = '', digest = ?, erased_digest = ? WHERE seq = ?",
                [(*_hashes(kind, json.loads(payload)), seq) for seq, kind, payload in rows])
        finished = len(rows) < step_rows
        if finished:  # the batch's last step marks it, in the same transaction
            s.execute(update(UploadBatch).where(UploadBatch.id == batch_id)
                      .values(pruned_at=utcnow()))
        return len(rows), finished


def _hashes(kind: str, data: dict) -> tuple[str, str | None]:
    """(digest, erased_digest): the second only for persons, who may be erased later."""
    erased = wire.data_hash(strip_personal(kind, data)) if kind == "person" else None
    return wire.data_hash(data), erased
