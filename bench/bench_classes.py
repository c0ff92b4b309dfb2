"""Classes area against bare sqlite3: class list, current session, enroll/withdraw, a term's sessions.

    python bench/bench_classes.py [--data-dir /tmp/classes-bench] [--learners 20000]

Builds its own demo database (12 months; one class per 100 learners) in the data folder if it
has none, then prints medians of 5 rounds, each side by side with bare sqlite3 (same pragmas)
running the same statements without the ORM, the services' checks, the audit or the outbox.
"""
from __future__ import annotations

import argparse
import random
import sqlite3
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import ROOT, median, report, timed  # noqa: E402
from ccschool.db import PRAGMAS, database_path, open_database  # noqa: E402
from ccschool.models import new_id  # noqa: E402
from ccschool import clock  # noqa: E402
from ccschool.services import classes, enrollment, sessions  # noqa: E402
from ccschool.services.attendance import desk  # noqa: E402

LIST_SQL = """
SELECT c.*, v.name, p.name, e.n, w.n FROM course_class c
LEFT JOIN venue v ON v.id = c.venue_id
LEFT JOIN instructor i ON i.id = c.instructor_id LEFT JOIN person p ON p.id = i.person_id
LEFT JOIN (SELECT class_id, count(*) n FROM enrollment WHERE state='enrolled'
           AND deleted_at IS NULL GROUP BY class_id) e ON e.class_id = c.id
LEFT JOIN (SELECT class_id, count(*) n FROM enrollment WHERE state='waitlisted'
           AND deleted_at IS NULL GROUP BY class_id) w ON w.class_id = c.id
WHERE c.deleted_at IS NULL ORDER BY c.term_start DESC, c.course_name"""
MONTH_SQL = """
SELECT cs.id, cs.class_id, cs.date, cs.start_time, cs.end_time, cs.hours, cs.topic, cs.state,
       c.course_name, c.theme, c.online, v.name, a.n
FROM class_session cs JOIN course_class c ON c.id = cs.class_id
LEFT JOIN venue v ON v.id = c.venue_id
LEFT JOIN (SELECT session_id, count(*) n FROM attendance WHERE session_date >= ?
           AND session_date <= ? AND status IN ('present', 'late') AND deleted_at IS NULL
           GROUP BY session_id) a ON a.session_id = cs.id
WHERE cs.date >= ? AND cs.date <= ? AND cs.deleted_at IS NULL AND c.deleted_at IS NULL
ORDER BY cs.date, cs.start_time, c.course_name"""
TODAY_SQL = ("SELECT * FROM class_session WHERE deleted_at IS NULL AND date = ? "
             "AND state != 'cancelled' ORDER BY date, start_time")


def bare(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in PRAGMAS:
        conn.execute(pragma)
    return conn


def ensure_demo(data_dir: Path, learners: int) -> None:
    if not database_path(data_dir).exists():
        subprocess.run([sys.executable, "-m", "ccschool", "demo", "--data-dir", str(data_dir),
                        "--learners", str(learners), "--months", "12"], cwd=ROOT, check=True)


def bench_reads(db, conn) -> None:
    with db.read() as s:
        n = len(classes.list_classes(s))
        ours = median(timed(lambda: classes.list_classes(s)))
    report(f"class list ({n} classes with counts)", ours * 1000,
           median(timed(lambda: conn.execute(LIST_SQL).fetchall())) * 1000, "ms")
    now = clock.now()
    with db.read() as s:
        ours = median(timed(lambda: desk.current_session(s, now=now)))
    report("the desk's current session (today's sessions)", ours * 1000,
           median(timed(lambda: conn.execute(TODAY_SQL, (now.date().isoformat(),)).fetchall()))
           * 1000, "ms")


def bench_month(db, conn) -> None:
    """The Classes page's 课表 tab: one month of every class's sessions with sign-ins."""
    today = date.today()
    first, last = sessions.month_bounds(today.year, today.month)
    args = (first.isoformat(), last.isoformat()) * 2
    with db.read() as s:
        n = len(sessions.month_overview(s, year=today.year, month=today.month))
        ours = median(timed(lambda: sessions.month_overview(s, year=today.year,
                                                             month=today.month)))
    report(f"month timetable ({n} sessions with sign-ins)", ours * 1000,
           median(timed(lambda: conn.execute(MONTH_SQL, args).fetchall())) * 1000, "ms")


def _pick(db):
    with db.read() as s:
        klass = classes.list_classes(s)[0]
        learner = enrollment.search_learners(s, "", limit=5000)[-1]["id"]
    return klass["id"], learner


def bench_enroll(db, conn) -> None:
    class_id, learner_id = _pick(db)
    with db.transaction(actor="bench") as s:  # room for one more, whatever the demo drew
        classes.update_class(s, class_id=class_id, capacity=10_000)

    def ours():
        with db.transaction(actor="bench") as s:
            enrollment.enroll(s, class_id=class_id, learner_id=learner_id)
        with db.transaction(actor="bench") as s:
            enrollment.withdraw(s, class_id=class_id, learner_id=learner_id)

    fake = new_id()

    def plain():
        conn.execute("BEGIN")
        conn.execute("SELECT count(*) FROM enrollment WHERE class_id=? AND state='enrolled'",
                     (class_id,)).fetchone()
        conn.execute("INSERT INTO enrollment (id, created_at, updated_at, version, class_id, "
                     "learner_id, state, walk_in, enrolled_at) VALUES (?,?,?,?,?,?,?,?,?)",
                     (fake, 0, 0, 1, class_id, learner_id + "x", "enrolled", 0, 0))
        conn.execute("COMMIT")
        conn.execute("BEGIN")
        conn.execute("DELETE FROM enrollment WHERE id=?", (fake,))
        conn.execute("COMMIT")

    conn.execute("PRAGMA foreign_keys=OFF")  # the bare side inserts a made-up learner id
    report("enroll + withdraw (2 transactions)", median(timed(ours)) * 1000,
           median(timed(plain)) * 1000, "ms")


def bench_term(db, conn) -> None:
    class_id, _ = _pick(db)
    start = date(2031, 9, 1)
    # far-future terms nobody scheduled yet, different on every run of the benchmark
    offset = random.randrange(1000) * 100_000 // 100

    def ours():
        nonlocal offset
        offset += 400
        first = start + timedelta(days=offset)
        with db.transaction(actor="bench") as s:
            sessions.generate_sessions(s, class_id=class_id, weekly="tue,thu 14:00-15:30",
                                       start=first, end=first + timedelta(days=121))

    def plain():
        rows = [(new_id(), 0, 0, 1, class_id, (start + timedelta(days=d)).isoformat(),
                 "14:00:00", "15:30:00", 1.5, "planned") for d in range(0, 122) if d % 7 in (0, 2)]
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO class_session (id, created_at, updated_at, version, "
                         "class_id, date, start_time, end_time, hours, state) "
                         "VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
        conn.execute("COMMIT")

    report("generate a term (36 sessions, 1 transaction)", median(timed(ours)) * 1000,
           median(timed(plain)) * 1000, "ms")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir", default=str(ROOT / "bench" / ".data" / "classes"))
    ap.add_argument("--learners", type=int, default=20_000)
    args = ap.parse_args()
    data_dir = Path(args.data_dir)
    ensure_demo(data_dir, args.learners)
    db = open_database(data_dir)
    conn = bare(database_path(data_dir))
    bench_reads(db, conn)
    bench_month(db, conn)
    bench_enroll(db, conn)
    bench_term(db, conn)
    conn.close()
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
