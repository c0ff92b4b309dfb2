"""The one xlsx writer: a table (a sheet name or title line, column headers, rows) as a file.

Every workbook we write goes through here (tables on screen, the learner export, the roster
error workbook, the audit log, the privacy export, the monthly report), so all of them escape
the same way: text that a spreadsheet would run as a formula (= + - @) gets the leading
apostrophe of `ccschool.safety.sheet.safe_cell`, which also drops the control characters a
workbook cannot hold. Values stay text cells, so ID numbers, phones and card numbers keep every
digit; only short plain numbers (counts, hours) shown as text become number cells, so a
coordinator can sum a column in WPS. Rosters ask for their text to stay text
(numbers_from_text=False): a typed "1956" must go back as text, or the importer would read it
as an Excel date serial.

The engine is xlsxwriter: 100,000 learners are written row by row (constant memory) in about
half the time openpyxl's write-only mode takes (bench/bench_export.py). Its own guesses are
switched off (text that starts with = stays text, a URL stays text, "007" stays "007"): every
cell's type is decided here. The file is written atomically, and xlsxwriter's scratch files
(which hold the rows while they are written) live in a private folder removed afterwards: a
failure leaves no file, no half-written workbook and no personal data in the temp folder.
"""
from __future__ import annotations

import contextlib
import itertools
import re
import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import Iterable, Sequence

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE as _ILLEGAL  # what safe_cell drops

from ccschool import clock
from ccschool.fileio import atomic_path
from ccschool.safety.sheet import MAX_CELL, safe_cell
from ccschool.switching import give_way

# At most six digits before the point: longer digit strings are IDs, phones or record numbers,
# and a leading zero would be lost, so those stay text.
_SHORT_NUMBER = re.compile(r"-?(0|[1-9]\d{0,5})(\.\d{1,4})?")
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")
_FORMULA_START = "=+-@"  # with _ILLEGAL: what safe_cell would change
MAX_WIDTH = 60
DATE_FORMAT, DATETIME_FORMAT = "yyyy-mm-dd", "yyyy-mm-dd hh:mm:ss"
_ENGINE_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False,
                   "strings_to_numbers": False}


def sheet_name(title: str) -> str:
    """Excel allows 31 characters and none of []:*?/\\ in a sheet name."""
    return (" ".join(_SHEET_NAME_BAD.sub(" ", title).split()) or "Sheet")[:31]


def safe_text(text: str) -> str:
    """safe_cell for a str, without its work for the (usual) text that needs none."""
    if text[:1] in _FORMULA_START or len(text) > MAX_CELL or _ILLEGAL.search(text):
        return safe_cell(text)
    return text


def cell_value(value, numbers_from_text: bool = True):
    """What goes in a cell: numbers and dates as themselves, short plain numbers as numbers
    (unless numbers_from_text is off), everything else as safe text."""
    kind = type(value)
    if kind is str:
        if not value:
            return None
        if numbers_from_text and _SHORT_NUMBER.fullmatch(value):
            return float(value) if "." in value else int(value)  # -3 is a number, not a formula
        return safe_text(value)
    if value is None:
        return None
    if kind is bool:
        return safe_cell(value)
    if isinstance(value, datetime) and value.tzinfo is not None:
        return clock.local(value).replace(tzinfo=None)  # Excel has no time zones: China time
    if isinstance(value, (int, float, date)):
        return value
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


@contextlib.contextmanager
def xlsx_workbook(out: str | Path, *, constant_memory: bool = False):
    """An xlsxwriter Workbook that becomes `out` (atomically) when the block ends normally.

    constant_memory: rows go to disk as they are written (each sheet strictly top to bottom).
    On an exception nothing is left: neither `out` nor a scratch file."""
    import xlsxwriter

    with atomic_path(out) as tmp, tempfile.TemporaryDirectory(
            prefix="ccschool-xlsx-", ignore_cleanup_errors=True) as scratch:
        wb = xlsxwriter.Workbook(str(tmp), {**_ENGINE_OPTIONS, "tmpdir": scratch,
                                            "constant_memory": constant_memory})
        try:
            yield wb
        except BaseException:
            # close() also closes and deletes the scratch files (Windows cannot delete an open
            # file); the half workbook it writes is removed by atomic_path.
            with contextlib.suppress(Exception):
                wb.close()
            raise
        wb.close()


class CellWriter:
    """Writes rows of values into xlsxwriter sheets as cell_value decides, with one format
    per kind of cell: dates shown as dates, "1.0" kept as 1.0 (not 1) in WPS and LibreOffice.

    style: format properties every cell gets (the report's table borders); number formats
    given per column (e.g. a percentage) are applied to that column's numbers."""

    def __init__(self, workbook, *, numbers_from_text: bool = True, style: dict | None = None):
        self.wb, self.numbers_from_text = workbook, numbers_from_text
        self.style = dict(style or {})
        self._formats: dict[object, object] = {}  # (number format, extra properties) -> format

    def fmt(self, num_format: str | None = None, **extra):
        """The workbook format of self.style plus this number format (and extra properties)."""
        key = (num_format, tuple(sorted(extra.items()))) if extra else num_format
        found = self._formats.get(key)
        if found is None:
            props = {**self.style, **extra, **({"num_format": num_format} if num_format else {})}
            found = self._formats[key] = self.wb.add_format(props) if props else None
        return found

    def write_row(self, ws, r: int, values: Sequence, *, col: int = 0,
                  formats: dict[int, str] | None = None) -> None:
        plain, text_stays_text = self.fmt(), not self.numbers_from_text
        for c, value in enumerate(values, col):
            if text_stays_text and type(value) is str and value:  # most cells: cell_value's
                ws.write_string(r, c, safe_text(value), plain)    # answer, without the call
                continue
            out = cell_value(value, self.numbers_from_text)
            if type(out) is str:
                ws.write_string(r, c, out, plain)
            elif out is None:
                if plain is not None:
                    ws.write_blank(r, c, None, plain)
            elif isinstance(out, date):
                ws.write_datetime(r, c, out, self.fmt(
                    DATETIME_FORMAT if isinstance(out, datetime) else DATE_FORMAT))
            else:  # int or float (or a subclass)
                ws.write_number(r, c, out, self._number_format(c - col, value, formats))

    def _number_format(self, j: int, value, formats):
        if formats and j in formats:
            return self.fmt(formats[j])
        if type(value) is str and "." in value:  # shown as "1.50": keep both decimals
            return self.fmt("0." + "0" * len(value.partition(".")[2]))
        return self.fmt()


def write_table(out: str | Path, *, title: str, headers: Sequence[str], rows: Iterable[Sequence],
                heading: bool = True, widths: dict[int, int] | None = None,
                numbers_from_text: bool = True) -> int:
    """Write `rows` under a bold header line, atomically; return the number of rows.

    heading: a title line above the headers (tables on screen); without it the sheet is named
    `title` and the headers are the first row, as an import expects. widths: column (0-based)
    -> width, over the ones measured from the first rows. Rows may be a generator (100,000
    learners are never all in memory)."""
    with xlsx_workbook(out, constant_memory=True) as wb:
        return _write_sheet(wb, title=title, headers=headers, rows=rows, heading=heading,
                            widths=widths, numbers_from_text=numbers_from_text)


def table_bytes(*, title: str, headers: Sequence[str], rows: Iterable[Sequence],
                heading: bool = True, numbers_from_text: bool = True) -> tuple[bytes, int]:
    """(the workbook's bytes, rows written), for a caller that stores it elsewhere (the privacy
    export encrypts it); the file exists only in a private temporary folder meanwhile."""
    with tempfile.TemporaryDirectory(prefix="ccschool-xlsx-") as folder:
        path = Path(folder) / "table.xlsx"
        count = write_table(path, title=title, headers=headers, rows=rows, heading=heading,
                            numbers_from_text=numbers_from_text)
        return path.read_bytes(), count


def _write_sheet(wb, *, title, headers, rows, heading, widths, numbers_from_text) -> int:
    rows = iter(rows)
    sample = list(itertools.islice(rows, 500))  # enough to size the columns
    ws = wb.add_worksheet(sheet_name(title))
    for j, width in {**dict(enumerate(column_widths(headers, sample))), **(widths or {})}.items():
        ws.set_column(j, j, width)
    top = 1 if heading else 0
    ws.freeze_panes(top + 1, 0)
    if heading:
        ws.write_string(0, 0, safe_cell(title), wb.add_format({"bold": True, "font_size": 13}))
    bold = wb.add_format({"bold": True})
    for j, head in enumerate(headers):
        ws.write_string(top, j, safe_cell(head), bold)
    cells = CellWriter(wb, numbers_from_text=numbers_from_text)
    count = 0
    for count, row in enumerate(itertools.chain(sample, rows), 1):
        give_way()  # a scan at the desk meanwhile runs alone (ccschool.switching)
        cells.write_row(ws, top + count, row)
    return count


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
