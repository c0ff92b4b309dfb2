"""Upload benchmark: a 50,000-record township month to the reference receiver over loopback.

Prints (median of 5 runs, each into a fresh county database served by a separate process):
  - bytes on the wire (both directions, counted by a TCP relay) vs gzip -6 of the minimal JSON
    of the same records sent in one piece (target: <= 1.2x);
  - records/s into the SQLite receiver (target: >= 2,000/s), next to two bare floors measured
    in the same run: the same gzip bodies PUT to a server that only reads them, and the same
    rows stored in SQLite with nothing else.

    python bench/bench_sync.py [--records 50000] [--runs 5] [--postgres]

--postgres puts each run's county database on a private PostgreSQL server (tests/pgserver.py;
needs the Debian postgresql package and psycopg) instead of a SQLite file.
"""
from __future__ import annotations

import argparse
import gzip
import http.server
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, datetime, time as dtime, timezone
from pathlib import Path

import httpx
from sqlalchemy import insert, select, update

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ccschool.sync import changes  # noqa: E402
from ccschool.county.server import free_port  # noqa: E402
from ccschool.db import open_database  # noqa: E402
from ccschool.models import (Attendance, ClassSession, CourseClass, Learner, OutboxEntry,  # noqa: E402
                             Person, UploadBatch, UploadChunk, Venue, new_id)
from ccschool.services import site as site_svc  # noqa: E402
from ccschool.sync import batching, wire  # noqa: E402
from ccschool.sync.setup import configure  # noqa: E402
from ccschool.sync.uploader import push, transport_for_site  # noqa: E402

PERIOD = date.today().strftime("%Y-%m")
DAY = date.today().replace(day=1)


def build_site(data_dir: Path, n_records: int):
    """A site whose month holds n_records: people, learners, sessions and attendance."""
    db = open_database(data_dir)
    now = datetime.now(timezone.utc)
    base = {"created_at": now, "updated_at": now, "version": 1, "deleted_at": None}
    learners_n, sessions_n = n_records // 25, n_records // 250
    venue = {**base, "id": new_id(), "name": "文化礼堂", "kind": "culture_hall"}
    klass = {**base, "id": new_id(), "course_name": "智能手机入门", "theme": "老年智慧生活",
             "target_groups": "老年人", "hours_per_session": 2.0, "min_attendance_rate": 0.8,
             "online": False, "venue_id": venue["id"]}
    people = [{**base, "id": new_id(), "name": f"张{i}", "gender": "男女"[i % 2],
               "birth_date": date(1950 + i % 40, 1 + i % 12, 1 + i % 28), "village": "七里村",
               "phone": f"138{i:08d}", "consent_upload": i % 3 != 0,
               "pinyin_initials": "z", "pinyin_full": "zhang"} for i in range(learners_n)]
    learners = [{**base, "id": new_id(), "person_id": p["id"], "card_no": f"A{i:06d}",
                 "card_state": "active", "target_groups": "老年人", "registered_on": DAY}
                for i, p in enumerate(people)]
    sessions = [{**base, "id": new_id(), "class_id": klass["id"], "date": DAY,
                 "start_time": dtime(9), "end_time": dtime(11), "hours": 2.0, "state": "held"}
                for _ in range(sessions_n)]
    left = n_records - 2 - 2 * learners_n - sessions_n
    attendance = [{**base, "id": new_id(),
                   "session_id": sessions[(i // learners_n) % sessions_n]["id"],
                   "learner_id": learners[i % learners_n]["id"], "session_date": DAY,
                   "status": "present" if i % 9 else "late", "method": "scan", "at": now,
                   "by_user": "admin"} for i in range(left)]
    with db.transaction(actor="bench") as s:
        site_svc.init_site(s, code="BENCH1", name="基准镇社区学校")
        s.flush()
        for model, rows in ((Venue, [venue]), (CourseClass, [klass]), (Person, people),
                            (Learner, learners), (ClassSession, sessions), (Attendance, attendance)):
            s.execute(insert(model), rows)
            s.execute(insert(OutboxEntry), changes.outbox_rows_for(model.__sync_kind__, rows))
    return db


class CountingRelay:
    """A TCP relay that counts every byte in both directions: 'bytes on the wire'."""

    def __init__(self, upstream_port: int) -> None:
        self.upstream, self.sent, self.received = upstream_port, 0, 0
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            client, _ = self.sock.accept()
            server = socket.create_connection(("127.0.0.1", self.upstream))
            threading.Thread(target=self._pipe, args=(client, server, "sent"), daemon=True).start()
            threading.Thread(target=self._pipe, args=(server, client, "received"), daemon=True).start()

    def _pipe(self, src, dst, counter) -> None:
        try:
            while data := src.recv(65536):
                with self._lock:
                    setattr(self, counter, getattr(self, counter) + len(data))
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


def start_county(db_path: Path | str, token_out: list) -> tuple[subprocess.Popen, int]:
    cli = [sys.executable, "-m", "ccschool.county.cli"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    token = subprocess.run(cli + ["add-site", "BENCH1", "--name", "基准镇", "--db", str(db_path)],
                           capture_output=True, text=True, env=env, check=True).stdout.strip()
    token_out.append(token)
    port = free_port()
    proc = subprocess.Popen(cli + ["serve", "--db", str(db_path), "--port", str(port)], env=env)
    for _ in range(200):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/health").status_code == 200:
                return proc, port
        except httpx.HTTPError:
            time.sleep(0.05)
    raise RuntimeError("county did not start")


def reset_sent(db) -> None:
    with db.transaction(actor="bench") as s:
        s.execute(update(UploadChunk).values(acked_at=None))
        s.execute(update(UploadBatch).values(state="pending", sent_at=None))
        s.execute(update(OutboxEntry.__table__).values(result=None, result_reason=None))


def one_upload(db, work: Path, run: int, pg=None) -> dict:
    tokens: list = []
    proc, port = start_county(pg.new_database() if pg else work / f"county{run}.db", tokens)
    try:
        relay = CountingRelay(port)
        with db.transaction(actor="bench") as s:
            configure(s, url=f"http://127.0.0.1:{relay.port}", token=tokens[0])
        reset_sent(db)
        transport = transport_for_site(db)
        started = time.perf_counter()
        result = push(db, transport)
        seconds = time.perf_counter() - started
        transport.close()
        assert result.remaining_batches == 0 and result.error is None, result
        return {"seconds": seconds, "records": result.accepted, "wire": relay.sent + relay.received,
                "up": relay.sent, "down": relay.received}
    finally:
        proc.terminate()
        proc.wait(10)


def minimal_gzip(db) -> int:
    """gzip -6 of the same records as one compact JSON array: the floor for bytes on the wire."""
    with db.read() as s:
        rows = s.execute(select(OutboxEntry.kind, OutboxEntry.record_id, OutboxEntry.version,
                                OutboxEntry.payload).order_by(OutboxEntry.seq)).all()
    records = [{"kind": k, "id": i, "version": v, **json.loads(p)} for k, i, v, p in rows]
    return len(gzip.compress(json.dumps(records, ensure_ascii=False,
                                        separators=(",", ":")).encode(), 6))


class _Sink(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_PUT(self):  # noqa: N802 - http.server's naming
        self.rfile.read(int(self.headers["Content-Length"]))
        # One write: status line, headers and body apart would meet Nagle + delayed ACK (40 ms).
        self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}")

    def log_message(self, *args):
        pass


def bare_floor(db) -> float:
    """Seconds to PUT the same gzip chunk bodies to a server that only reads them."""
    with db.read() as s:
        batches = list(s.scalars(select(UploadBatch)))
        bodies = []
        for b in batches:
            chunks = list(s.scalars(select(UploadChunk).where(UploadChunk.batch_id == b.id)))
            bodies += [wire.encode_chunk(batching.chunk_envelope(s, b, c, len(chunks)))
                       for c in chunks]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Sink)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/x"
    with httpx.Client() as client:
        started = time.perf_counter()
        for body in bodies:
            client.put(url, content=body, headers={"Content-Encoding": "gzip"})
        seconds = time.perf_counter() - started
    server.shutdown()
    return seconds


def sqlite_floor(db, work: Path, per_commit: int = 1000) -> float:
    """Seconds to store the same records as bare rows in SQLite (WAL, synchronous=FULL), one
    executemany and one commit per chunk: what the receiver's storage costs without anything
    else (no HTTP, no JSON, no checks, one index)."""
    import sqlite3
    with db.read() as s:
        rows = s.execute(select(OutboxEntry.record_id, OutboxEntry.version, OutboxEntry.payload)
                         .order_by(OutboxEntry.seq)).all()
    conn = sqlite3.connect(work / f"floor{time.perf_counter_ns()}.db")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE r (id TEXT, version INT, data TEXT, PRIMARY KEY (id, version))")
    started = time.perf_counter()
    for i in range(0, len(rows), per_commit):
        conn.executemany("INSERT INTO r VALUES (?, ?, ?)", rows[i:i + per_commit])
        conn.commit()
    seconds = time.perf_counter() - started
    conn.close()
    return seconds


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=50_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--postgres", action="store_true", help="county on a private PostgreSQL")
    args = ap.parse_args()
    pg = None
    if args.postgres:
        from tests.pgserver import PgServer, find_bindir

        pg = PgServer(find_bindir(), durable=True).start()
    try:
        _run(args, pg)
    finally:
        if pg:
            pg.stop()


def _run(args, pg) -> None:
    with tempfile.TemporaryDirectory(prefix="bench_sync_") as tmp:
        work = Path(tmp)
        t0 = time.perf_counter()
        db = build_site(work / "site", args.records)
        with db.transaction(actor="bench") as s:
            t1 = time.perf_counter()
            [batch] = batching.close_month(s, period=PERIOD)
        close_s = time.perf_counter() - t1
        print(f"site built in {t1 - t0:.1f} s; month close of {batch.record_count} records "
              f"in {close_s:.2f} s")
        runs = [one_upload(db, work, i, pg) for i in range(args.runs)]
        print(f"county database: {'PostgreSQL ' + pg.url() if pg else 'SQLite file'}")
        floors = [bare_floor(db) for _ in range(args.runs)]
        stores = [sqlite_floor(db, work) for _ in range(args.runs)]
        report(runs, floors, stores, minimal_gzip(db))


def report(runs: list[dict], floors: list[float], stores: list[float], floor_bytes: int) -> None:
    secs = statistics.median(r["seconds"] for r in runs)
    n = runs[0]["records"]
    wire_bytes = statistics.median(r["wire"] for r in runs)
    floor = statistics.median(floors)
    print(f"records sent                 {n}")
    print(f"bytes on the wire (up+down)  {wire_bytes:,.0f}  (up {runs[0]['up']:,}, "
          f"down {runs[0]['down']:,})")
    print(f"gzip -6 of minimal JSON      {floor_bytes:,}")
    print(f"wire / minimal gzip          {wire_bytes / floor_bytes:.3f}x   (target <= 1.2x)")
    print(f"upload time (median of {len(runs)})   {secs:.2f} s  -> {n / secs:,.0f} records/s "
          f"(target >= 2,000/s)")
    print(f"bare floor: same bodies PUT to a reading-only server  {floor:.2f} s -> "
          f"{n / floor:,.0f} records/s; ratio {secs / floor:.1f}x")
    store = statistics.median(stores)
    print(f"bare floor: same rows into SQLite, executemany + commit per 1,000  {store:.2f} s -> "
          f"{n / store:,.0f} records/s; ratio {secs / store:.1f}x")


if __name__ == "__main__":
    main()
