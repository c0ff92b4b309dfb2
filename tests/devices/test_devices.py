"""Three laptops of one site and the county: register, scan, sync by USB bundle, LAN and the
county in several orders; afterwards everything agrees and nothing is counted twice."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import httpx
from sqlalchemy import select

from ccschool.models import Attendance, AuditEntry, Enrollment, LearningCard

from tests.devices.conftest import ROOT, enroll, opened, register, scan, today_session


class Serving:
    """`ccschool devices serve` as a real process on a free port of 127.0.0.1."""

    def __init__(self, laptop) -> None:
        cmd = [sys.executable, "-m", "ccschool", "devices", "serve", "--host", "127.0.0.1",
               "--port", "0", "--json", "--data-dir", str(laptop.path)]
        self.proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, text=True,
                                     env={**os.environ, "PYTHONPATH": str(ROOT)})
        line = self.proc.stdout.readline()  # printed once the socket listens
        assert "listening" in line, line
        self.address = json.loads(line)["listening"]

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.proc.kill()
        self.proc.wait(10)
        self.proc.stdout.close()


def _work_offline(a, b, c, tmp_path):
    """Set-up on device 1, copied to the others; then each works alone."""
    k = today_session(a, capacity=2)
    l1, l2, l3 = (register(a, name, f"1380000000{i}")
                  for i, name in enumerate(("王芳", "李强", "赵敏")))
    enroll(a, k["class_id"], l1["id"])
    first = a.bundle_to(b, tmp_path, cli=True)  # the USB path as a user runs it
    assert first["applied"] > 0 and first["merged"] == []
    a.bundle_to(c, tmp_path)
    # The same learner scanned at two desks, the last seat sold twice, new learners everywhere.
    assert scan(a, k, l1["card_no"], 1) in ("ok", "late")
    assert scan(b, k, l1["card_no"], 5) in ("ok", "late")
    enroll(b, k["class_id"], l2["id"])
    enroll(c, k["class_id"], l3["id"])
    cards = [register(x, f"新学员{i}", f"1390000000{i}")["card_no"]
             for i, x in enumerate((a, b, c, b, c))]
    return k, l1, cards


def test_three_devices_agree_after_usb_lan_and_county(laptops, county, tmp_path):
    a, b, c = laptops
    assert [d["number"] for d in a.cli("devices", "list")["devices"]] == [1, 2, 3]
    k, l1, cards = _work_offline(a, b, c, tmp_path)
    assert cards[0] == "ST01000004" and cards[1] == "ST01-2-00001" and cards[2] == "ST01-3-00001"

    with Serving(b) as served:  # LAN: b offers, c connects
        lan = c.cli("devices", "sync", served.address)
    assert lan["peer"] == 2 and lan["received"] > 0 and lan["sent"] > 0
    assert {m["kind"] for m in lan["merged"]} == {"enrollment"}  # the last seat, sold twice
    merged = c.bundle_to(a, tmp_path)["merged"]  # USB: c to a
    assert {m["kind"] for m in merged} == {"attendance"}  # the seat was settled on c already
    for src, dst in ((a, b), (b, a), (a, c)):  # decisions merging made travel on too
        src.bundle_to(dst, tmp_path)
    assert a.digest() == b.digest() == c.digest()

    with opened(a) as db, db.read() as s:
        live = s.scalars(select(Attendance).where(Attendance.deleted_at.is_(None))).all()
        assert [(x.learner_id, x.session_id) for x in live] == [(l1["id"], k["session_id"])]
        assert live[0].at.astimezone().minute == 1  # the earliest sign-in is the one kept
        enrolled = s.scalars(select(Enrollment).where(
            Enrollment.class_id == k["class_id"], Enrollment.deleted_at.is_(None))).all()
        assert sorted(e.state for e in enrolled) == ["enrolled", "enrolled", "waitlisted"]
        numbers = s.scalars(select(LearningCard.card_no)).all()
        assert len(numbers) == len(set(numbers)) == 8
        assert s.scalars(select(AuditEntry).where(AuditEntry.action == "sync.merge")).first()

    # Each laptop uploads its own records, then fetches what the others sent.
    period = k["day"].strftime("%Y-%m")
    for x in (a, b, c):
        x.push_and_pull(period)
    assert a.digest() == b.digest() == c.digest()
    auth = {"Authorization": f"Bearer {county.token}"}
    held = httpx.get(f"{county.url}/api/v1/sites/TEST01/versions", headers=auth).json()["kinds"]
    assert held == a.cli("devices", "digest", "--versions")
    month = httpx.get(f"{county.url}/api/v1/sites/TEST01/months/{period}", headers=auth).json()
    assert month["person_times"] == 1  # one learner in one session, whichever desk scanned
    assert set(month["devices"]) == {"1", "2", "3"}
    assert all(d["gaps"] == [] for d in month["devices"].values())
    assert b.cli("sync", "reconcile", "--month", period)["content_differs"] == []


def test_county_carries_records_between_devices_and_counts_twins_once(laptops, county, tmp_path):
    """No LAN, no stick: both desks upload before ever syncing with each other; the county
    still counts the person-time once, and pulling brings each the other's records."""
    a, b, _c = laptops
    k = today_session(a)
    l1 = register(a, "王芳", "13800000001")
    enroll(a, k["class_id"], l1["id"])
    a.bundle_to(b, tmp_path)
    scan(a, k, l1["card_no"], 1)
    scan(b, k, l1["card_no"], 7)
    period = k["day"].strftime("%Y-%m")
    a.push_and_pull(period)
    got = b.push_and_pull(period)
    assert got["applied"] >= 1 and {m["kind"] for m in got["merged"]} == {"attendance"}
    auth = {"Authorization": f"Bearer {county.token}"}
    month = httpx.get(f"{county.url}/api/v1/sites/TEST01/months/{period}", headers=auth).json()
    assert month["person_times"] == 1
    b.push_and_pull(period)  # b's merge decision goes up …
    a.push_and_pull(period)  # … and reaches a through the county
    assert a.digest()["attendance"] == b.digest()["attendance"]
