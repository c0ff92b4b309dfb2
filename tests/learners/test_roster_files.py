"""Files that are not usable rosters get one clear message and nothing else happens."""
from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from ccschool.errors import ValidationError
from ccschool.roster import read_roster
from tests.learners.rosters import write_rows

DATA = Path(__file__).parent / "data"


def _refused(path) -> str:
    with pytest.raises(ValidationError) as info:
        read_roster(path)
    return info.value.zh


def test_text_file_named_xlsx(tmp_path):
    path = tmp_path / "花名册.xlsx"
    path.write_text("姓名,手机\n张三,13800138000\n", encoding="utf-8")
    assert "不是Excel工作簿" in _refused(path)


def test_web_page_saved_as_xls(tmp_path):
    path = tmp_path / "export.xls"
    path.write_text("<html><table><tr><td>姓名</td></tr></table></html>", encoding="utf-8")
    assert "不是Excel工作簿" in _refused(path)


def test_empty_file_and_missing_file(tmp_path):
    (tmp_path / "empty.xlsx").write_bytes(b"")
    assert "不是Excel工作簿" in _refused(tmp_path / "empty.xlsx")
    assert "找不到文件" in _refused(tmp_path / "nope.xlsx")


def test_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "r.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "hello")
    assert "不是Excel工作簿" in _refused(path)


def test_truncated_workbook(tmp_path):
    src = write_rows(tmp_path / "src.xlsx", ["姓名"], [["张三"]])
    path = tmp_path / "r.xlsx"
    path.write_bytes(src.read_bytes()[: src.stat().st_size // 2])
    assert "不是Excel工作簿" in _refused(path) or "已损坏" in _refused(path)


def test_password_protected_workbook(tmp_path):
    shutil.copy(DATA / "roster_password.xlsx", tmp_path / "花名册.xlsx")
    assert "密码" in _refused(tmp_path / "花名册.xlsx")


def test_zip_bomb_is_refused_before_inflating(tmp_path):
    src = write_rows(tmp_path / "src.xlsx", ["姓名"], [["张三"]])
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item, zin.read(item))
        zout.writestr("xl/media/padding.bin", b"\0" * (40 * 1024 * 1024))
    assert path.stat().st_size < 1024 * 1024
    assert "异常巨大" in _refused(path)


def test_ods_file(tmp_path):
    path = tmp_path / "r.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", "<x/>")
    assert "ODS" in _refused(path)


def test_no_recognisable_header(tmp_path):
    path = write_rows(tmp_path / "r.xlsx", ["编号", "金额"], [[1, 2]], title_rows=1)
    assert _refused(path) == "“r.xlsx”中找不到表头：前30行里没有“姓名”列"


def _stray_far_away(path: Path, row: int, column: int) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws.append(["姓名", "手机"])
    ws.append(["张三", "13800138000"])
    ws.cell(row, column).value = " "  # a space typed into a far cell by accident
    wb.save(path)
    return path


def test_stray_value_far_outside_the_table_is_refused_not_a_crash(db, run_cli, tmp_path):
    """The parser would try to hold A1:XFD1048576 and abort the process (SIGABRT): a real
    process must instead exit with a message naming the sheet, and write nothing."""
    path = _stray_far_away(tmp_path / "花名册.xlsx", 1_048_576, 16_384)
    result = run_cli("learners", "import", path)
    assert result.returncode == 1, result
    assert "工作表“花名册”的使用范围过大（1048576行×16384列）" in result.stderr + result.stdout
    with db.read() as s:
        from sqlalchemy import func, select

        from ccschool.models import Person
        assert s.scalar(select(func.count()).select_from(Person)) == 0
    # a narrow but endless stray (column B, last row) is refused the same way
    assert "1048576行×26列" in _refused(_stray_far_away(tmp_path / "b.xlsx", 1_048_576, 2))


def test_far_cells_with_only_a_style_and_wide_rosters_still_read(tmp_path):
    import openpyxl
    from openpyxl.styles import Font

    path = _stray_far_away(tmp_path / "styled.xlsx", 3, 3)
    wb = openpyxl.load_workbook(path)
    wb.active.cell(1_048_576, 16_384).font = Font(bold=True)  # formatted, never typed in
    wb.save(path)
    assert [r.values["name"] for r in read_roster(path).rows] == ["张三"]
    header = ["姓名"] + [f"第{i}周" for i in range(1, 40)] + ["手机"]  # columns to AO
    path = write_rows(tmp_path / "wide.xlsx", header, [["李四"] + [""] * 39 + ["13900001111"]])
    assert [r.values["phone"] for r in read_roster(path).rows] == ["13900001111"]


def test_used_range_reads_prefixed_cells_and_ignores_empty_ones():
    from ccschool.roster.used_range import used_range

    xml = (b'<x:worksheet><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c>'
           b'<x:c r="AB7" s="2"/></x:row><x:row r="3"><x:c r="AC3" t="inlineStr"><x:is><x:t>x'
           b'</x:t></x:is></x:c></x:row><x:row r="9"><x:c r="B9" s="1"/></x:row>'
           b'</x:sheetData></x:worksheet>')
    assert used_range(xml) == (3, 29)
    assert used_range(b"<worksheet><sheetData/></worksheet>") == (0, 0)


def test_used_range_finds_values_ahead_of_a_long_tail_of_empty_cells():
    """The last value can sit well before the end of the sheet XML (rows that are only
    formatted follow it): every part of the XML is searched, the start included."""
    from ccschool.roster.used_range import used_range

    head = b'<row r="1"><c r="B3" t="s"><v>0</v></c></row>'
    tail = b"".join(b'<row r="%d"><c r="A%d" s="1"/></row>' % (i, i) for i in range(5, 40_000))
    assert len(tail) > 3 * 256 * 1024
    assert used_range(b"<sheetData>" + head + tail + b"</sheetData>") == (3, 26)
