"""Text safe to put in a spreadsheet cell (used by ccschool.exports.table, our one xlsx writer).

Cells a spreadsheet would run as formulas (=, +, -, @) get a leading apostrophe; characters
openpyxl refuses are dropped, and text longer than Excel's limit is cut so WPS opens the file.
"""
from __future__ import annotations

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

_FORMULA_START = ("=", "+", "-", "@")
MAX_CELL = 32767  # Excel's limit; longer text is cut so WPS opens the file


def safe_cell(value) -> str:
    if value is None:
        return ""
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))[:MAX_CELL]
    return "'" + text if text.startswith(_FORMULA_START) else text
