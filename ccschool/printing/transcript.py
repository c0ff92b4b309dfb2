"""个人学习档案 / 学时证明: every class and session a learner attended, hours and credits,
with a verification QR (the learner's card payload) and a place for the school's seal."""
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
STATUS_TEXT = {"present": ("出勤", "present"), "late": ("迟到", "late"),
               "excused": ("请假", "excused"), "absent": ("缺勤", "absent")}


@dataclass(frozen=True)
class AttendedSession:
    date: dt.date
    course_name: str
    topic: str
    status: str  # one of STATUS_TEXT
    hours: float


@dataclass(frozen=True)
class ClassSummary:
    course_name: str
    theme: str
    attended: int
    held: int
    hours: float
    cert_no: str | None = None


@dataclass(frozen=True)
class TranscriptData:
    site_name: str
    name: str
    card_no: str
    village: str
    registered_on: dt.date | None
    issued_on: dt.date
    total_hours: float
    credits: float
    hours_per_credit: float
    payload: str  # the learner's card payload: scanning it finds this learner's archive
    classes: Sequence[ClassSummary] = field(default_factory=list)
    sessions: Sequence[AttendedSession] = field(default_factory=list)


def write_transcript(data: TranscriptData, out: str | Path, *,
                     progress: ProgressFn | None = None,
                     cancel: CancelFn | None = None) -> int:
    """Write the transcript; returns the page count. Raises Cancelled if cancelled."""
    chain = font_chain()
    job = Job(1, progress, cancel)
    job.check()
    styles = _styles(chain)
    with atomic_path(out) as tmp:
        doc = SimpleDocTemplate(str(tmp), pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                                topMargin=MARGIN, bottomMargin=MARGIN + 6 * mm,
                                title=L("个人学习档案", "Learning record"), author="ccschool")

        def footer(canvas, doc_):
            canvas.setFillColorRGB(0.45, 0.45, 0.45)
            chain.draw(canvas, A4[0] / 2, MARGIN, L("{name}（{card}） 第 {p} 页",
                                                     "{name} ({card}) page {p}", name=data.name,
                                                     card=data.card_no, p=doc_.page),
                       8.5, align="centre")

        doc.build(_story(chain, styles, data), onFirstPage=footer, onLaterPages=footer,
                  canvasmaker=make_canvas)
        job.step(1)
        return doc.page


def _styles(chain: FontChain) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("t", fontName=chain.primary, fontSize=10, leading=14, wordWrap="CJK")
    return {"body": base,
            "title": ParagraphStyle("t-title", parent=base, fontSize=20, leading=28,
                                    alignment=1),
            "sub": ParagraphStyle("t-sub", parent=base, fontSize=11, alignment=1,
                                  textColor=colors.HexColor("#555555")),
            "h": ParagraphStyle("t-h", parent=base, fontSize=12.5, leading=18, spaceBefore=8,
                                spaceAfter=4, textColor=colors.HexColor("#1f6677"))}


def _story(chain: FontChain, st, data: TranscriptData) -> list:
    P = lambda text, style="body": Paragraph(chain.markup(text), st[style])  # noqa: E731
    story = [P(L("个人学习档案（学时证明）", "Learning record (study hours)"), "title"),
             P(data.site_name, "sub"), Spacer(1, 6 * mm), _info_table(chain, st, data),
             P(L("参加班级", "Classes"), "h"), _classes_table(chain, st, data),
             P(L("学习记录", "Sessions attended"), "h"), _sessions_table(chain, st, data),
             Spacer(1, 6 * mm),
             KeepTogether([P(L("以上记录由{site}依据签到记录出具，扫描二维码可核验。",
                                "{site} issues this record from its sign-in records; scan the "
                                "code to verify.", site=data.site_name)),
                           SealFoot(chain, data.site_name, data.issued_on, data.payload)])]
    return story


def _grid(rows, widths, header: bool = True) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
    style = [("FONTNAME", (0, 0), (-1, -1), font_chain().primary),  # else empty cells name Helvetica
             ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#999999")),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef0")))
    table.setStyle(TableStyle(style))
    return table


def _info_table(chain: FontChain, st, data: TranscriptData) -> Table:
    P = lambda text: Paragraph(chain.markup(str(text)), st["body"])  # noqa: E731
    credit_rule = L("（{h} 学时 = 1 学分）", " ({h} hours = 1 credit)",
                    h=hours_text(data.hours_per_credit))
    rows = [[P(L("姓名", "Name")), P(data.name), P(L("卡号", "Card no.")), P(data.card_no)],
            [P(L("村（社区）", "Village")), P(data.village or "—"),
             P(L("登记日期", "Registered")), P(date_text(data.registered_on) or "—")],
            [P(L("累计学时", "Total hours")), P(hours_text(data.total_hours)),
             P(L("累计学分", "Credits")), P(hours_text(data.credits) + credit_rule)]]
    table = _grid(rows, [26 * mm, 56 * mm, 26 * mm, 66 * mm], header=False)
    table.setStyle(TableStyle([("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#e8eef0")),
                               ("BACKGROUND", (2, 0), (2, -1), colors.HexColor("#e8eef0"))]))
    return table


def _classes_table(chain: FontChain, st, data: TranscriptData) -> Table:
    P = lambda text: Paragraph(chain.markup(str(text)), st["body"])  # noqa: E731
    rows = [[P(L("课程（班级）", "Class")), P(L("主题", "Theme")), P(L("出勤/课次", "Attended")),
             P(L("学时", "Hours")), P(L("结业证书", "Certificate"))]]
    rows += [[P(c.course_name), P(c.theme), P(f"{c.attended}/{c.held}"), P(hours_text(c.hours)),
              P(c.cert_no or "—")] for c in data.classes]
    if not data.classes:
        rows.append([P(L("暂无", "None yet")), "", "", "", ""])
    return _grid(rows, [56 * mm, 40 * mm, 22 * mm, 18 * mm, 38 * mm])


def _sessions_table(chain: FontChain, st, data: TranscriptData) -> Table:
    P = lambda text: Paragraph(chain.markup(str(text)), st["body"])  # noqa: E731
    rows = [[P(L("日期", "Date")), P(L("课程", "Class")), P(L("内容", "Topic")),
             P(L("考勤", "Status")), P(L("学时", "Hours"))]]
    for s in data.sessions:
        status = L(*STATUS_TEXT.get(s.status, (s.status, s.status)))
        rows.append([P(date_text(s.date)), P(s.course_name), P(s.topic or ""), P(status),
                     P(hours_text(s.hours))])
    if not data.sessions:
        rows.append([P(L("暂无", "None yet")), "", "", "", ""])
    return _grid(rows, [30 * mm, 52 * mm, 56 * mm, 18 * mm, 18 * mm])
