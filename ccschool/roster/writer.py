"""The roster error workbook that staff fix and re-import (written by ccschool.exports.table).

The bad rows go out as they were typed: IDs and phones as text cells (a number would lose
digits or its leading zeros), text that looks like a formula escaped with a leading '.
"""
from __future__ import annotations

from pathlib import Path

from ccschool.exports.table import write_table
from ccschool.i18n import L
from ccschool.roster.model import Roster


def error_workbook_path(source: str | Path) -> Path:
    """花名册.xlsx -> 花名册_错误行.xlsx next to it."""
    source = Path(source)
    return source.with_name(source.stem + L("_错误行", "_errors") + ".xlsx")


def write_error_workbook(roster: Roster, out: str | Path | None = None) -> Path | None:
    """The rows that were not imported, as typed, plus a column saying what is wrong.

    Returns the path written, or None when every row was fine. The original Excel row number
    goes in the first column so staff can find the row in their own file.
    """
    bad = [r for r in roster.rows if not r.ok]
    if not bad:
        return None
    out = Path(out) if out else error_workbook_path(roster.path)
    width = max(len(roster.header), *(len(r.raw) for r in bad))
    header = [L("原行号", "Row")] + [_text(h) for h in _pad(roster.header, width)] + [L("错误", "Problems")]
    rows = ([r.row] + [_as_text(v) for v in _pad(r.raw, width)]
            + ["；".join(p.message for p in r.problems if p.kind == "error")] for r in bad)
    write_table(out, title=L("错误行", "Errors"), headers=header, rows=rows, heading=False,
                widths={width + 1: 60}, numbers_from_text=False)
    return out


def _pad(cells: tuple, width: int) -> list:
    return list(cells) + [None] * (width - len(cells))


def _text(v) -> str:
    return "" if v is None else str(v)


def _as_text(v):
    """Keep what was typed, but never re-create a lossy number out of an ID or phone column."""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if isinstance(v, int) and not isinstance(v, bool) and abs(v) >= 10**9:
        return str(v)
    return v
