"""The rotating token on the projector, its four-character code, and the one-use form tickets.

Everything is an HMAC under a key made fresh each time phone sign-in opens, so nothing from an
earlier opening (or another laptop) is ever accepted and nothing needs storing but the nonces
of tickets already used. The token turns every PERIOD seconds and stays good for GRACE seconds
after it turned, so a learner who scanned just before the turn is not refused. A photo of the
QR sent to someone at home is useless a minute later: that is the point of the rotation.

A token only opens the form. The form carries a ticket (period, nonce, phone) valid for
FORM_TTL, so typing a card number slowly is fine, and it is spent by a successful sign-in: the
same form cannot sign a second person in.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import threading
import time
from dataclasses import dataclass

PERIOD = 30.0  # seconds between turns
GRACE = 15.0  # a token is still accepted this long after the next one appeared
FORM_TTL = 180.0  # seconds a learner has to fill in the form opened with a valid token
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read off a projector
_TOKEN = re.compile(r"[A-Z2-7]{16}")
_CODE = re.compile(r"[0-9A-Z]{4}")
_TICKET = re.compile(r"([0-9]{1,12})\.([A-Za-z0-9_-]{16})\.([A-Z2-7]{16})")


@dataclass(frozen=True)
class Turn:
    """What the screen shows for one period."""

    counter: int
    token: str
    code: str
    expires: float  # epoch seconds after which the token is refused (end of period + grace)


class RotatingToken:
    def __init__(self, *, period: float = PERIOD, grace: float = GRACE,
                 form_ttl: float = FORM_TTL, clock=time.time, key: bytes | None = None) -> None:
        self.period, self.grace, self.form_ttl, self.clock = period, grace, form_ttl, clock
        self._key = key or secrets.token_bytes(32)
        self._spent: dict[str, float] = {}  # ticket nonce -> when it may be forgotten
        self._lock = threading.Lock()

    def _mac(self, text: str, length: int = 16) -> str:
        digest = hmac.new(self._key, text.encode(), hashlib.sha256).digest()
        return base64.b32encode(digest).decode()[:length]

    def counter_at(self, when: float) -> int:
        return int(when // self.period)

    def turn(self, counter: int | None = None) -> Turn:
        counter = self.counter_at(self.clock()) if counter is None else counter
        digest = hmac.new(self._key, f"code:{counter}".encode(), hashlib.sha256).digest()
        code = "".join(CODE_ALPHABET[b % len(CODE_ALPHABET)] for b in digest[:4])
        return Turn(counter, self._mac(f"token:{counter}"), code,
                    (counter + 1) * self.period + self.grace)

    def _live_counters(self) -> list[int]:
        """The current period, and the previous one while its grace lasts."""
        now = self.clock()
        current = self.counter_at(now)
        return [c for c in (current, current - 1) if now < (c + 1) * self.period + self.grace]

    def check_token(self, token: str) -> int | None:
        """The period of a live token, None for an expired or forged one."""
        token = (token or "").upper()
        if not _TOKEN.fullmatch(token):
            return None
        for counter in self._live_counters():
            if hmac.compare_digest(token, self.turn(counter).token):
                return counter
        return None

    def token_for_code(self, code: str) -> str | None:
        """The live token whose four-character code was typed (case and O/0 forgiven)."""
        code = (code or "").strip().upper().replace("O", "0").replace("I", "1")
        if not _CODE.fullmatch(code):
            return None
        for counter in self._live_counters():
            turn = self.turn(counter)
            if hmac.compare_digest(code, turn.code):
                return turn.token
        return None

    # -- form tickets -------------------------------------------------------------------
    def ticket(self, counter: int, phone: str) -> str:
        nonce = secrets.token_urlsafe(12)
        return f"{counter}.{nonce}.{self._mac(f'ticket:{counter}.{nonce}.{phone}')}"

    def check_ticket(self, ticket: str, phone: str, *, spent_ok: bool = False) -> str | None:
        """The ticket's nonce if it is genuine, for this phone, not too old and not spent
        (`spent_ok`: spent is fine, the caller answers a repeated confirmation itself)."""
        m = _TICKET.fullmatch(ticket or "")
        if m is None:
            return None
        counter, nonce, mac = int(m[1]), m[2], m[3]
        if not hmac.compare_digest(mac, self._mac(f"ticket:{counter}.{nonce}.{phone}")):
            return None
        if self.clock() > (counter + 1) * self.period + self.form_ttl:
            return None
        with self._lock:
            return None if nonce in self._spent and not spent_ok else nonce

    def spend(self, nonce: str) -> bool:
        """Mark a ticket used; False if it already was (a replayed form)."""
        now = self.clock()
        with self._lock:
            for old in [n for n, until in self._spent.items() if until < now]:
                del self._spent[old]
            if nonce in self._spent:
                return False
            self._spent[nonce] = now + self.period + self.form_ttl
            return True

    def sign(self, text: str) -> str:
        """A MAC binding a value the page hands back (the learner to confirm) to this opening."""
        return self._mac(f"value:{text}")

    def verify(self, text: str, mac: str) -> bool:
        return hmac.compare_digest((mac or "").encode(), self.sign(text).encode())
