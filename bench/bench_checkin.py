"""Check-in hot path at 100,000 learners / 1,000,000 attendance rows, against bare sqlite3.

    python bench/bench_checkin.py --data-dir /tmp/checkin-big [--source /tmp/big] [--scans 500]
                                  [--no-export]

The data folder is a copy of a big demo database (`python -m ccschool demo --learners 100000
--months 12`); if it has no database yet, the source's is copied in (only when nothing writes
the source). The benchmark adds a class, sessions and sign-ins to the copy.

Each of 5 rounds signs in the same learners twice, side by side: once through the service
(`db.transaction()` + `check_in`, one commit per scan) and once through bare sqlite3 with the
same pragmas issuing the same statements (site, card, session, duplicate and enrollment
look-ups, the late setting, attendance and outbox inserts, one commit). Prints medians of 5
(each round's median and p99, in ms) for the whole scan, for the statements before the commit
("work": CPU cost, no fsync), and for a one-row commit on a tiny database (this disk's fsync
floor right now: on a shared, busy machine it dominates the totals).

Then it signs in again while another thread exports all learners to Excel, once with Python's
default thread switching and once with the desktop app's (ccschool/switching.py).
"""
from __future__ import annotations

import argparse
import tempfile
import json
import shutil
import sqlite3
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert, select, text  # noqa: E402

from ccschool.services import cards  # noqa: E402
from ccschool.sync.changes import outbox_row  # noqa: E402
from ccschool.db import PRAGMAS, database_path, open_database  # noqa: E402
from ccschool.models import (ClassSession, CourseClass, Enrollment, Learner, new_id, utcnow)
from ccschool import clock  # noqa: E402
from ccschool.stamps import to_micros  # noqa: E402
from ccschool.services.attendance import checkin as svc  # noqa: E402
from ccschool.services import site as site_svc  # noqa: E402

ROUNDS = 5


def prepare(data_dir: Path, source: Path | None) -> None:
    target = database_path(data_dir)
    if target.exists():
        return
    src = database_path(source)
    if Path(str(src) + "-wal").exists():
        sys.exit(f"{src} is being written (a -wal file exists); wait or pass another --source")
    data_dir.mkdir(parents=True, exist_ok=True)
    print(f"copying {src} → {target} …", flush=True)
    shutil.copyfile(src, target)


def make_sessions(db, scans: int) -> tuple[list[str], list[str]]:
    """A bench class with `scans` enrolled learners and 2×ROUNDS sessions today."""
    now = utcnow()
    local = clock.now()
    start = (local - timedelta(minutes=1)).time().replace(microsecond=0)
    with db.transaction(actor="bench") as s:
        site = site_svc.get_site(s)
        cards_ = s.execute(select(Learner.id, Learner.card_no).where(
            Learner.card_state == "active").order_by(Learner.id).limit(scans)).all()
        klass = CourseClass(course_name="基准测试班", theme="其他", capacity=None)
        s.add(klass)
        s.flush()
        s.execute(insert(Enrollment), [
            {"id": new_id(), "created_at": now, "updated_at": now, "version": 1,
             "class_id": klass.id, "learner_id": lid, "state": "enrolled", "walk_in": False,
             "enrolled_at": now} for lid, _ in cards_])
        ids = []
        for _ in range(2 * ROUNDS + 2):  # the last two: warm-up, and --during-export
            sess = ClassSession(class_id=klass.id, date=local.date(), start_time=start,
                                end_time=start, hours=1.0)
            s.add(sess)
            s.flush()
            ids.append(sess.id)
        payloads = [cards.card_payload(site.secret, site.code, no) for _, no in cards_]
    return ids, payloads


def run_service(db, session_id: str, payloads: list[str]) -> tuple[list[float], list[float]]:
    """(total per scan including the commit, the statements alone before the commit)."""
    times, work = [], []
    for payload in payloads:
        t0 = time.perf_counter()
        with db.transaction(actor="bench") as s:
            r = svc.check_in(s, session_id=session_id, payload=payload)
            work.append(time.perf_counter() - t0)
        times.append(time.perf_counter() - t0)
        assert r.outcome in ("ok", "late"), r.message
    return times, work


def bare_connection(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    for pragma in PRAGMAS:
        conn.execute(pragma)
    return conn


def bare_check_in(conn: sqlite3.Connection, session_id: str, payload: str) -> float:
    """The same statements as the service, straight through sqlite3 (no outcome messages)."""
    code = cards.parse_payload(payload)
    site_code, secret = conn.execute(
        "SELECT code, secret FROM site WHERE deleted_at IS NULL LIMIT 1").fetchone()
    assert code.site_code == site_code and code.verify(secret)
    learner_id, state, *_ = conn.execute(svc._CARD_SQL, (code.number,)).fetchone()
    class_id, day, start, *_ = conn.execute(svc._SESSION_SQL, (session_id,)).fetchone()
    assert conn.execute(svc._LIVE_SQL, (session_id, learner_id)).fetchone() is None
    assert conn.execute(svc._ENROLLED_SQL, (class_id, learner_id)).fetchone()[0] == "enrolled"
    conn.execute("SELECT value FROM setting WHERE key = ?", ("late_after_minutes",)).fetchone()
    now = utcnow()
    values = {"id": new_id(), "created_at": now, "updated_at": now, "version": 1,
              "deleted_at": None, "session_id": session_id, "learner_id": learner_id,
              "session_date": day, "status": "present", "method": "scan", "at": now,
              "by_user": "bench", "reason": None}
    conn.execute(svc._INSERT_SQL, tuple(to_micros(v) if hasattr(v, "tzinfo") else v
                                        for v in values.values()))
    box = outbox_row("attendance", values)
    conn.execute(svc._OUTBOX_SQL, tuple(to_micros(box[c]) if c == "created_at" else box[c]
                                        for c in svc._OUTBOX_COLS))
    done = time.perf_counter()
    conn.commit()
    return done


def run_bare(path: Path, session_id: str, payloads: list[str]) -> tuple[list[float], list[float]]:
    conn = bare_connection(path)
    times, work = [], []
    for payload in payloads:
        t0 = time.perf_counter()
        done = bare_check_in(conn, session_id, payload)
        times.append(time.perf_counter() - t0)
        work.append(done - t0)
    conn.close()
    return times, work


def run_fsync_floor(folder: Path, n: int) -> list[float]:
    """One-row insert + commit on a tiny WAL/FULL database: what this disk's fsync costs now."""
    path = folder / "fsync-floor.db"
    path.unlink(missing_ok=True)
    conn = bare_connection(path)
    conn.execute("CREATE TABLE IF NOT EXISTS t (a)")
    times = []
    for i in range(n):
        t0 = time.perf_counter()
        conn.execute("INSERT INTO t VALUES (?)", (i,))
        conn.commit()
        times.append(time.perf_counter() - t0)
    conn.close()
    return times


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "checkin-big")
    ap.add_argument("--source", type=Path, default=None,
                    help="large demo data folder (default: the shared one of bench/common.py)")
    ap.add_argument("--scans", type=int, default=500, help="sign-ins per round and side")
    ap.add_argument("--no-export", dest="during_export", action="store_false",
                    help="skip signing in while another thread exports every learner to Excel "
                         "(as the desktop app's long-job thread does; about a minute)")
    args = ap.parse_args()
    if args.source is None:
        from bench.common import big_data_dir

        args.source = big_data_dir()
    prepare(args.data_dir, args.source)
    db = open_database(args.data_dir)
    with db.read() as s:
        n_learners = s.scalar(text("SELECT count(*) FROM learner"))
        n_att = s.scalar(text("SELECT count(*) FROM attendance"))
    print(f"database: {n_learners:,} learners, {n_att:,} attendance rows")
    sessions, payloads = make_sessions(db, args.scans)
    run_service(db, sessions[-1], payloads[:20])  # warm caches (statement cache, pages)
    cols = ("service", "service_work", "bare", "bare_work", "fsync_floor")
    rows = []
    for r in range(ROUNDS):
        service, service_work = run_service(db, sessions[2 * r], payloads)
        bare, bare_work = run_bare(db.path, sessions[2 * r + 1], payloads)
        floor = run_fsync_floor(args.data_dir, min(200, args.scans))
        rows.append([(statistics.median(x), pct(x, 0.99))
                     for x in (service, service_work, bare, bare_work, floor)])
        print(f"round {r + 1}: " + " | ".join(
            f"{c} {m * 1e3:.3f}/{p * 1e3:.3f} ms" for c, (m, p) in zip(cols, rows[-1])),
            flush=True)
    out = {"scans_per_round": args.scans, "rounds": ROUNDS}
    for i, c in enumerate(cols):
        out[f"{c}_median_ms"] = round(statistics.median(r[i][0] for r in rows) * 1e3, 3)
        out[f"{c}_p99_ms"] = round(statistics.median(r[i][1] for r in rows) * 1e3, 3)
    out["ratio_median"] = round(out["service_median_ms"] / out["bare_median_ms"], 2)
    out["ratio_p99"] = round(out["service_p99_ms"] / out["bare_p99_ms"], 2)
    out["ratio_work_median"] = round(out["service_work_median_ms"] / out["bare_work_median_ms"], 2)
    if args.during_export:
        from ccschool.switching import SWITCH_INTERVAL

        default = sys.getswitchinterval()
        out.update(during_export(db, args.data_dir, sessions[-2], payloads[:len(payloads) // 2],
                                 "python_default"))
        sys.setswitchinterval(SWITCH_INTERVAL)  # what the desktop app sets
        out.update(during_export(db, args.data_dir, sessions[-2], payloads[len(payloads) // 2:],
                                 "app_switching"))
        sys.setswitchinterval(default)
    print(json.dumps(out, indent=1))
    db.close()


def during_export(db, folder: Path, session_id: str, payloads: list[str], label: str) -> dict:
    """Sign-ins (one thread, like the desk's database worker) while another thread exports all
    learners (like the long-job thread). Both are Python: they share the interpreter lock, so
    the scans slow down a little instead of queueing behind the whole export."""
    import threading

    from ccschool.services.learner_export import export_learners

    exported, out = {}, folder / "bench-export.xlsx"

    def export():
        t0 = time.perf_counter()
        exported["n"] = export_learners(db, out, actor="bench")
        exported["seconds"] = time.perf_counter() - t0

    worker = threading.Thread(target=export)
    worker.start()
    time.sleep(1.0)  # into the export's stride
    times, _work = run_service(db, session_id, payloads)
    still_running = worker.is_alive()
    worker.join()
    out.unlink()
    print(f"during export ({label}, switch interval {sys.getswitchinterval() * 1e3:g} ms): "
          f"{len(times)} scans, export of {exported['n']:,} learners took "
          f"{exported['seconds']:.1f} s (still running when the scans ended: {still_running})")
    key = f"during_export_{label}"
    return {f"{key}_median_ms": round(statistics.median(times) * 1e3, 3),
            f"{key}_p99_ms": round(pct(times, 0.99) * 1e3, 3),
            f"{key}_max_ms": round(max(times) * 1e3, 3),
            f"{key}_export_seconds": round(exported["seconds"], 1),
            f"{key}_scans_ended_before_export": still_running}


if __name__ == "__main__":
    main()
