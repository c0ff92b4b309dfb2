"""The Excel workbook and the PDF as a user gets them: opened by LibreOffice, rendered, read."""
from __future__ import annotations

import csv
import shutil
import subprocess

import openpyxl
import pytest

from ccschool.reports import period
from ccschool.reports.excel import write_workbook
from ccschool.reports.pdf import write_pdf
from ccschool.services import reports


@pytest.fixture(scope="module")
def march(shared):
    with shared.db.read() as s:
        return (reports.monthly(s, month="2026-03"),
                reports.learner_rows(s, period=period.month("2026-03")))


def test_workbook_sheets_headers_charts_and_text_cards(tmp_path, march):
    report, learners = march
    out = tmp_path / "月报.xlsx"
    write_workbook(report, learners, out)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["汇总", "班级", "学员", "志愿者"]
    summary = {r[0]: r[1] for r in wb["汇总"].iter_rows(min_row=5, max_col=2, values_only=True)}
    assert summary["培训人次"] == 10 and summary["参训人数"] == 6
    assert summary["学员学时合计"] == 18 and summary["满意率"] == 0.5
    assert [c.value for c in wb["班级"][1]][:3] == ["班级", "主题", "教学点"]
    cards = [r[0] for r in wb["学员"].iter_rows(min_row=2, values_only=True)]
    assert cards[0] == "T0001" and wb["学员"]["A2"].data_type == "s"
    assert wb["志愿者"]["E4"].value == 6.5
    # native charts: openpyxl keeps them when it reads the file back only as drawings
    import zipfile
    names = zipfile.ZipFile(out).namelist()
    assert sum(n.startswith("xl/charts/chart") for n in names) >= 6
    weeks = [r for r in wb["汇总"].iter_rows(values_only=True) if r[0] == "2026-03-02"]
    assert weeks == [("2026-03-02", 6, 10.5, None, None)]


def test_escaped_names_do_not_become_formulas(tmp_path, march):
    report, learners = march
    tricky = [{**learners[0], "name": "=HYPERLINK(\"http://x\")", "village": "@evil"}]
    out = tmp_path / "t.xlsx"
    write_workbook(report, tricky, out)
    ws = openpyxl.load_workbook(out)["学员"]
    assert ws["B2"].value.startswith("'=") and ws["B2"].data_type == "s"
    assert ws["E2"].value == "'@evil"


def test_control_characters_in_names_are_dropped_not_fatal(tmp_path, march):
    """A name pasted with a control character (from a web form, a PDF) used to abort the whole
    report export; now the character is dropped, as in every other workbook we write."""
    report, learners = march
    pasted = [{**learners[0], "name": "张\x07三\x1b", "village": "东山村\x00"}]
    broken_class = {**report["classes"][0], "course_name": "书法\x0b班"}
    out = tmp_path / "t.xlsx"
    write_workbook({**report, "classes": [broken_class]}, pasted, out)
    wb = openpyxl.load_workbook(out)
    assert (wb["学员"]["B2"].value, wb["学员"]["E2"].value) == ("张三", "东山村")
    assert wb["班级"]["A2"].value == "书法班"


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice not installed")
def test_libreoffice_opens_the_workbook(tmp_path, march):
    report, learners = march
    out = tmp_path / "report.xlsx"
    write_workbook(report, learners, out)
    utf8_all_sheets = ("csv:Text - txt - csv (StarCalc):"
                       "44,34,76,1,,0,false,true,false,false,false,-1")
    r = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                        "--convert-to", utf8_all_sheets, "--outdir", str(tmp_path / "csv"),
                        str(out)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    with open(tmp_path / "csv" / "report-班级.csv", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0][0] == "班级" and rows[1][:2] == ["电商直播", "职业技能"]
    assert (tmp_path / "csv" / "report-汇总.csv").read_text(encoding="utf-8").count("培训人次") == 1


def test_failed_write_leaves_the_old_file(tmp_path, march):
    report, _ = march
    out = tmp_path / "r.xlsx"
    out.write_bytes(b"old")
    with pytest.raises(Exception):
        write_workbook({**report, "classes": None}, [], out)
    assert out.read_bytes() == b"old" and list(tmp_path.iterdir()) == [out]


def test_pdf_renders_with_embedded_chinese_font(tmp_path, march):
    report, _ = march
    out = tmp_path / "月报.pdf"
    write_pdf(report, out)
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
    assert "WenQuanYi" in fonts and " yes yes " in fonts.split("WenQuanYi")[1]
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True,
                          text=True).stdout
    for label in ("测试镇社区学校社区教育统计报表", "培训人次", "每周培训人次", "各主题学时",
                  "年龄结构", "参与率", "智能手机入门", "东山村"):
        assert label in text, label
    r = subprocess.run(["pdftoppm", "-r", "40", "-png", str(out), str(tmp_path / "p")],
                       capture_output=True)
    assert r.returncode == 0 and (tmp_path / "p-1.png").stat().st_size > 5000


def test_pdf_of_an_empty_month(tmp_path, db):
    with db.read() as s:
        report = reports.monthly(s, month="2030-01")
    write_pdf(report, tmp_path / "e.pdf")
    text = subprocess.run(["pdftotext", str(tmp_path / "e.pdf"), "-"], capture_output=True,
                          text=True).stdout
    assert "本期无数据" in text
