"""Monthly report at 100,000 learners and ~1.5 M attendance rows vs the bare SQL behind it.

    python -m bench reports        (or: python -m bench.bench_reports [--data-dir D] [--month M])

Works on a private copy of the shared large demo database (bench/common.py; opening it applies
the migrations, e.g. the report index, so the shared one is never written), kept in
bench/.data/reports for the next run, or on --data-dir D. Prints medians of 5:
- report: `services.reports.monthly` — every figure of the report, through SQLAlchemy;
- bare (same SQL): the same statements on a raw sqlite3 connection, rows fetched, no roll-up;
- bare (one query per figure): a plain hand-written query for each figure, as a DBA would.
The target is report ≤ 2 × bare and under 1 s.
"""
from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ccschool.db import DB_FILENAME, open_database  # noqa: E402
from ccschool.reports import period as periods  # noqa: E402
from ccschool.reports import queries as q  # noqa: E402
from ccschool.services import reports  # noqa: E402

LIVE = ("a.deleted_at IS NULL AND a.session_date BETWEEN :start AND :end "
        "AND a.status IN ('present','late')")
JOIN = ("FROM attendance a JOIN class_session s ON s.id = a.session_id AND s.deleted_at IS NULL "
        "AND s.state != 'cancelled' JOIN course_class c ON c.id = s.class_id "
        "AND c.deleted_at IS NULL")
PEOPLE = ("JOIN learner l ON l.id = a.learner_id AND l.deleted_at IS NULL "
          "JOIN person p ON p.id = l.person_id")
ONE_PER_FIGURE = [
    f"SELECT count(*), sum(s.hours), sum(c.online) {JOIN} WHERE {LIVE}",
    f"SELECT count(DISTINCT a.learner_id) {JOIN} WHERE {LIVE}",
    f"SELECT c.theme, count(*), sum(s.hours) {JOIN} WHERE {LIVE} GROUP BY c.theme",
    f"SELECT c.venue_id, count(*), sum(s.hours) {JOIN} WHERE {LIVE} GROUP BY c.venue_id",
    f"SELECT c.id, count(*), count(DISTINCT a.learner_id) {JOIN} WHERE {LIVE} GROUP BY c.id",
    f"SELECT p.gender, count(DISTINCT a.learner_id) {JOIN} {PEOPLE} WHERE {LIVE} GROUP BY p.gender",
    f"SELECT p.village, count(DISTINCT a.learner_id) {JOIN} {PEOPLE} WHERE {LIVE} "
    "GROUP BY p.village",
    f"SELECT l.target_groups, count(DISTINCT a.learner_id) {JOIN} {PEOPLE} WHERE {LIVE} "
    "GROUP BY l.target_groups",
    f"SELECT CASE WHEN p.birth_date > :c18 THEN 1 WHEN p.birth_date > :c60 THEN 2 "
    f"WHEN p.birth_date > :c70 THEN 3 ELSE 4 END, count(DISTINCT a.learner_id) {JOIN} {PEOPLE} "
    f"WHERE {LIVE} GROUP BY 1",
    "SELECT s.state, count(*) FROM class_session s WHERE s.date BETWEEN :start AND :end "
    "AND s.deleted_at IS NULL GROUP BY s.state",
    q.NEW_LEARNERS, q.VOLUNTEERS, q.CERTIFICATES, q.SATISFACTION,
]
SAME_SQL = [q.CLASSES, q.SESSIONS, q.PER_SESSION, q.LEARNER_SPLITS, q.NEW_LEARNERS,
            q.VOLUNTEERS, q.CERTIFICATES, q.SATISFACTION, q.ENROLLED,
            "SELECT value FROM setting"]


def prepare(data_dir: Path | None) -> Path:
    from bench.common import copy_of_big

    if data_dir is not None:
        return data_dir
    mine = ROOT / "bench" / ".data" / "reports"
    if not (mine / DB_FILENAME).exists():
        copy_of_big(mine)
    return mine


def busiest_month(path: Path) -> str:
    con = sqlite3.connect(path)
    (month,) = con.execute("SELECT substr(session_date, 1, 7) AS m FROM attendance "
                           "GROUP BY m ORDER BY count(*) DESC LIMIT 1").fetchone()
    con.close()
    return month


def timed(fn, runs: int = 5) -> tuple[float, float]:
    """Median wall and CPU seconds over `runs` (after one warm-up run)."""
    fn()
    walls, cpus = [], []
    for _ in range(runs):
        w, c = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir", type=Path)
    ap.add_argument("--month")
    args = ap.parse_args()
    db = open_database(prepare(args.data_dir))  # applies migrations (the report index) once
    month = args.month or busiest_month(db.path)
    bind = q.params(periods.month(month))
    raw = sqlite3.connect(db.path)
    rows = raw.execute("SELECT count(*) FROM attendance WHERE session_date BETWEEN ? AND ?",
                       (bind["start"], bind["end"])).fetchone()[0]
    total = raw.execute("SELECT count(*) FROM attendance").fetchone()[0]
    learners = raw.execute("SELECT count(*) FROM learner").fetchone()[0]

    def service():
        with db.read() as s:
            return reports.monthly(s, month=month)

    def bare(statements):
        return lambda: [raw.execute(sql, bind).fetchall() for sql in statements]

    report_t = timed(service)
    same_t = timed(bare(SAME_SQL))
    naive_t = timed(bare(ONE_PER_FIGURE))
    r = service()
    print(f"database: {learners:,} learners, {total:,} attendance rows; month {month}: "
          f"{rows:,} rows, {r['person_times']:,} person-times, {r['distinct_learners']:,} learners")
    for name, (wall, cpu) in [("report (service)", report_t), ("bare sqlite3, same SQL", same_t),
                              ("bare sqlite3, one query per figure", naive_t)]:
        print(f"{name:<36} median {wall * 1000:7.1f} ms wall  {cpu * 1000:7.1f} ms CPU")
    print(f"ratio report / same SQL: {report_t[0] / same_t[0]:.2f} wall, "
          f"{report_t[1] / same_t[1]:.2f} CPU")
    print(f"ratio report / one query per figure: {report_t[0] / naive_t[0]:.2f} wall, "
          f"{report_t[1] / naive_t[1]:.2f} CPU")
    exports(db, month, r)


def exports(db, month: str, report: dict) -> None:
    import tempfile

    from ccschool.reports.excel import write_workbook
    from ccschool.reports.pdf import write_pdf

    with db.read() as s:
        learners = reports.learner_rows(s, period=periods.month(month))
    out = Path(tempfile.mkdtemp())
    for name, fn in [("Excel export (once)", lambda: write_workbook(report, learners,
                                                                    out / "r.xlsx")),
                     ("PDF export (once)", lambda: write_pdf(report, out / "r.pdf"))]:
        started = time.perf_counter()
        fn()
        print(f"{name:<36} {time.perf_counter() - started:7.2f} s")
    shutil.rmtree(out)


if __name__ == "__main__":
    main()
