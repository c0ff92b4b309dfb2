"""A demo county behind a real server on 127.0.0.1, and logging in to it over HTTP."""
from __future__ import annotations

import re
from datetime import date

import httpx

from ccschool.county import demo
from ccschool.county.server import ServerThread
from ccschool.county.web.accounts import add_staff

ADMIN_PW, VIEWER_PW = "admin-password-1", "viewer-pass-1"
# Clients login() opened, closed after each test (tests/county/conftest.py): left to the garbage
# collector, their sockets raise ResourceWarning in whichever test happens to run then.
OPEN_CLIENTS: list[httpx.Client] = []
END = date(2024, 5, 31)


def build_platform(engine):
    built = demo.build(engine, townships=2, villages=1, months=2, learners=12, seed=7, end=END)
    add_staff(engine, "admin", ADMIN_PW, "admin")
    add_staff(engine, "viewer", VIEWER_PW, "viewer")
    server = ServerThread(engine)
    server.engine, server.built = engine, built
    return server


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html)[1]


def new_client(url: str) -> httpx.Client:
    """A client not logged in, closed after the test like login()'s."""
    client = httpx.Client(base_url=url, timeout=30)
    OPEN_CLIENTS.append(client)
    return client


def login(url: str, name: str = "admin", password: str = ADMIN_PW) -> httpx.Client:
    client = new_client(url)
    page = client.get("/login")
    r = client.post("/login", data={"csrf": csrf_of(page.text), "name": name,
                                    "password": password, "next": "/"})
    assert r.status_code == 303, r.text
    return client


def expected(records: dict, start: str, end: str) -> dict:
    """The figures straight from what the sites uploaded."""
    hours_of, held = {}, 0
    for recs in records.values():
        for _p, (kind, rid, data) in recs:
            if kind == "class_session":
                hours_of[rid] = data["hours"]
                held += data["state"] == "held" and start <= data["date"] <= end
    out = {"sessions": held, "person_times": 0, "hours": 0.0, "persons": 0,
           "volunteer_hours": 0.0}
    for recs in records.values():
        learners = set()
        for _p, (kind, _rid, data) in recs:
            if kind == "attendance" and start <= data["session_date"] <= end \
                    and data["status"] in ("present", "late"):
                out["person_times"] += 1
                out["hours"] += hours_of[data["session_id"]]
                learners.add(data["learner_id"])
            if kind == "service_record" and start <= data["date"] <= end:
                out["volunteer_hours"] += data["hours"]
        out["persons"] += len(learners)
    return out
