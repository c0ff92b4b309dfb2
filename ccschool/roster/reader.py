"""Read a roster workbook: find the header among title rows, map columns, clean and check rows.

Pure: reads the file, touches no database. The learners service decides what to write.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from ccschool.errors import ValidationError
from ccschool.roster import validate
from ccschool.roster.cells import text
from ccschool.roster.fields import header_key, label, looks_like, match_header
from ccschool.roster.gcpause import gc_paused
from ccschool.roster.model import Roster, RosterRow
from ccschool.roster.source import Sheet, open_book

HEADER_SCAN_ROWS = 30  # title rows, a subtitle, a date line... the header is never lower than this
# A line starting like this ends the data: totals, notes, the form-filler's signature.
_STOP = re.compile(r"^(合计|总计|小计|共计|备注|说明|注[:：]|填表|制表|审核|负责人)")


def read_roster(path: str | Path) -> Roster:
    """Read the first visible sheet that has a recognisable header; raise ValidationError if none."""
    path = Path(path)
    with gc_paused(), open_book(path) as book:
        for sheet in book.sheets:
            found = _find_header(sheet)
            if found:
                roster = _roster_for(path, sheet, *found)
                _read_rows(sheet, roster)
                validate.mark_duplicates(roster.rows)
                return roster
    raise ValidationError("“{name}”中找不到表头：前{n}行里没有“姓名”列",
                          "No header found in “{name}”: none of the first {n} rows has a 姓名 (name) "
                          "column", name=path.name, n=HEADER_SCAN_ROWS)


def _find_header(sheet: Sheet) -> tuple[int, tuple] | None:
    """(row number, cells) of the header naming the most known fields, name among them.

    A grouped header spans two rows: 基本信息 over 出生年月 / 身份证号 / 联系电话, with 姓名
    merged down beside it. Each row is also tried joined with the row above it; the joined
    header ends on the lower row, so the data starts below both."""
    best = None
    above: tuple | None = None
    for number, cells in enumerate(sheet.rows(), start=1):
        if number > HEADER_SCAN_ROWS:
            break
        cells = tuple(cells)
        candidates = [cells] if above is None else [cells, _joined(above, cells)]
        for header in candidates:
            fields = {match_header(c) for c in header} - {None}
            if "name" in fields and (best is None or len(fields) > best[0]):
                best = (len(fields), number, header)
        above = cells
    return (best[1], best[2]) if best else None


def _joined(upper: tuple, lower: tuple) -> tuple:
    """Per column, the lower row's cell where it names a field (出生年月 under 基本信息), else the
    upper row's (姓名 merged down over both rows reads as blank below)."""
    width = max(len(upper), len(lower))
    cell = lambda row, i: row[i] if i < len(row) else None  # noqa: E731
    return tuple(cell(lower, i) if match_header(cell(lower, i)) or cell(upper, i) is None
                 else cell(upper, i) for i in range(width))


def _roster_for(path: Path, sheet: Sheet, header_row: int, header: tuple) -> Roster:
    columns: dict[str, int] = {}
    ignored: list[str] = []
    for i, cell in enumerate(header):
        field = match_header(cell)
        if field and field not in columns:
            columns[field] = i
        elif header_key(cell):
            ignored.append(text(cell))  # 序号, 年龄, a second phone column...
    _refuse_unread_fields(path, ignored, columns)
    return Roster(path, sheet.title, header_row, header, columns, ignored)


def _refuse_unread_fields(path: Path, ignored: list[str], columns: dict[str, int]) -> None:
    """Stop before importing when a column that looks like a known field would be left unread:
    importing every learner without their ID number and reporting success is worse than asking
    the user to rename one header."""
    unread = [(h, f) for h in ignored if (f := looks_like(h)) and f not in columns]
    if unread:
        head, field = unread[0]
        raise ValidationError(
            "“{name}”的“{head}”列看起来是{label}，但无法确定它就是{label}列：请把这一列的表头改为"
            "“{label}”后再导入", "In “{name}” the column “{head}” looks like {label_en} but could "
            "not be read as it: rename its header to “{label}” and import again",
            name=path.name, head=head, label=label(field).zh, label_en=label(field).en)


def _read_rows(sheet: Sheet, roster: Roster) -> None:
    columns = list(roster.columns.items())
    for number, cells in _data_rows(sheet, roster.header_row):
        if _stops(cells):
            roster.stopped_at = number
            return
        raw = {f: cells[i] if i < len(cells) else None for f, i in columns}
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in raw.values()):
            continue  # blank line in the middle, or a pre-numbered template row with only 序号
        row = RosterRow(number, tuple(cells))
        validate.check_row(row, raw)
        roster.rows.append(row)


def _stops(cells) -> bool:
    """A 合计/备注/填表人 line: its first filled cell is text starting with such a word."""
    first = next((c for c in cells if c is not None and c != ""), None)
    return isinstance(first, str) and bool(_STOP.match(text(first).replace(" ", "")))


def _data_rows(sheet: Sheet, header_row: int) -> Iterator[tuple[int, list]]:
    """Rows below the header, with merged data cells (a village merged down 20 rows) filled in."""
    fill = _merge_fill(sheet.merged, header_row)
    seen: dict[tuple[int, int], object] = {}
    for number, cells in enumerate(sheet.rows(), start=1):
        if number <= header_row:
            continue
        row = list(cells)
        if fill:
            _apply_fill(number, row, fill, seen)
        yield number, row


def _merge_fill(merged, header_row: int) -> dict[int, list[tuple[int, int, int]]]:
    """row -> [(column, source row, source column)] for each hidden cell of a merged data range."""
    fill: dict[int, list[tuple[int, int, int]]] = {}
    for r1, c1, r2, c2 in merged:
        if r1 <= header_row or (r2 - r1 + 1) * (c2 - c1 + 1) > 10_000:
            continue  # title/header merges, or a range no roster would really merge
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1):
                    fill.setdefault(r, []).append((c, r1, c1))
        fill.setdefault(r1, []).append((0, r1, c1))  # column 0: remember the source value
    return fill


def _apply_fill(number: int, cells: list, fill, seen: dict) -> None:
    todo = fill.get(number, ())
    for c, r1, c1 in todo:
        if c == 0:  # sources first: a range merged across columns fills from its own row
            seen[(r1, c1)] = cells[c1 - 1] if c1 <= len(cells) else None
    for c, r1, c1 in todo:
        if c == 0:
            continue
        while len(cells) < c:
            cells.append(None)
        if cells[c - 1] is None:
            cells[c - 1] = seen.get((r1, c1))


