"""Change tracking: version counters and the transactional outbox, in the same flush as the change.

Hooked into every ORM session, so no service can forget it: inserting, updating or soft-deleting
a record the county receives bumps its version and queues an OutboxEntry inside the same
transaction. If the transaction rolls back, the outbox row vanishes with the change.
"""
from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session as OrmSession

from ccschool import clock
from ccschool.stamps import utcnow
from ccschool.sync import hlc

if TYPE_CHECKING:
    from ccschool.models import Record

# The record models are imported where they are used: outbox_row serves the plain-SQL check-in
# desk, which works before the models are built (after the desktop app's first paint).


def _jsonable(value: Any) -> Any:
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    return value


def snapshot(obj: Record) -> dict:
    """Column values of a record, JSON-ready, without the fields that never leave the laptop."""
    local = getattr(type(obj), "__local_fields__", ())
    return {c.key: _jsonable(getattr(obj, c.key)) for c in inspect(obj).mapper.column_attrs
            if c.key not in local}


def period_of(values: dict, now: datetime | None = None) -> str:
    """The month a change belongs to: the day it happened for dated records, else today.

    Attendance carries its session's date, so a paper sheet typed in on 2 November still counts
    for October's batch (or becomes a correction if October is already closed).
    """
    return _dated_period(values) or clock.month(now)


def _dated_period(values: dict) -> str | None:
    for key in ("session_date", "date"):
        day = values.get(key)
        if day:
            return str(day)[:7]
    return None


def _json_default(value: Any) -> Any:
    """Dates and times as ISO text (what _jsonable gives); anything else is not JSON."""
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


# One encoder for every row: json.dumps builds a new one per call when given options, and
# `default` converts the odd date instead of copying every row first (30,000 rows per import).
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_json_default).encode


_recording = threading.local()


@contextlib.contextmanager
def recording() -> Iterator[set[str]]:
    """Collect the kinds of record written on this thread inside the block (the desktop's
    operation runner turns them into the change set pages refresh from, ui/ops/changes.py).

    A kind is noted when its outbox row is built, before the commit: a write that then rolls
    back still counts, which costs a page one needless refresh, never a stale screen."""
    kinds: set[str] = set()
    outer = getattr(_recording, "kinds", None)
    _recording.kinds = kinds
    try:
        yield kinds
    finally:
        _recording.kinds = outer
        if outer is not None:
            outer.update(kinds)


def note(kind: str) -> None:
    """Record that `kind` was written (a record kind, or a local table such as "setting")."""
    kinds = getattr(_recording, "kinds", None)
    if kinds is not None:
        kinds.add(kind)


def outbox_row(kind: str, values: dict, op: str = "upsert", *, created_at: datetime | None = None,
               month: str | None = None) -> dict:
    """month: this month as YYYY-MM when a caller writes many rows at once (else looked up)."""
    note(kind)
    period = _dated_period(values) or month or period_of(values)
    return {"kind": kind, "record_id": values["id"], "version": values.get("version", 1), "op": op,
            "period": period, "payload": _ENCODE(values), "created_at": created_at or utcnow()}


def outbox_rows_for(kind: str, rows: Iterable[dict]) -> list[dict]:
    """Outbox rows for records written with Core bulk inserts (demo data, large imports).

    The rows share one transaction, so they share one timestamp (and "today" for the period)."""
    created_at, month = utcnow(), clock.month()
    note(kind)
    return [outbox_row(kind, r, created_at=created_at, month=month) for r in rows]


def _kind(obj: Record) -> str:
    assert obj.__sync_kind__, obj  # _before_flush keeps only records of synced kinds
    return obj.__sync_kind__


def _deleted_now(obj: Record) -> bool:
    hist = inspect(obj).attrs.deleted_at.history
    return bool(hist.added) and hist.added[0] is not None


def _before_flush(session: OrmSession, _ctx, _instances) -> None:
    from ccschool.models import OutboxEntry, Record

    if getattr(_recording, "kinds", None) is not None:  # local tables too (a setting)
        for obj in (*session.new, *session.dirty, *session.deleted):
            note(str(getattr(type(obj), "__sync_kind__", None) or getattr(obj, "__tablename__", "")))
    new = [o for o in session.new if isinstance(o, Record) and o.__sync_kind__]
    dirty = [o for o in session.dirty if isinstance(o, Record) and o.__sync_kind__
             and session.is_modified(o, include_collections=False)]
    if not (new or dirty):
        return
    # One clock draw per flush: versions order changes of one record, and a flush changes each
    # record once (ccschool/sync/hlc.py).
    version = hlc.next_version(session.connection().connection.driver_connection)
    rows = []
    for obj in new:
        obj.version = version
        rows.append(outbox_row(_kind(obj), snapshot(obj)))
    for obj in dirty:
        obj.version = version
        obj.updated_at = utcnow()
        op = "delete" if _deleted_now(obj) else "upsert"
        rows.append(outbox_row(_kind(obj), snapshot(obj), op))
    for row in rows:
        session.add(OutboxEntry(**row))


_install_lock = threading.Lock()


def install() -> None:
    """Hook change tracking in, once. Several threads (the database worker, the long-job thread,
    the upload worker) open their first session at about the same time after start-up; a hook
    listened twice would write every outbox row twice."""
    with _install_lock:
        if not event.contains(OrmSession, "before_flush", _before_flush):
            event.listen(OrmSession, "before_flush", _before_flush)
