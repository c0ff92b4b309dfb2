"""The lifelong learning archive as a PDF, CJK font embedded (printing/fonts.py)."""
from __future__ import annotations

import io
from datetime import date

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ccschool.printing.fonts import font_chain
from ccschool.printing.job import make_canvas


def render(archive: dict, t, today: date) -> bytes:
    """t(zh, en) picks the language of the labels."""
    chain = font_chain()
    base = ParagraphStyle("a", fontName=chain.primary, fontSize=10, leading=14, wordWrap="CJK")
    title = ParagraphStyle("a-title", parent=base, fontSize=18, leading=26, alignment=1)
    head = ParagraphStyle("a-h", parent=base, fontSize=12, leading=18, spaceBefore=8)
    P = lambda text, style=base: Paragraph(chain.markup(str(text)), style)  # noqa: E731
    story = [P(t("终身学习档案", "Lifelong learning archive"), title), Spacer(1, 4 * mm),
             _grid([[P(t("姓名", "Name")), P(archive["name"]),
                     P(t("身份证号", "ID number")), P(archive["id_masked"])],
                    [P(t("累计学时", "Total hours")), P(archive["total_hours"]),
                     P(t("累计学分", "Credits")), P(archive["credits"])],
                    [P(t("学习站点", "Sites")), P("、".join(archive["sites"])),
                     P(t("出具日期", "Issued")), P(today.isoformat())]],
                   [24 * mm, 60 * mm, 24 * mm, 66 * mm], chain),
             P(t("参加班级", "Classes"), head)]
    rows = [[P(x) for x in (t("站点", "Site"), t("课程", "Course"), t("主题", "Theme"),
                            t("课次", "Sessions"), t("学时", "Hours"), t("时间", "Dates"))]]
    rows += [[P(r["site_name"]), P(r["course"]), P(r["theme"]), P(r["sessions"]),
              P(r["hours"]), P(f"{r['first']} – {r['last']}")] for r in archive["rows"]]
    story.append(_grid(rows, [38 * mm, 36 * mm, 30 * mm, 14 * mm, 16 * mm, 40 * mm], chain))
    if archive["certificates"]:
        story.append(P(t("结业证书", "Certificates"), head))
        certs = [[P(x) for x in (t("证书编号", "Number"), t("站点", "Site"), t("学时", "Hours"),
                                 t("日期", "Date"))]]
        certs += [[P(c["cert_no"]), P(c["site_name"]), P(c["hours"]), P(c["issued"])]
                  for c in archive["certificates"]]
        story.append(_grid(certs, [40 * mm, 70 * mm, 24 * mm, 40 * mm], chain))
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                      topMargin=18 * mm, bottomMargin=18 * mm,
                      title=t("终身学习档案", "Lifelong learning archive")).build(
        story, canvasmaker=make_canvas)  # its first font is ours: no unembedded Helvetica
    return buf.getvalue()


def _grid(rows, widths, chain) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), chain.primary),
                               ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#999999")),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    return table
