"""Several laptops of one site as separate data folders driven by real `ccschool` processes,
and a real county receiver on 127.0.0.1."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, time
from pathlib import Path

import pytest

from ccschool.services import cards
from ccschool.county import admin
from ccschool.county.server import ServerThread
from ccschool.county.store import open_store
from ccschool.db import open_database
from ccschool import clock
from ccschool.sync.setup import configure

ROOT = Path(__file__).resolve().parents[2]
ADMIN_PASSWORD = "devices-2468"
# Commands that need an admin (devices add/retire, backup --out, restore) read these.
ADMIN_ENV = {"CCSCHOOL_STAFF": "admin", "CCSCHOOL_PASSWORD": ADMIN_PASSWORD,
             "CCSCHOOL_BACKUP_PASSWORD": "backup-pass-2468"}


class Laptop:
    """One device: its data folder, the CLI as a process, and its database for set-up."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def run(self, *args, timeout: float = 120) -> subprocess.CompletedProcess:
        cmd = [sys.executable, "-m", "ccschool", *map(str, args), "--data-dir", str(self.path)]
        return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout,
                              env={**os.environ, "PYTHONPATH": str(ROOT), **ADMIN_ENV})

    def cli(self, *args, timeout: float = 120) -> dict:
        """Run with --json; the command must succeed."""
        r = self.run(*args, "--json", timeout=timeout)
        assert r.returncode == 0, (args, r.stdout, r.stderr)
        return json.loads(r.stdout.strip().splitlines()[-1])

    def refused(self, *args) -> str:
        """Run; the command must fail with one line for the user and no traceback."""
        r = self.run(*args)
        assert r.returncode != 0, (args, r.stdout)
        assert "Traceback" not in r.stderr, r.stderr
        return r.stderr.strip()

    def db(self):
        return open_database(self.path)

    def digest(self) -> dict:
        from ccschool.sync.devicesync import digest

        with opened(self) as db, db.read() as s:
            return digest(s)

    def bundle_to(self, other: "Laptop", tmp: Path, *, cli: bool = False) -> dict:
        """USB: this laptop writes a bundle, the other reads it (in-process unless cli)."""
        from ccschool.sync.devicesync import apply_bundle, write_bundle

        path = tmp / f"{self.path.name}-{other.path.name}-{os.urandom(4).hex()}.ccssync"
        if cli:
            self.cli("devices", "bundle", "--out", path)
            return other.cli("devices", "apply", path)
        with opened(self) as db:
            write_bundle(db, path)
        with opened(other) as db:
            return apply_bundle(db, path)

    def push_and_pull(self, period: str) -> dict:
        """Close the month, upload, then fetch the site's records (real HTTP, in-process)."""
        from ccschool.errors import Conflict
        from ccschool.sync import batching
        from ccschool.sync.pull import pull
        from ccschool.sync.uploader import push, transport_for_site

        with opened(self) as db:
            try:
                with db.transaction(actor="admin") as s:
                    batching.close_month(s, period=period)
            except Conflict:
                pass  # closed before: what changed since goes as corrections
            transport = transport_for_site(db)
            try:
                pushed = push(db, transport)
                assert pushed.remaining_batches == 0, pushed.error
                return pull(db, transport)
            finally:
                transport.close()

    def payload(self, card_no: str) -> str:
        with _opened(self) as db, db.read() as s:
            from ccschool.services.site import get_site
            site = get_site(s)
            return cards.card_payload(site.secret, site.code, card_no)


class _opened:
    def __init__(self, laptop: Laptop) -> None:
        self.laptop = laptop

    def __enter__(self):
        self.db = self.laptop.db()
        return self.db

    def __exit__(self, *exc):
        self.db.close()


def opened(laptop: Laptop) -> _opened:
    return _opened(laptop)


@pytest.fixture
def county(tmp_path):
    engine = open_store(str(tmp_path / "county.db"))
    token = admin.add_site(engine, "TEST01", "测试镇社区学校")
    with ServerThread(engine) as server:
        server.engine, server.token = engine, token
        yield server
    engine.dispose()


@pytest.fixture
def laptops(tmp_path, county):
    """Device 1 (initialised, set up for the county), then devices 2 and 3 joined from it."""
    a, b, c = (Laptop(tmp_path / name) for name in ("a", "b", "c"))
    from ccschool.services import site, staff

    with opened(a) as db, db.transaction(actor="admin") as s:
        site.init_site(s, code="TEST01", name="测试镇社区学校")
        staff.create_user(s, name="admin", password=ADMIN_PASSWORD, role="admin")
    made = a.cli("devices", "add", "--out", tmp_path / "b.ccsjoin")  # as a user does it …
    b.cli("join", made["file"], "--code", made["code"])
    join_in_process(a, c, tmp_path)  # … and through the same services, faster
    for x in (a, b, c):
        with opened(x) as db, db.transaction(actor="admin") as s:
            configure(s, url=county.url, token=county.token)
    return a, b, c


def join_in_process(src: Laptop, new: Laptop, tmp_path: Path) -> int:
    from ccschool.services.devices import add_device, join

    with opened(src) as db, db.transaction(actor="admin") as s:
        made = add_device(s, out=tmp_path / f"{new.path.name}.ccsjoin")
    with opened(new) as db, db.transaction(actor="admin") as s:
        join(s, data=Path(made["file"]).read_bytes(), code=made["code"])
    return made["device"]


def open_device_wizard(qtbot, folder: Path):
    """The first-run wizard of a new laptop in folder, on its 加入本站点的另一台电脑 page;
    returns (wizard, its database), which the caller closes."""
    from ccschool.ui.ops.background import SyncRunner
    from ccschool.ui.shell.first_run import FirstRunWizard

    db = Laptop(folder).db()
    w = FirstRunWizard(db, SyncRunner())
    qtbot.addWidget(w)
    w.show()
    w.choice.device.setChecked(True)
    w.next()
    assert w.currentId() == w.DEVICE
    return w, db


def today_session(laptop: Laptop, *, capacity: int | None = None) -> dict:
    """A class with a session running today, made on this laptop."""
    from ccschool.services import classes, sessions

    with opened(laptop) as db, db.transaction(actor="admin") as s:
        klass = classes.add_class(s, name="书法", theme="人文艺术", capacity=capacity)
        day = datetime.now(clock.CHINA).date()
        cs = sessions.add_session(s, class_id=klass.id, day=day, start=time(0, 0),
                                  end=time(23, 59), hours=1.5)
        return {"class_id": klass.id, "session_id": cs.id, "day": day}


def register(laptop: Laptop, name: str, phone: str) -> dict:
    from ccschool.services import learners

    with opened(laptop) as db, db.transaction(actor="admin") as s:
        learner = learners.create_learner(s, name=name, phone=phone, consent_upload=True)
        return {"id": learner.id, "card_no": learner.card_no}


def enroll(laptop: Laptop, class_id: str, learner_id: str, *, waitlist: bool = False) -> None:
    from ccschool.services import enrollment

    with opened(laptop) as db, db.transaction(actor="admin") as s:
        enrollment.enroll(s, class_id=class_id, learner_id=learner_id, waitlist=waitlist)


def scan(laptop: Laptop, session: dict, card_no: str, minute: int) -> str:
    from ccschool.services.attendance.checkin import check_in

    now = datetime.combine(session["day"], time(9, minute), clock.CHINA)
    payload = laptop.payload(card_no)
    with opened(laptop) as db, db.transaction(actor="desk") as s:
        return check_in(s, session_id=session["session_id"], payload=payload, now=now).outcome


@pytest.fixture
def first(tmp_path):
    """Device 1 of site TEST01, with an admin account."""
    from ccschool.services import site, staff

    a = Laptop(tmp_path / "a")
    with opened(a) as db, db.transaction(actor="admin") as s:
        site.init_site(s, code="TEST01", name="测试镇社区学校")
        staff.create_user(s, name="admin", password=ADMIN_PASSWORD, role="admin")
    return a
