"""Kill -9 the other party of a sync mid-way — the county receiver while a laptop uploads, the
LAN server while it applies what a laptop sends — then sync again: both sides end equal, no
record is counted twice and no sequence number is missing.

Real processes with their own data folders; every kill waits for a condition seen in the
victim's database (records committed there), never for a time."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import httpx
import pytest

from ccschool.county import admin
from ccschool.county.server import free_port
from ccschool.county.store import open_store
from ccschool.sync.merge import MODELS
from ccschool.sync.setup import configure

from tests.devices.conftest import ADMIN_ENV, ADMIN_PASSWORD, ROOT, Laptop, join_in_process, \
    opened

ENV = {**os.environ, "PYTHONPATH": str(ROOT), **ADMIN_ENV}
WAIT = 120  # seconds: only a bound for a hung process, never a pace


def _until(condition, what: str, proc=None):
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, f"waited {WAIT} s for {what}"
        assert proc is None or proc.poll() is None, f"{what}: the process ended first"
        time.sleep(0.01)


def _step_until(server: subprocess.Popen, condition, what: str, proc) -> None:
    """Let `server` run in short slices (SIGCONT … SIGSTOP) until `condition` holds while it is
    stopped: it is then frozen just past the commit that made it true, however loaded the
    machine is (a watcher merely polling could see the whole apply end first)."""
    deadline = time.monotonic() + WAIT
    while True:
        os.kill(server.pid, signal.SIGSTOP)
        if condition():
            return
        assert time.monotonic() < deadline, f"waited {WAIT} s for {what}"
        assert proc.poll() is None, f"{what}: the process ended first"
        os.kill(server.pid, signal.SIGCONT)
        time.sleep(0.005)  # the slice; its length changes how many steps, not the outcome


def _size(path) -> int:
    return path.stat().st_size if path.exists() else 0


def _count(path, sql: str) -> int:
    """A count read beside the writer (WAL lets a reader in); 0 while the file is not there."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute(sql).fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def _held(laptop: Laptop) -> int:
    """Records of every synced kind in a laptop's database."""
    return sum(_count(laptop.path / "ccschool.db", f"SELECT count(*) FROM {m.__tablename__}")
               for m in MODELS.values())


def _cli(laptop: Laptop, *args) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "ccschool", *map(str, args), "--json", "--data-dir",
           str(laptop.path)]
    return subprocess.Popen(cmd, cwd=ROOT, env=ENV, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _site_with_data(tmp_path, learners: int) -> Laptop:
    from ccschool.services import site, staff
    from ccschool.services.demo import build_demo

    a = Laptop(tmp_path / "a")
    with opened(a) as db, db.transaction(actor="admin") as s:
        site.init_site(s, code="TEST01", name="测试镇社区学校")
        staff.create_user(s, name="admin", password=ADMIN_PASSWORD, role="admin")
    with opened(a) as db, db.transaction(actor="demo") as s:
        build_demo(s, learners=learners, months=1, seed=11)
    return a


class County:
    """`ccschool-county serve` as a real process on a fixed port (so a restart is the same
    address) over one SQLite file."""

    def __init__(self, db) -> None:
        self.db, self.port = db, free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.start()

    def start(self) -> None:
        cmd = [sys.executable, "-m", "ccschool.county.cli", "serve", "--db", str(self.db),
               "--port", str(self.port)]
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        _until(self._healthy, "the county receiver to answer", self.proc)

    def _healthy(self) -> bool:
        try:
            return httpx.get(self.url + "/api/v1/health", timeout=5).status_code == 200
        except httpx.HTTPError:
            return False

    def kill(self) -> None:
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(30)

    def get(self, path: str, token: str) -> dict:
        r = httpx.get(self.url + path, headers={"Authorization": f"Bearer {token}"}, timeout=60)
        assert r.status_code == 200, r.text
        return r.json()


@pytest.fixture
def county_process(tmp_path):
    path = tmp_path / "county.db"
    engine = open_store(str(path))
    token = admin.add_site(engine, "TEST01", "测试镇社区学校")
    engine.dispose()
    county = County(path)
    county.token = token
    yield county
    if county.proc.poll() is None:
        county.kill()


def _close_all_months(laptop: Laptop) -> int:
    """Seal every month with changes; returns how many records now wait to go."""
    from sqlalchemy import func, select

    from ccschool.models import OutboxEntry
    from ccschool.sync import batching

    with opened(laptop) as db:
        with db.read() as s:
            last = s.scalar(select(func.max(OutboxEntry.period)))
            waiting = s.scalar(select(func.count()).select_from(OutboxEntry))
        with db.transaction(actor="admin") as s:
            batching.close_month(s, period=last)
    return waiting


def test_county_killed_mid_upload_then_pushed_again_agrees(tmp_path, county_process):
    county = county_process
    a = _site_with_data(tmp_path, learners=1500)
    with opened(a) as db, db.transaction(actor="admin") as s:
        configure(s, url=county.url, token=county.token)
    total = _close_all_months(a)
    assert total > 4000  # several chunks of 1,000: there is a middle to kill in

    stored = county.db
    push = _cli(a, "sync", "push")
    _until(lambda: _count(stored, "SELECT count(*) FROM record_version") > 0,
           "the first chunk stored at the county", push)
    os.kill(push.pid, signal.SIGSTOP)  # hold the uploader between two requests …
    try:
        assert _count(stored, "SELECT count(*) FROM record_version") < total  # … mid-way
        county.kill()
    finally:
        os.kill(push.pid, signal.SIGCONT)
    out, err = push.communicate(timeout=WAIT)
    assert push.returncode == 1 and "Traceback" not in err, (out, err)
    assert json.loads(out.strip().splitlines()[-1])["remaining_batches"] > 0

    county.start()  # the same file and address: what it committed before the kill is there
    again = _cli(a, "sync", "push")
    out, err = again.communicate(timeout=WAIT)
    assert again.returncode == 0, (out, err)

    token = county.token
    gaps = county.get("/api/v1/sites/TEST01/gaps", token)
    assert gaps["devices"]["1"]["gaps"] == [] and gaps["devices"]["1"]["max_seq"] >= total
    assert _count(stored, "SELECT count(*) FROM record_version") == total  # each stored once
    from ccschool.sync.devicesync import version_digest

    with opened(a) as db, db.read() as s:
        mine = version_digest(s)
    assert county.get("/api/v1/sites/TEST01/versions", token)["kinds"] == mine
    _person_times_agree(a, county, token)


def _person_times_agree(a: Laptop, county: County, token: str) -> None:
    db_path = a.path / "ccschool.db"
    months = [m for (m,) in sqlite3.connect(db_path).execute(
        "SELECT DISTINCT substr(session_date, 1, 7) FROM attendance")]
    for month in months:
        here = _count(db_path, "SELECT count(*) FROM attendance WHERE deleted_at IS NULL AND "
                               f"status IN ('present', 'late') AND session_date LIKE '{month}%'")
        figures = county.get(f"/api/v1/sites/TEST01/months/{month}", token)
        assert figures["person_times"] == here, month


def test_lan_server_killed_mid_apply_then_synced_again_agrees(tmp_path):
    a = _site_with_data(tmp_path, learners=2000)
    b, partial = _killed_mid_apply(a, tmp_path)

    serve = _serve(b)
    try:
        address = json.loads(serve.stdout.readline())["listening"]
        second = _cli(a, "devices", "sync", address)
        out, err = second.communicate(timeout=WAIT)
        assert second.returncode == 0, (out, err)
        done = json.loads(out.strip().splitlines()[-1])
        # What the restart applied is exactly what the kill left out: nothing twice, no gap.
        assert done["sent"] == _held(b) - partial and done["merged"] == []
        assert a.digest() == b.digest()
        third = _cli(a, "devices", "sync", address)
        out, err = third.communicate(timeout=WAIT)
        assert json.loads(out.strip().splitlines()[-1])["sent"] == 0, (out, err)
    finally:
        serve.kill()
        serve.wait(30)
        serve.stdout.close()


def _killed_mid_apply(a: Laptop, tmp_path, rounds: int = 3) -> tuple[Laptop, int]:
    """A new laptop serving, `a` syncing to it, the server killed inside its apply (run in
    short slices, frozen once its apply is writing or has committed records): (that laptop,
    records it holds). Should a slice ever finish the whole apply, a fresh laptop tries again."""
    for n in range(rounds):
        b = Laptop(tmp_path / f"b{n}")
        join_in_process(a, b, tmp_path)
        before = _held(b)
        serve = _serve(b)
        address = json.loads(serve.stdout.readline())["listening"]
        wal, wal_before = b.path / "ccschool.db-wal", _size(b.path / "ccschool.db-wal")
        sync = _cli(a, "devices", "sync", address)
        # Inside the apply: its first records committed, or its first transaction writing
        # (a quick machine applies 2,000 learners in one transaction).
        _step_until(serve, lambda: _size(wal) > wal_before + 256 * 1024 or _count(
            b.path / "ccschool.db", "SELECT count(*) FROM person") > 0,
            "the apply under way on the serving laptop", sync)
        os.kill(serve.pid, signal.SIGKILL)  # still stopped where the first commit left it
        serve.wait(30)
        serve.stdout.close()
        out, err = sync.communicate(timeout=WAIT)
        partial = _held(b)
        assert before <= partial  # a kill inside the first transaction leaves nothing of it
        if partial < _held(a):  # killed mid-apply: the sync failed with a message
            assert sync.returncode != 0 and "Traceback" not in err, (out, err)
            return b, partial
    pytest.fail(f"the apply ended before the kill in all {rounds} rounds")


def _serve(laptop: Laptop) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "ccschool", "devices", "serve", "--host", "127.0.0.1",
           "--port", "0", "--json", "--data-dir", str(laptop.path)]
    return subprocess.Popen(cmd, cwd=ROOT, env=ENV, stdout=subprocess.PIPE, text=True)
