"""Run every benchmark: `python -m bench [name ...]`.

Each bench/bench_<name>.py runs as its own process (so one's imports do not warm another's
start-up) with CCSCHOOL_BENCH_DIR pointing at the shared large demo database.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bench.common import ROOT, big_data_dir


def main(argv: list[str]) -> int:
    # options after the names go to each bench: `python -m bench desk --scans 30`
    first_option = next((i for i, a in enumerate(argv) if a.startswith("-")), len(argv))
    names, options = argv[:first_option], argv[first_option:]
    names = names or sorted(p.stem[6:] for p in Path(__file__).parent.glob("bench_*.py"))
    env = {**os.environ, "CCSCHOOL_BENCH_DIR": str(big_data_dir()), "PYTHONPATH": str(ROOT),
           "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    failed = 0
    for name in names:
        print(f"\n== {name} ==", flush=True)
        failed += subprocess.run([sys.executable, "-m", f"bench.bench_{name}", *options], cwd=ROOT,
                                 env=env).returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
