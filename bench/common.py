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
