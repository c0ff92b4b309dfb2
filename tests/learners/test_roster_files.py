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
