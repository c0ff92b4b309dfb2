"""Shared pieces of the benchmarks: the large demo database, medians, printing ratios."""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIG_LEARNERS, BIG_MONTHS = 100_000, 12


def big_data_dir() -> Path:
    """The large demo database (100,000 learners, 12 months), built once and reused.

    CCSCHOOL_BENCH_DIR points at an existing one; otherwise bench/.data/big is built.
    Benchmarks that write must work on a copy (`copy_of_big`).
    """
    chosen = os.environ.get("CCSCHOOL_BENCH_DIR")
    path = Path(chosen) if chosen else ROOT / "bench" / ".data" / "big"
    if not (path / "ccschool.db").exists():
        path.mkdir(parents=True, exist_ok=True)
        print(f"building the large demo database in {path} …", flush=True)
        subprocess.run([sys.executable, "-m", "ccschool", "demo", "--data-dir", str(path),
                        "--learners", str(BIG_LEARNERS), "--months", str(BIG_MONTHS)],
                       cwd=ROOT, check=True)
    return path


def work_dir(name: str) -> Path:
    """A benchmark's own folder beside the large demo database (e.g. its private copy), so
    CCSCHOOL_BENCH_DIR=/some/cache/big keeps everything a bench builds out of the repo."""
    return big_data_dir().parent / name


def load_note() -> str:
    """The machine's load, printed with the figures: on a shared 2-core machine it explains
    wall times (CPU times move much less)."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min) / {five:.1f} (5 min) on {os.cpu_count()} CPUs"


def interleaved(fns: dict, rounds: int) -> dict[str, tuple[float, float]]:
    """{name: (median wall, median CPU seconds)}, running one of each per round so load that
    comes and goes falls on every contender alike."""
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in fns}
    for _ in range(rounds):
        for name, fn in fns.items():
            wall, cpu = time.perf_counter(), time.process_time()
            fn()
            samples[name].append((time.perf_counter() - wall, time.process_time() - cpu))
    return {name: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v))
            for name, v in samples.items()}


def copy_of_big(dest: Path) -> Path:
    """A private copy (SQLite backup API, so a WAL database copies consistently)."""
    import sqlite3

    dest.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(big_data_dir() / "ccschool.db")
    dst = sqlite3.connect(dest / "ccschool.db")
    src.backup(dst)
    dst.execute("PRAGMA journal_mode=WAL")
    src.close()
    dst.close()
    return dest


def timed(fn, repeat: int = 5) -> list[float]:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def median(xs) -> float:
    return statistics.median(xs)


def report(name: str, ours: float, bare: float | None = None, unit: str = "s",
           target: str = "") -> None:
    line = f"{name:<48} {ours:>10.4g} {unit}"
    if bare:
        line += f"   bare {bare:.4g} {unit}   ratio {ours / bare:.2f}×"
    if target:
        line += f"   (target {target})"
    print(line, flush=True)


def clean(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
