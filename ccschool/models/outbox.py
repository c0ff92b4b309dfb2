"""Transactional outbox and upload batches (DESIGN.md upload contract)."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from sqlalchemy import Index, Table, UniqueConstraint
from sqlmodel import Field, SQLModel

from ccschool.models.base import UTCDateTime, utcnow


class OutboxEntry(SQLModel, table=True):
    """One change of one record, written in the same transaction as the change.

    `seq` is the site's sequence number: the county reports gaps in it.
    """

    __tablename__ = "outbox_entry"
    __table_args__ = (Index("ix_outbox_pending", "batch_id", "period"),)

    seq: int | None = Field(default=None, primary_key=True)
    kind: str
    record_id: str = Field(max_length=32)
    version: int
    op: str  # upsert | delete
    period: str  # YYYY-MM the record belongs to
    payload: str  # JSON snapshot of the row at this version; "" once pruned (sync/prune.py)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    batch_id: str | None = Field(default=None, foreign_key="upload_batch.id", max_length=32)
    result: str | None = None  # accepted | duplicate | rejected
    result_reason: str | None = None
    # sha256 of the sealed wire data, kept when the payload is pruned: reconcile compares it.
    digest: str | None = None
    # For a person: the hash of the same data without personal fields, which becomes `digest`
    # if the person is erased later (the county strips its stored versions the same way).
    erased_digest: str | None = None

    if TYPE_CHECKING:
        __table__: ClassVar[Table]  # set by SQLAlchemy; bulk inserts go through it (as on Record)


class PrunedOutboxEntry(SQLModel, table=True):
    """An acknowledged outbox row after pruning (sync/prune.py): only what reconcile, its
    requeue, corrections and the county's gap checks need, ~85 bytes instead of ~260.

    Keyed by seq (a rowid table: rows appended in seq order fill their pages); a month's rows
    are found through its batches' chunks (upload_chunk -> upload_batch -> period) and each
    chunk's run of seqs, with no index of their own.
    """

    __tablename__ = "outbox_pruned"

    seq: int = Field(primary_key=True)  # the outbox row's seq (gap reports name seqs)
    chunk_id: int  # upload_chunk.id: its batch, and so its month
    kind: int  # prune.PRUNED_KINDS code (a kind not listed there: its text)
    record_id: bytes  # 16 bytes for a uuid hex id, else the id as text (prune.record_key)
    version: int
    result: str | None = None  # None: accepted; duplicate, or resent once reconcile re-queued it
    digest: bytes  # sha256 (32 bytes) of the sealed wire data the county stored
    erased_digest: bytes | None = None  # persons: the hash of their erased form (see above)


class UploadBatch(SQLModel, table=True):
    __tablename__ = "upload_batch"

    id: str = Field(primary_key=True, max_length=32)
    period: str = Field(index=True)
    schema_version: int = 1
    record_count: int = 0
    content_hash: str = ""
    state: str = "pending"  # pending | sending | done | exported
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    is_correction: bool = False
    last_error: str | None = None
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    pruned_at: datetime | None = Field(default=None, sa_type=UTCDateTime)  # payloads dropped


class UploadChunk(SQLModel, table=True):
    __tablename__ = "upload_chunk"
    __table_args__ = (UniqueConstraint("batch_id", "n"),)

    id: int | None = Field(default=None, primary_key=True)
    batch_id: str = Field(foreign_key="upload_batch.id", max_length=32)
    n: int
    first_seq: int
    last_seq: int
    record_count: int
    acked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
