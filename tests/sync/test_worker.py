"""The background worker: probes, backs off with jitter, drains when the county appears, stops."""
from __future__ import annotations

import random
import time

from ccschool.county.server import free_port
from ccschool.sync import batching
from ccschool.sync.transport import ReferenceTransport
from ccschool.sync.worker import SyncWorker, backoff_delay
from tests.sync.conftest import county_versions, site_versions
from tests.sync.factory import PERIOD, small_month


def test_backoff_grows_exponentially_with_jitter_and_a_cap():
    rng = random.Random(1)
    delays = [[backoff_delay(f, base=2, cap=60, rng=rng) for _ in range(200)] for f in range(1, 9)]
    assert all(1 <= d <= 60 for row in delays for d in row)
    assert max(delays[0]) <= 4 and max(delays[-1]) > 30
    assert len({round(d, 3) for d in delays[-1]}) > 100  # jitter: laptops do not retry in step


def _worker(db, url, token, **kw):
    return SyncWorker(db, lambda: ReferenceTransport(url, token, timeout=2), **kw)


def test_unreachable_county_is_reported_in_plain_words_and_retried_later(site, county):
    dead = f"http://127.0.0.1:{free_port()}"
    worker = _worker(site, dead, county.token, base=1, cap=30, rng=random.Random(3))
    first, second = worker.run_once(), worker.run_once()
    assert worker.status.last_error.startswith("无法连接县平台：网络不可用，将自动重试")
    assert 0.5 <= first <= 2 and second <= 4 and worker.failures == 2


def test_worker_drains_the_queue_and_stops_cleanly(site, county):
    small_month(site)
    with site.transaction(actor="admin") as s:
        batching.close_month(s, period=PERIOD, max_records=4)
    seen = []
    worker = _worker(site, county.url, county.token, interval=3600, on_status=seen.append)
    worker.start()
    deadline = time.monotonic() + 30
    while worker.status.last_success is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert worker.status.last_success and worker.status.remaining_batches == 0
    assert county_versions(county.engine) == site_versions(site)
    started = time.monotonic()
    assert worker.stop(timeout=5)  # mid-way through an hour's wait
    assert time.monotonic() - started < 1.0
    assert seen[-1].state == "stopped" and "sending" in {st.state for st in seen}


def _wait_for(cond, timeout=15.0):
    deadline = time.monotonic() + timeout
    while not cond():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_sync_now_skips_the_wait(site, county):
    worker = _worker(site, f"http://127.0.0.1:{free_port()}", county.token, base=600, cap=600)
    worker.start()
    _wait_for(lambda: worker.status.state == "waiting")
    assert worker.failures == 1 and worker.status.next_try_in >= 300
    worker.wake()
    _wait_for(lambda: worker.failures == 2)
    assert worker.stop(timeout=5)
