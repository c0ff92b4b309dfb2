"""What the county reports back: batch state, gaps in a site's sequence, monthly figures."""
from __future__ import annotations

from sqlalchemy import func, select, text
from sqlalchemy.engine import Engine

from ccschool.county import schema as t
from ccschool.services.attended import ATTENDED

# Runs of seen numbers (schema.seq_range), possibly overlapping: a gap is where a run starts
# past the end of every run before it.
_GAPS = text("""
    SELECT prev + 1 AS first, seq_from - 1 AS last FROM (
        SELECT seq_from, COALESCE(MAX(seq_to) OVER (
            ORDER BY seq_from, seq_to ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS prev
        FROM seq_range WHERE site = :site AND device = :device
    ) AS s WHERE seq_from - prev > 1 ORDER BY first
""")


def batch_state(engine: Engine, batch_id: str) -> dict | None:
    with engine.connect() as conn:
        b = conn.execute(select(t.batch).where(t.batch.c.batch_id == batch_id)).first()
        if b is None:
            return None
        got = [r[0] for r in conn.execute(select(t.chunk.c.n).where(
            t.chunk.c.batch_id == batch_id).order_by(t.chunk.c.n))]
    return {"batch_id": b.batch_id, "site": b.site, "period": b.period, "chunks": b.chunks,
            "chunks_received": got, "source": b.source,
            "state": "complete" if b.complete_at else "receiving",
            "first_at": b.first_at, "last_at": b.last_at, "complete_at": b.complete_at}


def gaps(engine: Engine, site: str, device: int = 1) -> tuple[list[list[int]], int]:
    """Missing ranges [first, last] of one device's sequence numbers, and the highest seen.

    Each laptop of a site numbers its own changes, so gaps are per device."""
    with engine.connect() as conn:
        ranges = [[r.first, r.last] for r in conn.execute(_GAPS, {"site": site, "device": device})]
        top = conn.execute(select(func.max(t.seq_range.c.seq_to)).where(
            t.seq_range.c.site == site, t.seq_range.c.device == device)).scalar()
    return ranges, top or 0


def device_gaps(engine: Engine, site: str) -> dict[str, dict]:
    """Gaps and the highest seq of every device the county has heard from."""
    with engine.connect() as conn:
        devices = [r[0] for r in conn.execute(select(t.seq_range.c.device).where(
            t.seq_range.c.site == site).distinct().order_by(t.seq_range.c.device))]
    out = {}
    for device in devices:
        ranges, top = gaps(engine, site, device)
        out[str(device)] = {"max_seq": top, "gaps": ranges}
    return out


def _next_month(period: str) -> str:
    y, m = int(period[:4]), int(period[5:])
    return f"{y + m // 12:04d}-{m % 12 + 1:02d}"


def month(engine: Engine, site: str, period: str) -> dict:
    lo, hi = f"{period}-01", f"{_next_month(period)}-01"
    a, s = t.record_current.alias("a"), t.record_current.alias("s")
    # One person-time per (session, learner), whichever device recorded it: two laptops may
    # both have signed the learner in before they synced and merged (PROTOCOL.md).
    pairs = select(a.c.ref_id, a.c.subject_id).where(
        a.c.site == site, a.c.kind == "attendance", a.c.deleted.is_(False),
        a.c.status.in_(ATTENDED), a.c.day >= lo, a.c.day < hi).distinct().subquery()
    attended = select(func.count(), func.count(pairs.c.subject_id.distinct()),
                      func.coalesce(func.sum(s.c.hours), 0.0)).select_from(
        pairs.outerjoin(s, s.c.record_id == pairs.c.ref_id))
    rv = t.record_version
    with engine.connect() as conn:
        counts: dict[str, int] = dict(conn.execute(select(rv.c.kind, func.count()).where(
            rv.c.site == site, rv.c.period == period).group_by(rv.c.kind)).all())
        person_times, persons, hours = conn.execute(attended).one()
        service = conn.execute(select(func.coalesce(func.sum(t.record_current.c.hours), 0.0))
                               .where(t.record_current.c.site == site,
                                      t.record_current.c.kind == "service_record",
                                      t.record_current.c.deleted.is_(False),
                                      t.record_current.c.day >= lo,
                                      t.record_current.c.day < hi)).scalar()
        batches = [r[0] for r in conn.execute(select(t.batch.c.batch_id).where(
            t.batch.c.site == site, t.batch.c.period == period).order_by(t.batch.c.first_at))]
        rejected = conn.execute(select(func.count()).select_from(t.rejection).where(
            t.rejection.c.site == site, t.rejection.c.batch_id.in_(batches))).scalar()
    return {"site": site, "period": period, "counts": counts,
            "records": sum(counts.values()), "rejected": rejected,
            "person_times": person_times, "persons": persons,
            "learner_hours": round(float(hours or 0), 2), "volunteer_hours": round(float(service or 0), 2),
            "batches": [batch_state(engine, b) for b in batches]}
