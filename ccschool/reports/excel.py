"""The report as an Excel workbook (openpyxl) that WPS, Excel and LibreOffice open.

Sheets: 汇总 (headline figures, the splits and the participation rates, with native charts),
班级 (per class), 学员 (per learner), 志愿者. Text that starts with = + - @ is written with a
leading apostrophe so no spreadsheet runs it as a formula; card numbers stay text cells.
"""
from __future__ import annotations

from openpyxl import Workbook
from openpyxl.chart import BarChart, PieChart, Reference
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from ccschool.fileio import atomic_path
from ccschool.i18n import L
from ccschool.reports.figures import age_label
from ccschool.reports.text import summary_lines

HEAD_FONT = Font(bold=True)
HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
TITLE_FONT = Font(bold=True, size=14)
THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
PERCENT = "0.0%"


def safe(value):
    """Cell value with formula-looking text escaped (CSV/formula injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


BORDERED_ROWS = 2000  # cell borders cost ~40 µs each in openpyxl: long tables go without


def _table(ws, top: int, headers: list[str], rows: list[list], *, left: int = 1,
           formats: dict[int, str] | None = None) -> int:
    """Write a bordered table with a header row; returns the first free row below it."""
    bordered = len(rows) <= BORDERED_ROWS
    for j, head in enumerate(headers):
        cell = ws.cell(top, left + j, head)
        cell.font, cell.fill, cell.border = HEAD_FONT, HEAD_FILL, BORDER
        cell.alignment = Alignment(horizontal="center")
    for i, row in enumerate(rows, start=1):
        for j, value in enumerate(row):
            cell = ws.cell(top + i, left + j, safe(value))
            if bordered:
                cell.border = BORDER
            if isinstance(value, str) and bordered:
                cell.number_format = "@"  # card numbers and names stay text
            elif formats and j in formats:
                cell.number_format = formats[j]
    return top + len(rows) + 2


def _widths(ws, widths: list[int]) -> None:
    for j, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = width


def _bar(ws, title: str, cats: Reference, data: Reference, anchor: str, *, y_title: str) -> None:
    chart = BarChart()
    chart.title, chart.y_axis.title, chart.legend = title, y_title, None
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(cats)
    chart.height, chart.width = 7.5, 16
    ws.add_chart(chart, anchor)


def _summary_sheet(wb: Workbook, r: dict) -> None:
    ws = wb.active
    ws.title = "汇总"
    site = r.get("site", {})
    ws["A1"] = safe(L("{name} 社区教育统计报表", "{name} community education report",
                      name=site.get("name", "")))
    ws["A1"].font = TITLE_FONT
    ws["A2"] = safe(L("统计期间：{a} 至 {b}", "Period: {a} to {b}", a=r["period"]["from"],
                      b=r["period"]["to"]))
    lines = summary_lines(r)
    row = _table(ws, 4, [L("项目", "Item"), L("数值", "Value")],
                 [[label, value] for label, value, _kind in lines])
    for i, (_label, _value, kind) in enumerate(lines, start=5):
        if kind == "pct":
            ws.cell(i, 2).number_format = PERCENT
    row = _split_tables(ws, row, r)
    row = _trend_table(ws, row, r, anchor=f"H{4 + len(SPLITS) * 16}")
    _participation_table(ws, row, r)
    _widths(ws, [22, 14, 12, 12, 12, 10])
    ws.freeze_panes = "A4"


SPLITS = (  # (key, value columns, the column charted, pie?)
    ("by_theme", ("sessions_held", "person_times", "learner_hours"), "learner_hours", False),
    ("by_venue", ("sessions_held", "person_times", "learner_hours"), "person_times", False),
    ("by_target_group", ("learners", "person_times"), "learners", False),
    ("by_age_band", ("learners", "person_times"), "learners", True),
    ("by_gender", ("learners", "person_times"), "learners", True),
)


def _split_names() -> dict[str, str]:
    return {"by_theme": L("课程主题", "Theme"), "by_venue": L("教学点", "Venue"),
            "by_target_group": L("人群类别", "Target group"), "by_age_band": L("年龄段", "Age band"),
            "by_gender": L("性别", "Gender"), "sessions_held": L("开课次数", "Sessions"),
            "person_times": L("人次", "Person-times"), "learner_hours": L("学时", "Hours"),
            "learners": L("人数", "Learners")}


def _split_tables(ws, row: int, r: dict) -> int:
    names = _split_names()
    for n, (key, cols, charted, pie) in enumerate(SPLITS):
        title = L("按{what}统计", "By {what}", what=names[key])
        ws.cell(row, 1, title).font = HEAD_FONT
        data = r[key]
        top = row + 1
        row = _table(ws, top, [names[key], *[names[c] for c in cols]],
                     [[age_label(k), *[v[c] for c in cols]] for k, v in data.items()])
        if data:
            _chart(ws, title, top, len(data), 2 + cols.index(charted), names[charted], pie,
                   f"H{4 + n * 16}")
    return row


def _chart(ws, title, top, count, value_col, y_title, pie, anchor) -> None:
    cats = Reference(ws, min_col=1, min_row=top + 1, max_row=top + count)
    data = Reference(ws, min_col=value_col, min_row=top, max_row=top + count)
    if not pie:
        _bar(ws, title, cats, data, anchor, y_title=y_title)
        return
    chart = PieChart()
    chart.title = title
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(cats)
    chart.height, chart.width = 7.5, 12
    ws.add_chart(chart, anchor)


def _trend_table(ws, row: int, r: dict, *, anchor: str) -> int:
    """Person-times per week (per month for ranges longer than 16 weeks), with a bar chart."""
    weekly = len(r["by_week"]) <= 16
    points = r["by_week"] if weekly else r["by_month"]
    title = L("按周统计", "By week") if weekly else L("按月统计", "By month")
    ws.cell(row, 1, title).font = HEAD_FONT
    first = L("周（起始日）", "Week starting") if weekly else L("月份", "Month")
    end = _table(ws, row + 1, [first, L("人次", "Person-times"), L("学时", "Hours")],
                 [[p["week_start"] if weekly else p["month"], p["person_times"],
                   p["learner_hours"]] for p in points])
    if points:
        _chart(ws, L("培训人次", "Person-times"), row + 1, len(points), 2,
               L("人次", "Person-times"), False, anchor)
    return end


def _participation_table(ws, row: int, r: dict) -> None:
    part = r["participation"]
    ws.cell(row, 1, L("参与率（目标 {t:.0%}）", "Participation (target {t:.0%})",
                      t=part["target"])).font = HEAD_FONT
    yes, no = L("达标", "met"), L("未达标", "not met")
    rows = [[v["village"], v["learners"], v["population"], v["rate"],
             None if v["meets_target"] is None else (yes if v["meets_target"] else no)]
            for v in part["villages"]]
    site = part["site"]
    rows.append([L("全镇合计", "Whole site"), site["learners"], site["population"], site["rate"],
                 None if site["meets_target"] is None else (yes if site["meets_target"] else no)])
    _table(ws, row + 1, [L("村（社区）", "Village"), L("参训人数", "Learners"),
                         L("常住人口", "Population"), L("参与率", "Rate"), L("是否达标", "Target")],
           rows, formats={3: PERCENT})


def _classes_sheet(wb: Workbook, r: dict) -> None:
    ws = wb.create_sheet("班级")
    heads = [L("班级", "Class"), L("主题", "Theme"), L("教学点", "Venue"), L("形式", "Mode"),
             L("报名人数", "Enrolled"), L("参训人数", "Learners"), L("开课次数", "Sessions"),
             L("停课次数", "Cancelled"), L("人次", "Person-times"), L("应到人次", "Roll"),
             L("出勤率", "Attendance"), L("学时", "Hours"), L("满意度", "Satisfaction")]
    online, offline = L("线上", "online"), L("线下", "offline")
    rows = [[c["course_name"], c["theme"], c["venue"], online if c["online"] else offline,
             c["enrolled"], c["distinct_learners"], c["sessions_held"], c["sessions_cancelled"],
             c["person_times"], c["roll"], c["attendance_rate"], c["learner_hours"],
             c["satisfaction"]] for c in r["classes"]]
    _table(ws, 1, heads, rows, formats={10: PERCENT})
    _widths(ws, [24, 18, 22, 8, 10, 10, 10, 10, 10, 10, 10, 10, 10])
    ws.freeze_panes = "B2"
    if rows:
        _bar(ws, L("各班人次", "Person-times per class"),
             Reference(ws, min_col=1, min_row=2, max_row=min(len(rows), 30) + 1),
             Reference(ws, min_col=9, min_row=1, max_row=min(len(rows), 30) + 1), "O2",
             y_title=L("人次", "Person-times"))


def _learners_sheet(wb: Workbook, learners: list[dict] | None) -> None:
    ws = wb.create_sheet("学员")
    heads = [L("卡号", "Card"), L("姓名", "Name"), L("性别", "Gender"), L("出生日期", "Born"),
             L("村（社区）", "Village"), L("人群类别", "Groups"), L("班级数", "Classes"),
             L("出勤次数", "Sessions"), L("学时", "Hours"), L("学分", "Credits")]
    rows = [[x["card_no"], x["name"], x["gender"], str(x["birth_date"] or "") or None,
             x["village"], x["target_groups"] or None, x["classes"], x["sessions"], x["hours"],
             x["credits"]] for x in learners or []]
    _table(ws, 1, heads, rows)
    _widths(ws, [14, 10, 6, 12, 12, 22, 8, 10, 8, 8])
    ws.freeze_panes = "C2"


def _volunteers_sheet(wb: Workbook, r: dict) -> None:
    ws = wb.create_sheet("志愿者")
    kinds = {"teacher": L("教师", "teacher"), "volunteer": L("志愿者", "volunteer"),
             "both": L("教师兼志愿者", "both")}
    rows = [[p["name"], kinds.get(p["kind"], p["kind"]), p["org_type"], p["records"], p["hours"]]
            for p in r["volunteers"]["people"]]
    rows.append([L("合计", "Total"), None, None, r["volunteers"]["records"],
                 r["volunteers"]["service_hours"]])
    _table(ws, 1, [L("姓名", "Name"), L("类别", "Kind"), L("单位类型", "Organisation"),
                   L("服务次数", "Records"), L("服务时长（小时）", "Hours")], rows)
    _widths(ws, [14, 14, 14, 10, 16])


def _print_setup(ws) -> None:
    """A4, one page wide (charts and wide tables are not cut in two when printed from WPS)."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if ws.title in ("汇总", "班级") else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0


def build_workbook(report: dict, learners: list[dict] | None = None) -> Workbook:
    wb = Workbook()
    _summary_sheet(wb, report)
    _classes_sheet(wb, report)
    _learners_sheet(wb, learners)
    _volunteers_sheet(wb, report)
    for ws in wb.worksheets:
        _print_setup(ws)
    return wb


def write_workbook(report: dict, learners: list[dict] | None, out) -> None:
    """Write the workbook atomically: a failed or cancelled export leaves no half file."""
    wb = build_workbook(report, learners)
    with atomic_path(out) as tmp:
        wb.save(tmp)
