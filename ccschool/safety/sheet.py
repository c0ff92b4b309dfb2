"""A small, safe xlsx writer for the audit log and the privacy export.

Cells a spreadsheet would run as formulas (=, +, -, @) get a leading apostrophe, and every
value is written as text so ID numbers and phones keep their digits in WPS and Excel.
(The roster writer on the learners branch does the same for rosters.)
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from ccschool.fileio import atomic_path

_FORMULA_START = ("=", "+", "-", "@")
MAX_CELL = 32767  # Excel's limit; longer text is cut so WPS opens the file


def safe_cell(value) -> str:
    if value is None:
        return ""
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))[:MAX_CELL]
    return "'" + text if text.startswith(_FORMULA_START) else text


def write_sheet(out: str | Path, title: str, headers: list[str],
                rows: Iterable[Iterable]) -> int:
    """Write one sheet atomically; return the number of data rows."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title[:31])
    ws.append(headers)
    n = 0
    for row in rows:
        ws.append([safe_cell(v) for v in row])
        n += 1
    with atomic_path(out) as tmp:
        wb.save(tmp)
    return n
