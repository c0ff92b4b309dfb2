"""Shared column types and the mixin every record table uses."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING, ClassVar

from sqlalchemy import String
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel

if TYPE_CHECKING:
    from sqlalchemy import Table

from ccschool.stamps import new_id, utcnow  # noqa: F401  (re-exported for the models' users)


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes stored as ISO-8601 text.

    SQLite has no datetime type and SQLAlchemy hands back naive values, which sqlmodel then
    refuses (MACHINE-NOTES pitfall 1); storing ISO text keeps the offset and sorts correctly.
    """

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: use timezone-aware UTC")
        return value.astimezone(timezone.utc).isoformat(timespec="microseconds")

    def process_result_value(self, value, dialect):
        return None if value is None else datetime.fromisoformat(value)


class Record(SQLModel):
    """Columns of every record that travels to the county.

    UUID keys so records from many sites never collide; `version` counts every change so the
    county stores each (id, version) once; `deleted_at` is a soft delete the county learns of.
    """

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    # Indexed: a sync sends the records changed since a version (sync/devicesync.py).
    version: int = Field(default=1, nullable=False, index=True)
    deleted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)

    # Kinds the county receives set this to their record kind name (e.g. "learner").
    __sync_kind__: ClassVar[str | None] = None
    if TYPE_CHECKING:
        __table__: ClassVar[Table]  # set by SQLAlchemy on every table class
