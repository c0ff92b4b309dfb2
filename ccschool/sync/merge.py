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
from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.dialects.sqlite import insert
from sqlmodel import Session

from ccschool import audit
from ccschool.db import sqlite_connection
from ccschool.sync import hlc
from ccschool.sync import rowcodec
from ccschool.stamps import to_micros
from ccschool.sync.changes import _jsonable, outbox_row
from ccschool.models import SYNCED_MODELS, CourseClass, Enrollment

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


def apply_records(s: Session, kind: str, records: list[dict], result: MergeResult, *,
                  require_parents: bool = False) -> None:
    """Apply one kind's records (newest wins, twins merged) inside the caller's transaction.

    Rows are handled in their stored form (rowcodec) and written with one prepared upsert
    per page. require_parents: skip a record whose referenced records are not here (the
    county carries no personal records, so what points at a person not yet synced waits for
    LAN or USB)."""
    model = MODELS.get(kind)
    if model is None or not records:
        return  # a kind a newer version of ccschool syncs: nothing to keep it in here
    table, conn = model.__table__, s.connection()
    rows = [rowcodec.to_stored(model, r) for r in records]
    have = _versions_held(conn, table, [r["id"] for r in rows])
    orphans = _orphans(conn, table, rows) if require_parents else set()
    batch: dict[str, dict] = {}  # written together at the end (one executemany)
    twins = _Twins(s, model, rows, batch, result) if kind in TWINS else None
    for row in rows:
        rid, version = row["id"], row["version"]
        result.newest = max(result.newest, version)
        if max(have.get(rid, 0), result.written.get(rid, 0)) >= version:
            continue
        if rid in orphans:
            result.skipped += 1
            continue
        batch[rid] = twins.place(row) if twins else row
        have[rid] = batch[rid]["version"]
        result.applied += 1
    _flush(conn, model, batch)


def _versions_held(conn, table, ids: list[str]) -> dict[str, int]:
    """{id: version} of these records held here: one query per 500 ids."""
    raw = sqlite_connection(conn)
    out: dict[str, int] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        out.update(raw.execute(f"SELECT id, version FROM {table.name} WHERE id IN "
                               f"({', '.join('?' * len(chunk))})", chunk).fetchall())
    return out


def _flush(conn, model, batch: dict[str, dict]) -> None:
    if not batch:
        return
    rows = list(batch.values())
    batch.clear()
    if getattr(model, "__local_fields__", ()):
        for row in rows:
            _upsert(conn, model, rowcodec.stored_to_python(model, row))
        return
    sqlite_connection(conn).executemany(_upsert_sql(model), rows)


@functools.cache
def _upsert_sql(model) -> str:
    """INSERT … ON CONFLICT DO UPDATE of a stored row, never over a newer version."""
    cols = rowcodec.synced_columns(model)
    name = model.__tablename__
    sets = ", ".join(f"{c} = excluded.{c}" for c in cols if c != "id")
    return (f"INSERT INTO {name} ({', '.join(cols)}) VALUES ({', '.join(':' + c for c in cols)}) "
            f"ON CONFLICT (id) DO UPDATE SET {sets} WHERE {name}.version < excluded.version")


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
        k0, cols = self.keys[0], rowcodec.synced_columns(model)
        wanted = sorted({r[k0] for r in rows if r.get(k0)})
        raw = sqlite_connection(s)
        self.live: dict[tuple, dict] = {}  # stored rows, like the arriving ones
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            for here in raw.execute(
                    f"SELECT {', '.join(cols)} FROM {model.__tablename__} WHERE deleted_at IS "
                    f"NULL AND {k0} IN ({', '.join('?' * len(chunk))})", chunk):
                here = dict(zip(cols, here))
                self.live[self._key(here)] = here

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
                sqlite_connection(self.s).execute(
                    _upsert_sql(self.model), retired)
            self.live[key] = row
            return row
        return _retire_twin(self.s, self.model, row, occupant, self.result)


def _first(value):
    """Comparable whatever the offset it was written with (stored rows hold microseconds
    already; an ORM value is brought to that shape)."""
    if isinstance(value, datetime):
        return to_micros(value)
    return value.isoformat() if isinstance(value, date) else value


def merge_version(version: int) -> int:
    """The version of a decision merging takes, the same on every device that takes it.

    Every device that holds both twins decides alike, so the decision is a pure function of
    the loser's version (next clock tick, device bits 0 = "the site's merge") and of the
    records' own times: all devices write the identical record, the county stores it once, and
    no new round of syncing is needed to agree on whose decision won."""
    return max(((version >> hlc.DEVICE_BITS) + 1) << hlc.DEVICE_BITS, hlc.CLOCK_FLOOR)


def _retire_twin(s: Session, model, drop: dict, keep: dict, result: MergeResult) -> dict:
    """The later twin (a stored row), soft-deleted with the deterministic merge version (it
    travels on); the caller writes it."""
    kind = model.__sync_kind__
    conn = s.connection()
    # Nothing of the keeper goes into the record: a third device may have kept another twin,
    # and the same (id, version) must hold the same data everywhere. The audit entry names it.
    drop = {**drop, "deleted_at": drop["updated_at"], "version": merge_version(drop["version"])}
    if kind == "attendance":
        drop["reason"] = "merged"
    _queue(s, kind, rowcodec.stored_to_wire(model, drop), "delete")
    result.written[drop["id"]] = drop["version"]
    hlc.observe(sqlite_connection(conn), drop["version"])
    audit.record(s, "sync.merge", kind, drop["id"], before={"kept": keep["id"]},
                 after={"merged": drop["id"], "reason": "same record made on two devices"})
    keys = TWINS[kind][0]
    result.merged.append({"kind": kind, "kept": keep["id"], "merged": drop["id"],
                          **{k: drop[k] for k in keys}})
    return drop


def _queue(s: Session, kind: str, values: dict, op: str) -> None:
    """An outbox row (wire values) for a change merging made here (it goes to the county like
    any edit)."""
    box = outbox_row(kind, values, op)
    cols = ("kind", "record_id", "version", "op", "period", "payload", "created_at")
    s.connection().exec_driver_sql(
        f"INSERT INTO outbox_entry ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
        (*[box[c] for c in cols[:-1]], to_micros(box["created_at"])))


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
            hlc.observe(sqlite_connection(conn), row["version"])
            _upsert(conn, Enrollment, row)
            _queue(s, "enrollment", {k: _jsonable(v) for k, v in row.items()}, "upsert")
            result.written[row["id"]] = row["version"]
            audit.record(s, "sync.waitlist", "enrollment", row["id"],
                         after={"class_id": class_id, "reason": "over capacity after merging"})
            result.merged.append({"kind": "enrollment", "waitlisted": row["id"],
                                  "class_id": class_id})
