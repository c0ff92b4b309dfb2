"""Shared column types and the mixin every record table uses."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from sqlalchemy import Integer
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel

if TYPE_CHECKING:
    from sqlalchemy import Table

from ccschool.stamps import from_micros, to_micros
from ccschool.stamps import new_id, utcnow  # noqa: F401  (re-exported for the models' users)


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes stored as integer microseconds since 1970 (stamps.to_micros).

    SQLite has no datetime type and SQLAlchemy hands back naive values, which sqlmodel then
    refuses (MACHINE-NOTES pitfall 1). ISO text kept the offset but took 32 bytes a stamp, a
    third of an attendance row; an integer takes 8, sorts and compares the same, and the
    tables' CHECK (typeof(...)) refuses a stray text write (migration storage_0004).
    """

    impl = Integer
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return None if value is None else to_micros(value)

    def process_result_value(self, value, dialect):
        return None if value is None else from_micros(value)


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
