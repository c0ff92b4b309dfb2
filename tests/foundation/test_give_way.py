"""Long jobs give way to quick work of the database worker (ccschool.switching)."""
from __future__ import annotations

import threading
import time

from ccschool import switching


def test_a_long_job_waits_while_quick_work_runs():
    started, finish = threading.Event(), threading.Event()
    log = []

    def quick():
        with switching.foreground():
            started.set()
            assert finish.wait(10)
            log.append("quick done")

    worker = threading.Thread(target=quick)
    worker.start()
    assert started.wait(10)
    # max_wait 30 s: the job waits for the quick work's end
    waiter = threading.Thread(target=lambda: (switching.give_way(30), log.append("job goes on")))
    waiter.start()
    waiter.join(0.2)
    assert waiter.is_alive() and log == []  # held while the quick work runs
    finish.set()
    worker.join(10)
    waiter.join(10)
    assert log == ["quick done", "job goes on"]


def test_a_long_piece_of_quick_work_holds_a_job_up_at_most_once():
    with switching.foreground():
        t0 = time.perf_counter()
        done = threading.Thread(target=lambda: [switching.give_way(0.05) for _ in range(50)])
        done.start()
        done.join(10)
        assert not done.is_alive() and time.perf_counter() - t0 < 2  # not 50 x 50 ms
    switching.give_way()  # nothing running: returns at once
