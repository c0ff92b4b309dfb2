"""Damage detection on the large demo database: what the start-up check costs and covers.

Figures: the start-up check (quick_check table by table, smallest first, within
health.START_BUDGET) — seconds, tables covered; against the bare full `PRAGMA quick_check`
(the crash check) in the same run; then the desktop app's background check (integrity_check
one table per step): total, and its longest single step (how long a quit may wait for it),
against bare `PRAGMA integrity_check`. Read-only on CCSCHOOL_BENCH_DIR.
"""
from __future__ import annotations

import sqlite3
import time

from bench.common import big_data_dir, report
from ccschool.safety import health


def _bare(path, pragma: str) -> float:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    t0 = time.perf_counter()
    rows = conn.execute(f"PRAGMA {pragma}").fetchall()
    seconds = time.perf_counter() - t0
    conn.close()
    assert rows == [("ok",)], rows
    return seconds


def main() -> None:
    path = big_data_dir() / "ccschool.db"
    _bare(path, "quick_check")  # warm the page cache, as a second start would find it
    bare_quick = _bare(path, "quick_check")
    start = health.startup_check(path)
    report(f"start-up check (budget {health.START_BUDGET} s)", start.seconds, bare_quick,
           target=f"≤ {health.START_BUDGET + 0.05} s")
    print(f"  covered {len(start.checked)} of {len(start.checked) + len(start.left)} tables; "
          f"left to the background check: {', '.join(start.left) or '-'}", flush=True)
    check = health.BackgroundCheck(path)
    steps, t_all = [], time.perf_counter()
    while True:
        table = check._tables[0] if check._tables else "(first)"
        t0 = time.perf_counter()
        more = check.step()
        steps.append((time.perf_counter() - t0, table))
        if not more:
            break
    total = time.perf_counter() - t_all
    assert check.problem is None, check.problem
    bare_integrity = _bare(path, "integrity_check")
    report("background check, all tables (integrity_check)", total, bare_integrity)
    longest = max(steps)
    report(f"  its longest step ({longest[1]})", longest[0])


if __name__ == "__main__":
    main()
