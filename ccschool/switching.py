"""How the desktop app's threads share the Python interpreter lock.

The app does database work on one worker thread (check-in) and long jobs on another (a
100,000-learner export, printing, backups). Both run Python, so they share the interpreter
lock. A thread that gives the lock up for each SQLite call (check-in does a dozen) must wait
for the other to hand it back, by default after up to 5 ms each time: scans during an export
then took up to 0.5 s (median 1.7 ms, p99 0.4 s, bench_checkin --during-export). Handing over
every 1 ms bounds that wait: median 10 ms, p99 25 ms, max 35 ms, and the export took as long
as before (30 s). With one busy thread, as most of the time, nothing changes.

Even 1 ms per hand-over adds up over a scan's dozens of SQLite calls. So long jobs also give
way: between two of their steps (a row, a card) they call `give_way()`, which waits while
quick work of the database worker (`foreground()`, e.g. a scan) runs, at most MAX_WAIT per
piece of quick work: the scan then has the interpreter to itself, and the job loses only the
few milliseconds the scan takes.
"""
from __future__ import annotations

import contextlib
import sys
import threading

SWITCH_INTERVAL = 0.001  # seconds; Python's default is 0.005
MAX_WAIT = 0.1  # seconds a long job waits for one piece of quick work (a scan takes ~5 ms)


def share_interpreter_fairly() -> None:
    sys.setswitchinterval(SWITCH_INTERVAL)


class _Foreground:
    """Counts the quick work running now; long jobs wait while there is some."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running = 0
        self.episode = 0  # bumped when quick work starts after none was running
        self.idle = threading.Event()
        self.idle.set()
        self.waited = threading.local()  # per long-job thread: the episode it last waited for

    @contextlib.contextmanager
    def running(self):
        with self._lock:
            self._running += 1
            if self._running == 1:
                self.episode += 1
                self.idle.clear()
        try:
            yield
        finally:
            with self._lock:
                self._running -= 1
                if self._running == 0:
                    self.idle.set()


_FOREGROUND = _Foreground()


def foreground():
    """Context for quick work that a person is waiting on (the database worker's tasks)."""
    return _FOREGROUND.running()


def give_way(max_wait: float = MAX_WAIT) -> None:
    """Called by long jobs between steps: wait while quick work runs (see the module text).

    Costs a flag test when nothing else runs. Waits at most max_wait for each piece of quick
    work, so a long write on the database worker (an import) does not stall the job."""
    fg = _FOREGROUND
    if fg.idle.is_set():
        return
    episode = fg.episode
    if getattr(fg.waited, "episode", None) == episode:
        return
    fg.waited.episode = episode
    fg.idle.wait(max_wait)
