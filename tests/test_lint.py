"""Ruff over the whole repository, so the one test command also lints (settings in pyproject.toml)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_ruff_finds_nothing():
    done = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format",
                           "concise", str(ROOT)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, f"ruff findings (or `ruff check --fix`):\n{done.stdout}{done.stderr}"
