"""Merging records from another device of the site (the rules are in PROTOCOL.md).

- The newest version of a record wins; older or equal versions change nothing (idempotent, any
  order, any number of times). A soft delete is a version like any other.
- One live attendance per (session, learner) across the site, and one live enrollment,
  certificate and satisfaction score per (class, learner): when two devices made twins, the
  earliest is kept and the other is merged — soft-deleted by a new version written here (so it
  reaches the other devices and the county), with an audit entry naming both.
- A class over capacity after merging puts its latest enrollments on the waiting list.

Records arrive in dependency order (sites and people before the records that point at them) and
are written with Core statements: no ORM change tracking, so what another device made never
re-enters this device's outbox; only the decisions merging takes here do.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone

from sqlalchemy import Boolean, Date, Time, select, update
from sqlalchemy.dialects.sqlite import insert
from sqlmodel import Session

from ccschool import audit
from ccschool.sync import hlc
from ccschool.sync.changes import outbox_row
from ccschool.models import SYNCED_MODELS, CourseClass, Enrollment, UTCDateTime

MODELS = {m.__sync_kind__: m for m in SYNCED_MODELS}
# Dependency order for writing (and for bundles): a record comes after what it points at.
ORDER = ("site", "device", "venue", "person", "instructor", "learner", "learning_card",
         "course_class", "class_session", "enrollment", "attendance", "service_record",
         "certificate", "satisfaction_score")
# Kinds with one live record per key: (key columns, the column that says which came first).
TWINS = {"attendance": (("session_id", "learner_id"), "at"),
         "enrollment": (("class_id", "learner_id"), "enrolled_at"),
         "certificate": (("class_id", "learner_id"), "issued_at"),
         "satisfaction_score": (("class_id", "learner_id"), "at")}


@dataclass
class MergeResult:
    applied: int = 0
    merged: list[dict] = field(default_factory=list)
    newest: int = 0  # highest version seen
    skipped: int = 0  # records whose referenced records are not here yet
    written: dict = field(default_factory=dict)  # id -> version merging wrote here


def _parser(column):
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


@functools.cache
def _columns(model) -> tuple:
    """(key, parser) of the columns a wire record fills, built once per model."""
    local = getattr(model, "__local_fields__", ())
    return tuple((c.key, _parser(c)) for c in model.__table__.columns
                 if c.key not in ("id", "version") and c.key not in local)


def _row(model, rec: dict) -> dict:
    """A wire record (kind, id, version, data) as column values of the model's table."""
    data = rec.get("data") or {}
    out = {"id": rec["id"], "version": rec["version"]}
    for key, parse in _columns(model):
        out[key] = parse(data.get(key))
    return out


def apply_records(s: Session, kind: str, records: list[dict], result: MergeResult, *,
                  require_parents: bool = False) -> None:
    """Apply one kind's records (newest wins, twins merged) inside the caller's transaction.

    require_parents: skip a record whose referenced records are not here (the county carries
    no personal records, so what points at a person not yet synced waits for LAN or USB)."""
    model = MODELS.get(kind)
    if model is None or not records:
        return  # a kind a newer version of ccschool syncs: nothing to keep it in here
    table, conn = model.__table__, s.connection()
    ids = [r["id"] for r in records]
    have = dict(conn.execute(select(table.c.id, table.c.version).where(table.c.id.in_(ids))).all())
    rows = [_row(model, r) for r in records]
    orphans = _orphans(conn, table, rows) if require_parents else set()
    batch: dict[str, dict] = {}  # written together at the end (one executemany)
    twins = _Twins(s, model, rows, batch, result) if kind in TWINS else None
    for rec, row in zip(records, rows):
        result.newest = max(result.newest, rec["version"])
        if max(have.get(rec["id"], 0), result.written.get(rec["id"], 0)) >= rec["version"]:
            continue
        if rec["id"] in orphans:
            result.skipped += 1
            continue
        batch[rec["id"]] = twins.place(row) if twins else row
        have[rec["id"]] = batch[rec["id"]]["version"]
        result.applied += 1
    _flush(conn, model, batch)


def _flush(conn, model, batch: dict[str, dict]) -> None:
    if not batch:
        return
    rows = list(batch.values())
    batch.clear()
    if getattr(model, "__local_fields__", ()):
        for row in rows:
            _upsert(conn, model, row)
        return
    conn.execute(_upsert_statement(model), rows)


@functools.cache
def _upsert_statement(model):
    table = model.__table__
    stmt = insert(table)
    sets = {c.key: stmt.excluded[c.key] for c in table.columns if c.key != "id"}
    return stmt.on_conflict_do_update(index_elements=[table.c.id], set_=sets,
                                      where=table.c.version < stmt.excluded.version)


def _orphans(conn, table, rows: list[dict]) -> set[str]:
    """Ids of rows pointing at a record that is not in this database."""
    out = set()
    for fk in table.foreign_keys:
        col, parent = fk.parent.key, fk.column
        wanted = sorted({r[col] for r in rows if r.get(col)})
        present = set()
        for i in range(0, len(wanted), 500):
            present |= set(conn.execute(select(parent).where(
                parent.in_(wanted[i:i + 500]))).scalars())
        out |= {r["id"] for r in rows if r.get(col) and r[col] not in present}
    return out


def _upsert(conn, model, row: dict) -> None:
    table = model.__table__
    local = set(getattr(model, "__local_fields__", ()))
    if local:  # the site: SQLite checks NOT NULL (its secret) before an upsert's conflict
        values = {k: v for k, v in row.items() if k != "id" and k not in local}
        conn.execute(update(table).where(table.c.id == row["id"],
                                         table.c.version < row["version"]).values(**values))
        return
    # Never over a newer version, whatever the caller believed it held.
    conn.execute(_upsert_statement(model), [row])


class _Twins:
    """One live record per key among what is here and what is arriving (rule 3).

    The live records here that share a key with an arriving one are read once; arriving rows
    then take or lose their key in order. A record here that loses is retired at once (before
    the arriving rows are written, so the unique index holds); an arriving one that loses is
    written retired."""

    def __init__(self, s: Session, model, rows: list[dict], batch: dict, result: MergeResult):
        self.s, self.model, self.batch, self.result = s, model, batch, result
        self.keys, self.first = TWINS[model.__sync_kind__]
        table, k0 = model.__table__, self.keys[0]
        wanted = sorted({r[k0] for r in rows if r.get(k0)})
        self.live: dict[tuple, dict] = {}
        for i in range(0, len(wanted), 500):
            for here in s.connection().execute(select(table).where(
                    table.c.deleted_at.is_(None), table.c[k0].in_(wanted[i:i + 500]))).mappings():
                self.live[self._key(here)] = dict(here)

    def _key(self, row) -> tuple:
        return tuple(row[k] for k in self.keys)

    def place(self, row: dict) -> dict:
        key = self._key(row)
        occupant = self.live.get(key)
        if occupant is not None and occupant["id"] == row["id"]:
            occupant = None  # a newer version of the same record
        if row.get("deleted_at") is not None:
            if self.live.get(key, {}).get("id") == row["id"]:
                del self.live[key]
            return row
        if occupant is None:
            self.live[key] = row
            return row
        if (_first(row[self.first]), row["id"]) < (_first(occupant[self.first]), occupant["id"]):
            retired = _retire_twin(self.s, self.model, occupant, row, self.result)
            if occupant["id"] in self.batch:
                self.batch[occupant["id"]] = retired
            else:
                _upsert(self.s.connection(), self.model, retired)
            self.live[key] = row
            return row
        return _retire_twin(self.s, self.model, row, occupant, self.result)


def _first(value):
    """Comparable whatever the offset it was written with (the desk writes local +08:00)."""
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).isoformat(timespec="microseconds")
    return value.isoformat() if isinstance(value, date) else str(value)


def merge_version(version: int) -> int:
    """The version of a decision merging takes, the same on every device that takes it.

    Every device that holds both twins decides alike, so the decision is a pure function of
    the loser's version (next clock tick, device bits 0 = "the site's merge") and of the
    records' own times: all devices write the identical record, the county stores it once, and
    no new round of syncing is needed to agree on whose decision won."""
    return max(((version >> hlc.DEVICE_BITS) + 1) << hlc.DEVICE_BITS, hlc.CLOCK_FLOOR)


def _retire_twin(s: Session, model, drop: dict, keep: dict, result: MergeResult) -> dict:
    """The later twin, soft-deleted with the deterministic merge version (it travels on);
    the caller writes it."""
    kind = model.__sync_kind__
    conn = s.connection()
    # Nothing of the keeper goes into the record: a third device may have kept another twin,
    # and the same (id, version) must hold the same data everywhere. The audit entry names it.
    drop = {**drop, "deleted_at": drop["updated_at"], "version": merge_version(drop["version"])}
    if kind == "attendance":
        drop["reason"] = "merged"
    _queue(s, kind, drop, "delete")
    result.written[drop["id"]] = drop["version"]
    hlc.observe(conn.connection.driver_connection, drop["version"])
    audit.record(s, "sync.merge", kind, drop["id"], before={"kept": keep["id"]},
                 after={"merged": drop["id"], "reason": "same record made on two devices"})
    keys = TWINS[kind][0]
    result.merged.append({"kind": kind, "kept": keep["id"], "merged": drop["id"],
                          **{k: drop[k] for k in keys}})
    return drop


def _queue(s: Session, kind: str, row: dict, op: str) -> None:
    """An outbox row for a change merging made here (it goes to the county like any edit)."""
    from ccschool.sync.changes import _jsonable

    values = {k: _jsonable(v) for k, v in row.items()}
    box = outbox_row(kind, values, op)
    cols = ("kind", "record_id", "version", "op", "period", "payload", "created_at")
    s.connection().exec_driver_sql(
        f"INSERT INTO outbox_entry ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
        (*[box[c] for c in cols[:-1]], UTCDateTime().process_bind_param(box["created_at"], None)))


def enforce_capacity(s: Session, class_ids: set[str], result: MergeResult) -> None:
    """Two devices sold a class's last seat: the later enrollment goes to the waiting list."""
    conn = s.connection()
    table = Enrollment.__table__
    for class_id in sorted(class_ids):
        capacity = conn.execute(select(CourseClass.__table__.c.capacity).where(
            CourseClass.__table__.c.id == class_id)).scalar()
        if not capacity:
            continue
        rows = conn.execute(select(table).where(
            table.c.class_id == class_id, table.c.deleted_at.is_(None),
            table.c.state == "enrolled").order_by(table.c.enrolled_at, table.c.id)
        ).mappings().all()
        for extra in rows[capacity:]:
            row = {**dict(extra), "state": "waitlisted",
                   "version": merge_version(extra["version"])}
            hlc.observe(conn.connection.driver_connection, row["version"])
            _upsert(conn, Enrollment, row)
            _queue(s, "enrollment", row, "upsert")
            result.written[row["id"]] = row["version"]
            audit.record(s, "sync.waitlist", "enrollment", row["id"],
                         after={"class_id": class_id, "reason": "over capacity after merging"})
            result.merged.append({"kind": "enrollment", "waitlisted": row["id"],
                                  "class_id": class_id})
