"""志愿服务时长证明: a volunteer's year of service as a PDF, from the command line and the
Volunteers page; venue kinds typed in Chinese on the command line."""
from __future__ import annotations

import json
from datetime import date

import pytest

from tests.printing.conftest import (RARE_NAMES, assert_cjk_embedded, pdf_flat_text, pdf_text,
                                     render)


@pytest.fixture
def served(db):
    """吉𠮷 served four times in 2026 (one record deleted) and once in 2025."""
    from ccschool.services import service_hours, volunteers

    with db.transaction(actor="admin") as s:
        inst = volunteers.add_instructor(s, name=RARE_NAMES[1], phone="13900001111",
                                         kind="志愿者", organisation="东山卫生院")
        s.flush()
        for day, hours, what in ((date(2026, 3, 5), 2, "智能手机辅导"),
                                 (date(2026, 3, 19), 1.5, "智能手机辅导"),
                                 (date(2026, 10, 8), 3, "重阳节健康讲座"),
                                 (date(2025, 12, 30), 4, "年终图书整理")):
            service_hours.add_record(s, instructor_id=inst.id, day=day, hours=hours,
                                     activity=what)
        gone = service_hours.add_record(s, instructor_id=inst.id, day=date(2026, 5, 1),
                                        hours=8, activity="录错的记录")
        s.flush()
        service_hours.delete_record(s, record_id=gone.id)
    return inst.id


def test_statement_pdf_lists_the_years_service_with_embedded_font(run_cli, served, tmp_path,
                                                                 out_dir):
    pdf = tmp_path / "证明.pdf"
    r = run_cli("volunteers", "statement", "--volunteer", RARE_NAMES[1], "--year", "2026",
                "--out", pdf, "--json")
    assert r.returncode == 0, r.stderr
    result = json.loads(r.stdout)
    assert (result["records"], result["total_hours"], result["pages"]) == (3, 6.5, 1)
    text = pdf_flat_text(pdf)
    for needle in ("志愿服务时长证明", "测试镇社区学校·2026年度", RARE_NAMES[1], "东山卫生院",
                   "2026年3月5日", "智能手机辅导", "重阳节健康讲座", "3月", "10月",
                   "累计志愿服务6.5小时"):
        assert needle in text, needle
    assert "年终图书整理" not in text and "录错的记录" not in text  # other year; deleted
    assert_cjk_embedded(pdf)
    pages = render(pdf, out_dir, dpi=40)
    assert len(pages) == 1 and pages[0].stat().st_size > 3000  # a page with content on it


def test_statement_refuses_a_stranger_and_a_bad_year(run_cli, served, tmp_path):
    r = run_cli("volunteers", "statement", "--volunteer", "无此人", "--year", "2026",
                "--out", tmp_path / "x.pdf")
    assert r.returncode != 0 and r.stderr.strip() == "错误: 师资库中找不到“无此人”"
    r = run_cli("volunteers", "statement", "--volunteer", RARE_NAMES[1], "--year", "26",
                "--out", tmp_path / "x.pdf")
    assert r.returncode != 0 and "年份应写成四位数" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_statement_in_english(served, db, tmp_path):
    from ccschool import i18n
    from ccschool.services import printing

    i18n.set_language("en")
    try:
        printing.print_service_statement(db, volunteer=served, year=2026, out=tmp_path / "s.pdf")
    finally:
        i18n.set_language("zh_CN")
    text = pdf_text(tmp_path / "s.pdf")
    assert "Service hours statement" in text and "Volunteer" in text and "6.5" in text


def test_volunteers_page_makes_the_statement_of_the_selected_person(qtbot, served, db,
                                                                     data_dir, tmp_path,
                                                                     monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from ccschool.ui.ops.background import SyncRunner
    from ccschool.ui.shell.context import AppContext, CurrentUser
    from ccschool.ui.volunteers.page import VolunteersPage

    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: said.append(a[2]))
    ctx = AppContext(db=db, run_in_background=SyncRunner(), user=CurrentUser("admin", "admin"),
                     data_dir=data_dir)
    page = VolunteersPage(ctx)
    qtbot.addWidget(page)
    page.make_statement()  # nobody selected: says what to do
    assert said and "请先在师资库中选中" in said[-1]
    asked = []
    page.choose_year = lambda name: asked.append(name) or 2026
    page.choose_file = lambda suggested: asked.append(suggested) or str(tmp_path / suggested)
    page.pool_table.selectRow(0)
    page.make_statement()
    assert asked == [RARE_NAMES[1], f"{RARE_NAMES[1]}_2026年服务时长证明.pdf"]
    out = tmp_path / asked[1]
    assert out.exists() and "6.5" in pdf_flat_text(out)
    assert "共 6.5 小时" in said[-1] and page.statement_button.isEnabled()


def test_venue_kinds_in_chinese_on_the_command_line(run_cli, db):
    for name, kind in (("东山村文化礼堂", "文化礼堂"), ("西溪村活动室", "村(社区)活动室"),
                       ("北塘村活动室", "村活动室"), ("镇农家书屋", "农家书屋"),
                       ("线上课堂", "Online")):
        r = run_cli("venues", "add", "--name", name, "--kind", kind, "--json")
        assert r.returncode == 0, (kind, r.stderr)
    kinds = {v["name"]: v["kind"] for v in
             json.loads(run_cli("venues", "list", "--json").stdout)["venues"]}
    assert kinds == {"东山村文化礼堂": "culture_hall", "西溪村活动室": "village_hall",
                     "北塘村活动室": "village_hall", "镇农家书屋": "farm_library",
                     "线上课堂": "online"}
    r = run_cli("venues", "add", "--name", "礼堂", "--kind", "礼拜堂")
    assert r.returncode != 0
    assert "场地类型“礼拜堂”不在列表中" in r.stderr and "文化礼堂（culture_hall）" in r.stderr
