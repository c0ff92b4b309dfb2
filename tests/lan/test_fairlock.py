"""Writers of one process get SQLite's write lock in arrival order (ccschool/fairlock.py)."""
from __future__ import annotations

import threading

from ccschool.fairlock import FairLock


def wait_queued(lock: FairLock, n: int) -> None:
    with lock._cond:
        assert lock._cond.wait_for(lambda: len(lock._queue) == n, timeout=10)


def test_turns_are_granted_in_arrival_order_and_reentrant():
    lock, order = FairLock(), []
    assert lock.acquire(timeout=1) and lock.acquire(timeout=1)  # re-entrant on one thread

    def writer(name):
        lock.acquire(timeout=10)
        order.append(name)
        lock.release()
    threads = []
    for i, name in enumerate("abc"):
        threads.append(threading.Thread(target=writer, args=(name,)))
        threads[-1].start()
        wait_queued(lock, i + 1)
    lock.release()
    assert order == []  # still held once
    lock.release()
    for t in threads:
        t.join(10)
    assert order == ["a", "b", "c"]


def test_a_waiter_that_gives_up_leaves_the_queue():
    lock = FairLock()
    lock.acquire(timeout=1)
    result = []
    t = threading.Thread(target=lambda: result.append(lock.acquire(timeout=0.05)))
    t.start()
    t.join(10)
    assert result == [False] and not lock._queue
    lock.release()
    assert lock.acquire(timeout=1)
