"""Rate limits for the phone page and the throttle on the staff desk's PIN.

In memory: they live as long as phone sign-in is open, which is as long as they matter.
A sliding window per key (a phone, a card): enough to stop someone on the Wi-Fi trying card
numbers one after another to read masked names, without ever slowing a real learner who types
a wrong digit twice.
"""
from __future__ import annotations

import threading
import time
from collections import defaultdict, deque


class RateLimit:
    def __init__(self, limit: int, window: float, clock=time.monotonic) -> None:
        self.limit, self.window, self.clock = limit, window, clock
        self._hits: dict[str, deque] = defaultdict(deque)
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        """Count one attempt for key; False once it made `limit` attempts within `window`."""
        now = self.clock()
        with self._lock:
            hits = self._hits[key]
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            if len(hits) >= self.limit:
                return False
            hits.append(now)
            if len(self._hits) > 10_000:  # a flood of made-up keys must not grow memory
                self._forget(now)
            return True

    def _forget(self, now: float) -> None:
        for key in [k for k, h in self._hits.items() if not h or h[-1] <= now - self.window]:
            del self._hits[key]


class PinGuard:
    """Wrong PINs lock the address out for a while; too many in all close the desk login.

    Six digits are a million choices; at MAX_PER_ADDRESS tries per LOCKOUT per address and
    MAX_TOTAL wrong tries in all, guessing is hopeless while phone sign-in is open.
    """

    MAX_PER_ADDRESS = 5
    LOCKOUT = 300.0
    MAX_TOTAL = 30

    def __init__(self, pin: str, clock=time.monotonic) -> None:
        self.pin, self.clock = pin, clock
        self._failures: dict[str, deque] = defaultdict(deque)
        self._total = 0
        self._lock = threading.Lock()

    def locked(self, address: str) -> bool:
        now = self.clock()
        with self._lock:
            if self._total >= self.MAX_TOTAL:
                return True
            fails = self._failures[address]
            while fails and fails[0] <= now - self.LOCKOUT:
                fails.popleft()
            return len(fails) >= self.MAX_PER_ADDRESS

    def try_pin(self, address: str, typed: str) -> bool:
        import hmac

        if self.locked(address):
            return False
        if hmac.compare_digest((typed or "").strip().encode(), self.pin.encode()):
            return True
        with self._lock:
            self._failures[address].append(self.clock())
            self._total += 1
        return False

    @property
    def closed(self) -> bool:
        return self._total >= self.MAX_TOTAL
