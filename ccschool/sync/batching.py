"""Month close (月结): the month's outbox rows become an upload batch, planned into chunks.

A batch is frozen when it is made: its records are privacy-filtered into their wire form, its
chunks are fixed (seq ranges) and its content hash is taken, so every later send of a chunk is
byte for byte the same and the county's idempotency holds. Edits to a closed month land in new
outbox rows, which go out as correction batches, never by rewriting a sealed one.
"""
from __future__ import annotations

import gzip
import json
import uuid
from datetime import date

from sqlalchemy import func, select
from sqlmodel import Session

from ccschool import audit, settings
from ccschool.errors import Conflict, ValidationError
from ccschool.models import OutboxEntry, UploadBatch, UploadChunk
from ccschool.services.site import get_site
from ccschool.sync import wire
from ccschool.sync.privacy import wire_data

MAX_RECORDS = 1000            # per chunk: ~50 KB of gzip, seconds even on a weak hotspot
MAX_BYTES = 128 * 1024        # compressed bytes per chunk, whatever the records hold


def check_period(period: str, today: date | None = None) -> str:
    if not isinstance(period, str) or not wire.PERIOD_RE.fullmatch(period):
        raise ValidationError("月份格式应为 YYYY-MM：{p}", "A month is written YYYY-MM: {p}",
                              p=period, field="period")
    if period > (today or date.today()).strftime("%Y-%m"):
        raise ValidationError("不能月结尚未到来的月份：{p}", "Cannot close a month that has not begun: {p}",
                              p=period, field="period")
    return period


def closed_through(s: Session) -> str | None:
    """The last closed month: every month up to it is closed."""
    return s.scalar(select(func.max(UploadBatch.period)).where(UploadBatch.is_correction.is_(False)))


def close_month(s: Session, *, period: str, today: date | None = None,
                max_records: int = MAX_RECORDS, max_bytes: int = MAX_BYTES) -> list[UploadBatch]:
    """Close `period` (and any earlier month never closed): one batch per month with records.

    The closed month always gets a batch, even an empty one, so the county learns the site had
    nothing to report rather than wondering whether it was lost.
    """
    check_period(period, today)
    last = closed_through(s)
    if last is not None and period <= last:
        raise Conflict("{p} 已月结（已结至 {last}）；之后的修改会作为更正上传",
                       "{p} is already closed (closed through {last}); later edits go as corrections",
                       p=period, last=last, field="period")
    periods = sorted(set(_pending_periods(s, upto=period)) | {period})
    batches = [_seal(s, p, is_correction=last is not None and p <= last,
                     limits=(max_records, max_bytes)) for p in periods]
    audit.record(s, "sync.close_month", "upload_batch", batches[-1].id,
                 after={"period": period, "batches": [b.id for b in batches],
                        "records": sum(b.record_count for b in batches)})
    return batches


def seal_corrections(s: Session, *, max_records: int = MAX_RECORDS,
                     max_bytes: int = MAX_BYTES) -> list[UploadBatch]:
    """Edits made to already-closed months since they were closed, as correction batches."""
    last = closed_through(s)
    if last is None:
        return []
    return [_seal(s, p, is_correction=True, limits=(max_records, max_bytes))
            for p in _pending_periods(s, upto=last)]


def _pending_periods(s: Session, *, upto: str) -> list[str]:
    return list(s.scalars(select(OutboxEntry.period).where(
        OutboxEntry.batch_id.is_(None), OutboxEntry.period <= upto).distinct()))


def _seal(s: Session, period: str, *, is_correction: bool, limits: tuple[int, int]) -> UploadBatch:
    requires_id = bool(settings.get(s, "county_requires_id"))
    rows = s.execute(select(OutboxEntry.seq, OutboxEntry.kind, OutboxEntry.record_id,
                            OutboxEntry.version, OutboxEntry.op, OutboxEntry.payload)
                     .where(OutboxEntry.batch_id.is_(None), OutboxEntry.period == period)
                     .order_by(OutboxEntry.seq)).all()
    records = [wire_record(r.seq, r.kind, r.record_id, r.version, r.op,
                           wire_data(r.kind, json.loads(r.payload), requires_id=requires_id))
               for r in rows]
    batch = UploadBatch(id=uuid.uuid4().hex, period=period, schema_version=wire.SCHEMA_VERSION,
                        record_count=len(records), content_hash=wire.content_hash(records),
                        is_correction=is_correction)
    s.add(batch)
    s.flush()
    if records:
        # One executemany through the driver: 50,000 rows through the ORM would take minutes.
        s.connection().exec_driver_sql(
            "UPDATE outbox_entry SET batch_id = ?, payload = ? WHERE seq = ?",
            [(batch.id, _dumps(r["data"]), r["seq"]) for r in records])
    for n, part in enumerate(plan_chunks(records, *limits) or [[]]):
        s.add(UploadChunk(batch_id=batch.id, n=n, record_count=len(part),
                          first_seq=part[0]["seq"] if part else 0,
                          last_seq=part[-1]["seq"] if part else 0))
    s.flush()
    return batch


def _dumps(data: dict) -> str:
    return wire.dumps(data).decode()


def wire_record(seq: int, kind: str, record_id: str, version: int, op: str, data: dict) -> dict:
    return {"seq": seq, "kind": kind, "id": record_id, "version": version, "op": op, "data": data}


def plan_chunks(records: list[dict], max_records: int, max_bytes: int) -> list[list[dict]]:
    """Split records (in seq order) into runs bounded by count and by gzip size."""
    out = []
    for i in range(0, len(records), max_records):
        out.extend(_fit(records[i:i + max_records], max_bytes))
    return out


def _fit(part: list[dict], max_bytes: int) -> list[list[dict]]:
    if len(part) <= 1 or len(gzip.compress(wire.dumps(part), 6)) <= max_bytes:
        return [part]
    mid = len(part) // 2
    return _fit(part[:mid], max_bytes) + _fit(part[mid:], max_bytes)


def chunk_envelope(s: Session, batch: UploadBatch, chunk: UploadChunk, total: int) -> dict:
    """The chunk exactly as sealed: records of this batch in the chunk's seq range."""
    rows = s.connection().exec_driver_sql(
        "SELECT seq, kind, record_id, version, op, payload FROM outbox_entry "
        "WHERE batch_id = ? AND seq BETWEEN ? AND ? ORDER BY seq",
        (batch.id, chunk.first_seq, chunk.last_seq)).all()
    return batch_envelope(s, batch, chunk.n, total, [
        wire_record(seq, kind, rid, version, op, json.loads(payload))
        for seq, kind, rid, version, op, payload in rows])


def batch_envelope(s: Session, batch: UploadBatch, n: int, total: int, records: list) -> dict:
    return {"schema_version": batch.schema_version, "site": get_site(s).code,
            "batch_id": batch.id, "chunk": n, "chunks": total, "period": batch.period,
            "records": records}


def whole_batch(s: Session, batch: UploadBatch) -> dict:
    """Every record of a batch as one envelope (chunk 0 of 1): the USB file's contents."""
    rows = s.execute(select(OutboxEntry.seq, OutboxEntry.kind, OutboxEntry.record_id,
                            OutboxEntry.version, OutboxEntry.op, OutboxEntry.payload)
                     .where(OutboxEntry.batch_id == batch.id).order_by(OutboxEntry.seq)).all()
    return batch_envelope(s, batch, 0, 1, [
        wire_record(r.seq, r.kind, r.record_id, r.version, r.op, json.loads(r.payload))
        for r in rows])
