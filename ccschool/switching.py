"""How often Python hands the interpreter lock between threads in the desktop app.

The app does database work on one worker thread (check-in) and long jobs on another (a
100,000-learner export, printing, backups). Both run Python, so they share the interpreter
lock. A thread that gives the lock up for each SQLite call (check-in does a dozen) must wait
for the other to hand it back, by default after up to 5 ms each time: scans during an export
then took up to 0.5 s (median 1.7 ms, p99 0.4 s, bench_checkin --during-export). Handing over
every 1 ms bounds that wait: median 10 ms, p99 25 ms, max 35 ms, and the export took as long
as before (30 s). With one busy thread, as most of the time, nothing changes.
"""
from __future__ import annotations

import sys

SWITCH_INTERVAL = 0.001  # seconds; Python's default is 0.005


def share_interpreter_fairly() -> None:
    sys.setswitchinterval(SWITCH_INTERVAL)
