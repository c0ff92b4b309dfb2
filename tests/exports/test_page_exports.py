"""导出Excel… on the pages: each file holds what that table shows, under its Chinese headers."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ccschool.exports.table import read_back
from ccschool.ui.ops.background import SyncRunner
from ccschool.ui.shell.context import AppContext


@pytest.fixture
def ctx(db, qapp):
    from ccschool.services.demo import build_demo

    with db.transaction(actor="admin") as s:
        build_demo(s, learners=60, months=1, seed=7)
    return AppContext(db=db, run_in_background=SyncRunner())


def shown(view) -> tuple[list[str], list[list[str]]]:
    """Header texts and cell texts exactly as the view displays them."""
    model = view.model()
    heads = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    rows = [[model.index(r, c).data() or "" for c in range(model.columnCount())]
            for r in range(model.rowCount())]
    return heads, rows


def exported(export, path) -> tuple[str, list, list[list[str]]]:
    messages = []
    export.notify = lambda ok, text: messages.append((ok, text))
    export.export(str(path))
    assert messages == [(True, f"已导出 {len(read_back(path)[2])} 行到 {path}")]
    title, heads, _rows = read_back(path)
    return title, heads, displayed(path, len(heads))


def displayed(path, width: int) -> list[list[str]]:
    """The data rows as a spreadsheet displays them (a number cell in its number format)."""
    from openpyxl import load_workbook

    ws = load_workbook(path).active
    return [[_text(c) for c in row] for row in ws.iter_rows(min_row=3, max_col=width)]


def _text(cell) -> str:
    if cell.value is None:
        return ""
    if isinstance(cell.value, (int, float)) and cell.number_format.startswith("0."):
        return f"{cell.value:.{len(cell.number_format) - 2}f}"
    return str(cell.value)


def test_classes_page_list_sessions_and_learners(qtbot, ctx, tmp_path):
    from ccschool.ui.classes.page import ClassesPage

    page = ClassesPage(ctx)
    qtbot.addWidget(page)
    title, heads, rows = exported(page.class_export, tmp_path / "classes.xlsx")
    assert title == "班级列表" and (heads, rows) == shown(page.class_table)
    assert heads[:3] == ["课程", "主题", "教师"] and len(rows) >= 5
    name = rows[1][0]
    page.search.setText(name)  # the filter on screen is the filter in the file
    assert exported(page.class_export, tmp_path / "one.xlsx")[2] == shown(page.class_table)[1]
    assert [r[0] for r in shown(page.class_table)[1]] == [name]
    page.class_table.selectRow(0)
    title, heads, rows = exported(page.session_export, tmp_path / "sessions.xlsx")
    assert title == f"{name} 课次" and (heads, rows) == shown(page.session_table) and rows
    title, heads, rows = exported(page.roster_export, tmp_path / "roster.xlsx")
    assert title == f"{name} 学员" and (heads, rows) == shown(page.roster_table) and rows
    assert page.roster_export.action in page.roster_export.menu.actions()


def test_volunteers_pool_keeps_phones_masked(qtbot, ctx, tmp_path):
    from ccschool.ui.volunteers.page import VolunteersPage

    page = VolunteersPage(ctx)
    qtbot.addWidget(page)
    title, heads, rows = exported(page.pool_export, tmp_path / "pool.xlsx")
    assert title == "师资库" and (heads, rows) == shown(page.pool_table)
    phones = [r[heads.index("手机号")] for r in rows if r[heads.index("手机号")]]
    assert phones and all("****" in p for p in phones)
    for export, table in ((page.records_export, page.records_table),
                          (page.hours_export, page.hours_table)):
        title, heads, rows = exported(export, tmp_path / f"{id(export)}.xlsx")
        assert (heads, rows) == shown(table)
    assert title.startswith("月度服务时长 ")


def test_checkin_sign_ins(qtbot, ctx, tmp_path):
    from ccschool.ui.checkin.page import CheckinPage

    page = CheckinPage(ctx)
    qtbot.addWidget(page)
    assert page.session_id is not None  # the demo always holds a session running now
    title, heads, rows = exported(page.table_export, tmp_path / "signins.xlsx")
    assert title == "签到名单 " + page.sessions.currentText()
    assert heads == ["时间", "姓名", "卡号", "状态", "方式"] and (heads, rows) == shown(page.table)


def test_reports_drill_downs(qtbot, ctx, tmp_path):
    from ccschool.reports import period as periods
    from ccschool.ui.reports.drill import ArchiveView, ClassDetailDialog
    from ccschool.ui.reports.stars import StarsView

    with ctx.db.read() as s:
        class_id, card = s.connection().exec_driver_sql(
            "SELECT c.id, l.card_no FROM enrollment e JOIN course_class c ON c.id = e.class_id "
            "JOIN learner l ON l.id = e.learner_id LIMIT 1").one()
        first = s.connection().exec_driver_sql("SELECT min(date) FROM class_session").scalar()
    dialog = ClassDetailDialog(ctx, class_id, periods.month(str(first)[:7]))
    qtbot.addWidget(dialog)
    title, heads, rows = exported(dialog.export, tmp_path / "detail.xlsx")
    assert (heads, rows) == shown(dialog.view) and rows and title == dialog.heading.text()
    archive = ArchiveView(ctx)
    qtbot.addWidget(archive)
    archive.show_card(card)
    for export in archive.exports:
        title, heads, rows = exported(export, tmp_path / f"{id(export)}.xlsx")
        assert (heads, rows) == shown(export.view) and rows and card in title
    stars = StarsView(ctx, lambda row: None)
    qtbot.addWidget(stars)
    stars.year.setValue(int(str(first)[:4]))
    stars.refresh()
    title, heads, rows = exported(stars.export, tmp_path / "stars.xlsx")
    assert (heads, rows) == shown(stars.view) and rows and title.endswith("百姓学习之星候选")
