"""The error workbook and the safe-cell rules for every workbook we write."""
from __future__ import annotations

import openpyxl

from ccschool.roster import read_roster
from ccschool.exports.table import cell_value, write_table
from ccschool.roster.writer import error_workbook_path, write_error_workbook
from tests.learners.rosters import ZHANG, messy_roster, write_rows


def test_error_workbook_holds_bad_rows_as_typed_with_reasons(tmp_path):
    roster = read_roster(messy_roster(tmp_path / "花名册.xlsx"))
    out = write_error_workbook(roster)
    assert out == tmp_path / "花名册_错误行.xlsx" == error_workbook_path(roster.path)
    ws = openpyxl.load_workbook(out).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "原行号" and rows[0][-1] == "错误" and rows[0][2] == "姓 名"
    assert [r[0] for r in rows[1:]] == [12, 13, 15]
    assert rows[1][-1] == "第12行 身份证号最后一位不对，请核对"
    assert rows[2][6] == 1380013  # the short phone as typed, for the staff to correct
    assert isinstance(rows[1][5], str)  # IDs stay text


def test_fixed_error_workbook_imports(tmp_path):
    path = write_rows(tmp_path / "r.xlsx", ["姓名", "身份证号", "手机"], [["张三", ZHANG, 1380013]])
    out = write_error_workbook(read_roster(path))
    wb = openpyxl.load_workbook(out)
    wb.active["D2"] = "13800138000"  # the staff fix the phone in the error workbook
    wb.save(out)
    roster = read_roster(out)
    assert [r.values["phone"] for r in roster.valid_rows] == ["13800138000"]
    assert set(roster.columns_report()["ignored"]) == {"原行号", "错误"}


def test_no_error_workbook_when_all_rows_fine(tmp_path):
    path = write_rows(tmp_path / "r.xlsx", ["姓名"], [["张三"]])
    assert write_error_workbook(read_roster(path)) is None
    assert not error_workbook_path(path).exists()


def test_formula_like_cells_are_escaped(tmp_path):
    out = tmp_path / "x.xlsx"
    write_table(out, title="学员", headers=["姓名", "备注"], rows=[
        ["=HYPERLINK(\"http://x\")", "+1"], ["-2", "@SUM(A1)"], ["张三", "a=b"], ["李四", 33030219]],
        heading=False, numbers_from_text=False)
    ws = openpyxl.load_workbook(out).active
    assert [c.data_type for row in ws.iter_rows(min_row=2, max_col=2) for c in row][:4] == ["s"] * 4
    assert list(ws.iter_rows(min_row=2, values_only=True)) == [
        ("'=HYPERLINK(\"http://x\")", "'+1"), ("'-2", "'@SUM(A1)"), ("张三", "a=b"), ("李四", 33030219)]
    assert cell_value(None) is None and cell_value(5) == 5
