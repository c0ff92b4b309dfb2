"""What a site's devices read back: its stored records since a cursor, and content digests.

Every version the county stored has a row number (record_version.pk) that only grows, so "the
site's records since cursor c" is a range scan of one index; a device keeps the last cursor it
read. Only the site's own records are served, to the bearer of the site's own token.
"""
from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.engine import Engine

from ccschool.county import schema as t
from ccschool.sync import wire

PAGE = 2000
MAX_PAGE = 5000


def records_after(engine: Engine, site: str, cursor: int, limit: int = PAGE) -> dict:
    rv = t.record_version
    limit = max(1, min(limit, MAX_PAGE))
    with engine.connect() as conn:
        rows = conn.execute(select(rv.c.pk, rv.c.kind, rv.c.record_id, rv.c.version, rv.c.op,
                                   rv.c.data).where(rv.c.site == site, rv.c.pk > cursor)
                            .order_by(rv.c.pk).limit(limit + 1)).all()
    more = len(rows) > limit
    rows = rows[:limit]
    return {"site": site, "records": [
        {"kind": r.kind, "id": r.record_id, "version": r.version, "op": r.op,
         "data": json.loads(r.data)} for r in rows],
        "next": rows[-1].pk if rows else cursor, "more": more}


def month_digest(engine: Engine, site: str, period: str, device: int) -> dict:
    """Per kind, a sha256 over "id version sha256(data)" lines (sorted) of the versions this
    device sent for the month — what `ccschool sync reconcile` compares with its own."""
    from ccschool.sync.hlc import origin

    rv = t.record_version
    lines: dict[str, list[str]] = {}
    with engine.connect() as conn:
        for kind, rid, version, data in conn.execute(select(
                rv.c.kind, rv.c.record_id, rv.c.version, rv.c.data).where(
                rv.c.site == site, rv.c.period == period)):
            if origin(version) == device:
                lines.setdefault(kind, []).append(wire.digest_line(rid, version, json.loads(data)))
    return {kind: wire.digest_fold(v) for kind, v in sorted(lines.items())}


def current_versions(engine: Engine, site: str) -> dict:
    """Per kind, a sha256 over the (id, newest version) pairs the county holds for the site."""
    rc = t.record_current
    lines: dict[str, list[str]] = {}
    with engine.connect() as conn:
        for kind, rid, version in conn.execute(select(rc.c.kind, rc.c.record_id, rc.c.version)
                                               .where(rc.c.site == site)):
            lines.setdefault(kind, []).append(f"{rid} {version}")
    return {kind: wire.digest_fold(v) for kind, v in sorted(lines.items())}


def device_retired_at(engine: Engine, site: str, number: int) -> str | None:
    """When the site told the county its device `number` was retired (None: active or never
    heard of)."""
    sd = t.site_device
    with engine.connect() as conn:
        return conn.execute(select(sd.c.retired_at).where(
            sd.c.site == site, sd.c.number == number)).scalar()
