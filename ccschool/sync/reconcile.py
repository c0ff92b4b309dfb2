"""Reconciliation: compare a month here with what the county says it holds, and re-queue what
it lost (a county restored from an old backup, say). Re-sending is safe: chunks are idempotent.
"""
from __future__ import annotations

import json

from sqlalchemy import func, select, update

from ccschool.sync import hlc
from ccschool.models import OutboxEntry, UploadBatch, UploadChunk
from ccschool.services.site import get_site, this_device
from ccschool.sync import wire
from ccschool.sync.batching import check_period
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
        content = _content(s, period)
    county = transport.month(site, period) or {}
    seqs = (county.get("devices") or {}).get(str(me)) or (county if me == 1 else {})
    # Past the highest seq the county has seen is missing too: a gap report cannot show it.
    missing = [*(seqs.get("gaps") or []), [int(seqs.get("max_seq") or 0) + 1, 2**62]]
    lost = _lost_seqs(db, period, missing)
    requeued = _requeue(db, lost) if requeue and lost else 0
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
    rows = s.connection().exec_driver_sql(
        "SELECT o.kind, o.record_id, o.version, o.payload, o.digest FROM outbox_entry o "
        "JOIN upload_batch b ON b.id = o.batch_id WHERE b.period = ? AND o.result IN (?, ?)",
        (period, *ACKED))
    for kind, rid, version, payload, digest in rows:
        if hlc.origin(version) == 0:
            continue  # a merge decision several devices may have sent: compared by versions
        # A pruned row (sync/prune.py) kept the hash of what it sent in place of the data.
        line = (wire.digest_line(rid, version, json.loads(payload)) if payload
                else f"{rid} {version} {digest}")
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
    return lost


def _requeue(db, seqs: list[int]) -> int:
    """Chunks holding lost records go out again; a lost record whose payload was pruned is
    queued anew from its record (it goes out as a correction of its month)."""
    with db.transaction(actor=ACTOR) as s:
        chunks = set()
        for seq in seqs:
            batch_id, payload = s.execute(select(OutboxEntry.batch_id, OutboxEntry.payload)
                                          .where(OutboxEntry.seq == seq)).one()
            if not payload:
                _requeue_from_record(s, seq)
                continue
            chunk = s.scalars(select(UploadChunk).where(
                UploadChunk.batch_id == batch_id, UploadChunk.first_seq <= seq,
                UploadChunk.last_seq >= seq)).first()
            if chunk is not None:
                chunks.add((chunk.id, batch_id))
        for chunk_id, batch_id in chunks:
            s.execute(update(UploadChunk).where(UploadChunk.id == chunk_id).values(acked_at=None))
            s.execute(update(UploadBatch).where(UploadBatch.id == batch_id)
                      .values(state="pending", sent_at=None))
        return len(chunks)


def _requeue_from_record(s, seq: int) -> None:
    """The record as it stands now, in a new unsealed outbox row of the lost row's month.

    Its version is the record's current one: the same as the lost row's if it never changed
    since, else newer (and the county wants the newest anyway)."""
    from ccschool.sync.changes import outbox_row, snapshot
    from ccschool.sync.merge import MODELS

    entry = s.get(OutboxEntry, seq)
    model = MODELS.get(entry.kind)
    record = model and s.get(model, entry.record_id)
    if record is None:
        return  # nothing here to send (a record kind that is not kept, or gone for good)
    op = "delete" if getattr(record, "deleted_at", None) else "upsert"
    s.add(OutboxEntry(**outbox_row(entry.kind, snapshot(record), op, month=entry.period)))
    # The new row stands for it: the old one is no longer counted as acknowledged or as lost.
    entry.result, entry.result_reason = "resent", "lost by the county; sent again as a new row"
    s.add(entry)
