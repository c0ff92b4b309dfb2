"""First come, first served among the writers of one process (Database.transaction's gate).

SQLite's busy handler lets a waiting writer retry after sleeps of 1, 2, 5 … 100 ms, and a plain
lock is not fair either: a writer that commits and begins again at once (phone sign-ins queueing
on the LAN writer, a long import in steps) wins most races. With no gate the desk's scan waited
850 ms (p99, bench_lan) behind a room of phones, with a plain RLock 130 ms, in arrival order
about 60 ms: its wait is bounded by the transactions that really came before it.
"""
from __future__ import annotations

import threading
from collections import deque


class FairLock:
    """A re-entrant lock granted in arrival order."""

    def __init__(self) -> None:
        self._cond = threading.Condition(threading.Lock())
        self._queue: deque[int] = deque()
        self._owner: int | None = None
        self._depth = 0

    def acquire(self, timeout: float) -> bool:
        """Wait our turn; False after `timeout` seconds (the caller then goes on without it,
        leaving the waiting to SQLite's busy timeout as before)."""
        me = threading.get_ident()
        with self._cond:
            if self._owner == me:
                self._depth += 1
                return True
            self._queue.append(me)
            turn = self._cond.wait_for(
                lambda: self._owner is None and self._queue[0] == me, timeout)
            if not turn:
                self._queue.remove(me)
                self._cond.notify_all()  # the next in line may be free to go now
                return False
            self._queue.popleft()
            self._owner, self._depth = me, 1
            return True

    def release(self) -> None:
        with self._cond:
            self._depth -= 1
            if self._depth == 0:
                self._owner = None
                self._cond.notify_all()
