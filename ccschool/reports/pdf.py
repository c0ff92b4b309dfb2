"""The report as an A4 PDF: headline figures, charts, splits, participation and classes.

Every PDF embeds a CJK font (DESIGN.md): the printing package's font chain, so a class name with
a rare character prints through its fallback font instead of a box.
"""
from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)
from xml.sax.saxutils import escape

from ccschool import clock
from ccschool.fileio import atomic_path
from ccschool.i18n import L
from ccschool.reports import charts
from ccschool.reports.figures import age_label
from ccschool.reports.text import fmt, summary_lines

def _fonts():
    """The printing package's embedded CJK fonts (a primary font plus rare-character fallbacks)."""
    from ccschool.printing.fonts import font_chain

    return font_chain()


def _styles(font: str) -> dict[str, ParagraphStyle]:
    return {"title": ParagraphStyle("t", fontName=font, fontSize=16, leading=22, alignment=1),
            "sub": ParagraphStyle("s", fontName=font, fontSize=9, leading=13, alignment=1,
                                  textColor=colors.grey),
            "h": ParagraphStyle("h", fontName=font, fontSize=11, leading=16, spaceBefore=8,
                                spaceAfter=4),
            "cell": ParagraphStyle("c", fontName=font, fontSize=8, leading=10)}


def _table(rows: list[list], font: str, widths=None, head_rows: int = 1) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=head_rows, hAlign="LEFT")
    style = [("FONTNAME", (0, 0), (-1, -1), font), ("FONTSIZE", (0, 0), (-1, -1), 8),
             ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (1, head_rows), (-1, -1), "RIGHT")]
    if head_rows:
        style.append(("BACKGROUND", (0, 0), (-1, head_rows - 1), colors.HexColor("#DDEBF7")))
    table.setStyle(TableStyle(style))
    return table


def _summary(r: dict, font: str) -> Table:
    lines = [[label, fmt(value, kind)] for label, value, kind in summary_lines(r)]
    half = (len(lines) + 1) // 2
    left, right = lines[:half], lines[half:] + [["", ""]] * (2 * half - len(lines))
    rows = [[a, b, c, d] for (a, b), (c, d) in zip(left, right)]
    table = _table(rows, font, [50 * mm, 32 * mm, 50 * mm, 32 * mm], head_rows=0)
    table.setStyle(TableStyle([("ALIGN", (2, 0), (2, -1), "LEFT"),
                               ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#F2F6FB")),
                               ("BACKGROUND", (2, 0), (2, -1), colors.HexColor("#F2F6FB"))]))
    return table


def _charts(r: dict, font: str) -> Table:
    weeks = r["by_week"] if len(r["by_week"]) <= 16 else r["by_month"]
    week_labels = [w.get("week_start", w.get("month", ""))[5:] if "week_start" in w
                   else w["month"] for w in weeks]
    none = L("本期无数据", "No data")
    drawings = [
        charts.bar_chart(L("每周培训人次", "Person-times per week") if weeks is r["by_week"]
                         else L("每月培训人次", "Person-times per month"),
                         week_labels, [w["person_times"] for w in weeks], font, empty=none),
        charts.bar_chart(L("各主题学时", "Hours by theme"), list(r["by_theme"]),
                         [v["learner_hours"] for v in r["by_theme"].values()], font,
                         empty=none, horizontal=True),
        charts.bar_chart(L("各人群参训人数", "Learners by target group"), list(r["by_target_group"]),
                         [v["learners"] for v in r["by_target_group"].values()], font,
                         empty=none, horizontal=True),
        charts.pie_chart(L("年龄结构", "Age bands"), [age_label(k) for k in r["by_age_band"]],
                         [v["learners"] for v in r["by_age_band"].values()], font, empty=none),
    ]
    return Table([drawings[:2], drawings[2:]], hAlign="CENTER")


def _splits(r: dict, font: str) -> list:
    pt, lh = L("人次", "Person-times"), L("学时", "Hours")
    theme = [[L("课程主题", "Theme"), L("班级", "Classes"), L("开课次数", "Sessions"), pt, lh]] + [
        [k, v["classes"], v["sessions_held"], v["person_times"], fmt(v["learner_hours"], "num")]
        for k, v in r["by_theme"].items()]
    part = r["participation"]
    yes, no = L("达标", "met"), L("未达标", "not met")
    villages = [[L("村（社区）", "Village"), L("参训人数", "Learners"), L("常住人口", "Population"),
                 L("参与率", "Rate"), L("目标 {t}", "Target {t}", t=fmt(part["target"], "pct"))]]
    for v in [*part["villages"], {"village": L("全镇合计", "Whole site"), **part["site"]}]:
        villages.append([v["village"], v["learners"], fmt(v["population"], "int"),
                         fmt(v["rate"], "pct"), "-" if v["meets_target"] is None
                         else (yes if v["meets_target"] else no)])
    return [theme, villages]


def _classes(r: dict, font: str, cell: ParagraphStyle) -> Table:
    rows = [[L("班级", "Class"), L("主题", "Theme"), L("开课", "Sessions"), L("人次", "Times"),
             L("人数", "Learners"), L("出勤率", "Attend."), L("学时", "Hours"), L("满意度", "Sat.")]]
    for c in r["classes"]:
        rows.append([Paragraph(_fonts().markup(c["course_name"]), cell),
                     Paragraph(escape(c["theme"]), cell),
                     c["sessions_held"], c["person_times"], c["distinct_learners"],
                     fmt(c["attendance_rate"], "pct"), fmt(c["learner_hours"], "num"),
                     fmt(c["satisfaction"], "num")])
    widths = [48 * mm, 34 * mm, 14 * mm, 16 * mm, 14 * mm, 16 * mm, 18 * mm, 14 * mm]
    return _table(rows, font, widths)


def _story(r: dict, font: str) -> list:
    st = _styles(font)
    site = r.get("site", {})
    made = clock.stamp(clock.now())
    theme_rows, village_rows = _splits(r, font)
    story = [
        Paragraph(escape(L("{name}社区教育统计报表", "{name} community education report",
                           name=site.get("name", ""))), st["title"]),
        Paragraph(escape(L("统计期间 {a} 至 {b}　制表时间 {t}", "Period {a} to {b}  made {t}",
                           a=r["period"]["from"], b=r["period"]["to"], t=made)), st["sub"]),
        Spacer(1, 4 * mm), Paragraph(L("一、主要数据", "1. Headline figures"), st["h"]),
        _summary(r, font), Spacer(1, 3 * mm),
        KeepTogether([Paragraph(L("二、图表", "2. Charts"), st["h"]), _charts(r, font)]),
        # a heading never ends a page without its table
        KeepTogether([Paragraph(L("三、按课程主题", "3. By theme"), st["h"]),
                      _table(theme_rows, font)]),
        KeepTogether([Paragraph(L("四、参与率", "4. Participation"), st["h"]),
                      _table(village_rows, font)]),
        Paragraph(L("五、各班情况", "5. Classes"), st["h"]), _classes(r, font, st["cell"]),
    ]
    comments = r.get("comments") or []
    if comments:
        rows = [[L("班级", "Class"), L("评分", "Score"), L("学员意见", "Comment")]] + [
            [Paragraph(_fonts().markup(c["course_name"]), st["cell"]), c["score"],
             Paragraph(_fonts().markup(c["comment"]), st["cell"])] for c in comments]
        story += [Paragraph(L("六、学员意见", "6. Learners' comments"), st["h"]),
                  _table(rows, font, widths=[45 * mm, 14 * mm, 111 * mm])]
    return story


def _footer(font: str):
    def draw(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(font, 8)
        canvas.drawCentredString(A4[0] / 2, 10 * mm, L("第 {n} 页", "Page {n}", n=doc.page))
        canvas.restoreState()
    return draw


def write_pdf(report: dict, out) -> None:
    """Write the A4 report atomically."""
    font = _fonts().primary
    with atomic_path(out) as tmp:
        doc = SimpleDocTemplate(str(tmp), pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm,
                                topMargin=15 * mm, bottomMargin=18 * mm,
                                title=L("社区教育统计报表", "Community education report"))
        doc.build(_story(report, font), onFirstPage=_footer(font), onLaterPages=_footer(font))
