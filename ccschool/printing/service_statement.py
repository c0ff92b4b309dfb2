"""志愿服务时长证明: one person's service hours in a year, record by record, with the total,
a monthly summary and a place for the school's seal. Volunteers ask for it at year's end (for
their employer, school or the 志愿服务 record of their own)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (KeepTogether, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)

from ccschool.fileio import atomic_path
from ccschool.i18n import L
from ccschool.printing.fmt import date_text, hours_text
from ccschool.printing.fonts import FontChain, font_chain
from ccschool.printing.job import CancelFn, Job, ProgressFn, make_canvas
from ccschool.printing.seal import SealFoot

MARGIN = 18 * mm


@dataclass(frozen=True)
class ServiceLine:
    date: dt.date
    activity: str
    hours: float


@dataclass(frozen=True)
class ServiceStatementData:
    site_name: str
    name: str
    kind: str  # 教师 / 志愿者, already in words
    organisation: str
    year: int
    issued_on: dt.date
    lines: Sequence[ServiceLine] = field(default_factory=list)

    @property
    def total_hours(self) -> float:
        return round(sum(line.hours for line in self.lines), 2)

    def by_month(self) -> list[tuple[int, int, float]]:
        """(month, services, hours) for each month with service."""
        months: dict[int, list] = {}
        for line in self.lines:
            entry = months.setdefault(line.date.month, [0, 0.0])
            entry[0] += 1
            entry[1] += line.hours
        return [(m, n, round(h, 2)) for m, (n, h) in sorted(months.items())]


def write_service_statement(data: ServiceStatementData, out: str | Path, *,
                            progress: ProgressFn | None = None,
                            cancel: CancelFn | None = None) -> int:
    """Write the statement; returns the page count. Raises Cancelled if cancelled."""
    chain = font_chain()
    job = Job(1, progress, cancel)
    job.check()
    with atomic_path(out) as tmp:
        doc = SimpleDocTemplate(str(tmp), pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                                topMargin=MARGIN, bottomMargin=MARGIN + 6 * mm,
                                title=L("志愿服务时长证明", "Service hours statement"),
                                author="ccschool")

        def footer(canvas, doc_):
            canvas.setFillColorRGB(0.45, 0.45, 0.45)
            chain.draw(canvas, A4[0] / 2, MARGIN, L("{name} {year}年 第 {p} 页",
                                                     "{name} {year} page {p}", name=data.name,
                                                     year=data.year, p=doc_.page),
                       8.5, align="centre")

        doc.build(_story(chain, _styles(chain), data), onFirstPage=footer, onLaterPages=footer,
                  canvasmaker=make_canvas)
        job.step(1)
        return doc.page


def _styles(chain: FontChain) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("s", fontName=chain.primary, fontSize=10, leading=14, wordWrap="CJK")
    return {"body": base,
            "title": ParagraphStyle("s-title", parent=base, fontSize=20, leading=28, alignment=1),
            "sub": ParagraphStyle("s-sub", parent=base, fontSize=11, alignment=1,
                                  textColor=colors.HexColor("#555555")),
            "h": ParagraphStyle("s-h", parent=base, fontSize=12.5, leading=18, spaceBefore=8,
                                spaceAfter=4, textColor=colors.HexColor("#1f6677"))}


def _story(chain: FontChain, st, data: ServiceStatementData) -> list:
    P = lambda text, style="body": Paragraph(chain.markup(str(text)), st[style])  # noqa: E731
    total = hours_text(data.total_hours)
    return [P(L("志愿服务时长证明", "Service hours statement"), "title"),
            P(L("{site} · {year}年度", "{site} · {year}", site=data.site_name, year=data.year),
              "sub"), Spacer(1, 6 * mm), _info_table(P, data),
            P(L("按月汇总", "By month"), "h"), _months_table(P, data),
            P(L("服务记录", "Service records"), "h"), _lines_table(P, data), Spacer(1, 6 * mm),
            KeepTogether([P(L("兹证明 {name} 于 {year} 年在{site}累计志愿服务 {h} 小时。",
                              "This certifies that {name} served {h} hours at {site} in {year}.",
                              name=data.name, year=data.year, site=data.site_name, h=total)),
                          SealFoot(chain, data.site_name, data.issued_on)])]


def _grid(rows, widths, header: bool = True) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
    style = [("FONTNAME", (0, 0), (-1, -1), font_chain().primary),
             ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#999999")),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef0")))
    table.setStyle(TableStyle(style))
    return table


def _info_table(P, data: ServiceStatementData) -> Table:
    rows = [[P(L("姓名", "Name")), P(data.name), P(L("身份", "Role")), P(data.kind)],
            [P(L("工作单位", "Organisation")), P(data.organisation or "—"),
             P(L("服务次数", "Services")), P(len(data.lines))],
            [P(L("年度", "Year")), P(data.year), P(L("累计时长（小时）", "Total hours")),
             P(hours_text(data.total_hours))]]
    table = _grid(rows, [26 * mm, 62 * mm, 34 * mm, 52 * mm], header=False)
    table.setStyle(TableStyle([("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#e8eef0")),
                               ("BACKGROUND", (2, 0), (2, -1), colors.HexColor("#e8eef0"))]))
    return table


def _months_table(P, data: ServiceStatementData) -> Table:
    rows = [[P(L("月份", "Month")), P(L("服务次数", "Services")), P(L("时长（小时）", "Hours"))]]
    rows += [[P(L("{m}月", "{m:02d}/{y}", m=m, y=data.year)), P(n), P(hours_text(h))]
             for m, n, h in data.by_month()]
    rows.append([P(L("合计", "Total")), P(len(data.lines)), P(hours_text(data.total_hours))])
    return _grid(rows, [58 * mm, 58 * mm, 58 * mm])


def _lines_table(P, data: ServiceStatementData) -> Table:
    rows = [[P(L("日期", "Date")), P(L("服务内容", "Activity")), P(L("时长（小时）", "Hours"))]]
    rows += [[P(date_text(x.date)), P(x.activity), P(hours_text(x.hours))] for x in data.lines]
    if not data.lines:
        rows.append([P(L("本年度暂无服务记录", "No service this year")), "", ""])
    return _grid(rows, [36 * mm, 110 * mm, 28 * mm])
