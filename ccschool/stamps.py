"""Record keys and time stamps, without the ORM: plain-SQL writers (the check-in desk) and the
record models share them, and the desk must not wait for the models to be built."""
from __future__ import annotations

import functools
import uuid
from datetime import datetime, timedelta, timezone


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def new_id() -> str:
    return uuid.uuid4().hex


# Time stamps are stored as integer microseconds since 1970-01-01 UTC (migration storage_0004):
# 8 bytes in a row instead of 32 characters of ISO text, which was a third of an attendance row.
# Every reader and writer of a stored stamp, the ORM's column type included, goes through these.
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_ONE_SECOND = 1_000_000


def to_micros(moment: datetime) -> int:
    """An aware datetime → the stored integer (exact to the microsecond, any time zone)."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: use timezone-aware UTC")
    delta = moment - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * _ONE_SECOND + delta.microseconds


@functools.lru_cache(maxsize=4096)
def from_micros(stored: int) -> datetime:
    """The stored integer → an aware UTC datetime.

    Cached: a row's stamps are mostly one moment (a sign-in's created_at, updated_at and at;
    an import's whole roster), and a hit costs a tenth of building the datetime again (a
    first sync between laptops reads a million stamps). Datetimes are immutable: sharing is safe.
    """
    if not isinstance(stored, int):  # text here means a writer skipped to_micros: say so loudly
        raise TypeError(f"a stored time stamp is an integer, not {type(stored).__name__}")
    return _EPOCH + timedelta(microseconds=stored)  # exact: integer arithmetic, no float
