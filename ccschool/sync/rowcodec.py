"""A synced record between its stored form (the SQLite values) and its wire form (JSON values).

The same values the ORM's column types give (UTCDateTime, Date, Time, Boolean, Float), but
computed on plain rows: a first sync moves a whole site (265,000 records for 20,000 learners)
and the ORM's per-value work (parse to a datetime, format it again) was most of its time.
Time stamps, dates and booleans take a direct path; anything else takes the column type's
own processors, so the result is always exactly the ORM's (`devicesync.digest`, which
reads through the ORM, checks it in every devices test).
"""
from __future__ import annotations

import functools
from datetime import date, datetime, time

from sqlalchemy import Boolean, Date, Time
from sqlalchemy.dialects import sqlite

from ccschool.models import UTCDateTime
from ccschool.stamps import from_micros, to_micros

_DIALECT = sqlite.dialect()
_date_from_text = Date()._cached_result_processor(_DIALECT, None)
assert _date_from_text is not None, "SQLite keeps dates as text: its Date type always parses them"
_STR_TO_DATE = _date_from_text


# Cached like stamps.from_micros, and for the same reason: a record's stamps are mostly one moment.
@functools.lru_cache(maxsize=4096)
def _dt_to_wire(stored):
    """Stored microseconds → what datetime.isoformat() gives (the ORM's value, formatted)."""
    return None if stored is None else from_micros(stored).isoformat()


@functools.lru_cache(maxsize=4096)
def _dt_to_stored(v):
    """Wire ISO text → the stored microseconds (UTCDateTime.process_bind_param of it)."""
    return None if v is None else to_micros(datetime.fromisoformat(v))  # naive: ValueError


def _date_to_stored(v):
    if v is None:
        return None
    parsed = date.fromisoformat(v)
    if len(v) == 10 and v[4] == "-" and v[7] == "-":
        return v
    return parsed.isoformat()


def _date_to_wire(s):
    if s is None or (len(s) == 10 and s[4] == "-" and s[7] == "-"):
        return s
    return _iso(_STR_TO_DATE(s))


def _bool_to_stored(v):
    return None if v is None else int(bool(v))


def _bool_to_wire(v):
    return None if v is None else bool(v)


def _generic(column, *, to_wire: bool):
    """The column type's own processors (the slow, exact path) for the rare types."""
    t = column.type
    if to_wire:
        proc = t._cached_result_processor(_DIALECT, None)
        return lambda v: _iso(proc(v) if proc and v is not None else v)
    parse = time.fromisoformat if isinstance(t, Time) else (lambda x: x)
    bind = t._cached_bind_processor(_DIALECT)
    return lambda v: None if v is None else (bind(parse(v)) if bind else parse(v))


def _iso(value):
    return value.isoformat() if isinstance(value, (datetime, date, time)) else value


def _converter(column, *, to_wire: bool):
    t = column.type
    if isinstance(t, UTCDateTime):
        return _dt_to_wire if to_wire else _dt_to_stored
    if isinstance(t, Boolean):
        return _bool_to_wire if to_wire else _bool_to_stored
    if isinstance(t, Date):
        return _date_to_wire if to_wire else _date_to_stored
    if isinstance(t, Time) or t._cached_bind_processor(_DIALECT) is not None:
        return _generic(column, to_wire=to_wire)
    return None  # text and integers travel as they are stored


@functools.cache
def synced_columns(model) -> tuple[str, ...]:
    """The columns a wire record fills (all but the fields that never leave the laptop)."""
    local = set(getattr(model, "__local_fields__", ()))
    return tuple(c.key for c in model.__table__.columns if c.key not in local)


@functools.cache
def _plan(model, to_wire: bool) -> tuple:
    """(key, converter) of the synced columns that need converting; the others travel as
    they are stored (text, integers)."""
    cols = {c.key: c for c in model.__table__.columns}
    plan = ((key, _converter(cols[key], to_wire=to_wire)) for key in synced_columns(model))
    return tuple((key, conv) for key, conv in plan if conv is not None)


@functools.cache
def _blank(model) -> dict:
    return dict.fromkeys(synced_columns(model))


def to_wire(model, row) -> dict:
    """A stored row (a tuple in synced_columns order) → its wire data, id and version
    included."""
    out = dict(zip(synced_columns(model), row))
    for key, conv in _plan(model, True):
        out[key] = conv(out[key])
    return out


def to_stored(model, rec: dict) -> dict:
    """A wire record {kind, id, version, data} → its stored row (a dict by column; keys a
    newer version added to `data` ride along unused, the insert names its columns)."""
    data = rec.get("data") or {}
    if getattr(model, "__local_fields__", ()):  # never take a local field from the wire
        data = {k: data.get(k) for k in synced_columns(model)}
    out = {**_blank(model), **data, "id": rec["id"], "version": rec["version"]}
    for key, conv in _plan(model, False):
        out[key] = conv(out[key])
    return out


def stored_to_wire(model, row: dict) -> dict:
    """A stored row given as a dict → its wire values (for an outbox payload)."""
    return to_wire(model, tuple(row[k] for k in synced_columns(model)))


def stored_to_python(model, row: dict) -> dict:
    """A stored row → the values the ORM would give (datetimes, dates, booleans)."""
    out = {}
    for c in model.__table__.columns:
        if c.key not in row:
            continue
        proc = c.type._cached_result_processor(_DIALECT, None)
        out[c.key] = proc(row[c.key]) if proc and row[c.key] is not None else row[c.key]
    return out


def _python_parser(column):
    t = column.type
    if isinstance(t, UTCDateTime):
        return lambda v: None if v is None else datetime.fromisoformat(v)
    if isinstance(t, Date):
        return lambda v: None if v is None else date.fromisoformat(v)
    if isinstance(t, Time):
        return lambda v: None if v is None else time.fromisoformat(v)
    if isinstance(t, Boolean):
        return lambda v: None if v is None else bool(v)
    return lambda v: v


def wire_to_python(model, row: dict) -> dict:
    """Wire values of every column of a table (synced or not) → ORM values, for the few rows
    a join file carries (the site with its local fields, staff accounts)."""
    return {c.key: _python_parser(c)(row.get(c.key)) for c in model.__table__.columns}
