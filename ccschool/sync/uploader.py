"""Sending sealed batches chunk by chunk, resuming from the first unacknowledged chunk.

Each acknowledgement is committed with the county's per-record answers in one transaction, so a
crash, a restart or a dropped connection at any moment costs at most one re-sent chunk, which
the county answers exactly as before.
"""
from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field

from sqlalchemy import func, select

from ccschool.sync import hlc
from ccschool.errors import ValidationError
from ccschool.models import UploadBatch, UploadChunk, utcnow
from ccschool.services.site import get_site
from ccschool.sync import batching, sealing
from ccschool.sync.setup import WHERE_TO_SET
from ccschool.sync.transport import ReferenceTransport, Transport, TransportError

ACTOR = "sync"


@dataclass
class PushResult:
    chunks_sent: int = 0
    batches_done: list[str] = field(default_factory=list)
    accepted: int = 0
    duplicate: int = 0
    rejected: int = 0
    remaining_batches: int = 0
    error: str | None = None
    retry: bool = True

    def as_dict(self) -> dict:
        return asdict(self)


def transport_for_site(db, url: str | None = None, *, timeout: float = 30.0) -> Transport:
    with db.read() as s:
        site = get_site(s)
        url, token = url or site.county_url, site.upload_token
    if not url:
        raise ValidationError("尚未设置县平台地址：" + WHERE_TO_SET[0],
                              "No county address is set: " + WHERE_TO_SET[1], field="county_url")
    if not token:
        raise ValidationError("尚未设置上传令牌：" + WHERE_TO_SET[0],
                              "No upload token is set: " + WHERE_TO_SET[1], field="upload_token")
    return ReferenceTransport(url, token, timeout=timeout)


def push(db, transport: Transport, *, should_stop: Callable[[], bool] = lambda: False,
         progress: Callable[[dict], None] | None = None) -> PushResult:
    """Send every unsent chunk of every sealed batch, oldest first; stop at the first failure."""
    result = PushResult()
    with db.transaction(actor=ACTOR) as s:
        batching.seal_corrections(s)
    hlc.mark_sent(db)  # what goes out now stays older than any later edit, even after a restore
    for batch_id in _unsent_batches(db):
        try:
            _send_batch(db, transport, batch_id, result, should_stop, progress)
        except TransportError as exc:
            result.error, result.retry = exc.message, exc.retry
            _note_error(db, batch_id, exc.message)
            if exc.retry or exc.status == 401:
                break  # the link or the token: every other batch would fail the same way
            # The county refuses this batch as such: it waits, visibly; the others still go.
        if should_stop():
            break
    result.remaining_batches = len(_unsent_batches(db))
    if result.batches_done and not result.error:
        from ccschool.sync.prune import prune

        prune(db)  # after a good upload: drop payloads acknowledged long ago (short steps)
    return result


def _unsent_batches(db) -> list[str]:
    with db.read() as s:
        return list(s.scalars(select(UploadBatch.id).where(UploadBatch.state != "done", sealing.published())
                              .order_by(UploadBatch.period, UploadBatch.created_at)))


def _send_batch(db, transport, batch_id, result, should_stop, progress) -> None:
    """Send the batch's unacknowledged chunks in order, one request at a time.

    While chunk n is on the wire, this thread records the answer to chunk n-1 and reads and
    encodes chunk n+1, so the county is never idle waiting for the laptop's bookkeeping.
    Only one request is ever in flight; an unrecorded answer just means a resend, which the
    county answers the same way.
    """
    with db.read() as s:
        batch = s.get(UploadBatch, batch_id)
        chunks = list(s.scalars(select(UploadChunk).where(UploadChunk.batch_id == batch_id)
                                .order_by(UploadChunk.n)))
    todo = [c for c in chunks if c.acked_at is None]
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ccschool-send")
    in_flight = None
    try:
        for chunk in todo:
            if should_stop():
                break
            with db.read() as s:
                envelope = batching.chunk_envelope(s, batch, chunk, len(chunks))
            future = pool.submit(transport.send_prepared, transport.prepare(envelope))
            if in_flight:
                _record(db, batch, len(chunks), *in_flight, result, progress)
            in_flight = (chunk, future)
        if in_flight:
            _record(db, batch, len(chunks), *in_flight, result, progress)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _record(db, batch, total, chunk, future, result, progress) -> None:
    answer = future.result()  # raises the send's TransportError
    done = _acknowledge(db, batch.id, chunk.n, answer.results)
    _tally(result, answer.results)
    result.chunks_sent += 1
    if done:
        result.batches_done.append(batch.id)
    if progress:
        progress({"batch_id": batch.id, "period": batch.period, "chunk": chunk.n,
                  "chunks": total, "done": done})


def _acknowledge(db, batch_id: str, n: int, results: list[dict]) -> bool:
    """Record one chunk's answers; True when this was the batch's last unacknowledged chunk."""
    with db.transaction(actor=ACTOR) as s:
        if results:  # straight to the driver: 500 rows through Core cost more than the send
            s.connection().exec_driver_sql(
                "UPDATE outbox_entry SET result = ?, result_reason = ? WHERE seq = ?",
                [(r["status"], r.get("reason"), r["seq"]) for r in results])
        chunk = s.scalars(select(UploadChunk).where(UploadChunk.batch_id == batch_id,
                                                    UploadChunk.n == n)).one()
        chunk.acked_at = utcnow()
        s.add(chunk)
        s.flush()
        left = s.scalar(select(func.count()).select_from(UploadChunk).where(
            UploadChunk.batch_id == batch_id, UploadChunk.acked_at.is_(None)))
        batch = s.get(UploadBatch, batch_id)
        batch.state, batch.last_error = ("done" if left == 0 else "sending"), None
        if left == 0:
            batch.sent_at = utcnow()
        s.add(batch)
        return left == 0


def _tally(result: PushResult, results: list[dict]) -> None:
    for r in results:
        setattr(result, r["status"], getattr(result, r["status"]) + 1)


def _note_error(db, batch_id: str, message: str) -> None:
    with db.transaction(actor=ACTOR) as s:
        batch = s.get(UploadBatch, batch_id)
        batch.last_error = message
        s.add(batch)
