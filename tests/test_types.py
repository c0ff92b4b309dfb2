"""mypy (check_untyped_defs, settings in pyproject.toml) over the ccschool package.

Modules still listed under `ignore_errors` in pyproject are skipped; everything else must type-check.
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
