"""Rosters whose header spans two rows (基本信息 over 出生年月 / 身份证号 / 联系电话), and headers
that look like a known field but cannot be read as one (issue 17.10)."""
from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pytest

from ccschool.errors import ValidationError
from ccschool.roster.reader import read_roster
from tests.learners.rosters import WANG_X, ZHANG, write_rows


def grouped_roster(path):
    """The county's template: a title, then 姓名/性别 merged down over two header rows beside a
    基本信息 group whose three columns are named on the second row."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["XX镇社区学校学员花名册"])
    ws.append(["序号", "姓名", "性别", "基本信息", None, None, "村（社区）"])
    ws.append([None, None, None, "出生年月", "身份证号", "联系电话", None])
    for col in "ABCG":
        ws.merge_cells(f"{col}2:{col}3")
    ws.merge_cells("D2:F2")
    ws.append([1, "张三", "男", datetime(1956, 3, 2), ZHANG, "13800138000", "东村"])
    ws.append([2, "王芳", "女", datetime(1958, 3, 2), WANG_X, "13900139000", "西村"])
    wb.save(path)
    return path


def test_a_grouped_two_row_header_reads_birth_date_id_and_phone(tmp_path):
    roster = read_roster(grouped_roster(tmp_path / "花名册.xlsx"))
    assert roster.header_row == 3
    assert {"name", "gender", "birth_date", "id_number", "phone", "village"} <= set(roster.columns)
    assert [r.values["name"] for r in roster.valid_rows] == ["张三", "王芳"]
    first = roster.valid_rows[0].values
    assert (first["birth_date"], first["id_number"], first["phone"]) == (
        date(1956, 3, 2), ZHANG, "13800138000")


def test_a_grouped_roster_imports_every_field_from_the_command_line(db, cli, tmp_path):
    result = cli("learners", "import", str(grouped_roster(tmp_path / "花名册.xlsx")), "--json")
    assert result.returncode == 0, result.stderr
    listed = cli("learners", "list", "--search", "张三", "--json")
    assert "1956-03-02" in listed.stdout and "13800138000"[-4:] in listed.stdout


def test_a_column_that_looks_like_the_id_number_but_is_unread_stops_the_import(tmp_path):
    path = write_rows(tmp_path / "花名册.xlsx", ["姓名", "性别", "身份证/护照"],
                      [["张三", "男", ZHANG]])
    with pytest.raises(ValidationError) as caught:
        read_roster(path)
    assert "“身份证/护照”列看起来是身份证号" in str(caught.value)


def test_a_second_phone_column_beside_a_read_one_is_no_reason_to_stop(tmp_path):
    path = write_rows(tmp_path / "花名册.xlsx", ["姓名", "手机号码", "备用电话"],
                      [["张三", "13800138000", "13900139000"]])
    roster = read_roster(path)
    assert roster.columns_report()["ignored"] == ["备用电话"]
