"""Reconciliation: the county's gap report finds records it lost; they are sent again."""
from __future__ import annotations

import json

from sqlalchemy import delete, select, update

from ccschool.county import schema as t
from ccschool.models import UploadChunk
from ccschool.sync import batching
from tests.sync.conftest import county_versions, site_versions
from tests.sync.factory import PERIOD, small_month


def _lose_last_chunk(engine, batch_id):
    """A county restored from an old backup: the newest records and the last chunk are gone."""
    with engine.begin() as conn:
        n = conn.execute(select(t.chunk.c.n).where(t.chunk.c.batch_id == batch_id)
                         .order_by(t.chunk.c.n.desc())).scalars().first()
        rows = conn.execute(select(t.record_version.c.record_id, t.record_version.c.seq)).all()
        lost = sorted(rows, key=lambda r: r.seq)[-3:]
        ids, seqs = [r.record_id for r in lost], [r.seq for r in lost]
        conn.execute(delete(t.record_version).where(t.record_version.c.record_id.in_(ids)))
        conn.execute(delete(t.record_current).where(t.record_current.c.record_id.in_(ids)))
        _forget_seqs(conn, seqs)
        conn.execute(delete(t.chunk).where(t.chunk.c.batch_id == batch_id, t.chunk.c.n == n))
        conn.execute(update(t.batch).values(complete_at=None))
    return seqs


def _forget_seqs(conn, seqs):
    """Take these numbers out of the runs of seen ones (schema.seq_range)."""
    sr = t.seq_range
    runs = conn.execute(select(sr.c.site, sr.c.device, sr.c.seq_from, sr.c.seq_to,
                               sr.c.status)).all()
    conn.execute(delete(sr))
    kept = [{"site": r.site, "device": r.device, "seq_from": s, "seq_to": s, "status": r.status}
            for r in runs for s in range(r.seq_from, r.seq_to + 1) if s not in seqs]
    if kept:
        conn.execute(sr.insert(), kept)


def test_lost_records_are_found_and_sent_again(site, county, run_cli):
    small_month(site)
    with site.transaction(actor="admin") as s:
        [batch] = batching.close_month(s, period=PERIOD, max_records=3)
    assert run_cli("sync", "push").returncode == 0
    r = run_cli("sync", "reconcile", "--month", PERIOD, "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["matches"], r.stdout
    lost = _lose_last_chunk(county.engine, batch.id)
    r = run_cli("sync", "reconcile", "--month", PERIOD, "--requeue", "--json")
    out = json.loads(r.stdout)
    assert r.returncode == 1 and out["lost"] == lost and out["requeued_chunks"] >= 1
    with site.read() as s:
        assert s.scalar(select(UploadChunk.n).where(UploadChunk.acked_at.is_(None))) is not None
    assert run_cli("sync", "push").returncode == 0
    assert county_versions(county.engine) == site_versions(site)
    assert json.loads(run_cli("sync", "reconcile", "--month", PERIOD, "--json").stdout)["matches"]
