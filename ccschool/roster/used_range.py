"""How big a worksheet's used range is, found in its XML before the parser sees it.

calamine (the xlsx parser) holds a sheet as one dense grid from A1 to the last cell that has a
value. One stray character typed into XFD1048576 makes that grid 17 billion cells, and the
parser then aborts the whole process (a Rust allocation panic, not an exception we could
catch), taking the app down. So the importer measures the grid first and refuses a sheet that
would not fit, with a message saying what to clean up.
"""
from __future__ import annotations

import re
import zipfile
from posixpath import dirname, join, normpath
from xml.etree import ElementTree



def column_index_from_string(letters: str) -> int:
    """AB -> 28 (openpyxl has this too, but importing it costs the parser's child 0.1 s)."""
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index

# A cell with a value, formula or inline string (a self-closing <c .../> holds only a style,
# which the parser does not count). Prefixes: some generators write <x:c>.
_VALUE_CELL = rb'<(?:\w+:)?c r="([A-Z]{%s})(\d+)"[^>]*(?<!/)>\s*<(?:\w+:)?(?:v|is|f)\b'
_WIDE_CELL = re.compile(_VALUE_CELL % b"2,3")  # column AA and beyond: rare in a roster
_ANY_CELL = re.compile(_VALUE_CELL % b"1,3")
_WIDE_REF = re.compile(rb' r="[A-Z][A-Z]')  # a literal-led pattern: a fast scan to rule them out
_TAIL = 256 * 1024  # the last value cell is near the end of the sheet XML

_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> path of its XML part in the package (from workbook.xml and its rels)."""
    try:
        book = ElementTree.fromstring(zf.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return {}
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_NS_PKG}Relationship")}
    parts = {}
    for sheet in book.iter(f"{_NS_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_NS_REL}id"), "")
        if target:
            parts[sheet.get("name", "")] = (target.lstrip("/") if target.startswith("/")
                                            else normpath(join(dirname("xl/workbook.xml"), target)))
    return parts


def used_range(xml: bytes) -> tuple[int, int]:
    """(rows, columns) from A1 to the farthest cell that has a value; (0, 0) if none."""
    rows, end = 0, len(xml)
    while end > 0 and not rows:  # windows from the end backwards, each overlapping the next
        start = max(0, end - _TAIL)  # one by 200 bytes, so no cell is cut in two
        rows = max((int(r) for _, r in _ANY_CELL.findall(xml, start, end + 200)), default=0)
        end = start
    if not rows:
        return 0, 0
    letters = {c for c, _ in _WIDE_CELL.findall(xml)} if _WIDE_REF.search(xml) else ()
    columns = max((column_index_from_string(c.decode()) for c in letters), default=26)
    return rows, columns
