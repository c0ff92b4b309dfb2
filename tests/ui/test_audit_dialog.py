"""操作日志: an admin reads who changed what (masked), filters it, pages it and exports it."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from ccschool.services import learners
from ccschool.ui.settings.page import SettingsPage
from tests.tablecells import line, rows as row_count


@pytest.fixture
def edited(ctx):
    """A learner added by admin and corrected by clerk (a new phone number)."""
    with ctx.db.transaction(actor="admin") as s:
        learner = learners.create_learner(s, name="王芳", gender="女", phone="13900001111",
                                          village="东村")
    with ctx.db.transaction(actor="clerk") as s:
        learners.update_learner(s, learner.id, phone="13900002222")
    return learner


def open_log(qtbot, ctx):
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    dialog = page.open_audit_log()
    return page, dialog


def cells(dialog, row):
    return line(dialog.table, row)


def test_admin_sees_who_changed_what_masked(qtbot, ctx, edited):
    _, dialog = open_log(qtbot, ctx)
    rows = [cells(dialog, r) for r in range(row_count(dialog.table))]
    change = next(r for r in rows if r[2] == "修改学员")
    assert change[1] == "clerk"
    assert "手机: 139****1111 → 139****2222" in change[4]
    assert "13900002222" not in repr(rows)  # masked on screen too
    assert any(r[2] == "新增学员" and r[1] == "admin" for r in rows)
    dialog.show_entry(rows.index(change))
    assert "139****2222" in dialog.detail.text()


def test_each_entry_reads_as_a_sentence_without_ids_or_json(qtbot, ctx, edited):
    """Who did what to whom, when: names instead of record keys, fields instead of JSON."""
    from ccschool.services import classes, volunteers
    from ccschool.services import service_hours

    with ctx.db.transaction(actor="admin") as s:
        klass = classes.add_class(s, name="书法班", theme="人文艺术")
        helper = volunteers.add_instructor(s, name="陈志愿", kind="volunteer")
        s.flush()
        from datetime import date

        service_hours.add_record(s, instructor_id=helper.id, day=date(2026, 11, 2), hours=2,
                                 activity="图书整理")
    _, dialog = open_log(qtbot, ctx)
    rows = [cells(dialog, r) for r in range(row_count(dialog.table))]
    added = next(r for r in rows if r[2] == "新增学员")
    assert added[3] == f"王芳（{edited.card_no}）"  # whom: the name and card, not 学员 3f2a…
    assert "姓名: 王芳" in added[4] and "{" not in added[4]
    service = next(r for r in rows if r[2] == "登记志愿服务")
    assert service[3] == "陈志愿 2026-11-02" and "志愿者: 陈志愿" in service[4]
    assert next(r for r in rows if r[2] == "新增班级")[3] == "书法班"
    texts = repr(rows) + repr([e["sentence"] for e in dialog.entries])
    for key in (edited.id, klass.id, helper.id):
        assert key not in texts and key[:8] not in texts
    first = dialog.entries[rows.index(added)]
    assert first["sentence"].startswith(f"admin 于 {added[0]} 新增学员：王芳（")
    dialog.show_entry(rows.index(added))
    assert "姓名: 王芳" in dialog.detail.text() and '"name"' not in dialog.detail.text()


def test_filters_by_person_and_area(qtbot, ctx, edited):
    _, dialog = open_log(qtbot, ctx)
    dialog.actor.setCurrentIndex(dialog.actor.findData("clerk"))
    dialog.reload()
    assert {cells(dialog, r)[1] for r in range(row_count(dialog.table))} == {"clerk"}
    dialog.actor.setCurrentIndex(0)
    dialog.area.setCurrentIndex(dialog.area.findData("setting."))
    dialog.reload()
    assert row_count(dialog.table) == 0
    dialog.since.setDate(dialog.since.date().addDays(40))  # after today: nothing
    dialog.area.setCurrentIndex(0)
    dialog.reload()
    assert row_count(dialog.table) == 0 and dialog.count.text() == "已显示 0 条"


def test_pages_of_200(qtbot, ctx):
    from ccschool import audit
    from ccschool.ui.settings.audit_dialog import PAGE, AuditLogDialog

    assert PAGE == 200
    with ctx.db.transaction(actor="admin") as s:
        for i in range(12):
            audit.record(s, "cards.print", "learner", f"L{i}")  # short keys are shown whole
    dialog = AuditLogDialog(ctx, page_size=5)  # the same paging, with fewer rows to write
    qtbot.add_widget(dialog)
    dialog.open()
    assert row_count(dialog.table) == 5 and dialog.more.isEnabled()
    dialog.more.click()
    dialog.more.click()
    assert row_count(dialog.table) >= 12 and not dialog.more.isEnabled()
    shown = [cells(dialog, r)[3] for r in range(row_count(dialog.table))]
    printed = [x for x in shown if x.startswith("学员 L")]
    assert sorted(printed) == sorted(f"学员 L{i}" for i in range(12))  # no gaps, no repeats


def test_export_writes_what_the_filter_selects(qtbot, ctx, edited, tmp_path):
    _, dialog = open_log(qtbot, ctx)
    out = tmp_path / "日志.xlsx"
    dialog.choose_file = lambda: str(out)
    dialog.actor.setCurrentIndex(dialog.actor.findData("clerk"))
    dialog.export()
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("时间", "操作人", "操作")
    assert {r[1] for r in rows[1:]} == {"clerk"} and rows[1][-2] == "修改学员"
    assert rows[1][-1].startswith("clerk 于 ") and "修改学员：王芳（" in rows[1][-1]
    assert "已导出 1 条" in dialog.count.text()


def test_a_failed_export_says_so_and_writes_nothing(qtbot, ctx, edited, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: said.append(a[2]))
    _, dialog = open_log(qtbot, ctx)
    out = tmp_path / "日志.xlsx"
    out.mkdir()  # a folder where the file should go: the write fails (root ignores modes)
    dialog.choose_file = lambda: str(out)
    dialog.export()
    assert said and "没有写出文件" in said[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "日志.xlsx"]  # no temp file


def test_staff_cannot_open_the_log(qtbot, ctx):
    from ccschool.ui.shell.context import CurrentUser

    ctx.user = CurrentUser("clerk", "staff")
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    assert not page.audit_button.isEnabled()


def test_every_recorded_action_has_a_meaning():
    """A new audit action without a label would show its code to the admin."""
    import re
    from pathlib import Path

    from ccschool.services.audit_labels import ACTION_LABELS

    root = Path(__file__).resolve().parents[2] / "ccschool"
    used = set()
    for path in root.rglob("*.py"):
        used |= set(re.findall(r'record\(\s*s(?:ession)?\s*,\s*"([a-z_]+\.[a-z_]+)"',
                               path.read_text(encoding="utf-8")))
    assert used and used <= set(ACTION_LABELS), used - set(ACTION_LABELS)


def test_read_with_the_mouse_and_more_keeps_the_selection(qtbot, qtmodeltester, ctx):
    """A table view over the one RowsModel: hovering a cell shows the whole entry, a double
    click opens it, and 显示更多 adds older entries below the row the admin selected."""
    from PySide6.QtCore import Qt

    from ccschool import audit
    from ccschool.ui.settings.audit_dialog import AuditLogDialog

    with ctx.db.transaction(actor="admin") as s:
        for i in range(8):
            audit.record(s, "cards.print", "learner", f"L{i}")
    dialog = AuditLogDialog(ctx, page_size=5)
    qtbot.add_widget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    view, model = dialog.table, dialog.model
    qtmodeltester.check(model)
    tip = model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == dialog.entries[1]["sentence"] and tip.startswith("admin 于 ")
    rect = view.visualRect(model.index(1, 2))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    chosen = line(view, 1)
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    qtbot.mouseClick(dialog.more, Qt.MouseButton.LeftButton)
    assert row_count(view) >= 9 and not resets  # appended, not rebuilt
    assert line(view, view.currentIndex().row()) == chosen
    assert [i.row() for i in view.selectionModel().selectedRows()] == [1]
    qtmodeltester.check(model)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # its 2nd press
    assert dialog.detail.isVisible() and dialog.detail.text().startswith(dialog.entries[1]["sentence"])
    dialog.detail.close()
