"""Helpers for the export tests: read a workbook back, convert it with LibreOffice."""
from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest


def libreoffice_rows(xlsx: Path, outdir: Path) -> list[list[str]]:
    """The file as LibreOffice reads it (headless, converted to UTF-8 CSV)."""
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice (soffice) is not installed")
    outdir.mkdir(exist_ok=True)
    # 44,34,76: comma-separated, double-quoted, UTF-8; a private profile keeps runs independent
    subprocess.run(["soffice", f"-env:UserInstallation=file://{outdir / 'profile'}", "--headless",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir",
                    str(outdir), str(xlsx)], check=True, capture_output=True, timeout=120)
    with open(outdir / (xlsx.stem + ".csv"), encoding="utf-8", newline="") as f:
        return list(csv.reader(f))
