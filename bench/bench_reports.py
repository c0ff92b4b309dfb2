"""Monthly report at 100,000 learners and ~1 M attendance rows vs bare programs.

    python -m bench reports        (or: python -m bench.bench_reports [--data-dir D] [--month M])

Works on a private copy of the shared large demo database (bench/common.py; opening it applies
the migrations, e.g. the report index, so the shared one is never written), kept beside it
(bench/common.work_dir) for the next run, or on --data-dir D. The busiest month by default.
Figures (medians of 5, interleaved):
- report: `services.reports.monthly` — every figure of the report, through SQLAlchemy;
- bare one pass (the floor; target report <= 3x): a plain sqlite3 program reading the month's
  attendance rows once, with each learner's facts joined in, and adding up every
  attendance figure in one Python loop (plus the same small look-ups of sessions, classes,
  volunteers, certificates, satisfaction); its figures are checked equal to the report's;
- bare (same SQL) and bare (one query per figure): the report's own statements, and a
  hand-written query per figure, on a raw connection (for reference).
Then the Excel and PDF exports of that report (medians of 3; target Excel <= 2 s).
"""
from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
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
    from bench.common import copy_of_big, work_dir

    if data_dir is not None:
        return data_dir
    mine = work_dir("reports")
    if not (mine / DB_FILENAME).exists():
        copy_of_big(mine)
    return mine


def busiest_month(path: Path) -> str:
    con = sqlite3.connect(path)
    (month,) = con.execute("SELECT substr(session_date, 1, 7) AS m FROM attendance "
                           "GROUP BY m ORDER BY count(*) DESC LIMIT 1").fetchone()
    con.close()
    return month


def main() -> None:
    from bench.common import interleaved, load_note
    from bench.report_floor import agrees, one_pass

    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir", type=Path)
    ap.add_argument("--month")
    ap.add_argument("--rounds", type=int, default=5)
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

    r, floor = service(), one_pass(raw, bind)  # warm-up, and the figures compared
    differ = agrees(floor, r)
    assert not differ, f"the bare one-pass floor and the report disagree on {differ}"
    print(f"database: {learners:,} learners, {total:,} attendance rows; month {month}: "
          f"{rows:,} rows, {r['person_times']:,} person-times, {r['distinct_learners']:,} "
          f"learners; the one-pass floor gives the same figures; {load_note()}")
    figures = interleaved({"report (service)": service,
                           "bare one pass (floor)": lambda: one_pass(raw, bind),
                           "bare sqlite3, same SQL": bare(SAME_SQL),
                           "bare sqlite3, one query per figure": bare(ONE_PER_FIGURE)},
                          args.rounds)
    print(f"median of {args.rounds} interleaved rounds; {load_note()}")
    for name, (wall, cpu) in figures.items():
        print(f"  {name:<36} {wall * 1000:7.1f} ms wall  {cpu * 1000:7.1f} ms CPU")
    (wall, cpu), (fwall, fcpu) = figures["report (service)"], figures["bare one pass (floor)"]
    print(f"  ratio report / bare one pass        {wall / fwall:5.2f}x wall  {cpu / fcpu:5.2f}x CPU"
          "   (target <= 3x)")
    same = figures["bare sqlite3, same SQL"]
    print(f"  ratio report / its own SQL bare     {wall / same[0]:5.2f}x wall  "
          f"{cpu / same[1]:5.2f}x CPU   (for reference)")
    exports(db, month, r)


def exports(db, month: str, report: dict, runs: int = 3) -> None:
    import tempfile

    from bench.common import interleaved, load_note
    from ccschool.reports.excel import write_workbook
    from ccschool.reports.pdf import write_pdf

    with db.read() as s:
        learners = reports.learner_rows(s, period=periods.month(month))
    out = Path(tempfile.mkdtemp())
    figures = interleaved({"Excel export": lambda: write_workbook(report, learners,
                                                                 out / "r.xlsx"),
                           "PDF export": lambda: write_pdf(report, out / "r.pdf")}, runs)
    print(f"exports of that report ({len(learners):,} learners on the 学员 sheet), median of "
          f"{runs}; {load_note()}")
    for name, (wall, cpu) in figures.items():
        target = "   (target <= 2 s)" if name.startswith("Excel") else ""
        print(f"  {name:<36} {wall:7.2f} s wall  {cpu:7.2f} s CPU{target}")
    shutil.rmtree(out)


if __name__ == "__main__":
    main()
