"""Start-up: process start → main window shown (with today's data) vs the bare floor.

The floor is a process that imports PySide6 and sqlmodel, opens the same SQLite file, runs a
query and shows a bare QMainWindow (MACHINE-NOTES: ≈0.25 s + ≈0.5 s). Ours is
`python -m ccschool gui --exit-after-startup` on a demo database: migrations check, settings,
translators, fonts, style, login skipped, main window with navigation, the first page and the
status bar's counts (today's sign-ins, pending uploads). Both run offscreen, alternated, median
of 5; target ratio ≤ 1.5.

    python bench/bench_startup.py [--runs 5] [--learners 300 | --data-dir BIG]
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# sqlmodel before PySide6: the cheaper order (PySide6's import hook inspects every module
# imported after it), so the floor is the best a bare process can do.
BARE = """
import sys
import sqlmodel
from sqlalchemy import text
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
engine = sqlmodel.create_engine("sqlite:///" + sys.argv[1])
with engine.connect() as conn:
    n = conn.execute(text("select count(*) from attendance")).scalar()
app = QApplication(sys.argv)
window = QMainWindow()
window.setCentralWidget(QLabel(str(n)))
window.show()
app.processEvents()
"""


def timed(cmd: list[str], env: dict) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child): CPU time is steadier on a loaded machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def prepare(data_dir: Path, learners: int, env: dict) -> None:
    subprocess.run([sys.executable, "-m", "ccschool", "demo", "--learners", str(learners),
                    "--data-dir", str(data_dir)], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    # one warm-up of each so both start from a warm disk cache
    subprocess.run([sys.executable, "-m", "ccschool", "gui", "--exit-after-startup",
                    "--data-dir", str(data_dir)], cwd=ROOT, env=env, check=True,
                   capture_output=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--learners", type=int, default=300)
    parser.add_argument("--data-dir", help="an existing data folder (e.g. a 100,000-learner "
                        "demo) instead of a new demo with --learners")
    args = parser.parse_args()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    env.pop("CCSCHOOL_LANG", None)
    # An installed app runs from compiled bytecode (pip and the bundle precompile); a shell with
    # PYTHONDONTWRITEBYTECODE=1 would make ours recompile ~60 modules from source on every start.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "ccschool")], env=env,
                   check=True)
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(args.data_dir) if args.data_dir else Path(tmp) / "data"
        if not args.data_dir:
            prepare(data_dir, args.learners, env)
        bare_cmd = [sys.executable, "-c", BARE, str(data_dir / "ccschool.db")]
        ours_cmd = [sys.executable, "-m", "ccschool", "gui", "--exit-after-startup",
                    "--data-dir", str(data_dir)]
        timed(bare_cmd, env)
        bare, ours = [], []
        for _ in range(args.runs):
            bare.append(timed(bare_cmd, env))
            ours.append(timed(ours_cmd, env))
    for what, i in (("wall", 0), ("CPU", 1)):
        b, o = (statistics.median(r[i] for r in runs) for runs in (bare, ours))
        print(f"{what:>4}: bare PySide6 window + sqlmodel + SQLite open: median {b:.3f} s  "
              f"(runs {', '.join(f'{r[i]:.2f}' for r in bare)})")
        print(f"{what:>4}: ccschool main window with today's data:       median {o:.3f} s  "
              f"(runs {', '.join(f'{r[i]:.2f}' for r in ours)})")
        print(f"{what:>4}: ratio {o / b:.2f}× (target ≤ 1.5×)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
