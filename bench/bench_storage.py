"""Database size before and after pruning the outbox (issue 22), and bytes per attendance row.

On a private copy of the large demo (100,000 learners, 12 months): every month before this one
is closed with the real month close, then its batches are recorded as acknowledged 60 days ago
by one UPDATE (uploading 1.2 million records through the county takes many minutes and the
upload is not what this measures). The file, made by an older release without
auto_vacuum=INCREMENTAL, is switched over once (`ccschool sync prune --compact`: a rewrite in a
staged copy, timed), then `prune` runs as `ccschool sync prune` would: rows move to
outbox_pruned in steps, then the freed pages go back to the file system in steps.

The demo writes each learner's records in the month of registration (spread over the past 14
months, as a real site's are); a demo built before that change had every registration waiting
unsealed in the current month (347,799 rows, ~180 MB after pruning): the "outbox rows left" line
shows which kind of file was measured.

Prints: file size, the outbox's share (dbstat), the longest step of each kind (the write lock
it held), the file after pruning and the size a full VACUUM would still give, and bytes per
attendance row: ours (table + its indexes, and the whole file) against the floor, a bare table
with the same columns and its unique index.

Measured 2026-12-03 (963,169 attendance rows, load ~1-2), one run each, file after pruning:
  842 MB (a full VACUUM: 823)   before this round
  769 MB (750)                  the covering report index (95 B a row) replaced by a partial
                                date index (19 B a row), migration storage_0002
  739 MB (726)                  pruned outbox rows keyed by seq, kind as a code, "accepted" as
                                NULL: outbox_pruned 142 -> 113 MB, migration storage_0003
  attendance + its indexes 479 B a row against the bare table's 331 B (1.45x; was 1.68x).
  640 MB (627)                  time stamps as integer microseconds instead of 32 characters of
                                ISO text (migration storage_0004, every table with a stamp
                                rebuilt: 32 s on this file): attendance 257 -> 179 B a row,
                                learner 23 -> 18 MB, person 21 -> 16 MB. Load 1.3.
  attendance + its indexes 401 B a row against the bare table's 253 B (1.59x: the bare table
  holds the same integer stamps now; 479 against 331 before).
Not done, measured on copies: record ids as 16-byte blobs (-217 MB: every table and join, and
the wire's 32-hex ids converted at every edge).
"""
from __future__ import annotations

import sqlite3
import time
from datetime import timedelta

from bench.common import copy_of_big, load_note, work_dir

MB = 1e6


def _sizes(path) -> dict:
    c = sqlite3.connect(path)
    try:
        page = c.execute("PRAGMA page_size").fetchone()[0]
        pages, free = (c.execute("PRAGMA page_count").fetchone()[0],
                       c.execute("PRAGMA freelist_count").fetchone()[0])
        by = dict(c.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name"))
        idx = dict(c.execute("SELECT name, tbl_name FROM sqlite_master WHERE type = 'index'"))
    finally:
        c.close()

    def table(t: str) -> int:
        return sum(n for name, n in by.items() if name == t or idx.get(name) == t)
    return {"file": page * pages, "used": page * (pages - free),
            "outbox": table("outbox_entry") + table("outbox_pruned"),
            "attendance": table("attendance")}


def _breakdown(path, top: int = 14) -> str:
    """The largest tables and indexes (dbstat), bytes per attendance row for attendance's."""
    c = sqlite3.connect(path)
    try:
        rows = c.execute("SELECT count(*) FROM attendance").fetchone()[0]
        by = c.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name "
                       "ORDER BY 2 DESC LIMIT ?", (top,)).fetchall()
        idx = dict(c.execute("SELECT name, tbl_name FROM sqlite_master WHERE type = 'index'"))
    finally:
        c.close()
    return "\n".join(f"  {name:32} {n / MB:7.1f} MB" + (
        f"  {n / rows:4.0f} B/attendance row" if "attendance" in (name, idx.get(name)) else "")
        for name, n in by)


def _compacted(path) -> int:
    out = path.parent / "compacted.db"
    out.unlink(missing_ok=True)
    c = sqlite3.connect(path)
    c.execute("VACUUM INTO ?", (str(out),))
    c.close()
    size = out.stat().st_size
    out.unlink()
    return size


def _bare_attendance(path) -> tuple[int, int]:
    """(bytes, rows) of a bare table with the attendance columns and its unique index."""
    bare = path.parent / "bare.db"
    bare.unlink(missing_ok=True)
    c = sqlite3.connect(bare)
    c.execute("ATTACH ? AS src", (str(path),))
    cols = c.execute("PRAGMA src.table_info(attendance)").fetchall()
    c.execute("CREATE TABLE attendance (" + ", ".join(f"{n} {t}" for _i, n, t, *_ in cols) + ")")
    names = ", ".join(n for _i, n, *_ in cols)
    c.execute(f"INSERT INTO attendance ({names}) SELECT {names} FROM src.attendance")
    c.execute("CREATE UNIQUE INDEX ux ON attendance (session_id, learner_id) "
              "WHERE deleted_at IS NULL")  # the same partial unique index as ours
    c.commit()
    rows = c.execute("SELECT count(*) FROM attendance").fetchone()[0]
    c.execute("DETACH src")
    c.execute("VACUUM")
    c.close()
    size = bare.stat().st_size
    bare.unlink()
    return size, rows


def main() -> None:
    from ccschool import clock
    from ccschool.db import open_database
    from ccschool.models import utcnow
    from ccschool.stamps import to_micros
    from ccschool.sync.batching import close_month_in_steps
    from ccschool.sync.prune import compact, prune

    print(load_note(), flush=True)
    t0 = time.perf_counter()
    data = copy_of_big(work_dir("storage"))
    db = open_database(data)  # brings a cache made by an older release to the newest schema
    print(f"copy + migrate {time.perf_counter() - t0:.0f} s", flush=True)
    path = data / "ccschool.db"
    year, month = map(int, clock.month().split("-"))
    last = f"{year - (month == 1):04d}-{(month - 2) % 12 + 1:02d}"
    t0 = time.perf_counter()
    close_month_in_steps(db, period=last, actor="bench")
    print(f"closed through {last} in {time.perf_counter() - t0:.0f} s", flush=True)
    sent = to_micros(utcnow() - timedelta(days=60))  # as UTCDateTime stores it
    with db.transaction(actor="bench") as s:  # the county's acknowledgements, 60 days ago
        conn = s.connection()
        conn.exec_driver_sql("UPDATE outbox_entry SET result = 'accepted' "
                             "WHERE batch_id IS NOT NULL")
        conn.exec_driver_sql("UPDATE upload_chunk SET acked_at = ?", (sent,))
        conn.exec_driver_sql("UPDATE upload_batch SET state = 'done', sent_at = ?", (sent,))
    db.close()
    with sqlite3.connect(path) as c:
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = _sizes(path)
    att_rows = sqlite3.connect(path).execute("SELECT count(*) FROM attendance").fetchone()[0]
    db = open_database(data)
    t0 = time.perf_counter()
    compact(db)  # once per older file: from then on pruning shrinks it in steps
    took_compact = time.perf_counter() - t0
    converted = path.stat().st_size

    steps: dict[str, list[float]] = {"rows": [], "pages_released": []}
    last_t = [time.perf_counter()]

    def step(p: dict) -> None:
        now = time.perf_counter()
        steps["pages_released" if "pages_released" in p else "rows"].append(now - last_t[0])
        last_t[0] = now

    t0 = time.perf_counter()
    out = prune(db, progress=step)
    took = time.perf_counter() - t0
    db.close()
    with sqlite3.connect(path) as c:
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    after = _sizes(path)
    compact_size = _compacted(path)
    bare, bare_rows = _bare_attendance(path)
    moves, frees = sorted(steps["rows"]), sorted(steps["pages_released"]) or [0.0]
    print(f"once: switched to auto_vacuum=INCREMENTAL (staged rewrite, no write lock held) in "
          f"{took_compact:.0f} s: {before['file'] / MB:,.0f} -> {converted / MB:,.0f} MB")
    print(f"prune: {out['rows']:,} rows moved in {out['batches']} batches, "
          f"{out['pages_released']:,} pages released, {took:.1f} s; {len(moves)} move steps, "
          f"longest {moves[-1] * 1000:.0f} ms, median {moves[len(moves) // 2] * 1000:.0f} ms; "
          f"{len(steps['pages_released'])} release steps, longest {frees[-1] * 1000:.0f} ms "
          f"(each step one write transaction)")
    print(f"before: file {before['file'] / MB:,.0f} MB, outbox {before['outbox'] / MB:,.0f} MB "
          f"({before['outbox'] / before['used']:.0%})")
    print(f"after:  file {after['file'] / MB:,.0f} MB (goal <= 700 MB), free pages "
          f"{(after['file'] - after['used']) / MB:,.0f} MB, outbox incl. pruned rows "
          f"{after['outbox'] / MB:,.0f} MB ({after['outbox'] / after['used']:.0%}); "
          f"a full VACUUM would give {compact_size / MB:,.0f} MB")
    with sqlite3.connect(path) as c:
        waiting = c.execute("SELECT period, count(*), coalesce(sum(length(payload)), 0) "
                            "FROM outbox_entry GROUP BY period").fetchall()
    print("outbox rows left (unsealed months and the newest row): " + ", ".join(
        f"{p} {n:,} rows, payloads {b / MB:,.0f} MB" for p, n, b in waiting))
    print("largest tables and indexes after pruning (dbstat):\n" + _breakdown(path))
    ours_att = after["attendance"] / att_rows
    floor = bare / bare_rows
    print(f"bytes per attendance row ({att_rows:,} rows): attendance table + indexes "
          f"{ours_att:.0f} B, bare table + unique index {floor:.0f} B, ratio {ours_att / floor:.2f}x; "
          f"whole file per attendance row {after['file'] / att_rows:.0f} B "
          f"({after['file'] / bare:.2f}x the bare table)")


if __name__ == "__main__":
    main()
