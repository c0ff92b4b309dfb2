"""One table (a title, column headers, rows of shown values) as an .xlsx file.

Every table on screen is exported through here, so all of them escape the same way: text that
a spreadsheet would run as a formula (= + - @) gets the leading apostrophe of
`ccschool.safety.sheet.safe_cell`, which also drops control characters openpyxl refuses.
Values stay text cells, so ID numbers, phones and card numbers keep every digit; only short
plain numbers (counts, hours) become number cells, so a coordinator can sum a column in WPS.
The file is written atomically: a failure leaves no file and no half-written workbook.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Sequence

from ccschool.fileio import atomic_path
from ccschool.safety.sheet import safe_cell

# At most six digits before the point: longer digit strings are IDs, phones or record numbers,
# and a leading zero would be lost, so those stay text.
_SHORT_NUMBER = re.compile(r"-?(0|[1-9]\d{0,5})(\.\d{1,4})?")
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")
MAX_WIDTH = 60


def sheet_name(title: str) -> str:
    """Excel allows 31 characters and none of []:*?/\\ in a sheet name."""
    return (" ".join(_SHEET_NAME_BAD.sub(" ", title).split()) or "Sheet")[:31]


def cell_value(value):
    """What goes in a cell: numbers as numbers, short plain numbers as numbers, else safe text."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return safe_cell(value)
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, str) and _SHORT_NUMBER.fullmatch(value):
        return float(value) if "." in value else int(value)  # -3 is a number, not a formula
    return safe_cell(value)


def _width(text: str) -> int:
    # a Chinese character is about two Latin ones wide in WPS and LibreOffice
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def column_widths(headers: Sequence[str], rows: Sequence[Sequence]) -> list[int]:
    widths = [_width(str(h)) for h in headers]
    for row in rows[:500]:  # a sample is enough to size the columns
        for j, value in enumerate(row[:len(widths)]):
            widths[j] = max(widths[j], _width("" if value is None else str(value)))
    return [min(MAX_WIDTH, w + 2) for w in widths]


def write_table(out: str | Path, *, title: str, headers: Sequence[str],
                rows: Sequence[Sequence]) -> int:
    """Write `rows` under a title line and a bold header line; return the number of rows."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet_name(title))
    for j, width in enumerate(column_widths(headers, rows), start=1):
        ws.column_dimensions[get_column_letter(j)].width = width
    ws.freeze_panes = "A3"
    heading = WriteOnlyCell(ws, value=safe_cell(title))
    heading.font = Font(bold=True, size=13)
    ws.append([heading])
    bold = Font(bold=True)
    ws.append([_styled(WriteOnlyCell(ws, value=safe_cell(h)), bold) for h in headers])
    for row in rows:
        ws.append([_cell(ws, v) for v in row])
    with atomic_path(out) as tmp:
        wb.save(tmp)
    return len(rows)


def _cell(ws, value):
    """A cell showing what the table showed: "1.0" stays 1.0 (not 1) in WPS and LibreOffice."""
    out = cell_value(value)
    if isinstance(out, float) and isinstance(value, str):
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(ws, value=out)
        cell.number_format = "0." + "0" * len(value.partition(".")[2])
        return cell
    return out


def _styled(cell, font):
    cell.font = font
    return cell


def read_back(path: str | Path) -> tuple[str, list, list[list]]:
    """(title, headers, rows) of a file written by write_table — for tests and checks."""
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    values = [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
    wb.close()
    title, headers = values[0][0], values[1]
    while headers and headers[-1] is None:
        headers.pop()
    # trailing empty cells are not stored: pad each row back to the header's width
    return title, headers, [(r + [None] * len(headers))[:len(headers)] for r in values[2:]]
