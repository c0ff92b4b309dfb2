"""Reconciliation: compare a month here with what the county says it holds, and re-queue what
it lost (a county restored from an old backup, say). Re-sending is safe: chunks are idempotent.
"""
from __future__ import annotations

import itertools
import json

from sqlalchemy import func, select, update

from ccschool.sync import hlc
from ccschool.models import OutboxEntry, UploadBatch, UploadChunk
from ccschool.services.site import get_site, this_device
from ccschool.sync import wire
from ccschool.sync.batching import check_period
from ccschool.sync.prune import (PRUNED_KIND_SQL, PRUNED_OF_MONTH, PRUNED_RESULT_SQL,
                                  chunk_has_pruned, record_id_of)
from ccschool.sync.wire import ACKED
from ccschool.sync.transport import Transport

ACTOR = "sync"


def reconcile(db, transport: Transport, *, period: str, requeue: bool = False) -> dict:
    """Here vs county for one month; with requeue, chunks holding lost records go out again."""
    check_period(period)
    with db.read() as s:
        site, me = get_site(s).code, this_device(s)
        here = dict(s.execute(select(OutboxEntry.kind, func.count()).join(
            UploadBatch, UploadBatch.id == OutboxEntry.batch_id).where(
            UploadBatch.period == period, OutboxEntry.result.in_(ACKED))
            .group_by(OutboxEntry.kind)).all())
        for kind, n in s.connection().exec_driver_sql(
                f"SELECT {PRUNED_KIND_SQL}, count(*) FROM {PRUNED_OF_MONTH} "
                f"AND {PRUNED_RESULT_SQL} IN (?, ?) GROUP BY p.kind", (period, *ACKED)):
            here[kind] = here.get(kind, 0) + n
        content = _content(s, period)
    county = transport.month(site, period) or {}
    seqs = (county.get("devices") or {}).get(str(me)) or (county if me == 1 else {})
    # Past the highest seq the county has seen is missing too: a gap report cannot show it.
    missing = [*(seqs.get("gaps") or []), [int(seqs.get("max_seq") or 0) + 1, 2**62]]
    lost = _lost_seqs(db, period, missing)
    requeued = _requeue(db, period, lost) if requeue and lost else 0
    county_content = transport.month_digest(site, period, me)
    differs = [] if county_content is None else sorted(
        k for k in set(content) | set(county_content)
        if content.get(k) != county_content.get(k))
    return {"period": period, "device": me, "here": here, "county": county.get("counts", {}),
            "county_person_times": county.get("person_times"),
            "county_learner_hours": county.get("learner_hours"),
            "lost": lost, "requeued_chunks": requeued, "content_differs": differs,
            "content_compared": county_content is not None,
            "matches": not lost and not differs and _same(here, county.get("counts", {}))}


def _content(s, period: str) -> dict:
    """Per kind, the hash the county computes over what it stored (county/pull.py)."""
    lines: dict[str, list[str]] = {}
    conn = s.connection()
    rows = conn.exec_driver_sql(
        "SELECT o.kind, o.record_id, o.version, o.payload, o.digest FROM outbox_entry o "
        "JOIN upload_batch b ON b.id = o.batch_id WHERE b.period = ? AND o.result IN (?, ?)",
        (period, *ACKED))
    # A pruned row (sync/prune.py) kept the hash of what it sent in place of the data.
    pruned = conn.exec_driver_sql(
        f"SELECT {PRUNED_KIND_SQL}, p.record_id, p.version, '', p.digest FROM {PRUNED_OF_MONTH} "
        f"AND {PRUNED_RESULT_SQL} IN (?, ?)", (period, *ACKED))
    for kind, rid, version, payload, digest in itertools.chain(rows, pruned):
        if hlc.origin(version) == 0:
            continue  # a merge decision several devices may have sent: compared by versions
        if payload:
            line = wire.digest_line(rid, version, json.loads(payload))
        elif isinstance(digest, bytes):
            line = f"{record_id_of(rid)} {version} {digest.hex()}"
        else:  # pruned in place by an older release, not yet moved
            line = f"{rid} {version} {digest}"
        lines.setdefault(kind, []).append(line)
    return {kind: wire.digest_fold(v) for kind, v in lines.items()}


def _same(here: dict, county: dict) -> bool:
    # The county counts versions it stored; a duplicate here was stored by an earlier batch,
    # so the county may hold more than this month's batches acknowledged, never fewer.
    return all(county.get(kind, 0) >= n for kind, n in here.items())


def _lost_seqs(db, period: str, gaps: list[list[int]]) -> list[int]:
    """Seqs acknowledged here that the county reports it never saw."""
    lost = []
    with db.read() as s:
        for first, last in gaps:
            lost += s.scalars(select(OutboxEntry.seq).join(
                UploadBatch, UploadBatch.id == OutboxEntry.batch_id).where(
                UploadBatch.period == period, OutboxEntry.result.in_(ACKED),
                OutboxEntry.seq.between(first, last)).order_by(OutboxEntry.seq)).all()
            lost += s.connection().exec_driver_sql(
                f"SELECT p.seq FROM {PRUNED_OF_MONTH} AND {PRUNED_RESULT_SQL} IN (?, ?) "
                "AND p.seq BETWEEN ? AND ?", (period, *ACKED, first, last)).scalars().all()
    return sorted(lost)


def _requeue(db, period: str, seqs: list[int]) -> int:
    """Chunks holding lost records go out again; a lost record whose payload was pruned is
    queued anew from its record (it goes out as a correction of its month)."""
    with db.transaction(actor=ACTOR) as s:
        chunks = set()
        for seq in seqs:
            row = s.execute(select(OutboxEntry.batch_id, OutboxEntry.payload)
                            .where(OutboxEntry.seq == seq)).first()
            if row is None:  # moved to outbox_pruned
                _requeue_pruned(s, period, seq)
                continue
            batch_id, payload = row
            if not payload:
                _requeue_from_record(s, seq)
                continue
            chunk = s.scalars(select(UploadChunk).where(
                UploadChunk.batch_id == batch_id, UploadChunk.first_seq <= seq,
                UploadChunk.last_seq >= seq)).first()
            if chunk is not None and chunk_has_pruned(s.connection(), chunk.id):
                _requeue_from_record(s, seq)  # the chunk cannot be rebuilt: its record can
            elif chunk is not None:
                chunks.add((chunk.id, batch_id))
        for chunk_id, batch_id in chunks:
            s.execute(update(UploadChunk).where(UploadChunk.id == chunk_id).values(acked_at=None))
            s.execute(update(UploadBatch).where(UploadBatch.id == batch_id)
                      .values(state="pending", sent_at=None))
        return len(chunks)


def _requeue_pruned(s, period: str, seq: int) -> None:
    """A lost record whose row was pruned (sync/prune.py) is queued anew from its record."""
    conn = s.connection()
    kind, key = conn.exec_driver_sql(
        f"SELECT {PRUNED_KIND_SQL}, p.record_id FROM {PRUNED_OF_MONTH} AND p.seq = ?",
        (period, seq)).one()
    if _queue_record(s, kind, record_id_of(key), period):
        conn.exec_driver_sql("UPDATE outbox_pruned SET result = 'resent' WHERE seq = ?",
                             (seq,))


def _queue_record(s, kind: str, record_id: str, period: str) -> bool:
    """The record as it stands now, in a new unsealed outbox row of `period`; False when
    there is nothing here to send (a record kind that is not kept, or gone for good)."""
    from ccschool.sync.changes import outbox_row, snapshot
    from ccschool.sync.merge import MODELS

    model = MODELS.get(kind)
    record = None if model is None else s.get(model, record_id)
    if record is None:
        return False
    op = "delete" if getattr(record, "deleted_at", None) else "upsert"
    s.add(OutboxEntry(**outbox_row(kind, snapshot(record), op, month=period)))
    return True


def _requeue_from_record(s, seq: int) -> None:
    """A row still in the outbox whose chunk cannot be sent again: pruned in place by an older
    release (payload emptied), or beside rows moved to outbox_pruned.

    Its version is the record's current one: the same as the lost row's if it never changed
    since, else newer (and the county wants the newest anyway)."""
    entry = s.get(OutboxEntry, seq)
    if not _queue_record(s, entry.kind, entry.record_id, entry.period):
        return
    # The new row stands for it: the old one is no longer counted as acknowledged or as lost.
    entry.result, entry.result_reason = "resent", "lost by the county; sent again as a new row"
    s.add(entry)
