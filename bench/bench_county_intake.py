"""County intake over HTTP: a site's month of records PUT chunk by chunk to the receiver.

    python -m bench.bench_county_intake [--records 50000] [--runs 3] [--only sqlite|postgresql]

The month is what a township site sends (learners with their persons, sessions, attendance,
service records), gzip-encoded in the site's 1,000-record chunks before the clock starts. Each
run serves a fresh county database from a separate `ccschool-county serve` process and PUTs
the chunks one after another over loopback, as the site's uploader does. Printed per database:

  ours  records/s through the receiver (validation, idempotency, current state, roll-ups,
        sequence tracking, per-record answers, HTTP, fsync per chunk);
  bare  the same rows stored with nothing else, one transaction per chunk: on PostgreSQL a
        COPY into a plain table with the record_version columns, on SQLite executemany
        INSERT (WAL, synchronous=FULL);
  ratio ours / bare as times (how many times slower than the floor).

PostgreSQL runs on a private durable server (tests/pgserver.py, fsync on).

Measured 2026-12-03 on the shared 2-core machine at load 13-14 (figures move a lot with load):
  50,000 records, 3 runs:  SQLite 2,368 records/s (bare 64,682; 27.3x),
                           PostgreSQL 1,840 records/s (bare 42,229; 23.0x)
  20,000 records, 1 run, main before this work vs this work, back to back:
                           SQLite 3,938 -> 2,498 records/s, PostgreSQL 1,887 -> 2,005 records/s
  The receiver now also keeps the dashboard's roll-ups (county/rollup.py) in each chunk's
  transaction.
  20,000 records, 3 runs, main (f9576e5+) vs branch intake2, back to back at load 4.7-5.9:
                           PostgreSQL 5,175 -> 9,354 records/s (bare 130,991 / 116,317;
                           25.3x -> 12.4x), SQLite 7,095 -> 7,644 (bare ~156,000-197,000)
  Still short of >= 20,000 records/s. Per 1,000-record chunk on PostgreSQL at low load
  (in-process, ~51 ms): COPY record_version 7 ms and record_current 7 ms (4 and 3 indexes;
  record_current.data repeats the newest version's data because the web pages read it),
  the twin probe 3.4 ms, COPY device_seq 3 ms, current-state lookup 2.5 ms, roll-up upserts
  4 ms, ~10 small statements 2 ms, commit; Python ~20 ms (per-record validation ~8 ms,
  current-state rows ~3 ms, serialising data ~3 ms, parse/answer ~3 ms). HTTP and the
  client add ~15 ms more per chunk in this two-process run.
  20,000 records, 1 run each, main (c82f56d) vs branch intake (2026-12-03 pm), back to back
  at load 12-14 (other engineers' test runs; main measured 5,885 PostgreSQL / 5,705 SQLite at
  load 1.3 an hour earlier):
                           PostgreSQL 1,806 -> 2,127 records/s (bare 43,384 / 41,044;
                           24.0x -> 19.3x), SQLite 2,269 -> 2,417 (bare ~55,000; 24.8x -> 22.5x)
  20,000 records, 3 runs each, branch then main, back to back at load 8-10:
                           PostgreSQL main 3,541 (bare 74,228; 21.0x) -> branch 3,095 (bare
                           40,845; 13.2x); SQLite main 3,560 (bare 72,389; 20.3x) -> branch
                           4,792 (bare 65,611; 13.7x). The bare floor itself moved 1.8x between
                           the two runs: on this machine only the ratios compare.
  Load-independent: statements per chunk in the receiver's transaction 18.2 -> 13.2 (plus the
  token look-up 3 -> 1); PostgreSQL server time per chunk (pg_stat_statements) 85 -> 78 ms;
  receiver CPU per chunk 40 -> 36 ms.
  What changed: sequence numbers kept as runs (one row per chunk instead of 1,000), a chunk's
  checks and batch bookkeeping in 2 statements instead of 7, the token look-up without
  BEGIN/ROLLBACK, new runs written in one statement, the common record shape validated in one
  pass (3.6 -> 2.2 ms CPU per 1,000 records), record-id look-ups as one text parameter.
  Where a chunk goes now on PostgreSQL (pg_stat_statements, load 12, per 1,000-record chunk):
  COPY record_current 41 ms, COPY record_version 38 ms, the roll-ups' twin probe 14 ms and
  upserts 20 ms (county/rollup.py), everything else < 3 ms; the receiver's own CPU is ~36 ms.
  The two COPYs are the floor's work done twice plus 7 indexes.

2026-12-03 evening (branch intake2), 20,000 records, 3 runs, main and the branch back to back:
  python -m bench county_intake at load 0.8-0.9 (the final figures of this round):
                           PostgreSQL main 12,671 records/s (bare 303,025; 23.9x) -> branch
                           15,446 (bare 351,445; 22.8x); SQLite main 14,137 (bare 339,315;
                           24.0x) -> branch 18,172 (bare 368,024; 20.3x). The bare floor moved
                           16 % between the two runs (20 chunks of ~3 ms): the interleaved
                           receiver-only runs below compare better.
  interleaved (main, branch, main, branch, ...), the receiver only, medians:
                           PostgreSQL 11,731 -> 14,644 records/s (+25 %, 4 each, load 0.7-0.8);
                           SQLite 14,452 -> 16,765 (+16 %, 3 each, load 0.8-0.9); at load 2.8-3.8
                           earlier: PostgreSQL 8,985 -> 11,990 (+33 %), SQLite 9,408 -> 10,300.
  Still short of >= 20,000 records/s (<= 50 ms a chunk): at load ~1 a chunk takes ~61-65 ms end
  to end, ~55-60 ms of it in the receiver; the receiver's own CPU is ~26 ms of that,
  PostgreSQL's ~28 ms (the two COPYs ~8 ms each, the roll-up upserts ~9 ms), HTTP and the
  client ~6 ms (not the ~15 ms estimated before: span between chunks minus the receiver's time).
  What each change gave (in-process receiver on a durable PostgreSQL, per 1,000-record chunk,
  each measured against the code just before it):
  - roll_class_month moved by the session upsert's RETURNING (class and 学时 of each row)
    instead of reading every touched session's rows out before and in after: 7.2 -> 0.3 ms;
  - JSON parameters read as jsonb (json's ->> parsed each element again per column read): the
    learner-year upsert 13.3 -> 6.4 ms, the session upsert 4.1 -> 3.0 ms;
  - the twin probe as a per-key index probe (LATERAL … OFFSET 0): PostgreSQL, guessing 100
    keys against a table grown past its statistics, hashed the keys and read the whole table,
    3.2 -> 2.3 ms at 10,000 rows and no longer growing with the table;
  - one statement per roll-up per chunk on PostgreSQL (slices of 500 keys only on SQLite,
    for its parameter limit), and SQL snippets compiled once per dialect, not per chunk;
  - orjson (ccschool/sync/jsontext.py; every corner where it differs from the json module goes
    to the json module, tests/sync/test_jsontext.py): parsing a chunk 5.2 -> 1.8 ms, the
    records' data text 2.3 -> 0.9 ms, the answer ~0.5 ms less;
  - gc.freeze() after the receiver starts: full collections walked the app's long-lived
    objects, 2.4-2.8 ms -> 0.5 ms a chunk;
  - fill factor 50 on the roll-up tables updated in place (HOT updates skip the indexes):
    learner-year upsert 6.5-7.3 -> 4.3-4.7 ms;
  - the pages' (kind, day) index without attendance on PostgreSQL (no page reads attendance by
    kind; tests/county/test_intake_indexes.py): 63 -> 55 ms a chunk, PostgreSQL CPU 34 -> 27.5;
  - a chunk's learner profiles look each person up by id: the first chunk of a new county
    (400 learners) spent 72 ms in one statement, now 7 ms;
  - no clean-up statement for emptied roll-up rows when a chunk only adds (one round trip),
    and the roll-ups' row parameters written with orjson (0.46 -> 0.13 ms per 1,000 keys).
  Measured and not kept: building the current rows in this thread while a helper thread ran
  the record_version COPY (62-64 vs 62-63 ms: the COPY's own Python holds the GIL);
  attendance written into record_current without its data (<= 2 ms, inside the noise: not
  worth changing every reader); dropping ix_record_version_month or ix_current_day (~3 ms
  each, but month digests and the site's month figures read by them); uvicorn with httptools
  and uvloop (interleaved, 3 each at load 0.9: 16,247 vs 16,459 records/s without: no new
  dependency for it); deduplicate_items off on the indexes with many equal keys (no gain). The
  other indexes each serve a read (checked against the queries that use them, the changed
  plans with EXPLAIN): record_version's pk (erasure's rewrites), (site, pk) the pull cursor,
  (record_id, version) idempotency, (site, period, kind) month digests and counts;
  record_current's id, (site, kind, day) a site's month figures,
  (ref_id, subject_id) the twin probe; the two partial ones take no attendance rows.
  Next: the two COPYs are ~8 ms each against ~3 ms for the bare COPY: the indexes an
  attendance row enters (4 on record_version, 3 on record_current) are most of the rest.
  main after the merge, quiet machine (load 0.4), 20,000 records, 3 runs: PostgreSQL 18,121
  records/s (COPY 336,885; 18.6x), SQLite 18,760 (executemany 394,170; 21.0x; best run 20,354).
  Tried and not kept: two chunks in flight from the client, with each chunk's checks and data
  text done before the receiver's lock so one chunk's Python overlaps the other's database
  work: 18,160 vs 18,135 records/s one at a time (no gain: the receiver's CPU and the
  database's take turns on the same two cores either way).

2026-12-03 late evening (branch intake3), 20,000 records, 3 runs, python -m bench county_intake,
main and the branch back to back (main, branch, main, branch):
  final, load 1.7-2.3:     PostgreSQL main 17,743 / 18,631 records/s (bare 333,246 / 294,634;
                           18.8x / 15.8x) -> branch 22,401 / 20,804 (bare 277,765 / 294,721;
                           12.4x / 14.2x); SQLite main 20,226 / 19,254 (bare 434,416 / 396,858;
                           21.5x / 20.6x) -> branch 23,078 / 24,997 (bare 432,978 / 408,711;
                           18.8x / 16.4x).
  earlier, load 1.4-1.9 (before the token engine below):
                           PostgreSQL main 16,968 / 14,894 (bare 259,161 / 304,698; 15.3x /
                           20.5x) -> branch 18,573 / 19,189 (bare 138,028 / 279,781; 7.4x /
                           14.6x); SQLite main 19,205 / 17,724 (18.2x / 22.5x) -> branch
                           21,625 / 21,037 (18.0x / 19.3x). The bare PostgreSQL floor moved 2x
                           between runs: the ratios move with it.
  The gap was mostly the first chunk: over HTTP it took 200-224 ms, the others ~45-50 ms. The
  served receiver has the web pages' tables and indexes, which the in-process measurements of
  the last round did not create; with them, the first chunk's learner profiles (400 learners
  and their persons) walked the pages' partial (kind, day) index for `kind = 'person'`, every
  person once per learner: 155 ms in one statement. Now each person is found by its id alone
  and its kind checked on the row found (tests/county/test_intake_indexes.py holds the plan):
  the first chunk 170-184 -> 55-58 ms in-process, 200 -> 65-70 ms over HTTP; in-process
  19,272 -> 22,369 records/s (load ~1).
  What each change gave (per 1,000-record chunk):
  - that first chunk: ~6 ms of every chunk's average at 20 chunks;
  - record ids whose hex holds twenty digits in a row (one in ~300 ids, so most chunks) sent
    the body to the json module as if it held a wide integer: 6, 8 and 20 of the 20 chunks in
    three tries, 1.3 ms each instead of orjson's 0.5; the check now looks only at digits
    after `[`, `,`, `:` or whitespace (jsontext._wide_int, tests/sync/test_jsontext.py);
  - validation reading a record's checked fields with one itemgetter: 2.18 -> 1.54 ms;
  - record_current's columns as a tuple, person-time keys checked without generators, the
    person-time sums in plain dicts (a Counter's missing key is a Python call), plain-type
    checks in C (set.issuperset over map(type, ...)), the roll-up rows' NaN search only when
    orjson wrote a null: receiver CPU per chunk (thread time, in-process, interleaved at load
    2.6-2.8) 20.3 -> 17.7 ms;
  - the lone-surrogate search over the body skipped when it holds no backslash-u escape and
    no 0xED byte: 0.72 -> 0.26 ms;
  - the token look-up's autocommit engine made once (create_app), not per request: the
    look-up 0.9-1.1 -> 0.6-0.75 ms in the served receiver;
  - SQLite: the log checkpointed every 10,000 pages instead of 1,000 (store.WAL_PAGES). Each
    chunk dirties about a page per record in every random-key index, so past a few thousand
    records every commit ran a checkpoint, and commits grew from 4 to 35 ms over a 40,000-record
    run; in-process, interleaved at load 2.8: 14,754 / 15,378 -> 18,667 / 17,325 records/s.
    Every commit still syncs the log (synchronous=FULL).
  Measured and not kept:
  - COPY in binary format with explicit types (copy.set_types): 8.6-9.3 ms against 7.9-8.5 ms
    in text for 1,000 attendance rows into record_version (psycopg's binary dumping costs what
    the server's text parsing would save);
  - the key columns COLLATE "C" (no strcoll in the index comparisons): 8.0 vs 7.9-8.5 ms;
  - SQLite cache_size 64 MB: no gain (the commits grew, not page reads);
  - Python work done while PostgreSQL stores a COPY's rows (the rows' tail sent at once, then
    the current rows and the roll-ups' plan made before the COPY's end is awaited):
    in-process, interleaved at load 1.1-1.7, 24,853 / 24,235 / 26,056 / 25,145 / 24,574 /
    24,796 records/s without, 21,207 / 24,437 / 27,572 / 24,569 / 24,941 / 24,617 with: no
    gain to show for the extra structure;
  - on SQLite, a chunk's current rows inserted in record-id order (the primary key's pages
    visited in order): interleaved at load 2.6-2.8, 19,536 / 18,671 / 20,326 records/s without,
    18,482 / 19,460 / 22,351 with: no gain.
  What the indexes cost, a 1,000-row COPY into record_version at load ~1 (8.1 ms with all, ~3
  ms into a bare table): dropping ux_record_version saves 2.0 ms, ix_record_version_month 1.3,
  ix_record_version_pull 0.7, the pk 0.7; each has its reader (above), so all stay.
  Where a chunk goes now (PostgreSQL, in-process, pg_stat_statements, load ~2.8): the two
  COPYs ~8 ms each, the learner-year upsert ~3.5 ms, the session upsert ~2 ms, the twin probe
  ~1.9 ms, the current-state lookup ~1 ms; receiver CPU ~17.7 ms; HTTP, the token look-up and
  the client ~4-5 ms (client time minus the receiver's, per chunk).

2026-12-03 night (branch intake4): throughput falling as the county's tables grow within a run.
  Per chunk, in-process SQLite at 50,000 records (load 6.5; chunks 2-11 against the last ten):
  a chunk 40 -> 67-72 ms; the commit 5 -> 16-19 ms, the record_current insert 7.5 -> 15.5,
  record_version 4.2 -> 7.4, the current-state look-up 0.4 -> 2.2, the twin probe 1.2 -> 2.2;
  the roll-up upserts, seq runs, count_before, the chunk checks flat. At 50,000 records the file
  is ~12,000 pages, and three indexes take record ids or session-learner pairs in random order
  (ix_current_pair 958 pages, ux_record_version 651, record_current's key 561): a chunk dirties
  ~1,600 pages of them, growing toward ~3,000 (every leaf) as the county grows, against
  SQLite's 2 MB (500-page) cache: pages were spilled to the log mid-transaction and read back,
  and with the 10,000-page log a 30-50 ms checkpoint ran every 4-7 chunks.
  PostgreSQL does not grow per chunk (over HTTP, 50,000 records, ms a chunk per ten chunks at
  load 6-7: 67 58 50 50 51 / 59 56 53 55 59 / 66 58 58 63 57; shared_buffers holds the
  county): its first ten chunks are the slow ones (learners, persons, sessions).
  What changed (SQLite only):
  - the page cache raised to 64 MB for each chunk's transaction and set back after it
    (store.CHUNK_CACHE_KIB, ingest._chunk_cache; every pooled connection at 64 MB for good
    measured the same: 21,145 vs 21,145-22,187 records/s in-process, load 6.5);
  - the log checkpointed every 40,000 pages instead of 10,000 (store.WAL_PAGES; 160 MB of log):
    a checkpoint writes each index page once however many chunks rewrote it since the last.
  Together, in-process, 50,000 records, interleaved at load 6.3-6.9: 17,507 / 16,266 ->
  23,850 / 21,965 records/s; the cache alone 18,462 / 16,921, the long log alone 18,312 /
  18,520 (the cache keeps the spilled pages out of the log, the long log then dedupes them).
  Over HTTP, 50,000 records, ms a chunk per ten chunks at load 7: main 52 73 86 102 115 / 51 74
  85 101 112 (11,708 / 11,799 records/s) -> branch 52 56 61 78 72 / 49 58 64 83 88 (15,673 /
  14,621). Not gone: the commit still writes every dirtied index page (~10 us a page), so it
  still grows until every leaf of the random-key indexes is dirtied per chunk.
  python -m bench county_intake, main then branch back to back, 3 runs each:
    50,000 records, load 7.2:  SQLite main 14,697 (bare 193,238; 13.2x) -> branch 16,886
                               (bare 208,360; 12.3x); PostgreSQL main 15,768 (bare 168,946;
                               10.7x) -> branch 14,884 (bare 173,646; 11.7x: unchanged code,
                               the runs' spread 14,854-15,456)
    20,000 records, load 7.0:  SQLite main 19,135 (bare 200,100; 10.5x) -> branch 18,660 (bare
                               208,410; 11.2x); PostgreSQL main 16,700 (bare 193,370; 11.6x)
                               -> branch 18,164 (bare 160,009; 8.8x)
    50,000 records, SQLite only, branch then main, load 7.6-7.7: branch 16,860 (bare 202,680;
                               12.0x) -> main 13,625 (bare 198,401; 14.6x)
  The machine was at load 7 through all of these (other engineers' suites): the >= 20,000
  records/s at 50,000 is not shown here; the brief's quiet-machine figures were main PostgreSQL
  20,615 and SQLite 18,999 at load 0.9.
  Measured and not kept: page_size 1,024 and 2,048 for a new county (14,874 and 16,507 against
  19,792 records/s with 4,096: more checkpoints, deeper trees); mmap_size 256 MB (22,177
  against 19,681-23,897 without: inside the noise).
"""
from __future__ import annotations

import argparse
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx

from bench.common import load_note, median, report
from ccschool.county.server import free_port
from ccschool.sync import wire

ROOT = Path(__file__).resolve().parent.parent
CHUNK = 1000  # ccschool/sync/batching.py MAX_RECORDS: what a site sends per PUT
SITE, PERIOD = "BENCH1", "2024-05"


def _hex() -> str:
    return uuid.uuid4().hex


def month_records(n: int, rng: random.Random) -> list[dict]:
    """About n records: 4 % persons + learners, 2 % sessions, 1 % service, the rest attendance."""
    out, seq = [], 0

    def add(kind, data):
        nonlocal seq
        seq += 1
        rid = _hex()
        out.append({"seq": seq, "kind": kind, "id": rid, "version": 1_700_000_000_000 + seq,
                    "op": "upsert", "data": data})
        return rid

    learners = []
    for i in range(max(10, n // 50)):
        pid = add("person", {"name": f"学员{i}", "birth_date": f"19{rng.randint(40, 99)}-05-01",
                             "consent_upload": True, "erased_at": None})
        learners.append(add("learner", {"person_id": pid, "target_groups": "老年人"}))
    classes = [_hex() for _ in range(10)]
    sessions = []
    for i in range(max(5, n // 50)):
        day = f"{PERIOD}-{1 + i % 28:02d}"
        sessions.append((add("class_session", {"class_id": classes[i % 10], "date": day,
                                                "hours": 2.0, "state": "held"}), day))
        if i % 2 == 0:
            add("service_record", {"instructor_id": classes[0], "date": day, "hours": 2.0})
    while len(out) < n:
        sid, day = sessions[rng.randrange(len(sessions))]
        add("attendance", {"session_id": sid, "learner_id": learners[rng.randrange(len(learners))],
                           "session_date": day, "status": "present" if rng.random() < 0.9
                           else "late", "how": "scan"})
    return out


def chunk_bodies(records: list[dict]) -> tuple[str, list[bytes]]:
    batch_id, parts = _hex(), [records[i:i + CHUNK] for i in range(0, len(records), CHUNK)]
    return batch_id, [wire.encode_chunk({"schema_version": 1, "site": SITE, "batch_id": batch_id,
                                         "chunk": k, "chunks": len(parts), "period": PERIOD,
                                         "records": part})
                      for k, part in enumerate(parts)]


def serve(db: str) -> tuple[subprocess.Popen, str, str]:
    cli = [sys.executable, "-m", "ccschool.county.cli"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    token = subprocess.run(cli + ["add-site", SITE, "--name", "基准镇", "--db", db],
                           capture_output=True, text=True, env=env, check=True).stdout.strip()
    port = free_port()
    proc = subprocess.Popen(cli + ["serve", "--db", db, "--port", str(port)], env=env)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/api/v1/health").status_code == 200:
                return proc, url, token
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("the county receiver did not start")


def ours(db: str, batch_id: str, bodies: list[bytes], n: int) -> float:
    proc, url, token = serve(db)
    try:
        headers = {"Authorization": f"Bearer {token}", "Content-Encoding": "gzip",
                   "Content-Type": "application/json"}
        with httpx.Client(base_url=url, headers=headers, timeout=120) as client:
            t0 = time.perf_counter()
            accepted = 0
            for k, body in enumerate(bodies):
                r = client.put(f"/api/v1/batches/{batch_id}/chunks/{k}", content=body)
                r.raise_for_status()
                accepted += r.json()["summary"]["accepted"]
            seconds = time.perf_counter() - t0
        assert accepted == n, (accepted, n)
        return seconds
    finally:
        proc.terminate()
        proc.wait(30)


def _rows(records: list[dict], batch_id: str) -> list[tuple]:
    import json
    return [(r["id"], r["version"], SITE, r["kind"], r["op"], r["seq"], batch_id, PERIOD,
             json.dumps(r["data"], ensure_ascii=False, separators=(",", ":")), "2024-06-01")
            for r in records]


_COLS = ("record_id, version, site, kind, op, seq, batch_id, period, data, received_at")


def bare_sqlite(path: Path, rows: list[tuple]) -> float:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute(f"CREATE TABLE v ({_COLS})")
    t0 = time.perf_counter()
    for i in range(0, len(rows), CHUNK):
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO v VALUES (?,?,?,?,?,?,?,?,?,?)", rows[i:i + CHUNK])
        conn.execute("COMMIT")
    seconds = time.perf_counter() - t0
    conn.close()
    return seconds


def bare_postgresql(url: str, rows: list[tuple]) -> float:
    import psycopg
    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as conn:
        conn.execute("CREATE TABLE v (record_id text, version bigint, site text, kind text, "
                     "op text, seq bigint, batch_id text, period text, data text, "
                     "received_at text)")
        conn.commit()
        t0 = time.perf_counter()
        for i in range(0, len(rows), CHUNK):
            with conn.cursor() as cur, cur.copy(f"COPY v ({_COLS}) FROM STDIN") as copy:
                for row in rows[i:i + CHUNK]:
                    copy.write_row(row)
            conn.commit()
        return time.perf_counter() - t0


def run(kind: str, records, runs: int, work: Path, pg) -> None:
    n = len(records)
    mine, floor = [], []
    for k in range(runs):
        batch_id, bodies = chunk_bodies(records)
        db = pg.new_database() if pg else str(work / f"county{k}.db")
        mine.append(ours(db, batch_id, bodies, n))
        rows = _rows(records, batch_id)
        floor.append(bare_postgresql(pg.new_database(), rows) if pg
                     else bare_sqlite(work / f"bare{k}.db", rows))
    o, b = median(mine), median(floor)
    print(f"{kind}: ours {n / o:,.0f} records/s, bare {n / b:,.0f} records/s "
          f"(runs: {', '.join(f'{n / s:,.0f}' for s in mine)})", flush=True)
    report(f"county intake over HTTP, {n:,} records, {kind}", o, b,
           target="≥ 20,000 records/s")


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--records", type=int, default=50_000)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--only", choices=("sqlite", "postgresql"))
    args = p.parse_args(argv)
    records = month_records(args.records, random.Random(1))
    print(f"{len(records):,} records in {CHUNK}-record chunks; {load_note()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="ccschool-intake-") as work:
        if args.only != "postgresql":
            run("SQLite", records, args.runs, Path(work), None)
        if args.only != "sqlite":
            from tests.pgserver import PgServer, find_bindir
            bindir = find_bindir()
            if bindir is None:
                print("PostgreSQL is not installed; PostgreSQL not measured")
                return 0
            pg = PgServer(bindir, durable=True).start()
            try:
                run("PostgreSQL", records, args.runs, Path(work), pg)
            finally:
                pg.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
