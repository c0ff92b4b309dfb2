"""What the Sync page and `ccschool sync status` show: queue, batches, months, needs fixing."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

from sqlalchemy import Row, and_, case, func, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from ccschool.models import OutboxEntry, UploadBatch, UploadChunk
from ccschool.sync.batching import closed_through
from ccschool.sync.pending_import import HIDDEN_OUTBOX_BY_MONTH_SQL
from ccschool.sync.prune import PRUNED_RESULT_SQL
from ccschool.sync.sealing import published, unsealed
from ccschool.sync.wire import ACKED


@dataclass(frozen=True)
class BatchState:
    """One sealed batch and how far its upload got."""
    id: str
    period: str
    state: str
    is_correction: bool
    record_count: int
    content_hash: str
    chunks: int
    chunks_acked: int
    results: dict[str, int]  # county answer ("accepted", "rejected", "unanswered", ...) -> records
    created_at: str | None
    sent_at: str | None
    last_error: str | None


@dataclass(frozen=True)
class MonthCounts:
    """Per month: records here, acknowledged by the county, rejected, not yet sealed."""
    period: str
    here: int
    acknowledged: int
    rejected: int
    unsealed: int


@dataclass(frozen=True)
class RecordToFix:
    """A record the county rejected with no newer version queued yet."""
    seq: int | None  # the outbox position; always set once the row is stored
    kind: str
    record_id: str
    version: int
    period: str
    batch_id: str | None
    reason: str | None


@dataclass(frozen=True)
class SyncStatus:
    closed_through: str | None
    pending_records: int  # in the outbox, not yet sealed into a batch
    unsent_batches: int
    unsent_records: int
    last_success: str | None
    last_error: str | None
    batches: list[BatchState]
    months: list[MonthCounts]
    needs_fixing: list[RecordToFix]

    def as_dict(self) -> dict:
        """The JSON of `ccschool sync status --json`."""
        return asdict(self)


def status(s: Session) -> SyncStatus:
    batches = batch_list(s)
    sent = [b.sent_at for b in batches if b.sent_at]
    errors = [b for b in batches if b.last_error and b.state != "done"]
    return SyncStatus(
        closed_through=closed_through(s),
        pending_records=s.scalar(select(func.count()).select_from(OutboxEntry)
                                 .where(unsealed())) or 0,
        unsent_batches=sum(b.state != "done" for b in batches),
        unsent_records=sum(b.record_count for b in batches if b.state != "done"),
        last_success=max(sent) if sent else None,
        last_error=errors[0].last_error if errors else None,
        batches=batches,
        months=months(s),
        needs_fixing=needs_fixing(s),
    )


def batch_list(s: Session) -> list[BatchState]:
    chunks = dict(s.execute(select(UploadChunk.batch_id, func.count()).group_by(
        UploadChunk.batch_id)).all())
    acked = dict(s.execute(select(UploadChunk.batch_id, func.count()).where(
        UploadChunk.acked_at.is_not(None)).group_by(UploadChunk.batch_id)).all())
    results: dict[str, dict] = {}
    for bid, res, n in s.execute(select(OutboxEntry.batch_id, OutboxEntry.result, func.count())
                                 .where(OutboxEntry.batch_id.is_not(None))
                                 .group_by(OutboxEntry.batch_id, OutboxEntry.result)):
        results.setdefault(bid, {})[res or "unanswered"] = n
    for bid, res, n in _pruned_counts(s, "c.batch_id"):  # pruned rows (sync/prune.py)
        into = results.setdefault(bid, {})
        into[res] = into.get(res, 0) + n
    out = []
    for b in s.scalars(select(UploadBatch).where(published()).order_by(UploadBatch.period.desc(),
                                                    UploadBatch.created_at.desc())):
        out.append(BatchState(id=b.id, period=b.period, state=b.state,
                              is_correction=b.is_correction, record_count=b.record_count,
                              content_hash=b.content_hash, chunks=chunks.get(b.id, 0),
                              chunks_acked=acked.get(b.id, 0), results=results.get(b.id, {}),
                              created_at=_iso(b.created_at), sent_at=_iso(b.sent_at),
                              last_error=b.last_error))
    return out


def months(s: Session) -> list[MonthCounts]:
    """Per month: records here, acknowledged by the county, rejected, not yet sealed."""
    acked = case((OutboxEntry.result.in_(ACKED), 1), else_=0)
    rejected = case((OutboxEntry.result == "rejected", 1), else_=0)
    waiting = case((unsealed(), 1), else_=0)
    q = (select(OutboxEntry.period, func.count(), func.sum(acked), func.sum(rejected),
                func.sum(waiting)).group_by(OutboxEntry.period)
         .order_by(OutboxEntry.period.desc()))
    out = {p: {"period": p, "here": n, "acknowledged": a or 0, "rejected": r or 0,
               "unsealed": u or 0} for p, n, a, r, u in s.execute(q)}
    # A roster import still being written is not here yet (one range look-up per step it
    # wrote, rather than a test on each of a million rows).
    for period, n in s.connection().exec_driver_sql(HIDDEN_OUTBOX_BY_MONTH_SQL):
        out[period]["here"] -= n
    out = {p: m for p, m in out.items() if m["here"]}
    for period, res, n in _pruned_counts(s, "b.period"):  # pruned rows (sync/prune.py)
        month = out.setdefault(period, {"period": period, "here": 0, "acknowledged": 0,
                                        "rejected": 0, "unsealed": 0})
        month["here"] += n
        month["acknowledged"] += n if res in ACKED else 0
    return [MonthCounts(**out[p]) for p in sorted(out, reverse=True)]


def _pruned_counts(s: Session, by: str) -> Sequence[Row]:
    """(batch id or month, result, rows) of the rows pruning moved out of the outbox."""
    return s.connection().exec_driver_sql(
        f"SELECT {by}, {PRUNED_RESULT_SQL}, count(*) FROM outbox_pruned p "
        "JOIN upload_chunk c ON c.id = p.chunk_id JOIN upload_batch b ON b.id = c.batch_id "
        "GROUP BY 1, 2").all()


def needs_fixing(s: Session, limit: int = 500) -> list[RecordToFix]:
    """Rejected records with no newer version queued yet: the user has to fix these."""
    newer = aliased(OutboxEntry)
    superseded = select(newer.seq).where(and_(newer.record_id == OutboxEntry.record_id,
                                              newer.version > OutboxEntry.version)).exists()
    q = (select(OutboxEntry).where(OutboxEntry.result == "rejected", ~superseded)
         .order_by(OutboxEntry.seq).limit(limit))
    return [RecordToFix(seq=e.seq, kind=e.kind, record_id=e.record_id, version=e.version,
                        period=e.period, batch_id=e.batch_id, reason=e.result_reason)
            for e in s.scalars(q)]


def _iso(value) -> str | None:
    return value.isoformat(timespec="seconds") if value else None
