"""The Qt-free table writer: what WPS and LibreOffice will show when they open the file."""
from __future__ import annotations

import pytest

from ccschool.exports.table import cell_value, read_back, sheet_name, write_table
from tests.exports.conftest import libreoffice_rows

HEADERS = ["姓名", "身份证号", "手机号", "卡号", "学时", "备注"]
ROWS = [
    ["张三", "110101199003071234", "13800138000", "TEST01-000001", "1.5", "=HYPERLINK(\"x\")"],
    ["李四", "110101********1234", "138****8000", "0000123", "2.0", "+86 不是公式"],
    ["@王五", "", None, "12345678", "-2", "-5+3"],
]


def test_values_as_shown_ids_as_text_formulas_escaped(tmp_path):
    out = tmp_path / "学员.xlsx"
    assert write_table(out, title="学员名单", headers=HEADERS, rows=ROWS) == 3
    title, headers, rows = read_back(out)
    assert title == "学员名单" and headers == HEADERS
    assert rows[0] == ["张三", "110101199003071234", "13800138000", "TEST01-000001", 1.5,
                       "'=HYPERLINK(\"x\")"]
    assert rows[1][1:4] == ["110101********1234", "138****8000", "0000123"]  # masks, zeros kept
    assert rows[1][5] == "'+86 不是公式"
    assert rows[2] == ["'@王五", None, None, "12345678", -2, "'-5+3"]


def test_no_cell_is_a_formula(tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "t.xlsx"
    write_table(out, title="=标题", headers=["=A1", "@b"], rows=[["=1+1", "\t=x"]])
    ws = load_workbook(out).active
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    assert ws["A1"].value == "'=标题" and ws["A2"].value == "'=A1"


@pytest.mark.parametrize("value, expected", [
    ("12", 12), ("0", 0), ("3.25", 3.25), ("-1", -1), ("1234567", "1234567"), ("012", "012"),
    ("85.0%", "85.0%"), ("2026-09-01", "2026-09-01"), (7, 7), (True, "True"), (None, None)])
def test_cell_value(value, expected):
    assert cell_value(value) == expected


def test_sheet_names_excel_accepts():
    assert sheet_name("班级/课次: [书法]") == "班级 课次 书法"
    assert len(sheet_name("很" * 40)) == 31


def test_libreoffice_opens_it(tmp_path):
    out = tmp_path / "export.xlsx"
    write_table(out, title="学员名单", headers=HEADERS, rows=ROWS)
    rows = libreoffice_rows(out, tmp_path / "lo")
    assert rows[0][0] == "学员名单" and rows[1] == HEADERS
    assert rows[2][:5] == ["张三", "110101199003071234", "13800138000", "TEST01-000001", "1.5"]
    assert rows[3][3:5] == ["0000123", "2.0"] and rows[4][4:] == ["-2", "'-5+3"]


def test_a_failed_write_leaves_nothing(tmp_path):
    target = tmp_path / "busy.xlsx"
    target.mkdir()  # like a file another program holds: the final rename fails
    with pytest.raises(OSError):
        write_table(target, title="t", headers=["a"], rows=[["1"]])
    assert [p.name for p in tmp_path.iterdir()] == ["busy.xlsx"] and target.is_dir()


def test_dates_and_aware_times_become_date_cells(tmp_path):
    """Excel has no time zones: an aware time is written as China time, not refused."""
    from datetime import date, datetime, timezone

    import openpyxl

    from ccschool.exports.table import write_table

    at = datetime(2026, 3, 1, 0, 30, tzinfo=timezone.utc)
    write_table(tmp_path / "d.xlsx", title="日期", headers=["日", "时"], heading=False,
                rows=[[date(1956, 3, 2), at]])
    ws = openpyxl.load_workbook(tmp_path / "d.xlsx").active
    day, when = ws["A2"], ws["B2"]
    assert day.value == datetime(1956, 3, 2) and day.number_format == "yyyy-mm-dd"
    assert when.value == datetime(2026, 3, 1, 8, 30)


def test_a_failure_while_writing_leaves_no_scratch_with_personal_data(tmp_path, monkeypatch):
    """The rows go to scratch files while the sheet is written; a failure half-way (a cancel,
    a database error) must leave neither the workbook nor those scratch files behind."""
    import tempfile

    scratch_root = tmp_path / "temp"
    scratch_root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch_root))

    def rows():
        for i in range(1200):  # past the 500 rows sampled for the widths
            if i == 1000:
                raise RuntimeError("the database went away")
            yield ["张三", "110101199003071234", "13800138000"]

    out = tmp_path / "out" / "学员.xlsx"
    with pytest.raises(RuntimeError):
        write_table(out, title="学员", headers=["姓名", "身份证号", "手机号"], rows=rows())
    assert list(out.parent.iterdir()) == [] and list(scratch_root.iterdir()) == []


def test_text_the_writer_would_have_guessed_stays_text(tmp_path):
    """The engine guesses nothing: a URL is not made a link, "007" and a formula-like text are
    not numbers or formulas, a long digit string keeps every digit."""
    from openpyxl import load_workbook

    out = tmp_path / "t.xlsx"
    write_table(out, title="t", headers=["a", "b", "c", "d"], heading=False,
                numbers_from_text=False,
                rows=[["http://example.com/x", "007", "=1+1", "330281195601023456"]])
    ws = load_workbook(out).active
    assert [c.value for c in ws[2]] == ["http://example.com/x", "007", "'=1+1",
                                        "330281195601023456"]
    assert [c.data_type for c in ws[2]] == ["s"] * 4 and not ws._hyperlinks
