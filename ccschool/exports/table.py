"""The one xlsx writer: a table (a sheet name or title line, column headers, rows) as a file.

Every workbook we write goes through here (tables on screen, the learner export, the roster
error workbook, the audit log, the privacy export), so all of them escape the same way: text
that a spreadsheet would run as a formula (= + - @) gets the leading apostrophe of
`ccschool.safety.sheet.safe_cell`, which also drops control characters openpyxl refuses.
Values stay text cells, so ID numbers, phones and card numbers keep every digit; only short
plain numbers (counts, hours) shown as text become number cells, so a coordinator can sum a
column in WPS. Rosters ask for their text to stay text (numbers_from_text=False): a typed
"1956" must go back as text, or the importer would read it as an Excel date serial.
The file is written atomically: a failure leaves no file and no half-written workbook.
"""
from __future__ import annotations

import itertools
import re
from datetime import date, datetime
from pathlib import Path
from typing import Iterable, Sequence

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


def cell_value(value, numbers_from_text: bool = True):
    """What goes in a cell: numbers and dates as themselves, short plain numbers as numbers
    (unless numbers_from_text is off), everything else as safe text."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return safe_cell(value)
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone().replace(tzinfo=None)  # Excel has no time zones: local time
    if isinstance(value, (int, float, date)):
        return value
    if numbers_from_text and isinstance(value, str) and _SHORT_NUMBER.fullmatch(value):
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


def write_table(out: str | Path, *, title: str, headers: Sequence[str], rows: Iterable[Sequence],
                heading: bool = True, widths: dict[int, int] | None = None,
                numbers_from_text: bool = True) -> int:
    """Write `rows` under a bold header line, atomically; return the number of rows.

    heading: a title line above the headers (tables on screen); without it the sheet is named
    `title` and the headers are the first row, as an import expects. widths: column (0-based)
    -> width, over the ones measured from the first rows. Rows may be a generator (100,000
    learners are never all in memory)."""
    wb, count = build_workbook(title=title, headers=headers, rows=rows, heading=heading,
                               widths=widths, numbers_from_text=numbers_from_text)
    with atomic_path(out) as tmp:
        wb.save(tmp)
    return count


def build_workbook(*, title: str, headers: Sequence[str], rows: Iterable[Sequence],
                   heading: bool = True, widths: dict[int, int] | None = None,
                   numbers_from_text: bool = True):
    """(workbook, rows written) for write_table, or for a caller that saves it elsewhere (the
    privacy export encrypts the bytes)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    rows = iter(rows)
    sample = list(itertools.islice(rows, 500))  # enough to size the columns
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet_name(title))
    sized = dict(enumerate(column_widths(headers, sample)))
    for j, width in {**sized, **(widths or {})}.items():
        ws.column_dimensions[get_column_letter(j + 1)].width = width
    ws.freeze_panes = "A3" if heading else "A2"
    if heading:
        ws.append([_styled(WriteOnlyCell(ws, value=safe_cell(title)), Font(bold=True, size=13))])
    bold = Font(bold=True)
    ws.append([_styled(WriteOnlyCell(ws, value=safe_cell(h)), bold) for h in headers])
    count = 0
    for row in itertools.chain(sample, rows):
        ws.append([_cell(ws, v, numbers_from_text) for v in row])
        count += 1
    return wb, count


def _cell(ws, value, numbers_from_text: bool = True):
    """A cell showing what the table showed: "1.0" stays 1.0 (not 1) in WPS and LibreOffice,
    a date is a date cell shown as 2026-03-01."""
    out = cell_value(value, numbers_from_text)
    if isinstance(out, float) and isinstance(value, str):
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(ws, value=out)
        cell.number_format = "0." + "0" * len(value.partition(".")[2])
        return cell
    if isinstance(out, date):
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(ws, value=out)
        cell.number_format = "yyyy-mm-dd hh:mm:ss" if isinstance(out, datetime) else "yyyy-mm-dd"
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
