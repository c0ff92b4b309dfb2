"""Bundles applied in any order, any number of times, end in the same state on every device.
One shuffled order in the suite; CCSCHOOL_SYNC_ORDERS=N tries N orders."""
from __future__ import annotations

import os
import random

import pytest
from sqlalchemy import func, select

from ccschool.models import Attendance

from tests.devices.conftest import enroll, opened, register, scan, today_session

ORDERS = range(int(os.environ.get("CCSCHOOL_SYNC_ORDERS", "1")))


@pytest.mark.parametrize("seed", ORDERS)
def test_any_order_of_bundles_converges(laptops, tmp_path, seed):
    a, b, c = devices = laptops
    k = today_session(a, capacity=4)
    people = [register(a, f"学员{i}", f"1370000000{i}") for i in range(4)]
    for p in people:
        enroll(a, k["class_id"], p["id"])
    a.bundle_to(b, tmp_path)
    a.bundle_to(c, tmp_path)
    for minute, laptop in enumerate(devices):  # everyone signs the same two learners in
        for p in people[:2]:
            scan(laptop, k, p["card_no"], 10 - minute)
        register(laptop, f"本机{minute}", f"1360000000{minute}")
    rng = random.Random(seed)
    for _ in range(6):  # a random stretch of syncs, repeats and replays included
        src, dst = rng.sample(devices, 2)
        src.bundle_to(dst, tmp_path)
    for src, dst in ((a, b), (b, c), (c, a), (a, b)):  # then everyone hears everyone
        src.bundle_to(dst, tmp_path)
    assert a.digest() == b.digest() == c.digest()
    with opened(b) as db, db.read() as s:
        live = s.execute(select(Attendance.learner_id, func.min(Attendance.at)).where(
            Attendance.deleted_at.is_(None)).group_by(Attendance.learner_id)).all()
        counts = s.execute(select(func.count()).select_from(Attendance).where(
            Attendance.deleted_at.is_(None))).scalar()
    assert counts == 2 and len(live) == 2
    assert all(at.astimezone().minute == 8 for _l, at in live)  # c scanned first (10 - 2)
