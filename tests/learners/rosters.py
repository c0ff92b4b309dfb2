"""Roster workbooks as staff really send them, built with openpyxl for the tests.

`messy_roster` mixes every oddity from issue 3 in one sheet; EXPECTED says what a correct
reader makes of it, so the same assertions run on the openpyxl file, the LibreOffice-saved copy
and the real .xls in tests/learners/data/ (made from this by data/make_data.py).
"""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl

from ccschool.idcard import make_id

TITLE = "XX镇社区学校2026年学员花名册"
HEADER = ["序号", "姓 名", "性别", "出生年月", "身份证号码", "手机号码", "村（社区）", "人群类别",
          "备注", "同意上传"]


def pid(born: date, male: bool, region: str = "330302", want_x: bool = False) -> str:
    """A valid ID number for the birth date and gender (optionally one ending in X)."""
    for seq in range(1 if male else 2, 999, 2):
        s = make_id(region, born, seq)
        if s.endswith("X") == want_x:
            return s
    raise AssertionError("no such id")


ZHANG = pid(date(1956, 3, 2), True)
WANG_X = pid(date(1958, 3, 2), False, want_x=True)
BAD_CHECK = pid(date(1950, 1, 1), True)[:17] + ("0" if pid(date(1950, 1, 1), True)[17] != "0" else "1")

ROWS = [  # excel rows 4.. ; None = blank row
    [1, "张三", "男", datetime(1956, 3, 2), ZHANG, 13800138000, "东村", "老年人", "", "是"],
    [2, " 李 四 ", "女", "1956.3.2", pid(date(1956, 3, 2), False), "13800138001", None, "老年人", "", "是"],
    [3, "王五", "女", "1958/03/02", WANG_X.lower(), "１３９００１３９００１", None, "老年人、家长", "", "否"],
    None,
    [4, "赵六", "男", "1960年7月8日", pid(date(1960, 7, 8), True), "139 0013 9002", "西村",
     "新型职业农民", "", ""],
    [5, "钱七", "女", "19620115", pid(date(1962, 1, 15), False), "+86 139-0013-9003", "西村", "",
     "腿脚不便", "是"],
    [6, "孙八", "男", "1956-3", pid(date(1956, 3, 20), True), 13900139004, "西村", "老年人", "", ""],
    [7, "周九", "女", 20515, pid(date(1956, 3, 1), False), 13900139005, "南村", "", "", ""],
    [8, "吴十", "男", "", BAD_CHECK, 13900139006, "南村", "", "", ""],
    [9, "郑一", "", "", "", 1380013, "南村", "", "", ""],
    [10, "张三", "男", "1956-03-02", ZHANG, 13800138000, "东村", "老年人", "", "是"],
    [11, "冯二", "女", "", pid(date(1970, 5, 5), True), 13900139007, "南村", "", "", ""],
    ["合计", None, None, None, None, None, None, None, "共11人"],
    ["备注：本表由村干部填写", None, None, None, None, None, None, None, None],
    [12, "不该读", "男", "", "", 13900139008, "南村", "", "", ""],
]

EXPECTED = {
    "header_row": 3,
    "valid": {4: "张三", 5: "李四", 6: "王五", 8: "赵六", 9: "钱七", 10: "孙八", 11: "周九"},
    "errors": {(12, "id_number"), (13, "phone"), (15, "gender")},
    "duplicates": {14},
    "stopped_at": 16,
}


def messy_roster(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws.append([TITLE])
    ws.merge_cells("A1:J1")
    ws.append(["填报单位：XX镇社区学校", None, None, None, None, None, "填报日期：2026年3月1日"])
    ws.merge_cells("A2:F2")
    ws.append(HEADER)
    for row in ROWS:
        ws.append(row if row else [])
    ws.merge_cells("G4:G6")  # one village typed once for three neighbours
    ws["D4"].number_format = "yyyy-mm-dd"
    wb.save(path)
    return path


def write_rows(path: Path, header: list, rows: list, title_rows: int = 0) -> Path:
    """A plain roster: optional title rows, a header, rows (cells typed as given)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for i in range(title_rows):
        ws.append([f"{TITLE}（第{i + 1}行标题）"])
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path
