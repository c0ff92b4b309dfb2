"""Demo-data generation time, against bare sqlite3 inserting the same number of rows."""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, median, report


def run_demo(learners: int, months: int) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as d:
        t0 = time.perf_counter()
        out = subprocess.run([sys.executable, "-m", "ccschool", "demo", "--data-dir", d,
                              "--learners", str(learners), "--months", str(months), "--json"],
                             cwd=ROOT, check=True, capture_output=True, text=True).stdout
        elapsed = time.perf_counter() - t0
        con = sqlite3.connect(Path(d) / "ccschool.db")
        rows = sum(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in (
            "person", "learner", "learning_card", "course_class", "class_session", "enrollment",
            "attendance", "service_record", "satisfaction_score", "outbox_entry"))
        con.close()
        json.loads(out)
        return elapsed, rows


def bare_insert(rows: int) -> float:
    """Raw sqlite3, same pragmas, one transaction, a 12-column table."""
    with tempfile.TemporaryDirectory() as d:
        t0 = time.perf_counter()
        con = sqlite3.connect(Path(d) / "bare.db")
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=FULL")
        con.execute("CREATE TABLE t (id TEXT PRIMARY KEY, a TEXT, b TEXT, c TEXT, d INT, e REAL,"
                    " f TEXT, g TEXT, h TEXT, i INT, j TEXT, k TEXT)")
        data = [(f"{n:032x}", "2026-11-01T00:00:00", "x" * 20, "y", n, 1.5, "z", "w", "v", 1,
                 "2026-11-01", "u" * 40) for n in range(rows)]
        con.executemany("INSERT INTO t VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", data)
        con.commit()
        con.close()
        return time.perf_counter() - t0


def main() -> None:
    small = [run_demo(300, 3) for _ in range(5)]
    t_small, rows_small = median(s[0] for s in small), small[0][1]
    report(f"demo 300 learners / 3 months ({rows_small} rows)", t_small, median(
        [bare_insert(rows_small) for _ in range(5)]))
    t_mid, rows_mid = run_demo(10_000, 12)
    report(f"demo 10,000 learners / 12 months ({rows_mid} rows)", t_mid, bare_insert(rows_mid))
    print(f"  {rows_mid / t_mid:,.0f} rows/s (process start and imports included)")


if __name__ == "__main__":
    main()
