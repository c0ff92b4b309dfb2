"""mypy (check_untyped_defs, settings in pyproject.toml) over the ccschool package.

Every module must type-check (the last "not yet clean" list was emptied in issue 21).
The first run builds .mypy_cache (~20 s of CPU); later runs take a few seconds."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_mypy_finds_nothing():
    done = subprocess.run([sys.executable, "-m", "mypy", "--no-error-summary"], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 0, f"mypy errors:\n{done.stdout}{done.stderr}"
