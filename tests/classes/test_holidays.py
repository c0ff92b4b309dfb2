"""Holidays: ranges typed in 跳过日期 and `--skip`, and a holiday list file the county hands out,
read by one service and imported by the 新建班级 dialog and `classes add --holidays`."""
from __future__ import annotations

import json
from datetime import date

import pytest

from ccschool.errors import ValidationError
from ccschool.services.holidays import holiday_dates, read_holiday_file
from ccschool.services.weekly import dates_text, parse_dates

NATIONAL_DAY = {date(2026, 10, d) for d in range(1, 8)}
COUNTY_FILE = """# 2026年下半年节假日（县社区教育学院印发）
2026-09-25            中秋节
2026-10-01..2026-10-07  国庆节
2027-01-01   元旦
"""


def test_ranges_and_dates_in_one_line():
    assert parse_dates("2026-10-01..2026-10-07") == NATIONAL_DAY
    assert parse_dates("２０２６-１０-０１ ~ 2026-10-07，2027-01-01") == NATIONAL_DAY | {date(2027, 1, 1)}
    assert parse_dates("2026-10-01 至 2026-10-02") == {date(2026, 10, 1), date(2026, 10, 2)}
    assert dates_text(NATIONAL_DAY | {date(2027, 1, 1)}) == "2026-10-01..2026-10-07, 2027-01-01"
    with pytest.raises(ValidationError, match="结束早于开始"):
        parse_dates("2026-10-07..2026-10-01")
    with pytest.raises(ValidationError, match="超过一年"):
        parse_dates("2026-10-01..2062-10-01")
    with pytest.raises(ValidationError, match="应写成 年-月-日"):
        parse_dates("2026-10-01..国庆")


def test_text_and_json_holiday_files(tmp_path):
    text = tmp_path / "holidays.txt"
    text.write_text(COUNTY_FILE, encoding="utf-8-sig")  # Notepad's BOM is fine
    found = read_holiday_file(text)
    assert [(h.first, h.last, h.name) for h in found] == [
        (date(2026, 9, 25), date(2026, 9, 25), "中秋节"),
        (date(2026, 10, 1), date(2026, 10, 7), "国庆节"),
        (date(2027, 1, 1), date(2027, 1, 1), "元旦")]
    as_json = tmp_path / "holidays.json"
    as_json.write_text(json.dumps({"holidays": [
        {"date": "2026-09-25", "name": "中秋节"},
        {"from": "2026-10-01", "to": "2026-10-07", "name": "国庆节"}, "2027-01-01 元旦"]},
        ensure_ascii=False), encoding="utf-8")
    assert holiday_dates(read_holiday_file(as_json)) == holiday_dates(found)
    assert len(holiday_dates(found)) == 9


def test_a_bad_holiday_file_names_the_line(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("2026-10-01..2026-10-07 国庆节\n\n2026-13-01 元旦\n", encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        read_holiday_file(bad)
    assert str(err.value) == "节假日文件第 3 行：日期“2026-13-01”应写成 年-月-日，如 2026-09-01"
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing yet\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="没有日期"):
        read_holiday_file(empty)
    broken = tmp_path / "broken.json"
    broken.write_text('{"holidays": [1, 2]}', encoding="utf-8")
    with pytest.raises(ValidationError, match="第 1 项看不懂"):
        read_holiday_file(broken)


def test_cli_skips_ranges_and_the_county_file(run_cli, db, tmp_path):
    county = tmp_path / "县节假日.txt"
    county.write_text(COUNTY_FILE, encoding="utf-8")
    r = run_cli("classes", "add", "--name", "书法", "--theme", "人文艺术", "--hours-per-session",
                "1.5", "--start", "2026-09-21", "--end", "2026-10-16", "--weekly",
                "mon,tue,wed,thu,fri 14:00-15:30",
                "--skip", "2026-09-28..2026-09-30", "--holidays", county, "--json")
    assert r.returncode == 0, r.stderr
    days = {date.fromisoformat(x["date"]) for x in json.loads(r.stdout)["sessions"]}
    assert not days & (NATIONAL_DAY | {date(2026, 9, 25), date(2026, 9, 28), date(2026, 9, 30)})
    assert date(2026, 9, 24) in days and date(2026, 10, 8) in days and len(days) == 11
    shown = run_cli("classes", "holidays", county, "--json")
    assert json.loads(shown.stdout)["skip"] == "2026-09-25, 2026-10-01..2026-10-07, 2027-01-01"
    r = run_cli("classes", "add", "--name", "X", "--theme", "人文艺术", "--hours-per-session", "1",
                "--holidays", tmp_path / "missing.txt")
    assert r.returncode != 0 and "无法读取节假日文件 missing.txt" in r.stderr
    assert "Traceback" not in r.stderr


def test_add_class_dialog_groups_wrap_and_holidays_import(qtbot, db, tmp_path, qapp):
    from PySide6.QtWidgets import QApplication

    from ccschool.services import sessions
    from ccschool.ui.classes.dialog import AddClassDialog
    from ccschool.ui.ops.background import SyncRunner
    from ccschool.ui.shell.context import AppContext

    ctx = AppContext(db=db, run_in_background=SyncRunner())
    dlg = AddClassDialog(ctx, today=date(2026, 9, 21))
    qtbot.addWidget(dlg)
    dlg.show()
    QApplication.processEvents()
    area = dlg.groups.rect()
    for group, check in dlg.group_checks.items():  # every group in sight, none scrolled away
        assert check.isVisible() and area.contains(check.geometry()), group
    assert len(dlg.group_checks) == 8 and dlg.groups.width() <= dlg.width()
    county = tmp_path / "holidays.txt"
    county.write_text(COUNTY_FILE, encoding="utf-8")
    dlg.skip.setText("2026-09-28..2026-09-30")
    dlg.choose_holiday_file = lambda: str(county)
    dlg.holiday_button.click()
    assert dlg.skip.text() == "2026-09-25, 2026-09-28..2026-10-07, 2027-01-01"  # merged
    dlg.name.setText("书法")
    dlg.theme.setCurrentIndex(dlg.theme.findData("人文艺术"))
    dlg.group_checks["残疾人"].setChecked(True)
    dlg.group_checks["留守妇女儿童"].setChecked(True)
    for day in dlg.days[:5]:
        day.setChecked(True)
    dlg.end.setDate(dlg.start.date().addDays(25))
    dlg.save()
    assert dlg.created_id
    with db.read() as s:
        days = {r.date for r in sessions.list_sessions(s, class_id=dlg.created_id)}
        from ccschool.models import CourseClass
        groups = s.get(CourseClass, dlg.created_id).target_groups
    assert len(days) == 11 and not days & NATIONAL_DAY
    assert groups == "残疾人,留守妇女儿童"
