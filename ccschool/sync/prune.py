"""Dropping the payloads of outbox rows the county acknowledged long ago (issue 22: storage).

Once every chunk of a batch is acknowledged over HTTP, its payloads are needed again only if
the county loses records (reconcile then re-sends them from the records tables: reconcile.py)
or a USB file of that month is asked for again (refused with a clear message). What reconcile
and corrections compare stays: seq, kind, record id, version, op, result and `digest`, the
sha256 of the sealed wire data. Rows the county rejected keep their payload (they need
fixing); un-acknowledged rows, unsealed rows and batches sent by USB are never touched.
Bundles between devices are built from the records tables, never from the outbox.

The pruned rows leave the outbox for `outbox_pruned` (models/outbox.py): seq, the chunk that
carried it (so its batch and month), kind, record id, version, result and the 32-byte hash —
about 85 bytes a row with the b-tree's own, a third of the row it replaces. A million of them is
still the largest thing in a site's file after attendance, so each byte counts: keyed by seq (a
rowid table: appended rows fill their pages), the kind as a one-byte code (PRUNED_KINDS) and
"accepted", nearly every row's result, as NULL. Readers decode both in SQL with PRUNED_KIND_SQL
and PRUNED_RESULT_SQL. The outbox row with the highest seq always stays: SQLite numbers a new
row max(seq) + 1, and a seq the county has seen must never be given out again.

Each step is one short transaction over at most `step_rows` rows, moving them (insert there,
delete here) together: a kill -9 loses at most the step in flight, and running again simply
goes on (a row is in one table or the other, never both, never neither).

Space: the freed pages go back to the file system only where the file was created (or
compacted once, `compact`) with auto_vacuum=INCREMENTAL: after pruning, `release_space`
returns them in steps of VACUUM_PAGES, each its own short write transaction. On an older file
they stay inside it (reused by new rows) until `ccschool sync prune --compact` rewrites it once.
"""
from __future__ import annotations

import bisect
import json
import re
import sqlite3
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import select, update

from ccschool import settings
from ccschool.models import UploadBatch, utcnow
from ccschool.sync import wire
from ccschool.sync.privacy import strip_personal
from ccschool.sync.wire import ACKED

ACTOR = "sync"
STEP_ROWS = 1000  # write lock per step on the 100,000-learner demo: median ~70 ms
VACUUM_PAGES = 1024  # 4 MB of 4 KiB pages per step of release_space (4096: up to 1.6 s)
INCREMENTAL = 2  # PRAGMA auto_vacuum's value for INCREMENTAL
_UUID_HEX = re.compile(r"[0-9a-f]{32}")
# The stored codes of outbox_pruned.kind: a code is kept forever, so only ever append. A kind
# not listed is stored as its text (the column keeps whatever it is given).
PRUNED_KINDS = ("site", "device", "venue", "person", "instructor", "learner", "learning_card",
                "course_class", "class_session", "enrollment", "attendance", "service_record",
                "certificate", "satisfaction_score")
_KIND_CODE = {k: i for i, k in enumerate(PRUNED_KINDS)}
PRUNED_KIND_SQL = ("CASE p.kind " + " ".join(f"WHEN {i} THEN '{k}'" for i, k in
                                             enumerate(PRUNED_KINDS)) + " ELSE p.kind END")
PRUNED_RESULT_SQL = "coalesce(p.result, 'accepted')"
# A chunk's pruned rows by their seqs (the table's key) within the chunk's run of seqs.
_IN_CHUNK = "p.seq BETWEEN c.first_seq AND c.last_seq AND p.chunk_id = c.id"
# A month's pruned rows, through its batches' chunks; the one parameter is the month, YYYY-MM.
# Used as f"SELECT p.… FROM {PRUNED_OF_MONTH} AND …".
PRUNED_OF_MONTH = ("upload_batch b JOIN upload_chunk c ON c.batch_id = b.id "
                   f"JOIN outbox_pruned p ON {_IN_CHUNK} WHERE b.period = ?")


def kind_code(kind: str) -> int | str:
    """How outbox_pruned stores a kind (see PRUNED_KINDS)."""
    return _KIND_CODE.get(kind, kind)


def chunk_has_pruned(conn, chunk_id: int) -> bool:
    """Some of the chunk's rows were pruned: it cannot be rebuilt to be sent again."""
    return conn.exec_driver_sql(
        f"SELECT 1 FROM upload_chunk c JOIN outbox_pruned p ON {_IN_CHUNK} WHERE c.id = ? "
        "LIMIT 1", (chunk_id,)).first() is not None


def batch_has_pruned(conn, batch_id: str) -> bool:
    return conn.exec_driver_sql(
        f"SELECT 1 FROM upload_chunk c JOIN outbox_pruned p ON {_IN_CHUNK} "
        "WHERE c.batch_id = ? LIMIT 1", (batch_id,)).first() is not None


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
          vacuum_pages: int = VACUUM_PAGES,
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
    # also finishes one a kill interrupted
    out["pages_released"] = release_space(db, pages=vacuum_pages, progress=progress)
    return out


def _step(db, batch_id: str, step_rows: int) -> tuple[int, bool]:
    """One transaction: up to step_rows acknowledged rows of the batch move to outbox_pruned."""
    with db.transaction(actor=ACTOR) as s:
        conn = s.connection()
        top = conn.exec_driver_sql("SELECT max(seq) FROM outbox_entry").scalar()
        rows = conn.exec_driver_sql(
            "SELECT seq, kind, record_id, version, result, payload, digest, erased_digest "
            "FROM outbox_entry WHERE batch_id = ? AND result IN (?, ?, 'resent') AND seq != ? "
            "LIMIT ?", (batch_id, *ACKED, top, step_rows)).all()
        if rows:
            chunks = _chunk_finder(conn, batch_id)
            conn.exec_driver_sql(
                "INSERT INTO outbox_pruned (seq, chunk_id, kind, record_id, version, result, "
                "digest, erased_digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(seq, chunks(seq), kind_code(kind), record_key(rid), version,
                  None if result == "accepted" else result,
                  *_hashes(kind, payload, digest, erased))
                 for seq, kind, rid, version, result, payload, digest, erased in rows])
            conn.exec_driver_sql("DELETE FROM outbox_entry WHERE seq = ?",
                                 [(r[0],) for r in rows])
        finished = len(rows) < step_rows
        if finished:  # the batch's last step marks it, in the same transaction
            s.execute(update(UploadBatch).where(UploadBatch.id == batch_id)
                      .values(pruned_at=utcnow()))
        return len(rows), finished


def _chunk_finder(conn, batch_id: str) -> Callable[[int], int]:
    """seq -> id of the batch's chunk that carried it (chunks are runs of seqs, in order)."""
    chunks = conn.exec_driver_sql(
        "SELECT first_seq, last_seq, id FROM upload_chunk WHERE batch_id = ? ORDER BY first_seq",
        (batch_id,)).all()
    firsts = [c[0] for c in chunks]

    def find(seq: int) -> int:
        first, last, chunk_id = chunks[bisect.bisect_right(firsts, seq) - 1]
        if not first <= seq <= last:  # an acknowledged row is always inside a sent chunk
            raise RuntimeError(f"outbox row {seq} is in no chunk of batch {batch_id}")
        return chunk_id
    return find


def record_key(record_id: str) -> bytes | str:
    """How outbox_pruned stores a record id: a uuid's 32 hex digits as its 16 bytes."""
    return bytes.fromhex(record_id) if _UUID_HEX.fullmatch(record_id) else record_id


def record_id_of(key: bytes | str) -> str:
    return key.hex() if isinstance(key, bytes) else key


def _hashes(kind: str, payload: str, digest: str | None,
            erased: str | None) -> tuple[bytes, bytes | None]:
    """(digest, erased_digest) as bytes: the second only for persons, who may be erased later.
    A row pruned in place by an older release has no payload but kept both in hex."""
    if not payload:
        if digest is None:  # prune_0001 emptied a payload only together with keeping its hash
            raise RuntimeError(f"an emptied {kind} outbox row has no digest to keep")
        return bytes.fromhex(digest), bytes.fromhex(erased) if erased else None
    data = json.loads(payload)
    erased_hash = wire.data_hash(strip_personal(kind, data)) if kind == "person" else None
    return (bytes.fromhex(wire.data_hash(data)),
            bytes.fromhex(erased_hash) if erased_hash else None)


def release_space(db, *, pages: int = VACUUM_PAGES,
                  progress: Callable[[dict], None] | None = None) -> int:
    """Give free pages back to the file system in short steps (auto_vacuum=INCREMENTAL files
    only); returns the pages released. Each step is one write transaction of `pages` pages."""
    released, left = 0, None
    # read first: no write lock is taken when there is nothing to give back; and stop should
    # a step give nothing back (another writer reused the pages meanwhile)
    while (free := _free_pages(db)) and (left is None or free < left):
        left = free
        with db.transaction(actor=ACTOR) as s:
            conn = s.connection()
            n = min(conn.exec_driver_sql("PRAGMA freelist_count").scalar(), pages)
            cur = conn.connection.dbapi_connection.cursor()
            try:  # the sqlite3 module steps a statement without columns once: one page each
                for _ in range(n):
                    cur.execute("PRAGMA incremental_vacuum(1)")
            finally:
                cur.close()
        released += n
        if progress:
            progress({"pages_released": released})
    return released


def _free_pages(db) -> int:
    """Free pages an INCREMENTAL file can give back now (0 for any other file)."""
    with db.read() as s:
        conn = s.connection()
        if conn.exec_driver_sql("PRAGMA auto_vacuum").scalar() != INCREMENTAL:
            return 0
        return conn.exec_driver_sql("PRAGMA freelist_count").scalar()


def compact(db) -> dict:
    """Rewrite the file once, switched to auto_vacuum=INCREMENTAL, so that from then on pruning
    shrinks it in short steps. Built in a private copy and swapped in (safety/staged.py): the
    live file's write lock is not held meanwhile. Hold the data folder's instance lock."""
    from ccschool.safety.staged import staged_copy

    before = db.path.stat().st_size
    with staged_copy(db) as staged:
        staged.engine.dispose()
        conn = sqlite3.connect(staged.path)
        try:
            conn.execute(f"PRAGMA auto_vacuum={INCREMENTAL}")
            conn.execute("VACUUM")
        finally:
            conn.close()
    return {"bytes_before": before, "bytes_after": db.path.stat().st_size}
