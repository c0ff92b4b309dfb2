"""Device-to-device sync: what to send (knowledge vectors), writing and applying bundles.

Knowledge: device A "knows device d up to v" when it holds every version d made up to v (or a
newer version of the same record). A bundle for a peer carries every record whose version is
above what the peer knows of the version's device, and the writer's own knowledge, which the
reader adopts for each device the bundle covered completely. Records carry their version, so
applying is idempotent and order-free; knowledge only makes bundles smaller.
"""
from __future__ import annotations

import hashlib
import json
import time
import uuid
from itertools import chain
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import select, text
from sqlmodel import Session

from ccschool.db import sqlite_connection
from ccschool.sync import hlc
from ccschool.sync.changes import _jsonable
from ccschool.errors import PermissionDenied, ValidationError
from ccschool.models import Device, DeviceState
from ccschool.services.site import get_site, this_device
from ccschool.sync import bundle, county_carry, rowcodec
from ccschool.sync.pending_import import knowledge_cap, visible_sql
from ccschool.sync.merge import MODELS, ORDER, MergeResult, apply_records, enforce_capacity

FORMAT = "ccschool-sync/1"


def own_knowledge(s: Session) -> dict[int, int]:
    """{device: highest version of it held here}: stored for others, found for this one."""
    me = this_device(s)
    out = {st.number: st.known_version for st in s.scalars(select(DeviceState))}
    out[me] = held_tops(s, [me])[me]
    return out


def held_tops(s: Session, devices) -> dict[int, int]:
    """{device: the newest version of it held here, 0 if none}: one index seek per table
    (the origin index, migration devices_0002), whatever the tables' size."""
    conn = sqlite_connection(s)
    cap = knowledge_cap(conn)  # a roster import still being written: see sync/pending_import
    out = {}
    for d in devices:
        top = 0
        for table in _TABLES:
            row = conn.execute(f"SELECT max(version) FROM {table} WHERE {_ORIGIN} = ? "
                               f"AND version >= ?", (d, hlc.CLOCK_FLOOR)).fetchone()
            top = max(top, row[0] or 0)
            if d == 1 and not top:  # the counters of the single-laptop days are device 1's
                row = conn.execute(f"SELECT max(version) FROM {table} WHERE version < ?",
                                   (hlc.CLOCK_FLOOR,)).fetchone()
                top = max(top, row[0] or 0)
        out[d] = min(top, cap) if cap is not None and hlc.origin(cap + 1) == d else top
    return out


_TABLES = tuple(MODELS[k].__table__.name for k in ORDER)
# Spelt exactly as in the index (migration devices_0002) so SQLite uses it.
_ORIGIN = f"(version & {hlc.MAX_DEVICES})"


def _count_made_by(conn, table: str, number: int, cutoff: int) -> int:
    """How many versions above cutoff device `number` made in table (hlc.origin as SQL)."""
    n = conn.execute(f"SELECT count(*) FROM {table} WHERE {_ORIGIN} = ? AND version >= ? "
                     f"AND version > ?", (number, hlc.CLOCK_FLOOR, cutoff)).fetchone()[0]
    if number == 1:  # device 1 also made the counters of the single-laptop days
        n += conn.execute(f"SELECT count(*) FROM {table} WHERE version < ? AND version > ?",
                          (hlc.CLOCK_FLOOR, cutoff)).fetchone()[0]
    return n


def peers_may_lack(s: Session) -> dict[int, int]:
    """{active other device: how many records held here it may lack}, from what it last told
    us it holds (a device never heard from may lack everything). For the 同步 page."""
    me = this_device(s)
    mine = own_knowledge(s)
    states = {st.number: json.loads(st.peer_knowledge) for st in s.scalars(select(DeviceState))}
    conn = sqlite_connection(s)
    out: dict[int, int] = {}
    for d in s.scalars(select(Device).where(Device.retired_at.is_(None),
                                            Device.deleted_at.is_(None))):
        if d.number == me:
            continue
        known = states.get(d.number, {})
        total = 0
        for origin, top in mine.items():
            cutoff = int(known.get(str(origin), 0))
            if origin == d.number or top <= cutoff:
                continue  # its own records, or nothing newer than it holds
            total += sum(_count_made_by(conn, t, origin, cutoff) for t in _TABLES)
        out[d.number] = total
    return out


def peer_cutoffs(s: Session) -> dict[int, int]:
    """What every other active device is known to hold: a bundle leaves out only that."""
    me = this_device(s)
    peers = [d.number for d in s.scalars(select(Device).where(
        Device.retired_at.is_(None), Device.deleted_at.is_(None))) if d.number != me]
    states = {st.number: json.loads(st.peer_knowledge) for st in s.scalars(select(DeviceState))}
    cutoffs: dict[int, int] = {}
    origins = set(own_knowledge(s))
    for d in origins:
        known = [int(states.get(p, {}).get(str(d), 0)) for p in peers]
        cutoffs[d] = min(known) if known else 0
    return cutoffs


def records_since(s: Session, cutoffs: dict[int, int]):
    """Every record (wire form) whose version is above the cutoff of its device, in ORDER.

    Read per device from the origin index, so a peer that lacks one day of one device costs
    one day's rows, not a scan of the site. Merge decisions (device bits 0) go with everything
    above the lowest cutoff, as every device takes them alike."""
    conn = sqlite_connection(s)
    ranges = _ranges(s, cutoffs)
    for kind in ORDER:
        model = MODELS[kind]
        cols = rowcodec.synced_columns(model)
        table = model.__table__.name
        head = f"SELECT {', '.join(cols)} FROM {table} WHERE "
        for where, args in ranges:
            cur = conn.execute(f"{head}{where} AND {visible_sql(table)} "
                               "ORDER BY version", args)
            while rows := cur.fetchmany(2000):
                for row in rows:
                    data = rowcodec.to_wire(model, row)
                    rid, v = data.pop("id"), data.pop("version")
                    yield {"kind": kind, "id": rid, "version": v,
                           "op": "delete" if data.get("deleted_at") else "upsert", "data": data}


def _ranges(s: Session, cutoffs: dict[int, int]) -> list[tuple[str, tuple]]:
    """SQL conditions (with their arguments) selecting what is above the cutoffs."""
    low = min(cutoffs.values(), default=0)
    if not any(cutoffs.values()):
        return [("version > ?", (0,))]  # a first sync: everything, one pass per table
    held = {0, this_device(s), *cutoffs, *s.scalars(select(Device.number)),
            *s.scalars(select(DeviceState.number))}
    out: list[tuple[str, tuple]] = [
        (f"version < {hlc.CLOCK_FLOOR} AND version > ?", (cutoffs.get(1, 0),))]
    for d in sorted(held):
        cut = low if d == 0 else cutoffs.get(d, 0)
        out.append((f"{_ORIGIN} = ? AND version >= {hlc.CLOCK_FLOOR} AND version > ?", (d, cut)))
    return out


def write_bundle(db, out: Path, *, cutoffs: dict[int, int] | None = None) -> dict:
    """Write a bundle of what the other devices may lack (or what a peer lacks, by cutoffs)."""
    tmp = Path(str(out) + ".part")
    with db.read() as s:
        site, me = get_site(s), this_device(s)
        cutoffs = peer_cutoffs(s) if cutoffs is None else cutoffs
        header = {"format": FORMAT, "site": site.code, "device": me,
                  "bundle_id": uuid.uuid4().hex, "created_at": _now(),
                  "knowledge": {str(k): v for k, v in own_knowledge(s).items()},
                  "cutoffs": {str(k): v for k, v in cutoffs.items()}}
        carried = county_carry.entries(s)  # the county's rules and teachers ride along
        with open(tmp, "wb") as f:
            count = bundle.write(f, header, site.secret,
                                 chain(carried, records_since(s, cutoffs))) - len(carried)
            f.flush()
    tmp.replace(out)
    hlc.mark_sent(db)
    return {"file": str(out), "records": count, "bundle_id": header["bundle_id"], "device": me}


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def apply_bundle(db, path: Path) -> dict:
    """Check, then apply a bundle; {"applied": n, "merged": [...]}. Refuses with one line."""
    with db.read() as s:
        site = get_site(s)
        secret, code = site.secret, site.code
    with open(path, "rb") as f:
        header, head = bundle.read_header(f)
        _check_header(db, header, code)
        for _ in bundle.segments(f, header, head, secret, parse=False):  # authenticate it all
            pass
        f.seek(0)
        bundle.read_header(f)
        with db.read() as s:
            before = own_knowledge(s)
        result, county = MergeResult(), {"rules": False, "teachers": False}
        apply_in_short_transactions(db, bundle.segments(f, header, head, secret),
                                    lambda s, part: _apply_part(s, part, result, county))
    with db.transaction(actor="sync") as s:
        _learn(s, header, before)
    return {"applied": result.applied, "merged": result.merged, "from_device": header["device"],
            "bundle_id": header.get("bundle_id"), "county": county}


def _check_header(db, header: dict, code: str) -> None:
    if header.get("format") != FORMAT:
        raise ValidationError("同步包格式不支持：{f}", "Unsupported sync bundle format: {f}",
                              f=str(header.get("format"))[:40], field="file")
    if header.get("site") != code:
        raise PermissionDenied("这是其他站点（{site}）的同步包，本机是站点 {ours}，没有做任何改动",
                               "This sync bundle is from another site ({site}); this computer "
                               "is site {ours}; nothing was changed",
                               site=str(header.get("site"))[:32], ours=code, field="file")
    device = header.get("device")
    with db.read() as s:
        sender = s.scalar(select(Device).where(Device.number == device)) \
            if isinstance(device, int) else None
        if isinstance(device, int) and device == this_device(s):
            raise ValidationError("这是本机自己写的同步包，无需读入", "This bundle was written by "
                                  "this computer itself; nothing to apply", field="file")
    if sender is not None and sender.retired_at is not None:
        raise PermissionDenied("同步包来自已停用的 {n} 号终端，已拒绝", "The sync bundle comes from "
                               "device {n}, which was retired; refused", n=device, field="file")


# Whole segments per transaction until this long has passed: few commits (each may also
# checkpoint the WAL) while no write lock is held much longer than this.
LOCK_BUDGET = 0.4


def apply_in_short_transactions(db, parts, apply) -> None:
    """apply(session, part) for each part, whole parts per transaction until LOCK_BUDGET has
    passed (a kill leaves whole parts applied; every carrier's apply is idempotent)."""
    parts = iter(parts)
    part = next(parts, None)
    while part is not None:
        with db.transaction(actor="sync") as s:
            started = time.monotonic()
            while part is not None:
                apply(s, part)
                part = next(parts, None)
                if time.monotonic() - started >= LOCK_BUDGET:
                    break


def _apply_part(s: Session, part: list[dict], result: MergeResult, county: dict) -> None:
    carried, part = county_carry.split(part)
    county_carry.apply(s, carried, county)
    by_kind: dict[str, list[dict]] = {}
    for rec in part:
        _check_record(rec)
        by_kind.setdefault(rec["kind"], []).append(rec)
    for kind in ORDER:
        records = by_kind.get(kind)
        if not records:
            continue
        before = result.applied
        apply_records(s, kind, records, result)
        if kind == "enrollment" and result.applied > before:
            enforce_capacity(s, {r["data"].get("class_id") for r in records}, result)
    if result.newest:
        hlc.observe(sqlite_connection(s), result.newest)


def _check_record(rec) -> None:
    ok = (isinstance(rec, dict) and rec.get("kind") in MODELS and isinstance(rec.get("id"), str)
          and isinstance(rec.get("version"), int) and isinstance(rec.get("data"), dict))
    if not ok:
        raise ValidationError("同步包里有无法识别的记录", "The sync bundle holds a record this "
                              "version cannot read", field="file")


def _learn(s: Session, header: dict, mine: dict[int, int]) -> None:
    """Adopt the sender's knowledge where the bundle covered everything above ours (`mine`:
    what this device knew before applying it)."""
    cutoffs = {int(k): v for k, v in (header.get("cutoffs") or {}).items()}
    for key, value in (header.get("knowledge") or {}).items():
        d = int(key)
        st = s.get(DeviceState, d) or DeviceState(number=d)
        if cutoffs.get(d, 0) <= mine.get(d, 0) and value > st.known_version:
            st.known_version = value
        s.add(st)
    sender = s.get(DeviceState, header["device"]) or DeviceState(number=header["device"])
    sender.peer_knowledge = json.dumps(header.get("knowledge") or {})
    sender.last_heard_at = datetime.now(timezone.utc)
    s.add(sender)
    me = this_device(s)
    own = s.get(DeviceState, me) or DeviceState(number=me)
    s.add(own)


def digest(s: Session) -> dict[str, dict]:
    """Per kind: how many records and a sha256 of their content (ids, versions, every synced
    column). Two devices (or a device and the county) agree exactly when these are equal."""
    out = {}
    for kind in ORDER:
        h, n = hashlib.sha256(), 0
        for rec in _sorted_records(s, kind):
            h.update(json.dumps(rec, sort_keys=True, ensure_ascii=False).encode() + b"\n")
            n += 1
        out[kind] = {"records": n, "sha256": h.hexdigest()}
    return out


def _sorted_records(s: Session, kind: str):
    model = MODELS[kind]
    table = model.__table__
    local = set(getattr(model, "__local_fields__", ()))
    cols = [c for c in table.columns if c.key not in local]
    for row in s.connection().execute(select(*cols).where(text(visible_sql(table.name)))
                                      .order_by(table.c.id)).mappings():
        yield {k: _jsonable(v) for k, v in row.items()}


def version_digest(s: Session) -> dict[str, dict]:
    """Per kind, the hash the county gives for the (id, newest version) pairs it holds
    (county/pull.py current_versions): equal when the county has exactly this device's state."""
    from ccschool.sync import wire

    out = {}
    for kind in ORDER:
        table = MODELS[kind].__table__
        lines = [f"{rid} {v}" for rid, v in s.connection().execute(
            select(table.c.id, table.c.version).where(text(visible_sql(table.name))))]
        if lines:
            out[kind] = wire.digest_fold(lines)
    return out
