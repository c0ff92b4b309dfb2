"""Phone sign-in over real HTTP on 127.0.0.1: a session running now, a server, phone clients."""
from __future__ import annotations

import http.client
import re
import threading
from urllib.parse import urlencode, urlsplit

import pytest

from tests.checkin.conftest import build_scene, started_minutes_ago


class Clock:
    """The server's wall clock, moved on by hand so expiry tests never sleep."""

    def __init__(self) -> None:
        import time

        self.now = time.time() // 30 * 30 + 1  # one second into a token period

    def __call__(self) -> float:
        return self.now


class Phone:
    """One phone: its own cookies, plain HTTP requests like a browser without JavaScript."""

    def __init__(self, base: str) -> None:
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None, headers=None):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        try:
            head = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
                    **(headers or {})}
            body = None
            if form is not None:
                body = urlencode(form)
                head["Content-Type"] = "application/x-www-form-urlencoded"
            conn.request(method, path, body=body, headers=head)
            resp = conn.getresponse()
            text = resp.read().decode()
            for value in resp.headers.get_all("Set-Cookie") or []:
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";")[0]
            return resp.status, text, resp.headers
        finally:
            conn.close()

    def get(self, url: str):
        parts = urlsplit(url)
        return self.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""))

    def post(self, path: str, form: dict, headers=None):
        return self.request("POST", path, form, headers)


def field(page: str, name: str) -> str:
    m = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert m, f"no field {name} in page"
    return m[1]


def sign_in(phone: Phone, url: str, **form):
    """Open the form with the QR's URL, name yourself, confirm: the three steps of a learner."""
    status, page, _ = phone.get(url)
    assert status == 200, page
    ticket = field(page, "t")
    status, page, _ = phone.post("/s/find", {"t": ticket, **form})
    assert status == 200 and "id=masked" in page, page
    return phone.post("/s/confirm", {"t": ticket, "l": field(page, "l"), "m": field(page, "m")})


@pytest.fixture
def lan_scene(db):
    return build_scene(db, start=started_minutes_ago(2))


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def lan(db, lan_scene, clock):
    """A running server for the scene's session; `lan.signed` collects what the desk hears."""
    from ccschool.lan.server import LanServer

    heard = []
    event = threading.Event()

    def on_signed_in(result):
        heard.append(result)
        event.set()

    server = LanServer(db, lan_scene.session_id, host="127.0.0.1", port=0, actor="王老师",
                       on_signed_in=on_signed_in, clock=clock).start()
    server.heard, server.heard_event = heard, event
    yield server
    server.stop()
