"""Write rosters to xlsx: exports and the error workbook that staff fix and re-import.

IDs and phones go out as text cells (a number would lose digits or its leading zeros); any cell
starting with = + - @ is prefixed with ' so WPS and Excel show it instead of running it.
"""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Iterable

from ccschool.fileio import atomic_path
from ccschool.i18n import L
from ccschool.roster.model import Roster

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A value for a cell: text that could start a formula is escaped; dates and numbers pass."""
    if value is None or isinstance(value, (bool, int, float, date, datetime)):
        return value
    s = str(value)
    return "'" + s if s.startswith(FORMULA_START) else s


def write_table(out: str | Path, header: list[str], rows: Iterable[Iterable], *,
                title: str = "Sheet", widths: dict[int, int] | None = None) -> Path:
    """Write one sheet atomically in openpyxl's write-only mode (fast for 100,000 rows)."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet(title)
    for i, width in (widths or {}).items():
        ws.column_dimensions[_letter(i)].width = width
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    head = []
    for h in header:
        cell = WriteOnlyCell(ws, value=safe_cell(h))
        cell.font = bold
        head.append(cell)
    ws.append(head)
    for row in rows:
        ws.append([_cell(ws, v) for v in row])
    with atomic_path(out) as tmp:
        wb.save(tmp)
    return Path(out)


def _cell(ws, value):
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, (date, datetime)):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    return safe_cell(value)


def _letter(i: int) -> str:
    from openpyxl.utils import get_column_letter
    return get_column_letter(i + 1)


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
    return write_table(out, header, rows, title=L("错误行", "Errors"), widths={width + 1: 60})


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
