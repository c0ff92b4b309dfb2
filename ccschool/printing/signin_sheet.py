"""签到表: the paper fallback when the laptop is not at the session.

One sheet per session: the enrolled learners with card numbers and a signature box, headed by
class, session, date, time and venue. Blank rows at the end take walk-ins. Row order matches
the check-in page's tick-list, so entering the sheet afterwards is quick.
"""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from ccschool.i18n import L
from ccschool.printing.fmt import date_text
from ccschool.printing.fonts import FontChain, font_chain
from ccschool.printing.job import CancelFn, Job, ProgressFn, pdf_canvas

PAGE_W, PAGE_H = A4
MARGIN = 15 * mm
ROW_H = 9.5 * mm
ROWS_PER_PAGE = 22
TABLE_TOP = PAGE_H - 55 * mm
MIN_BLANK_ROWS = 3


@dataclass(frozen=True)
class SigninRow:
    name: str
    card_no: str
    note: str = ""  # e.g. 请假 known in advance


@dataclass(frozen=True)
class SigninSheetData:
    site_name: str
    class_name: str
    session_label: str  # e.g. "第3次课 · 手机支付"
    date: dt.date
    time_range: str  # "14:00–15:30"
    venue: str
    teacher: str
    rows: Sequence[SigninRow]


def columns() -> list[tuple[str, float]]:
    """(heading, width) of each column; the widths add up to the printable width."""
    return [(L("序号", "No."), 13 * mm), (L("姓名", "Name"), 36 * mm),
            (L("卡号", "Card no."), 32 * mm), (L("签名", "Signature"), 62 * mm),
            (L("备注", "Note"), PAGE_W - 2 * MARGIN - 143 * mm)]


def write_signin_sheet(sheet: SigninSheetData, out: str | Path, *,
                       progress: ProgressFn | None = None,
                       cancel: CancelFn | None = None) -> int:
    """Write the sheet; returns the page count. Raises Cancelled if cancelled."""
    chain = font_chain()
    total_rows = len(sheet.rows) + MIN_BLANK_ROWS
    pages = max(1, math.ceil(total_rows / ROWS_PER_PAGE))
    job = Job(pages, progress, cancel)
    with pdf_canvas(out, A4, title=L("签到表", "Sign-in sheet")) as canvas:
        job.check()
        for page in range(pages):
            rows = list(sheet.rows[page * ROWS_PER_PAGE:(page + 1) * ROWS_PER_PAGE])
            _draw_header(canvas, chain, sheet)
            _draw_table(canvas, chain, rows, first_no=page * ROWS_PER_PAGE + 1)
            _draw_footer(canvas, chain, page + 1, pages, len(sheet.rows))
            canvas.showPage()
            job.step(page + 1)
    return pages


def _draw_header(canvas, chain: FontChain, sheet: SigninSheetData) -> None:
    canvas.setFillColorRGB(0, 0, 0)
    canvas.setStrokeColorRGB(0, 0, 0)
    title = L("{site} 签到表", "{site} sign-in sheet", site=sheet.site_name)
    chain.draw(canvas, PAGE_W / 2, PAGE_H - 22 * mm, title,
               chain.fit_size(title, 18, PAGE_W - 2 * MARGIN), align="centre", bold=True)
    left = [(L("班级", "Class"), sheet.class_name), (L("课次", "Session"), sheet.session_label),
            (L("教师", "Teacher"), sheet.teacher)]
    right = [(L("日期", "Date"), date_text(sheet.date)), (L("时间", "Time"), sheet.time_range),
             (L("地点", "Venue"), sheet.venue)]
    for i, pairs in enumerate((left, right)):
        x = MARGIN + i * (PAGE_W / 2 - MARGIN)
        for j, (label, value) in enumerate(pairs):
            y = PAGE_H - (33 + j * 7) * mm
            width = chain.draw(canvas, x, y, label + L("：", ": "), 10.5)
            chain.draw(canvas, x + width, y, value,
                       chain.fit_size(value, 10.5, PAGE_W / 2 - MARGIN - width - 4 * mm))


def _draw_table(canvas, chain: FontChain, rows: list[SigninRow], first_no: int) -> None:
    cols = columns()
    canvas.setFillColorRGB(0.92, 0.92, 0.92)
    canvas.rect(MARGIN, TABLE_TOP - ROW_H, PAGE_W - 2 * MARGIN, ROW_H, stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    _draw_row(canvas, chain, cols, [h for h, _ in cols], TABLE_TOP, 10.5)
    for i in range(ROWS_PER_PAGE):
        top = TABLE_TOP - (i + 1) * ROW_H
        row = rows[i] if i < len(rows) else None
        cells = [str(first_no + i), row.name, row.card_no, "", row.note] if row else [""] * 5
        _draw_row(canvas, chain, cols, cells, top, 12)
    _draw_grid(canvas, cols)


def _draw_row(canvas, chain: FontChain, cols, cells: list[str], top: float,
              size: float) -> None:
    x = MARGIN
    for (_, width), text in zip(cols, cells):
        if text:
            fitted = chain.fit_size(text, size, width - 3 * mm)
            chain.draw(canvas, x + 1.5 * mm, top - ROW_H / 2 - fitted * 0.35, text, fitted)
        x += width


def _draw_grid(canvas, cols) -> None:
    bottom = TABLE_TOP - (ROWS_PER_PAGE + 1) * ROW_H
    canvas.setLineWidth(0.6)
    canvas.setStrokeColorRGB(0, 0, 0)
    for i in range(ROWS_PER_PAGE + 2):
        y = TABLE_TOP - i * ROW_H
        canvas.line(MARGIN, y, PAGE_W - MARGIN, y)
    x = MARGIN
    for _, width in [(None, 0)] + cols:
        x += width
        canvas.line(x, TABLE_TOP, x, bottom)


def _draw_footer(canvas, chain: FontChain, page: int, pages: int, enrolled: int) -> None:
    y = TABLE_TOP - (ROWS_PER_PAGE + 1) * ROW_H - 9 * mm
    chain.draw(canvas, MARGIN, y, L("应到 {n} 人　实到 ____ 人　授课教师签字：__________",
                                    "Enrolled {n}   Present ____   Teacher: __________",
                                    n=enrolled), 10.5)
    canvas.setFillColorRGB(0.45, 0.45, 0.45)
    chain.draw(canvas, PAGE_W - MARGIN, y, L("第 {p} 页 / 共 {n} 页", "Page {p} of {n}",
                                             p=page, n=pages), 9, align="right")
    chain.draw(canvas, MARGIN, y - 6 * mm,
               L("迟到请在备注栏写到达时间；未在名单上的学员请写在空行，并注明卡号或电话。",
                 "Late: write the arrival time under Note. Not on the list: use a blank row "
                 "with card number or phone."), 8.5)
