"""Fault injection between site and county: whatever breaks, the county ends up holding exactly
the site's records, none lost and none twice."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from sqlalchemy import func, select

from ccschool.county import schema as t
from ccschool.county import stats
from ccschool.models import OutboxEntry
from ccschool.sync import batching
from ccschool.sync.setup import configure
from ccschool.sync.status import status
from ccschool.sync.transport import ReferenceTransport
from ccschool.sync.uploader import push
from tests.conftest import ROOT
from tests.sync.conftest import county_versions, site_versions
from tests.sync.faultproxy import FaultProxy
from tests.sync.factory import PERIOD, bulk_attendance, small_month


def _corrupt_one(db, record_id: str) -> None:
    with db.transaction(actor="test") as s:
        entry = s.scalars(select(OutboxEntry).where(OutboxEntry.record_id == record_id)).one()
        payload = json.loads(entry.payload)
        payload["session_date"] = "2024-02-31"
        entry.payload = json.dumps(payload)
        s.add(entry)


def _push_until_done(db, url, *, timeout=1.5, rounds=40) -> list:
    results = []
    for _ in range(rounds):
        transport = ReferenceTransport(url, _token(db), timeout=timeout)
        try:
            r = push(db, transport)
        finally:
            transport.close()
        results.append(r)
        if r.remaining_batches == 0:
            return results
    raise AssertionError(f"still unsent after {rounds} rounds: {results[-1]}")


def _token(db) -> str:
    from ccschool.services.site import get_site
    with db.read() as s:
        return get_site(s).upload_token


def test_resets_drops_500s_timeouts_and_duplicates_end_exactly_once(site, county):
    ids = small_month(site)
    att = bulk_attendance(site, 1200, ids)
    _corrupt_one(site, att[777])  # one malformed record among thousands
    with site.transaction(actor="admin") as s:
        [batch] = batching.close_month(s, period=PERIOD, max_records=150)
    proxy = FaultProxy(county.port)
    proxy.queue(None, "reset", "drop", None, "500", "duplicate", "delay:2.5", "reset", None,
                "drop", "drop", "500", "duplicate", "reset")
    rounds = _push_until_done(site, proxy.url)
    assert len(rounds) > 5 and any(r.error for r in rounds)
    assert "drop" in proxy.applied and "delay:2.5" in proxy.applied
    time.sleep(3)  # let the delayed request land at the county too: it must change nothing
    assert county_versions(county.engine) == site_versions(site)
    with county.engine.connect() as conn:
        stored = conn.execute(select(func.count()).select_from(t.record_version)).scalar()
    assert stored == batch.record_count - 1
    with site.read() as s:
        st = status(s)
    [fix] = st.needs_fixing
    assert fix.record_id == att[777] and "session_date" in fix.reason
    assert st.batches[0].state == "done"
    assert stats.gaps(county.engine, "TEST01")[0] == []
    assert stats.batch_state(county.engine, batch.id)["state"] == "complete"


def _acked(data_dir) -> int:
    with sqlite3.connect(data_dir / "ccschool.db") as conn:
        return conn.execute("SELECT count(*) FROM upload_chunk WHERE acked_at IS NOT NULL").fetchone()[0]


@pytest.mark.slow
def test_client_killed_between_chunks_resumes_where_it_stopped(site, county, data_dir):
    ids = small_month(site)
    bulk_attendance(site, 300, ids)
    with site.transaction(actor="admin") as s:
        [batch] = batching.close_month(s, period=PERIOD, max_records=100)
    with site.read() as s:
        chunks = len(batching.whole_batch(s, batch)["records"]) // 100 + 1
    proxy = FaultProxy(county.port)
    proxy.queue(*["delay:0.2"] * 200)  # slow link, so the kill lands mid-upload
    with site.transaction(actor="admin") as s:
        configure(s, url=proxy.url)
    cmd = [sys.executable, "-m", "ccschool", "sync", "push", "--data-dir", str(data_dir)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for target in (2, 5):
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while _acked(data_dir) < target and time.monotonic() < deadline:
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert _acked(data_dir) < chunks
    final = subprocess.run(cmd + ["--json"], cwd=ROOT, env=env, capture_output=True, text=True,
                           timeout=120)
    assert final.returncode == 0, final.stderr
    assert json.loads(final.stdout)["remaining_batches"] == 0
    assert county_versions(county.engine) == site_versions(site)
    assert stats.gaps(county.engine, "TEST01")[0] == []
