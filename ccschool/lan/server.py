"""Phone sign-in's web server for one session: open it, show its turns, stop it.

The desktop panel and `ccschool lan` both build a LanServer. It listens on one address only
while it is open. Request threads read the database freely (WAL: readers block nobody) but
hand every write to one writer thread, so a room of 200 phones queues as one more writer next
to the desk instead of 200 writers fighting over SQLite's lock (see Database.transaction).
"""
from __future__ import annotations

import secrets
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timezone

from ccschool.errors import CCSError, NotFound
from ccschool.i18n import L
from ccschool.lan import html
from ccschool.lan.desk import DeskPages
from ccschool.lan.learner import LearnerPages
from ccschool.lan.limits import PinGuard, RateLimit
from ccschool.lan.tokens import PERIOD, RotatingToken
from ccschool.lan.web import Request, Response, Server

DEFAULT_PORT = 8765
PHONE_LIMIT = (20, 60.0)  # requests per phone per minute that touch a learner
CARD_LIMIT = (6, 60.0)  # tries per card (or name + phone ending, or learner) per minute
# Per network address too: a phone can drop its cookie to look new, not its address. Generous,
# because a second access point in the hall puts its phones behind one address.
ADDRESS_LIMIT = (240, 60.0)

_LABEL_SQL = ("SELECT c.course_name, s.date, s.start_time, s.end_time FROM class_session s "
              "JOIN course_class c ON c.id = s.class_id WHERE s.id = ? AND s.deleted_at IS NULL")


@dataclass(frozen=True)
class TurnInfo:
    """What `ccschool lan --json` prints and the panel projects, each time the token turns."""

    url: str
    code: str
    expires: str  # ISO time (UTC) after which this URL and code are refused

    def as_dict(self) -> dict:
        return {"url": self.url, "code": self.code, "expires": self.expires}


def session_label(db, session_id: str) -> str:
    with db.engine.connect() as conn:
        row = conn.exec_driver_sql(_LABEL_SQL, (session_id,)).fetchone()
    if row is None:
        raise NotFound("找不到课次 {id}", "No session {id}", id=session_id, field="session")
    course, day, start, end = row
    return f"{course} {day[5:]} {start[:5]}–{end[:5]}"


class Room:
    """What the pages share while phone sign-in is open: tokens, limits, the one writer."""

    def __init__(self, db, session_id: str, *, actor: str, on_signed_in=None,
                 clock=time.time, period: float = PERIOD) -> None:
        self.db, self.session_id, self.actor = db, session_id, actor
        self.label = session_label(db, session_id)
        self.tokens = RotatingToken(clock=clock, period=period)
        self.pin = f"{secrets.randbelow(10 ** 6):06d}"
        self.pin_guard = PinGuard(self.pin)
        self.phone_limit = RateLimit(*PHONE_LIMIT)
        self.card_limit = RateLimit(*CARD_LIMIT)
        self.address_limit = RateLimit(*ADDRESS_LIMIT)
        self.on_signed_in = on_signed_in
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="lan-writer")

    def _write(self, fn):
        return self._writer.submit(fn).result()

    def sign_in(self, **kw):
        """One sign-in, committed before the phone is answered; the desk hears of it at once."""
        from ccschool.services import lan_signin

        def work():
            with self.db.transaction(actor=self.actor) as s:
                return lan_signin.sign_in(s, session_id=self.session_id, **kw)
        result = self._write(work)
        if result.signed_in and self.on_signed_in is not None:
            self.on_signed_in(result)
        return result

    def excuse(self, *, learner_id: str, reason: str, device: str) -> str:
        from ccschool.services import lan_signin

        def work():
            with self.db.transaction(actor=self.actor) as s:
                return lan_signin.excuse(s, session_id=self.session_id, learner_id=learner_id,
                                         reason=reason, device=device)
        name = self._write(work)
        if self.on_signed_in is not None:
            self.on_signed_in(None)
        return name

    def close(self) -> None:
        self._writer.shutdown(wait=True)  # a sign-in being written is finished, not cut off


class _App:
    def __init__(self, room: Room) -> None:
        self.parts = (LearnerPages(room), DeskPages(room))

    def handle(self, request: Request) -> Response:
        for part in self.parts:
            response = part.handle(request)
            if response is not None:
                return response
        return Response(404, html.page("404", html.notice(
            "warn", L("没有这个页面", "No such page"),
            L("请扫描屏幕上的二维码", "Scan the QR code on the screen"))))


class LanServer:
    def __init__(self, db, session_id: str, *, host: str, port: int = DEFAULT_PORT,
                 actor: str = "lan", on_signed_in=None, on_turn=None, clock=time.time,
                 period: float = PERIOD) -> None:
        self.room = Room(db, session_id, actor=actor, on_signed_in=on_signed_in, clock=clock,
                         period=period)
        self.host, self.port, self.on_turn, self.clock = host, port, on_turn, clock
        self._httpd: Server | None = None
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    @property
    def pin(self) -> str:
        return self.room.pin

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def current(self) -> TurnInfo:
        turn = self.room.tokens.turn()
        expires = datetime.fromtimestamp(turn.expires, timezone.utc).isoformat(timespec="seconds")
        return TurnInfo(f"{self.base_url}/s/{turn.token}", turn.code, expires)

    def start(self) -> "LanServer":
        try:
            self._httpd = Server((self.host, self.port), _App(self.room))
        except OSError as exc:
            self.room.close()
            raise CCSError("无法在 {host}:{port} 开启手机签到：{why}",
                           "Cannot open phone sign-in on {host}:{port}: {why}",
                           host=self.host, port=self.port, why=exc.strerror or exc,
                           field="host") from None
        self.port = self._httpd.server_address[1]
        self._spawn(self._httpd.serve_forever, 0.1)
        self._spawn(self._tick)
        return self

    def _spawn(self, target, *args) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True, name="lan-server")
        thread.start()
        self._threads.append(thread)

    def _tick(self) -> None:
        """Tell the screen each time the token turns (and once at the start)."""
        period = self.room.tokens.period
        while True:
            if self.on_turn is not None:
                self.on_turn(self.current())
            left = period - (self.clock() % period)
            if self._stop.wait(left + 0.01):
                return

    def stop(self) -> None:
        """Stop listening; let a sign-in being written finish. Safe to call twice."""
        self._stop.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        for thread in self._threads:
            thread.join(timeout=5)
        self._threads.clear()
        self.room.close()

    def __enter__(self) -> "LanServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
