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
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, or_, select
from sqlmodel import Session

from ccschool import clock
from ccschool import audit, settings
from ccschool.errors import Conflict, ValidationError
from ccschool.models import Learner, OutboxEntry, Person, UploadBatch, UploadChunk, utcnow
from ccschool.services.site import get_site, this_device
from ccschool.sync import wire
from ccschool.sync.pending_import import outbox_visible
from ccschool.sync.sealing import SEALING, published, unsealed
from ccschool.sync.privacy import wire_data
from ccschool.sync.prune import batch_has_pruned, chunk_has_pruned

MAX_RECORDS = 1000            # per chunk: ~50 KB of gzip, seconds even on a weak hotspot
MAX_BYTES = 128 * 1024        # compressed bytes per chunk, whatever the records hold
# Outbox rows sealed per write transaction. The rows of a month can lie anywhere in the outbox
# (the demo's do), so each can cost a page of its own: 88,000 rows in one transaction held the
# lock 0.8–1.5 s on the 100,000-learner demo, so a step of 5,000 stays near 0.1 s, and under
# a heavy load well inside the ~1 s goal (bench_locks).
STEP_ROWS = 5_000
MAX_ROUNDS = 5  # plans of one month, if the desk keeps adding its rows while it is sealed


def check_period(period: str, today: date | None = None) -> str:
    if not isinstance(period, str) or not wire.PERIOD_RE.fullmatch(period):
        raise ValidationError("月份格式应为 YYYY-MM：{p}", "A month is written YYYY-MM: {p}",
                              p=period, field="period")
    if period > (today or clock.today()).strftime("%Y-%m"):
        raise ValidationError("不能月结尚未到来的月份：{p}", "Cannot close a month that has not begun: {p}",
                              p=period, field="period")
    return period


def closed_through(s: Session) -> str | None:
    """The last closed month: every month up to it is closed."""
    return s.scalar(select(func.max(UploadBatch.period)).where(
        UploadBatch.is_correction.is_(False), published()))


@dataclass(frozen=True)
class ClosePlan:
    """What closing `period` will seal, said before it is done (the Sync page asks with it)."""

    period: str
    months: list[tuple[str, int]]  # every month sealed, oldest first, with its record count
    corrections: list[tuple[str, int]]  # edits to months closed before, sealed along
    current: bool  # `period` is this month: it is not over yet
    empty: bool  # `period` itself has no records

    @property
    def records(self) -> int:
        return sum(n for _p, n in self.months) + sum(n for _p, n in self.corrections)


def plan_close(s: Session, *, period: str, today: date | None = None) -> ClosePlan:
    """The months a close of `period` seals: it and every earlier month not yet closed."""
    today = today or date.today()
    check_period(period, today)
    last = closed_through(s)
    _refuse_closed(period, last)
    pending = dict(s.execute(select(OutboxEntry.period, func.count()).where(
        unsealed(), OutboxEntry.period <= period)
        .group_by(OutboxEntry.period)).all())
    first = _next_month(last) if last else min([*pending, period])
    months = [(p, pending.get(p, 0)) for p in _months_between(first, period)]
    corrections = sorted((p, n) for p, n in pending.items() if last and p <= last)
    return ClosePlan(period, months, corrections, period == today.strftime("%Y-%m"),
                     pending.get(period, 0) == 0)


def _next_month(period: str) -> str:
    year, month = map(int, period.split("-"))
    return f"{year + month // 12:04d}-{month % 12 + 1:02d}"


def _months_between(first: str, last: str) -> list[str]:
    out = [first]
    while out[-1] < last:
        out.append(_next_month(out[-1]))
    return out


def _refuse_closed(period: str, last: str | None) -> None:
    if last is not None and period <= last:
        raise Conflict("{p} 已月结（已结至 {last}）；之后的修改会作为更正上传",
                       "{p} is already closed (closed through {last}); later edits go as corrections",
                       p=period, last=last, field="period")


def close_month(s: Session, *, period: str, today: date | None = None,
                max_records: int = MAX_RECORDS, max_bytes: int = MAX_BYTES) -> list[UploadBatch]:
    """Close `period` (and any earlier month never closed): one batch per month with records.

    The closed month always gets a batch, even an empty one, so the county learns the site had
    nothing to report rather than wondering whether it was lost. All in the caller's one
    transaction; the GUI and the command line use close_month_in_steps (short lock holds).
    """
    check_period(period, today)
    last = closed_through(s)
    _refuse_closed(period, last)
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
        unsealed(), OutboxEntry.period <= upto).distinct()))


def close_month_in_steps(db, *, period: str, actor: str | None, today: date | None = None,
                         max_records: int = MAX_RECORDS, max_bytes: int = MAX_BYTES,
                         step_rows: int = STEP_ROWS,
                         progress: Callable[[int, int], None] | None = None) -> list[UploadBatch]:
    """close_month without holding the write lock for seconds (issue 16: a check-in stream in
    another program must not time out behind it).

    Each month's batch is planned in a read transaction (the JSON, privacy filter, hash and
    gzip work), then written as a batch in the `sealing` state: its outbox rows are rewritten
    in write transactions of at most `step_rows` rows, and a last short one checks that nothing
    moved and flips the batch to pending (the month is closed from then on). A sealing batch
    is nowhere: not closed, not sent, its rows still count as waiting (`unsealed`); a close
    killed mid-way is finished by the next one. progress(rows done, rows) after every step.
    A catch-up close of several months publishes them in order, one flip each.
    """
    with db.read() as s:
        check_period(period, today)
        last = closed_through(s)
        _refuse_closed(period, last)
        periods = sorted(set(_pending_periods(s, upto=period)) | {period})
    limits = (max_records, max_bytes)
    batches = []
    for p in periods:
        batches.append(_seal_in_steps(
            db, p, is_correction=last is not None and p <= last, limits=limits,
            step_rows=step_rows, actor=actor, progress=progress, closing=period))
    from ccschool.sync.prune import prune

    prune(db)  # month close: drop payloads the county acknowledged long ago (short steps)
    return batches


def _seal_in_steps(db, period: str, *, is_correction: bool, limits: tuple[int, int],
                   step_rows: int, actor: str | None,
                   progress: Callable[[int, int], None] | None, closing: str) -> UploadBatch:
    for _attempt in range(MAX_ROUNDS):
        with db.read() as s:
            plan = _plan(s, period, is_correction=is_correction, limits=limits,
                         batch_id=_sealing_batch(s, period))
        if plan.batch_id is None:
            with db.transaction(actor=actor) as s:
                if not is_correction:
                    _refuse_closed(period, closed_through(s))  # another program closed it
                plan.batch_id = _sealing_batch(s, period) or _start(s, plan)
                started = s.get(UploadBatch, plan.batch_id)
                assert started is not None, "planned or started inside this transaction"
                plan.stored_hash = started.content_hash
        todo = plan.todo
        for i in range(0, len(todo), step_rows):
            with db.transaction(actor=actor) as s:
                _step(s, plan.batch_id, todo[i:i + step_rows])
            if progress:
                progress(min(i + step_rows, len(todo)), len(todo))
        with db.transaction(actor=actor) as s:
            if not is_correction:
                _refuse_closed(period, closed_through(s))
            batch = _finish(s, plan)
            if batch is not None:
                audit.record(s, "sync.close_month", "upload_batch", batch.id,
                             after={"period": closing, "batches": [batch.id],
                                    "records": batch.record_count, "sealed_period": period})
        if batch is not None:
            return batch
    raise Conflict("{p} 的记录在月结时一直在变化，请稍后再试", "The records of {p} kept changing "
                   "while the month was being closed; try again in a moment", p=period,
                   field="period")


def _sealing_batch(s: Session, period: str) -> str | None:
    return s.scalar(select(UploadBatch.id).where(UploadBatch.period == period,
                                                UploadBatch.state == SEALING)
                    .order_by(UploadBatch.created_at).limit(1))


@dataclass
class _Plan:
    """A month's batch, computed from a snapshot: what _start, _step and _finish write."""

    period: str
    is_correction: bool
    requires_id: bool
    batch_id: str | None  # the sealing batch it continues, if any
    # The batch's stored hash when planned: an erasure scrubs the batch's rows and rehashes it
    # (services/privacy.py), so a moved hash means rows this plan read have changed.
    stored_hash: str
    seqs: list[int]  # every record of the batch
    todo: list[tuple[str, int, str]]  # (wire payload, seq, payload now) of rows still waiting
    content_hash: str
    chunks: list[tuple[int, int, int]]  # (records, first seq, last seq)


def _plan(s: Session, period: str, *, is_correction: bool, limits: tuple[int, int],
          batch_id: str | None = None) -> _Plan:
    requires_id = bool(settings.get(s, "county_requires_id"))
    mine = OutboxEntry.batch_id.is_(None) if batch_id is None else or_(
        OutboxEntry.batch_id.is_(None), OutboxEntry.batch_id == batch_id)
    mine = and_(mine, outbox_visible())  # a roster import still being written: not yet
    rows = s.execute(select(OutboxEntry.seq, OutboxEntry.kind, OutboxEntry.record_id,
                            OutboxEntry.version, OutboxEntry.op, OutboxEntry.payload,
                            OutboxEntry.batch_id)
                     .where(mine, OutboxEntry.period == period)
                     .order_by(OutboxEntry.seq)).all()
    consent = _learner_consent(s, {r.record_id for r in rows if r.kind == "learner"})
    records, todo = [], []
    for r in rows:
        if r.batch_id is None:
            data = wire_data(r.kind, json.loads(r.payload), requires_id=requires_id,
                             consented=consent.get(r.record_id, False))
            todo.append((_dumps(data), r.seq, r.payload))
        else:  # written by an earlier step: already its wire form
            data = json.loads(r.payload)
        records.append(wire_record(r.seq, r.kind, r.record_id, r.version, r.op, data))
    chunks = [(len(part), part[0]["seq"] if part else 0, part[-1]["seq"] if part else 0)
              for part in plan_chunks(records, *limits) or [[]]]
    content_hash = wire.content_hash(records)
    stored = content_hash if batch_id is None else s.scalar(
        select(UploadBatch.content_hash).where(UploadBatch.id == batch_id)) or ""
    return _Plan(period, is_correction, requires_id, batch_id, stored, [r.seq for r in rows],
                 todo, content_hash, chunks)


def _start(s: Session, plan: _Plan) -> str:
    """The batch, in the sealing state: nothing reads it as closed or sendable yet."""
    batch = UploadBatch(id=uuid.uuid4().hex, period=plan.period, state=SEALING,
                        schema_version=wire.SCHEMA_VERSION, record_count=len(plan.seqs),
                        content_hash=plan.content_hash, is_correction=plan.is_correction)
    s.add(batch)
    s.flush()
    return batch.id


def _step(s: Session, batch_id: str, rows: list[tuple[str, int, str]]) -> None:
    """Rows into the sealing batch in their wire form. A row that changed since the plan (an
    erasure scrubbed it) is left waiting; _finish then sees it and the month is planned again."""
    if not rows:
        return
    conn = s.connection()
    # The rows of a month are spread over the whole outbox: a page cache big enough for the
    # pages a step rewrites keeps SQLite from spilling them to the WAL mid-transaction.
    conn.exec_driver_sql("PRAGMA cache_size=-65536")
    try:
        # One executemany through the driver: 50,000 rows through the ORM take minutes.
        conn.exec_driver_sql(
            "UPDATE outbox_entry SET batch_id = ?, payload = ? "
            "WHERE seq = ? AND batch_id IS NULL AND payload = ?",
            [(batch_id, payload, seq, before) for payload, seq, before in rows])
    finally:
        conn.exec_driver_sql("PRAGMA cache_size=-2000")


def _finish(s: Session, plan: _Plan) -> UploadBatch | None:
    """The flip, if the batch holds exactly what was planned: else None (plan again)."""
    batch = s.get(UploadBatch, plan.batch_id)
    if batch is None or batch.state != SEALING:
        raise Conflict("{p} 已由另一个程序月结", "{p} was closed by another program meanwhile",
                       p=plan.period, field="period")
    waiting = s.scalar(select(func.count()).select_from(OutboxEntry).where(
        OutboxEntry.batch_id.is_(None), OutboxEntry.period == plan.period, outbox_visible()))
    held = s.scalar(select(func.count()).select_from(OutboxEntry).where(
        OutboxEntry.batch_id == batch.id))
    if (waiting or held != len(plan.seqs) or batch.content_hash != plan.stored_hash
            or bool(settings.get(s, "county_requires_id")) != plan.requires_id):
        return None
    batch.state, batch.record_count = "pending", len(plan.seqs)
    batch.is_correction = plan.is_correction
    batch.content_hash, batch.created_at = plan.content_hash, utcnow()
    s.add(batch)
    if not plan.is_correction:  # a closed month keeps the rules in force now (issue 19 item 5)
        settings.seal_month(s, [plan.period])
    for n, (count, first, last) in enumerate(plan.chunks):
        s.add(UploadChunk(batch_id=batch.id, n=n, record_count=count, first_seq=first,
                          last_seq=last))
    s.flush()
    return batch


def _seal(s: Session, period: str, *, is_correction: bool, limits: tuple[int, int]) -> UploadBatch:
    """A month's batch inside the caller's one transaction (corrections, tests)."""
    plan = _plan(s, period, is_correction=is_correction, limits=limits,
                 batch_id=_sealing_batch(s, period))
    plan.batch_id = plan.batch_id or _start(s, plan)
    started = s.get(UploadBatch, plan.batch_id)
    assert started is not None, "planned or started inside this transaction"
    plan.stored_hash = started.content_hash
    _step(s, plan.batch_id, plan.todo)
    batch = _finish(s, plan)
    assert batch is not None, "nothing else writes inside this transaction"
    return batch


def _learner_consent(s: Session, learner_ids: set[str]) -> dict[str, bool]:
    """learner id -> may its target groups leave the laptop (consent given, not erased)."""
    out: dict[str, bool] = {}
    ids = sorted(learner_ids)
    for i in range(0, len(ids), 500):  # SQLite's variable limit
        out.update(s.execute(
            select(Learner.id, and_(Person.consent_upload, Person.erased_at.is_(None)))
            .join(Person, Person.id == Learner.person_id)
            .where(Learner.id.in_(ids[i:i + 500]))).all())
    return {k: bool(v) for k, v in out.items()}


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
    assert chunk.id is not None  # a sealed chunk is a stored row
    if chunk_has_pruned(s.connection(), chunk.id):
        _sealed_data(batch, "")  # some of its rows were pruned: refused in words
    rows = s.connection().exec_driver_sql(
        "SELECT seq, kind, record_id, version, op, payload FROM outbox_entry "
        "WHERE batch_id = ? AND seq BETWEEN ? AND ? ORDER BY seq",
        (batch.id, chunk.first_seq, chunk.last_seq)).all()
    return batch_envelope(s, batch, chunk.n, total, [
        wire_record(seq, kind, rid, version, op, _sealed_data(batch, payload))
        for seq, kind, rid, version, op, payload in rows])


def batch_envelope(s: Session, batch: UploadBatch, n: int, total: int, records: list) -> dict:
    # `device`: sequence numbers are per device, and the county refuses a retired device.
    return {"schema_version": batch.schema_version, "site": get_site(s).code,
            "device": this_device(s), "batch_id": batch.id, "chunk": n, "chunks": total,
            "period": batch.period, "records": records}


def whole_batch(s: Session, batch: UploadBatch) -> dict:
    """Every record of a batch as one envelope (chunk 0 of 1): the USB file's contents."""
    if batch_was_pruned(s, batch):
        _sealed_data(batch, "")  # refused in words: a file of part of a month is no use
    rows = s.execute(select(OutboxEntry.seq, OutboxEntry.kind, OutboxEntry.record_id,
                            OutboxEntry.version, OutboxEntry.op, OutboxEntry.payload)
                     .where(OutboxEntry.batch_id == batch.id).order_by(OutboxEntry.seq)).all()
    return batch_envelope(s, batch, 0, 1, [
        wire_record(r.seq, r.kind, r.record_id, r.version, r.op, _sealed_data(batch, r.payload))
        for r in rows])


def batch_was_pruned(s: Session, batch: UploadBatch) -> bool:
    """Some of the batch's rows were pruned (sync/prune.py), even if a kill stopped it."""
    return batch.pruned_at is not None or batch_has_pruned(s.connection(), batch.id)


def _sealed_data(batch: UploadBatch, payload: str) -> dict:
    """A sealed record's data; refused clearly once pruned (sync/prune.py): the county
    acknowledged this batch long ago, and a lost record is re-sent from its record instead."""
    if not payload:
        raise Conflict("{p} 的批次已被县平台确认，上传内容已清除以节省空间；如县平台缺少记录，"
                       "请用“对账”重新发送", "The {p} batch was acknowledged by the county and its "
                       "upload contents were cleared to save space; if the county lacks records, "
                       "reconcile re-sends them", p=batch.period, field="period")
    return json.loads(payload)
