"""The Learners page, its table model, the add/edit dialog and the import wizard (offscreen)."""
from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from ccschool.models import Learner
from ccschool.services import learners as svc
from tests.learners.rosters import ZHANG, messy_roster
from tests.tablecells import cell, rows


@pytest.fixture
def ctx(db):
    from ccschool.ui.ops.background import SyncRunner
    from ccschool.ui.shell.context import AppContext, CurrentUser

    return AppContext(db=db, run_in_background=SyncRunner(), user=CurrentUser("admin", "admin"))


@pytest.fixture
def page(qtbot, ctx):
    from ccschool.ui.learners.page import LearnersPage

    with ctx.transaction() as s:
        for name in ("张三", "李四", "王五"):
            svc.create_learner(s, name=name)
    widget = LearnersPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 600)
    return widget


def _names(page) -> list[str]:
    m = page.model
    return [m.index(r, 1).data() for r in range(m.rowCount())]


def test_model_passes_qt_model_tester(qtmodeltester, page):
    qtmodeltester.check(page.model)


def test_instant_search(qtbot, page):
    assert _names(page) == ["张三", "李四", "王五"]
    page.search_box.setText("zs")
    qtbot.waitUntil(lambda: _names(page) == ["张三"], timeout=2000)
    assert page.count.text() == "1 人"
    assert page.selected_id() is not None  # the one match is selected, ready for 编辑
    page.search_box.clear()
    qtbot.waitUntil(lambda: len(_names(page)) == 3, timeout=2000)


def test_problems_never_move_the_fields_nor_grow_the_dialog(qtbot, page):
    """Issue 17.8: a click aimed at a field must land on it whatever the messages say."""
    dialog = page.add_learner()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    size = dialog.size()
    assert size.width() >= dialog.minimumSizeHint().width()  # nothing cut off at the right
    where = {k: e.mapTo(dialog, e.rect().topLeft()) for k, e in dialog.edits.items()}
    dialog.edits["name"].setText("赵六")  # QTest types ASCII only
    qtbot.keyClicks(dialog.edits["birth_date"], "1956.13.40")
    qtbot.keyClicks(dialog.edits["id_number"], ZHANG[:17] + "0")
    qtbot.keyClicks(dialog.edits["phone"], "12345")
    dialog.save()
    assert len(dialog.errors) == 3
    QApplication.processEvents()
    assert {k: e.mapTo(dialog, e.rect().topLeft()) for k, e in dialog.edits.items()} == where
    assert dialog.size() == size
    for key in ("birth_date", "id_number", "phone"):
        dialog.edits[key].clear()
    dialog.validate()
    QApplication.processEvents()
    assert dialog.errors == {} and dialog.problems.text() == ""
    assert dialog.size() == size


def test_add_dialog_shows_problems_next_to_fields(qtbot, page, ctx):
    dialog = page.add_learner()
    qtbot.addWidget(dialog)
    dialog.edits["name"].setText("赵六")
    dialog.edits["id_number"].setText(ZHANG[:17] + "0")
    dialog.edits["phone"].setText("12345")
    dialog.save()
    assert dialog.isVisible()
    assert dialog.errors["id_number"] == "身份证号最后一位不对，请核对"
    assert "11位" in dialog.errors["phone"] and "name" not in dialog.errors
    assert "身份证号最后一位不对，请核对" in dialog.problems.text()
    dialog.edits["id_number"].setText(ZHANG.lower())
    dialog.edits["phone"].setText("13800138000")
    dialog.group_checks["老年人"].setChecked(True)
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
    assert "赵六" in _names(page)
    assert page.model.index(page.model.rowCount() - 1, 5).data() == "3303**********" + ZHANG[-4:]
    assert page.model.index(page.model.rowCount() - 1, 8).data() == "老年人"


def test_edit_dialog_keeps_masked_id_and_reveals_for_admin(qtbot, page, ctx):
    with ctx.transaction() as s:
        learner = svc.create_learner(s, name="赵六", id_number=ZHANG)
    page.refresh()
    page.select_learner(learner.id)
    dialog = page.edit_selected()
    qtbot.addWidget(dialog)
    assert dialog.edits["id_number"].text() == "3303**********" + ZHANG[-4:]
    dialog.edits["village"].setText("东村")
    dialog.save()  # the masked number is not "changed": the real one stays on file
    with ctx.db.read() as s:
        d = svc.detail(s, learner.id, reveal_id=True)
    assert (d["id_number"], d["village"]) == (ZHANG, "东村")
    dialog = page.edit_selected()
    qtbot.addWidget(dialog)
    assert dialog.reveal.isVisibleTo(dialog)
    dialog.reveal_id()
    assert dialog.edits["id_number"].text() == ZHANG


def test_reissue_card(qtbot, page):
    page.table.selectRow(0)
    with qtbot.waitSignal(page.card_reissued) as reissued:
        page.reissue_selected(confirm=False)
    assert reissued.args == ["ST01000004"]
    assert page.model.index(page.model.row_of(page.selected_id()), 0).data() == "ST01000004"


def test_export_current_search(qtbot, page, tmp_path):
    page.search_box.setText("李")
    page.refresh()
    page.export_to(str(tmp_path / "out.xlsx"))
    rows = list(openpyxl.load_workbook(tmp_path / "out.xlsx").active.iter_rows(values_only=True))
    assert [r[1] for r in rows[1:]] == ["李四"]


def test_import_wizard_shows_row_errors_then_imports_valid_rows(qtbot, qtmodeltester, page, ctx,
                                                                tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QWizard

    from ccschool.ui.learners.import_wizard import GREY, RED

    wizard = page.open_import()
    qtbot.addWidget(wizard)
    wizard.load(str(messy_roster(tmp_path / "花名册.xlsx")))
    assert wizard.choose.isComplete()
    wizard.next()
    assert "可导入7行，有错误3行，重复1行" in wizard.preview.summary.text()
    assert rows(wizard.preview.columns) == 9
    assert wizard.preview.ignored.text() == "未使用的列：序号"
    preview = wizard.preview.rows
    row12 = next(r for r in range(rows(preview)) if cell(preview, r, 0) == "12")
    assert cell(preview, row12, 7) == "错误"
    assert cell(preview, row12, 4).startswith("3303")  # the bad ID as typed, masked
    assert "*" in cell(preview, row12, 4)
    colour = Qt.ItemDataRole.ForegroundRole
    assert [preview.model().index(row12, c).data(colour) for c in range(8)] == [RED] * 8
    good = next(r for r in range(rows(preview)) if cell(preview, r, 7) == "可导入")
    assert preview.model().index(good, 0).data(colour) is None  # the usual colour
    qtmodeltester.check(preview.model())
    qtmodeltester.check(wizard.preview.columns.model())
    wizard.next()
    problems = wizard.problems.problems
    assert [cell(problems, r, 0) for r in range(rows(problems))] == ["12", "13", "15", "14"]
    assert [problems.model().index(r, 2).data(colour) for r in range(4)] == [RED] * 3 + [GREY]
    qtmodeltester.check(problems.model())
    assert cell(problems, 0, 2) == "身份证号最后一位不对，请核对"
    assert not wizard.problems.isComplete()  # errors: nothing is imported unless skipping them
    wizard.problems.skip.setChecked(True)
    assert wizard.problems.isComplete()
    wizard.grab().save(str(tmp_path / "wizard.png"))
    wizard.next()
    assert wizard.import_result["imported"] == 7
    assert "已导入7名学员" in wizard.result_page.text.text()
    assert (tmp_path / "花名册_错误行.xlsx").exists()
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    with ctx.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Learner)) == 10
    assert len(_names(page)) == 10  # the page refreshed through records_changed


def test_import_wizard_refuses_unusable_file(qtbot, ctx, tmp_path):
    from ccschool.ui.learners.import_wizard import ImportWizard

    wizard = ImportWizard(ctx)
    qtbot.addWidget(wizard)
    (tmp_path / "x.xlsx").write_text("hello")
    wizard.load(str(tmp_path / "x.xlsx"))
    assert not wizard.choose.isComplete()
    assert "不是Excel工作簿" in wizard.choose.status.text()


def test_model_is_lazy_at_many_rows(qtbot, ctx):
    """Only the blocks the view shows are fetched, whatever the number of ids."""
    from ccschool.ui.learners.model import BLOCK, LearnersModel

    with ctx.transaction() as s:
        ids = [svc.create_learner(s, name=f"学员{i}").id for i in range(5)]
    model = LearnersModel(ctx.db)
    model.set_ids(ids * 20_000)  # 100,000 rows
    assert model.rowCount() == 100_000
    assert model.index(99_999, 1).data() == "学员4"
    assert len(model._blocks) == 1 and len(next(iter(model._blocks.values()))) == BLOCK


@pytest.fixture
def english(qapp):
    from ccschool.ui.shell.app import install_translators

    install_translators(qapp, "en")
    yield
    install_translators(qapp, "zh_CN")


def test_page_and_wizard_in_english(qtbot, english, ctx, tmp_path):
    from ccschool.ui.learners.page import LearnersPage
    from tests.ui.test_language import untranslated

    page = LearnersPage(ctx)
    qtbot.addWidget(page)
    page.show()
    assert not untranslated(page)
    assert page.buttons["import"].text() == "Import Excel…"
    wizard = page.open_import()
    qtbot.addWidget(wizard)
    wizard.load(str(messy_roster(tmp_path / "roster.xlsx")))
    wizard.next()
    wizard.next()
    # the message comes from the services, in English too
    assert (cell(wizard.problems.problems, 0, 2)
            == "the ID number's last character is wrong; please check it")
    assert cell(wizard.problems.problems, 0, 1) == "ID number"
    assert not untranslated(wizard)


def test_wizard_reads_and_imports_on_a_worker_thread(qtbot, db, tmp_path):
    """The real runner: work happens off the GUI thread, results arrive back on it."""
    import threading

    from ccschool.ui.ops.background import BackgroundRunner
    from ccschool.ui.shell.context import AppContext, CurrentUser
    from ccschool.ui.learners.import_wizard import ImportWizard
    from tests.learners.rosters import write_rows

    runner = BackgroundRunner()
    ctx = AppContext(db=db, run_in_background=runner, user=CurrentUser("staff1", "staff"))
    wizard = ImportWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    threads = []
    ctx.signals.records_changed.connect(lambda _c: threads.append(threading.current_thread()))
    wizard.load(str(write_rows(tmp_path / "r.xlsx", ["姓名", "手机"], [["张三", 13800138000]])))
    qtbot.waitUntil(wizard.choose.isComplete, timeout=20_000)
    wizard.next()
    wizard.next()
    with qtbot.waitSignal(wizard.imported, timeout=20_000) as blocker:
        wizard.next()
        assert wizard.importing and wizard.isVisible()
    assert blocker.args[0]["imported"] == 1
    assert threads == [threading.main_thread()]
    runner.wait()


def test_import_wizard_cancel_mid_import_writes_nothing(qtbot, page, ctx, tmp_path):
    """Cancel while the rows are being written: the wizard stays open, says so, nothing kept."""
    import sqlite3

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QWizard

    from ccschool.ui.ops.background import BackgroundRunner
    from tests.learners.rosters import write_rows

    runner = BackgroundRunner()  # a real worker thread, as in the app
    ctx.run_in_background = runner
    roster = write_rows(tmp_path / "r.xlsx", ["姓名", "手机号码"],
                        [[f"学员{i:03d}", f"139{i:08d}"] for i in range(300)])
    wizard = page.open_import()
    qtbot.addWidget(wizard)
    wizard.load(str(roster))
    qtbot.waitUntil(wizard.choose.isComplete)
    wizard.next()
    wizard.next()
    # Another program holds the database's write lock, so the import is surely still running
    # when Cancel is pressed (it waits up to busy_timeout for the lock).
    blocker = sqlite3.connect(ctx.db.path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    wizard.next()  # 导入
    assert wizard.importing
    cancel = wizard.button(QWizard.WizardButton.CancelButton)
    assert cancel.isEnabled()
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert wizard.isVisible() or not wizard.closed  # Cancel stops the import, not the wizard
    assert "正在取消" in wizard.result_page.text.text()
    assert not cancel.isEnabled()
    wizard.grab().save(str(tmp_path / "cancelling.png"))
    blocker.execute("ROLLBACK")
    blocker.close()
    qtbot.waitUntil(lambda: wizard.import_finished, timeout=20000)
    assert wizard.result_page.text.text() == "导入已取消，没有导入任何数据。"
    wizard.grab().save(str(tmp_path / "cancelled.png"))
    with ctx.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Learner)) == 3  # the page's three
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    runner.wait()


def test_english_ui_shows_stored_values_in_english_and_saves_them_in_chinese(qtbot, english, ctx,
                                                                             tmp_path):
    """男/女 and target groups are stored in Chinese; an English screen reads them in English;
    the export keeps the stored Chinese values (the county format), so it still re-imports."""
    from PySide6.QtWidgets import QDialogButtonBox

    from ccschool.roster import read_roster
    from ccschool.ui.learners.page import LearnersPage
    from tests.ui.test_language import untranslated

    with ctx.transaction() as s:
        svc.create_learner(s, name="张三", gender="男", target_groups=["老年人", "家长"])
    page = LearnersPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 400)
    page.show()
    row = [page.model.index(0, c).data() for c in range(page.model.columnCount())]
    assert "Male" in row and "Seniors, Parents" in row
    page.grab().save(str(tmp_path / "learners_en.png"))
    page.table.selectRow(0)
    dialog = page.edit_selected()
    qtbot.addWidget(dialog)
    assert [dialog.gender.itemText(i) for i in range(dialog.gender.count())] == ["", "Male", "Female"]
    assert dialog.gender.currentText() == "Male"
    assert dialog.group_checks["老年人"].text() == "Seniors" and dialog.group_checks["老年人"].isChecked()
    assert not untranslated(dialog)
    dialog.gender.setCurrentIndex(dialog.gender.findText("Female"))
    dialog.group_checks["在岗职工"].setChecked(True)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    with ctx.db.read() as s:
        d = svc.detail(s, page.model.learner_id(0))
    assert d["gender"] == "女" and d["target_groups"] == ("老年人", "在岗职工", "家长")
    assert page.model.index(0, 2).data() == "Female"
    page.export_to(str(tmp_path / "out.xlsx"))
    rows = list(openpyxl.load_workbook(tmp_path / "out.xlsx").active.iter_rows(values_only=True))
    assert rows[1][2] == "女" and rows[1][8] == "老年人、在岗职工、家长"
    assert read_roster(tmp_path / "out.xlsx").errors == []


def test_chinese_ui_shows_stored_values_as_stored(page):
    with page.ctx.transaction() as s:
        svc.create_learner(s, name="赵六", gender="女", target_groups=["青少年"])
    page.refresh()
    row = [page.model.index(3, c).data() for c in range(page.model.columnCount())]
    assert row[1] == "赵六" and row[2] == "女" and row[8] == "青少年"


def test_print_cards_of_selected_learners_opens_print_page_with_them(qtbot, db, data_dir, qapp):
    """Select two learners, 打印学习卡: the 打印 page opens with exactly those two chosen."""
    from PySide6.QtCore import QItemSelectionModel, Qt

    from ccschool.ui.shell import app as shell
    from ccschool.ui.ops.background import SyncRunner
    from ccschool.ui.shell.context import AppContext, CurrentUser

    ctx = AppContext(db=db, run_in_background=SyncRunner(), user=CurrentUser("admin", "admin"),
                     data_dir=data_dir)

    with ctx.transaction() as s:
        ids = [svc.create_learner(s, name=n).id for n in ("张三", "李四", "王五")]
    window, idle = shell.start_window(qapp, ctx, shell.read_prefs(ctx.db))
    qtbot.addWidget(window)
    window.show()
    assert window.show_page("learners")
    page = window.pages["learners"]
    assert not page.buttons["print"].isEnabled()  # nothing selected yet
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in (0, 2):
        page.table.selectionModel().select(page.model.index(row, 0), flags)
    assert page.buttons["print"].isEnabled()
    assert page.print_action.text() == "打印所选学员的学习卡"
    qtbot.mouseClick(page.buttons["print"], Qt.MouseButton.LeftButton)
    assert window.current_key() == "print"
    printing = window.pages["print"]
    assert printing.selected_learner_ids == [ids[0], ids[2]]
    assert printing.card_radios["selected"].isChecked()
    assert printing.card_radios["selected"].text() == "已选学员（2 人）"
    window.idle = idle  # kept alive with the window, as the app does
    window.grab().save(str(data_dir / "print_selected.png"))


def test_large_text_columns_stay_inside_the_table(qtbot, page):
    """Issue 17.8: at 1366 x 768 in large text the right-hand columns were cut off."""
    from ccschool.ui.widgets.style import LARGE_POINT_SIZE

    font = page.font()
    font.setPointSizeF(LARGE_POINT_SIZE)
    page.setFont(font)
    page._size_columns()
    page.resize(1366 - 200, 600)  # a 1366-pixel screen less the navigation
    page.show()
    qtbot.waitExposed(page)
    QApplication.processEvents()
    table = page.table
    header = table.horizontalHeader()
    right = header.sectionViewportPosition(page.model.columnCount() - 1) + \
        header.sectionSize(page.model.columnCount() - 1)
    assert right <= table.viewport().width() + 1  # the stretched last column ends at the edge
    assert table.horizontalScrollBar().maximum() == 0  # nothing hidden to the right
    metrics = table.fontMetrics()
    for column, sample in enumerate(page._SAMPLES):  # identifying columns whole, 卡状态 too
        if column not in page._FLEXIBLE:
            assert table.columnWidth(column) >= metrics.horizontalAdvance(sample)
