"""The report as an Excel workbook that WPS, Excel and LibreOffice open.

Sheets: 汇总 (headline figures, the splits and the participation rates, with native charts),
班级 (per class), 学员 (per learner), 志愿者. Written through the one Excel writer
(ccschool.exports.table): every cell is escaped and typed there, so text that starts with
= + - @ gets a leading apostrophe, characters a workbook cannot hold (a control character
pasted into a name) are dropped instead of failing the export, and card numbers stay text.
"""
from __future__ import annotations

from ccschool.exports.table import CellWriter, xlsx_workbook
from ccschool.i18n import L
from ccschool.reports.figures import age_label
from ccschool.reports.text import summary_lines

PERCENT = "0.0%"
BORDER = {"border": 1, "border_color": "#999999"}
HEAD = {**BORDER, "bold": True, "bg_color": "#DDEBF7", "align": "center"}
BORDERED_ROWS = 2000  # a long table (the learners of a big site) goes without cell borders
CM = 37.8  # pixels per centimetre at 96 dpi (chart sizes)


class Sheet:
    """One worksheet with the cell writers of its titles, headers and table cells."""

    def __init__(self, wb, name: str) -> None:
        self.wb, self.name, self.ws = wb, name, wb.add_worksheet(name)
        self.plain = CellWriter(wb, numbers_from_text=False)
        self.bold = CellWriter(wb, numbers_from_text=False, style={"bold": True})
        self.head = CellWriter(wb, numbers_from_text=False, style=HEAD)
        self.bordered = CellWriter(wb, numbers_from_text=False, style=BORDER)

    def title(self, row: int, text: str, size: int | None = None) -> None:
        writer = CellWriter(self.wb, numbers_from_text=False,
                            style={"bold": True, "font_size": size}) if size else self.bold
        writer.write_row(self.ws, row, [text])

    def table(self, top: int, headers: list[str], rows: list[list], *,
              formats: dict[int, str] | None = None, row_formats: list | None = None) -> int:
        """A table with its header row at `top` (0-based); returns the first free row below
        it, leaving one empty row. row_formats: per row, {column: number format}."""
        self.head.write_row(self.ws, top, headers)
        cells = self.bordered if len(rows) <= BORDERED_ROWS else self.plain
        for i, row in enumerate(rows):
            cells.write_row(self.ws, top + 1 + i, row,
                            formats={**(formats or {}), **(row_formats[i] if row_formats else {})})
        return top + len(rows) + 2

    def widths(self, widths: list[int]) -> None:
        for j, width in enumerate(widths):
            self.ws.set_column(j, j, width)

    def chart(self, title: str, top: int, count: int, value_col: int, anchor: str, *,
              y_title: str = "", pie: bool = False) -> None:
        """A native chart of the table rows top+1 … top+count: categories in column A, values
        in value_col (0-based), the series named by its header cell at `top`."""
        chart = self.wb.add_chart({"type": "pie" if pie else "column"})
        first, last = top + 1, top + count
        chart.add_series({"name": [self.name, top, value_col],
                          "categories": [self.name, first, 0, last, 0],
                          "values": [self.name, first, value_col, last, value_col]})
        chart.set_title({"name": title})
        if not pie:
            chart.set_y_axis({"name": y_title})
            chart.set_legend({"none": True})
        chart.set_size({"width": round((12 if pie else 16) * CM), "height": round(7.5 * CM)})
        self.ws.insert_chart(anchor, chart)

    def print_setup(self, landscape: bool) -> None:
        """A4, one page wide (charts and wide tables are not cut in two when printed from WPS)."""
        self.ws.set_paper(9)
        self.ws.set_landscape() if landscape else self.ws.set_portrait()
        self.ws.fit_to_pages(1, 0)


def _summary_sheet(wb, r: dict) -> None:
    sheet = Sheet(wb, "汇总")
    site = r.get("site", {})
    sheet.title(0, L("{name} 社区教育统计报表", "{name} community education report",
                     name=site.get("name", "")), size=14)
    sheet.plain.write_row(sheet.ws, 1, [L("统计期间：{a} 至 {b}", "Period: {a} to {b}",
                                          a=r["period"]["from"], b=r["period"]["to"])])
    lines = summary_lines(r)
    row = sheet.table(3, [L("项目", "Item"), L("数值", "Value")],
                      [[label, value] for label, value, _kind in lines],
                      row_formats=[{1: PERCENT} if kind == "pct" else {} for *_, kind in lines])
    row = _split_tables(sheet, row, r)
    row = _trend_table(sheet, row, r, anchor=f"H{4 + len(SPLITS) * 16}")
    _participation_table(sheet, row, r)
    sheet.widths([22, 14, 12, 12, 12, 10])
    sheet.ws.freeze_panes("A4")
    sheet.print_setup(landscape=True)


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


def _split_tables(sheet: Sheet, row: int, r: dict) -> int:
    names = _split_names()
    for n, (key, cols, charted, pie) in enumerate(SPLITS):
        title = L("按{what}统计", "By {what}", what=names[key])
        sheet.title(row, title)
        data = r[key]
        top = row + 1
        row = sheet.table(top, [names[key], *[names[c] for c in cols]],
                          [[age_label(k), *[v[c] for c in cols]] for k, v in data.items()])
        if data:
            sheet.chart(title, top, len(data), 1 + cols.index(charted), f"H{4 + n * 16}",
                        y_title=names[charted], pie=pie)
    return row


def _trend_table(sheet: Sheet, row: int, r: dict, *, anchor: str) -> int:
    """Person-times per week (per month for ranges longer than 16 weeks), with a bar chart."""
    weekly = len(r["by_week"]) <= 16
    points = r["by_week"] if weekly else r["by_month"]
    sheet.title(row, L("按周统计", "By week") if weekly else L("按月统计", "By month"))
    first = L("周（起始日）", "Week starting") if weekly else L("月份", "Month")
    end = sheet.table(row + 1, [first, L("人次", "Person-times"), L("学时", "Hours")],
                      [[p["week_start"] if weekly else p["month"], p["person_times"],
                        p["learner_hours"]] for p in points])
    if points:
        sheet.chart(L("培训人次", "Person-times"), row + 1, len(points), 1, anchor,
                    y_title=L("人次", "Person-times"))
    return end


def _participation_table(sheet: Sheet, row: int, r: dict) -> None:
    part = r["participation"]
    sheet.title(row, L("参与率（目标 {t:.0%}）", "Participation (target {t:.0%})", t=part["target"]))
    yes, no = L("达标", "met"), L("未达标", "not met")
    rows = [[v["village"], v["learners"], v["population"], v["rate"],
             None if v["meets_target"] is None else (yes if v["meets_target"] else no)]
            for v in part["villages"]]
    site = part["site"]
    rows.append([L("全镇合计", "Whole site"), site["learners"], site["population"], site["rate"],
                 None if site["meets_target"] is None else (yes if site["meets_target"] else no)])
    sheet.table(row + 1, [L("村（社区）", "Village"), L("参训人数", "Learners"),
                          L("常住人口", "Population"), L("参与率", "Rate"), L("是否达标", "Target")],
                rows, formats={3: PERCENT})


def _classes_sheet(wb, r: dict) -> None:
    sheet = Sheet(wb, "班级")
    heads = [L("班级", "Class"), L("主题", "Theme"), L("教学点", "Venue"), L("形式", "Mode"),
             L("报名人数", "Enrolled"), L("参训人数", "Learners"), L("开课次数", "Sessions"),
             L("停课次数", "Cancelled"), L("人次", "Person-times"), L("应到人次", "Roll"),
             L("出勤率", "Attendance"), L("学时", "Hours"), L("满意度", "Satisfaction")]
    online, offline = L("线上", "online"), L("线下", "offline")
    rows = [[c["course_name"], c["theme"], c["venue"], online if c["online"] else offline,
             c["enrolled"], c["distinct_learners"], c["sessions_held"], c["sessions_cancelled"],
             c["person_times"], c["roll"], c["attendance_rate"], c["learner_hours"],
             c["satisfaction"]] for c in r["classes"]]
    sheet.table(0, heads, rows, formats={10: PERCENT})
    sheet.widths([24, 18, 22, 8, 10, 10, 10, 10, 10, 10, 10, 10, 10])
    sheet.ws.freeze_panes("B2")
    if rows:
        sheet.chart(L("各班人次", "Person-times per class"), 0, min(len(rows), 30), 8, "O2",
                    y_title=L("人次", "Person-times"))
    sheet.print_setup(landscape=True)


def _learners_sheet(wb, learners: list[dict] | None) -> None:
    sheet = Sheet(wb, "学员")
    heads = [L("卡号", "Card"), L("姓名", "Name"), L("性别", "Gender"), L("出生日期", "Born"),
             L("村（社区）", "Village"), L("人群类别", "Groups"), L("班级数", "Classes"),
             L("出勤次数", "Sessions"), L("学时", "Hours"), L("学分", "Credits")]
    rows = [[x["card_no"], x["name"], x["gender"], str(x["birth_date"] or "") or None,
             x["village"], x["target_groups"] or None, x["classes"], x["sessions"], x["hours"],
             x["credits"]] for x in learners or []]
    sheet.table(0, heads, rows)
    sheet.widths([14, 10, 6, 12, 12, 22, 8, 10, 8, 8])
    sheet.ws.freeze_panes("C2")
    sheet.print_setup(landscape=False)


def _volunteers_sheet(wb, r: dict) -> None:
    sheet = Sheet(wb, "志愿者")
    kinds = {"teacher": L("教师", "teacher"), "volunteer": L("志愿者", "volunteer"),
             "both": L("教师兼志愿者", "both")}
    rows = [[p["name"], kinds.get(p["kind"], p["kind"]), p["org_type"], p["records"], p["hours"]]
            for p in r["volunteers"]["people"]]
    rows.append([L("合计", "Total"), None, None, r["volunteers"]["records"],
                 r["volunteers"]["service_hours"]])
    sheet.table(0, [L("姓名", "Name"), L("类别", "Kind"), L("单位类型", "Organisation"),
                    L("服务次数", "Records"), L("服务时长（小时）", "Hours")], rows)
    sheet.widths([14, 14, 14, 10, 16])
    sheet.print_setup(landscape=False)


def write_workbook(report: dict, learners: list[dict] | None, out) -> None:
    """Write the workbook atomically: a failed or cancelled export leaves no half file."""
    with xlsx_workbook(out) as wb:
        _summary_sheet(wb, report)
        _classes_sheet(wb, report)
        _learners_sheet(wb, learners)
        _volunteers_sheet(wb, report)
