"""A second program asking for SQLite's write lock every few milliseconds, as a check-in
stream would: `python -m bench.lockprobe DB STOPFILE` prints, when STOPFILE appears, the
longest stretch (seconds) in which BEGIN IMMEDIATE kept failing — the longest write-lock hold
of whatever ran meanwhile, to within the probe interval."""
from __future__ import annotations

import json
import os
import sqlite3
import sys
import time

INTERVAL = 0.002


def probe(db: str, stop: str) -> dict:
    conn = sqlite3.connect(db, timeout=0, isolation_level=None)
    last_ok = time.monotonic()
    longest, attempts, refused = 0.0, 0, 0
    print("READY", flush=True)
    while not os.path.exists(stop):
        attempts += 1
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:
            refused += 1
        else:
            conn.execute("ROLLBACK")
            now = time.monotonic()
            longest = max(longest, now - last_ok)
            last_ok = now
        time.sleep(INTERVAL)
    longest = max(longest, time.monotonic() - last_ok) if refused else longest
    return {"longest_hold": round(longest, 3), "attempts": attempts, "refused": refused}


if __name__ == "__main__":
    print(json.dumps(probe(sys.argv[1], sys.argv[2])), flush=True)
