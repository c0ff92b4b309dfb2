"""200 phones signing in at once over loopback while the desk keeps scanning.

Every phone gets an answer, every learner has exactly one row, the desk hears each sign-in
once, and the desk's own scans during the storm are all committed. (How fast: bench/bench_lan.py.)
"""
from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import select

from ccschool.lan.server import LanServer
from ccschool.models import Attendance
from ccschool.services.attendance.checkin import check_in
from tests.checkin.conftest import build_scene, started_minutes_ago
from tests.lan.conftest import Clock, Phone, field

PHONES = 200
DESK_SCANS = 5


@pytest.fixture
def crowd(db):
    names = [f"学员{i:03d}" for i in range(PHONES + DESK_SCANS)]
    return build_scene(db, start=started_minutes_ago(2), capacity=None, names=names)


def phone_sign_in(base: str, url: str, card: str, barrier: threading.Barrier) -> tuple[int, str]:
    phone = Phone(base)
    ticket = field(phone.get(url)[1], "t")
    page = phone.post("/s/find", {"t": ticket, "card": card})[1]
    form = {"t": ticket, "l": field(page, "l"), "m": field(page, "m")}
    barrier.wait(timeout=120)  # every phone presses 是我，签到 at the same moment
    status, page, _ = phone.post("/s/confirm", form)
    return status, page


def test_200_concurrent_phone_sign_ins_none_lost_none_twice(db, crowd):
    heard = Counter()
    lock = threading.Lock()

    def on_signed_in(result):
        with lock:
            heard[result.learner_id] += 1

    names = list(crowd.learners)
    cards_ = [f"T{i + 1:06d}" for i in range(PHONES)]
    barrier = threading.Barrier(PHONES + 1)
    with LanServer(db, crowd.session_id, host="127.0.0.1", port=0, clock=Clock(),
                   on_signed_in=on_signed_in) as server, \
            ThreadPoolExecutor(PHONES) as pool:
        url = server.current().url
        futures = [pool.submit(phone_sign_in, server.base_url, url, card, barrier)
                   for card in cards_]
        barrier.wait(timeout=120)
        desk = []
        # The desk keeps scanning while the phones storm in.
        for name in names[PHONES:PHONES + DESK_SCANS]:
            with db.transaction(actor="王老师") as s:
                desk.append(check_in(s, session_id=crowd.session_id,
                                     payload=crowd.payloads[name]).outcome)
        answers = [f.result(timeout=120) for f in futures]
    assert desk == ["ok"] * DESK_SCANS
    assert [status for status, _ in answers] == [200] * PHONES
    assert all("签到成功" in page for _, page in answers)
    with db.read() as s:
        rows = s.execute(select(Attendance.learner_id, Attendance.method)
                         .where(Attendance.deleted_at.is_(None))).all()
    per_learner = Counter(lid for lid, _ in rows)
    assert len(per_learner) == PHONES + DESK_SCANS and max(per_learner.values()) == 1
    assert Counter(m for _, m in rows) == {"phone": PHONES, "scan": DESK_SCANS}
    assert len(heard) == PHONES and max(heard.values()) == 1
