"""Phone sign-in over loopback: one sign-in's round trip, 200 phones at once, the desk meanwhile.

    python -m bench.bench_lan [--data-dir DIR] [--phones 200] [--rounds 3]

Without --data-dir a fresh site is made in a temporary folder; with it, the class, session and
learners are added to that database (use a copy of the big demo database for 100,000-learner
look-ups). In one run, side by side:

- sign-in round trip: the confirming POST (find the learner, check in, audit, commit, answer)
  against the bare floor: the same HTTP round trip to a handler that answers at once, plus the
  bare check-in statements and commit through sqlite3 (bench_checkin's bare_check_in);
- 200 phones pressing 是我，签到 at the same moment: time until the last is answered (target
  ≤ 10 s), every answer checked;
- the desk scanning (db.transaction + check_in in this process, as in the desktop app with its
  1 ms thread switching) during that storm: p99 (target ≤ 100 ms), against the desk alone.
"""
from __future__ import annotations

import argparse
import http.client
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import time as dtime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_checkin import bare_check_in, bare_connection  # noqa: E402
from bench.common import report  # noqa: E402
from ccschool.db import database_path, open_database  # noqa: E402
from ccschool.lan.server import LanServer  # noqa: E402
from ccschool.services.attendance.checkin import check_in  # noqa: E402
from ccschool.switching import share_interpreter_fairly  # noqa: E402
from tests.checkin.conftest import build_scene, started_minutes_ago  # noqa: E402
from tests.lan.conftest import Phone, field  # noqa: E402

SEQUENTIAL = 60


def ms(xs) -> float:
    return statistics.median(xs) * 1000


def p99(xs) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * 0.99))] * 1000


def new_site(folder: Path):
    from ccschool.services import site, staff

    db = open_database(folder)
    with db.transaction(actor="bench") as s:
        site.init_site(s, code="BENCH01", name="基准镇社区学校")
        staff.create_user(s, name="admin", password="bench-admin-1", role="admin")
    return db


def scene(db, count: int):
    names = [f"基准{i:05d}" for i in range(count)]
    start = started_minutes_ago(2) if started_minutes_ago(2) != dtime(0) else dtime(0)
    sc = build_scene(db, start=start, capacity=None, names=names, outsiders=())
    return sc, [sc.payloads[n] for n in names]


def prepare(phone: Phone, url: str, payload: str) -> dict:
    """Open the form and find the learner: what happens before the learner presses 是我."""
    ticket = field(phone.get(url)[1], "t")
    page = phone.post("/s/find", {"t": ticket, "card": payload.split(":")[2]})[1]
    return {"t": ticket, "l": field(page, "l"), "m": field(page, "m")}


def confirm(phone: Phone, form: dict) -> float:
    t0 = time.perf_counter()
    status, page, _ = phone.post("/s/confirm", form)
    took = time.perf_counter() - t0
    assert status == 200 and "签到成功" in page, page[-300:]
    return took


class _Trivial(BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = b"ok"
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *a):
        pass


class _Backlog(ThreadingHTTPServer):
    request_queue_size = 512  # as ccschool.lan.web.Server
    daemon_threads = True


def trivial_round_trip(n: int) -> list[float]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Trivial)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    out = []
    for _ in range(n):
        conn = http.client.HTTPConnection("127.0.0.1", httpd.server_address[1])
        t0 = time.perf_counter()
        conn.request("POST", "/s/confirm", body="t=1&l=2&m=3",
                     headers={"Content-Type": "application/x-www-form-urlencoded"})
        conn.getresponse().read()
        out.append(time.perf_counter() - t0)
        conn.close()
    httpd.shutdown()
    httpd.server_close()
    return out


def sequential(db) -> tuple[list[float], list[float]]:
    """Our sign-ins and the bare check-in statements, alternating (the disk's mood is shared)."""
    sc, payloads = scene(db, SEQUENTIAL)
    sc2, payloads2 = scene(db, SEQUENTIAL)
    conn = bare_connection(database_path(db.path.parent))
    times, bare = [], []
    with LanServer(db, sc.session_id, host="127.0.0.1", port=0) as server:
        for ours, theirs in zip(payloads, payloads2):
            phone = Phone(server.base_url)
            times.append(confirm(phone, prepare(phone, server.current().url, ours)))
            t0 = time.perf_counter()
            bare_check_in(conn, sc2.session_id, theirs)
            bare.append(time.perf_counter() - t0)
    conn.close()
    return times, bare


def trivial_storm(phones: int) -> float:
    """The bare floor of the storm: as many concurrent POSTs to a handler that answers at once."""
    httpd = _Backlog(("127.0.0.1", 0), _Trivial)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    barrier = threading.Barrier(phones + 1)

    def one():
        conn = http.client.HTTPConnection("127.0.0.1", httpd.server_address[1], timeout=60)
        barrier.wait()
        conn.request("POST", "/s/confirm", body="t=1",
                     headers={"Content-Type": "application/x-www-form-urlencoded"})
        conn.getresponse().read()
        conn.close()
    with ThreadPoolExecutor(phones) as pool:
        futures = [pool.submit(one) for _ in range(phones)]
        t0 = time.perf_counter()
        barrier.wait()
        for f in futures:
            f.result()
        took = time.perf_counter() - t0
    httpd.shutdown()
    httpd.server_close()
    return took


def desk_scans(db, session_id: str, payloads: list[str], stop: threading.Event) -> list[float]:
    out = []
    for payload in payloads:
        if stop.is_set():
            break
        t0 = time.perf_counter()
        with db.transaction(actor="desk") as s:
            r = check_in(s, session_id=session_id, payload=payload)
        out.append(time.perf_counter() - t0)
        assert r.outcome == "ok", r.message
        time.sleep(0.005)  # a scanner, not a loop: a card every few milliseconds at most
    return out


def storm(db, phones: int) -> tuple[float, list[float]]:
    """(seconds until the last of `phones` confirmations was answered, desk scan times)."""
    sc, payloads = scene(db, phones + 400)
    ours, desk_cards = payloads[:phones], payloads[phones:]
    with LanServer(db, sc.session_id, host="127.0.0.1", port=0) as server, \
            ThreadPoolExecutor(phones) as pool:
        url = server.current().url
        clients = [Phone(server.base_url) for _ in ours]
        forms = list(pool.map(prepare, clients, [url] * phones, ours))
        barrier = threading.Barrier(phones + 1)

        def press(phone, form):
            barrier.wait()
            return confirm(phone, form)
        futures = [pool.submit(press, p, f) for p, f in zip(clients, forms)]
        stop = threading.Event()
        desk = ThreadPoolExecutor(1).submit(desk_scans, db, sc.session_id, desk_cards, stop)
        t0 = time.perf_counter()
        barrier.wait()
        for f in futures:
            f.result()
        took = time.perf_counter() - t0
        stop.set()
        return took, desk.result()


def desk_alone(db, n: int = 100) -> list[float]:
    sc, payloads = scene(db, n)
    return desk_scans(db, sc.session_id, payloads, threading.Event())


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", type=Path)
    ap.add_argument("--phones", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)
    share_interpreter_fairly()  # as the desktop app does
    tmp = tempfile.TemporaryDirectory(prefix="bench-lan-")
    db = open_database(args.data_dir) if args.data_dir else new_site(Path(tmp.name))
    times, bare_sql = sequential(db)
    trivial = trivial_round_trip(SEQUENTIAL)
    floor = ms(trivial) + ms(bare_sql)
    report("phone sign-in round trip (median)", ms(times), floor, "ms", "≤ 50 ms")
    print(f"{'':<48} floor = bare HTTP {ms(trivial):.3g} ms + bare check-in SQL "
          f"{ms(bare_sql):.3g} ms", flush=True)
    alone = desk_alone(db)
    storms, during = [], []
    for _ in range(args.rounds):
        took, desk = storm(db, args.phones)
        storms.append(took)
        during.extend(desk)
    floor_storm = trivial_storm(args.phones) + args.phones * ms(bare_sql) / 1000
    report(f"{args.phones} phones at once, until the last answer (median of "
           f"{args.rounds})", statistics.median(storms), floor_storm, "s", "≤ 10 s")
    print(f"{'':<48} floor = {args.phones} concurrent bare HTTP POSTs + {args.phones} bare "
          "check-in commits in a row", flush=True)
    report(f"desk scan p99 during the storm ({len(during)} scans)", p99(during), p99(alone),
           "ms", "≤ 100 ms")
    print(f"{'':<48} floor = desk scan p99 with no phones; median during {ms(during):.3g} ms",
          flush=True)
    db.close()
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
