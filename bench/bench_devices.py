"""Devices benchmark: the first full sync of a site to a new laptop, and one day's increment.

Prints, side by side in one run:
  - first full sync (write the bundle on device 1, apply it on a freshly joined device 2) vs the
    bare floor: the same rows of the same tables copied with plain sqlite3 executemany into an
    empty database of the same schema (target: <= 3x, <= 60 s for 20,000 learners, 12 months);
  - an incremental sync of one day's changes (a day of check-ins and new learners) (target
    <= 2 s);
  - the peak memory of the process (the bundle streams; the site is never held in RAM).

    python -m bench.bench_devices [--learners 20000] [--months 12]

The site is built with `ccschool demo` once per size under bench/.data/devices-<n>-<m>.
"""
from __future__ import annotations

import argparse
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import report  # noqa: E402
from ccschool.db import open_database  # noqa: E402
from ccschool.services.devices import add_device, join  # noqa: E402
from ccschool.sync.devicesync import apply_bundle, digest, write_bundle  # noqa: E402
from ccschool.sync.merge import MODELS, ORDER  # noqa: E402


def site(learners: int, months: int) -> Path:
    path = ROOT / "bench" / ".data" / f"devices-{learners}-{months}"
    if not (path / "ccschool.db").exists():
        print(f"building a {learners}-learner, {months}-month site in {path} …", flush=True)
        subprocess.run([sys.executable, "-m", "ccschool", "demo", "--data-dir", str(path),
                        "--learners", str(learners), "--months", str(months)], cwd=ROOT,
                       check=True)
    return path


def fresh_device(src: Path, work: Path, name: str) -> Path:
    a = open_database(src)
    with a.transaction(actor="bench") as s:
        made = add_device(s, out=work / f"{name}.ccsjoin")
    a.close()
    dest = work / name
    b = open_database(dest)
    with b.transaction(actor="bench") as s:
        join(s, data=Path(made["file"]).read_bytes(), code=made["code"])
    b.close()
    return dest


def full_sync(src: Path, dest: Path, work: Path) -> tuple[float, int]:
    t0 = time.perf_counter()
    a = open_database(src)
    out = write_bundle(a, work / "full.ccssync", cutoffs={})
    a.close()
    b = open_database(dest)
    apply_bundle(b, work / "full.ccssync")
    b.close()
    return time.perf_counter() - t0, out["records"]


def bare_copy(src: Path, work: Path) -> float:
    """The floor: the same tables' rows read and inserted with nothing else, one transaction."""
    empty = work / "bare"
    open_database(empty).close()
    t0 = time.perf_counter()
    s = sqlite3.connect(src / "ccschool.db")
    d = sqlite3.connect(empty / "ccschool.db", isolation_level=None)
    d.execute("PRAGMA synchronous=FULL")
    d.execute("PRAGMA foreign_keys=OFF")
    d.execute("BEGIN")
    for kind in ORDER:
        table = MODELS[kind].__tablename__
        d.execute(f"DELETE FROM {table}")
        cur = s.execute(f"SELECT * FROM {table}")
        cols = ", ".join(c[0] for c in cur.description)
        marks = ", ".join("?" * len(cur.description))
        while rows := cur.fetchmany(5000):
            d.executemany(f"INSERT INTO {table} ({cols}) VALUES ({marks})", rows)
    d.execute("COMMIT")
    s.close()
    d.close()
    return time.perf_counter() - t0


def one_day(src: Path, day_learners: int = 50) -> None:
    """A day's work on device 1: new learners and their cards."""
    from ccschool.services import learners

    a = open_database(src)
    with a.transaction(actor="bench") as s:
        for i in range(day_learners):
            learners.create_learner(s, name=f"测试{i}", phone=f"139{i:08d}")
    a.close()


def incremental(src: Path, dest: Path, work: Path) -> float:
    """As over the LAN: device 2 says what it holds, device 1 sends what it lacks."""
    from ccschool.sync.devicesync import own_knowledge

    t0 = time.perf_counter()
    b = open_database(dest)
    with b.read() as s:
        knows = own_knowledge(s)
    b.close()
    a = open_database(src)
    write_bundle(a, work / "day.ccssync", cutoffs=knows)
    a.close()
    b = open_database(dest)
    apply_bundle(b, work / "day.ccssync")
    b.close()
    return time.perf_counter() - t0


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--learners", type=int, default=20000)
    p.add_argument("--months", type=int, default=12)
    args = p.parse_args()
    base = site(args.learners, args.months)
    with tempfile.TemporaryDirectory(prefix="bench-devices-") as tmp:
        work = Path(tmp)
        src = work / "a"
        shutil.copytree(base, src)
        dest = fresh_device(src, work, "b")
        ours, records = full_sync(src, dest, work)
        bare = bare_copy(src, work)
        report(f"first full sync, {records} records", ours, bare, target="<= 3x, <= 60 s")
        one_day(src)
        report("incremental sync, one day's changes", incremental(src, dest, work),
               target="<= 2 s")
        a, b = open_database(src), open_database(dest)
        with a.read() as s1, b.read() as s2:
            same = digest(s1) == digest(s2)
        a.close()
        b.close()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"devices agree after sync: {same}; peak memory {peak:.0f} MB", flush=True)
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
