"""Rows a roster import has written in steps but not yet made visible (sync/pending_import.py)."""
from __future__ import annotations

from sqlalchemy import Index
from sqlmodel import Field, SQLModel


class PendingImportRange(SQLModel, table=True):
    """One table's rows written by one step of an import still being written: rowids lo..hi
    (seq for the outbox). The import's last transaction deletes its ranges."""

    __tablename__ = "import_pending"
    __table_args__ = (Index("ix_import_pending_range", "tbl", "lo", "hi"),)

    id: int | None = Field(default=None, primary_key=True)
    import_id: str = Field(max_length=32, index=True)
    tbl: str
    lo: int
    hi: int
    version: int  # the version the import's records carry (device sync: sync/pending_import.py)
