"""Open a roster file safely and yield its sheets as rows of plain cell values.

What arrives as "FILE.xlsx" is not always one: old .xls renamed, password-protected workbooks
(an OLE2 container holding an encrypted package), web pages saved with an .xls name, or a
zip crafted to expand to gigabytes. Each gets one clear message before any parser runs.
"""
from __future__ import annotations

import logging
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from ccschool.errors import ValidationError
from ccschool.roster.used_range import sheet_parts, used_range

log = logging.getLogger(__name__)

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
MAX_UNCOMPRESSED = 300 * 1024 * 1024  # a 100,000-row roster is ~40 MB of XML
MAX_RATIO = 200  # plain XML compresses ~10-30x; hundreds-fold means padding built to explode
MAX_MEMBERS = 5000
# The parser holds a sheet's used range as one grid (~32 bytes a cell): 5 M cells is 200,000
# rows x 25 columns, twice the biggest roster a county has, and ~160 MB.
MAX_CELLS = 5_000_000


@dataclass
class Sheet:
    """One worksheet: its name, a way to iterate rows, and merged ranges (for fill-down)."""

    title: str
    rows: Callable[[], Iterator[tuple]]  # each call starts again from the first row
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2 (1-based)


@dataclass
class Book:
    """The visible sheets of one opened file; close() releases the file handle."""

    sheets: list[Sheet]
    close: Callable[[], None] = lambda: None

    def __enter__(self) -> "Book":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _not_workbook(path: Path) -> ValidationError:
    return ValidationError("“{name}”不是Excel工作簿（.xlsx），请用WPS或Excel打开后另存为.xlsx",
                           "“{name}” is not an Excel workbook (.xlsx); open it in WPS or Excel and "
                           "save it as .xlsx", name=path.name)


def _password(path: Path) -> ValidationError:
    return ValidationError("“{name}”设置了打开密码，请在WPS或Excel中取消密码后再导入",
                           "“{name}” is password-protected; remove the password in WPS or Excel "
                           "and import again", name=path.name)


def open_book(path: str | Path) -> Book:
    """Sheets of the workbook at path, whatever its real format; raise ValidationError if unusable."""
    path = Path(path)
    try:
        with open(path, "rb") as f:
            head = f.read(8)
    except FileNotFoundError:
        raise ValidationError("找不到文件“{name}”", "File “{name}” not found", name=str(path)) from None
    except OSError as exc:
        raise ValidationError("无法读取文件“{name}”：{err}", "Cannot read “{name}”: {err}",
                              name=path.name, err=exc.strerror or exc) from None
    if head.startswith(ZIP_MAGIC):
        return _open_xlsx(path)
    if head == OLE2_MAGIC:
        return _open_ole2(path)
    raise _not_workbook(path)


def _check_zip(path: Path) -> None:
    """Refuse zip bombs and zips that are not spreadsheets before the parser inflates anything."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError):
        raise _not_workbook(path) from None
    names = {i.filename for i in infos}
    if "mimetype" in names and "content.xml" in names:
        raise ValidationError("“{name}”是ODS表格，请另存为.xlsx后再导入",
                              "“{name}” is an ODS spreadsheet; save it as .xlsx and import again",
                              name=path.name)
    if "xl/workbook.bin" in names:
        raise ValidationError("“{name}”是.xlsb二进制工作簿，请另存为.xlsx后再导入",
                              "“{name}” is an .xlsb workbook; save it as .xlsx and import again",
                              name=path.name)
    if "xl/workbook.xml" not in names:
        raise _not_workbook(path)
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if len(infos) > MAX_MEMBERS or total > MAX_UNCOMPRESSED or (
            total > 10 * 1024 * 1024 and total / packed > MAX_RATIO):
        raise ValidationError("“{name}”解压后异常巨大（{mb} MB），不像正常的花名册，已拒绝打开",
                              "“{name}” would expand to {mb} MB, which no roster needs; refused",
                              name=path.name, mb=total // (1024 * 1024))


def _open_xlsx(path: Path) -> Book:
    """Parse in a child process (ccschool/isolated.py): however a sheet is built, a parser that
    aborts takes only the child down, and the user gets one message."""
    from ccschool.isolated import ChildDied, run_isolated

    _check_zip(path)
    try:
        parsed = run_isolated(parse_xlsx, str(path))
    except ChildDied as died:
        log.warning("roster parser for %s ended with exit code %s", path.name, died.exitcode)
        raise _too_big_or_damaged(path) from None
    return Book([Sheet(title, _rows_of(grid), merged) for title, grid, merged in parsed])


def parse_xlsx(path_text: str) -> list[tuple[str, list[list], list]]:
    """(title, cells from A1, merged ranges) of each visible worksheet; runs in the child.

    calamine (Rust) parses a 10,000-row sheet in ~15 ms where openpyxl's read-only pass takes
    over a second, and it reads past a wrong <dimension> and knows merged ranges, which
    openpyxl's read-only mode does not."""
    import python_calamine as calamine

    path = Path(path_text)
    try:
        wb = calamine.CalamineWorkbook.from_path(path_text)
        sheets = []
        with zipfile.ZipFile(path) as zf:
            parts = sheet_parts(zf)
            for index, meta in enumerate(wb.sheets_metadata):
                if meta.visible != calamine.SheetVisibleEnum.Visible \
                        or meta.typ != calamine.SheetTypeEnum.WorkSheet:
                    continue  # hidden sheets and chartsheets hold no roster
                if meta.name in parts:  # the usual case gets a message naming the sheet
                    _check_used_range(path, meta.name, zf.read(parts[meta.name]))
                ws = wb.get_sheet_by_index(index)
                _check_size(path, meta.name, ws.height, ws.width)
                # from A1, so list positions are Excel's row and column numbers
                sheets.append((meta.name, ws.to_python(skip_empty_area=False),
                               _merged(ws.merged_cell_ranges)))
        wb.close()
    except ValidationError:
        raise
    except calamine.PasswordError:
        raise _password(path) from None
    except Exception:  # CalamineError, XmlError, ZipError... on broken packages
        raise _damaged(path) from None
    except BaseException as exc:  # a panic in the Rust parser arrives as pyo3's PanicException,
        if type(exc).__name__ != "PanicException":  # which is not an Exception
            raise
        raise _damaged(path) from None
    return sheets


def _too_big_or_damaged(path: Path) -> ValidationError:
    return ValidationError(
        "无法读取“{name}”：文件已损坏，或某个工作表的使用范围过大（多半是表格以外某处误输了内容）。"
        "请把花名册复制到新工作簿后再导入",
        "Cannot read “{name}”: the file is damaged, or a sheet's used range is far too big "
        "(probably something typed far outside the table). Copy the roster into a new "
        "workbook and import again", name=path.name)


def _damaged(path: Path) -> ValidationError:
    return ValidationError("“{name}”已损坏，无法读取", "“{name}” is damaged and cannot be read",
                           name=path.name)


def _check_used_range(path: Path, sheet: str, xml: bytes) -> None:
    """Refuse a sheet whose used range the parser could not hold (see used_range.py)."""
    _check_size(path, sheet, *used_range(xml))


def _check_size(path: Path, sheet: str, rows: int, columns: int) -> None:
    if rows * columns > MAX_CELLS:
        raise ValidationError(
            "工作表“{sheet}”的使用范围过大（{rows}行×{cols}列），多半是表格以外某处误输了内容："
            "请删除表格右侧和下方的多余内容，或把花名册复制到新工作簿后再导入",
            "Sheet “{sheet}” spans {rows} rows × {cols} columns, probably because something "
            "was typed far outside the table: delete what lies right of and below the table, "
            "or copy the roster into a new workbook, and import again",
            sheet=sheet, rows=rows, cols=columns)


def _rows_of(grid: list[list]):
    """Cells as openpyxl gives them, which the cell parsers expect: None for an empty cell and
    a whole number as int (calamine gives '' and floats; a float ID number means lost digits)."""
    def rows():
        for row in grid:
            yield tuple(None if v == "" else int(v) if type(v) is float and v.is_integer() else v
                        for v in row)
    return rows


def _merged(ranges) -> list[tuple[int, int, int, int]]:
    """calamine's ((r1, c1), (r2, c2)), 0-based inclusive, as 1-based (r1, c1, r2, c2)."""
    return [(r1 + 1, c1 + 1, r2 + 1, c2 + 1) for (r1, c1), (r2, c2) in ranges or ()]


def _open_ole2(path: Path) -> Book:
    """An OLE2 file is either an encrypted .xlsx or a real .xls (perhaps renamed .xlsx)."""
    with open(path, "rb") as f:
        data = f.read()
    if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
        raise _password(path)
    try:
        import xlrd
    except ImportError:
        raise ValidationError("“{name}”是旧版.xls文件，请在WPS或Excel中另存为.xlsx后再导入",
                              "“{name}” is an old .xls file; save it as .xlsx and import again",
                              name=path.name) from None
    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
    except xlrd.XLRDError as exc:
        if "encrypt" in str(exc).lower():
            raise _password(path) from None
        raise _not_workbook(path) from None
    except Exception:  # xlrd raises assorted struct/index errors on non-Excel OLE2 (.doc, .msg)
        raise _not_workbook(path) from None
    sheets = [_xls_sheet(book, book.sheet_by_index(i)) for i in range(book.nsheets)
              if book.sheet_by_index(i).visibility == 0]
    return Book(sheets, book.release_resources)


def _xls_sheet(book, sh) -> Sheet:
    import xlrd

    def value(cell):
        if cell.ctype == xlrd.XL_CELL_DATE:
            try:
                return xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)
            except (ValueError, OverflowError, xlrd.xldate.XLDateError):
                return cell.value
        if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
            return None
        if cell.ctype == xlrd.XL_CELL_ERROR:
            return None
        return cell.value

    def rows():
        for r in range(sh.nrows):
            yield tuple(value(c) for c in sh.row(r))

    # xlrd ranges are 0-based, end-exclusive
    merged = [(r1 + 1, c1 + 1, r2, c2) for r1, r2, c1, c2 in sh.merged_cells]
    return Sheet(sh.name, rows, merged)
