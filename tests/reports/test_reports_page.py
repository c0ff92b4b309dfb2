"""The Reports page with qtbot: figures, charts in Chinese, drill-downs, exports."""
from __future__ import annotations

import sys

import openpyxl
import pytest

pytest.importorskip("PySide6.QtCharts")


@pytest.fixture
def page(qtbot, shared):
    from PySide6.QtCore import QDate

    from ccschool.ui.ops.background import SyncRunner
    from ccschool.ui.shell.context import AppContext
    from ccschool.ui.reports.page import ReportsPage

    ctx = AppContext(db=shared.db, run_in_background=SyncRunner())
    widget = ReportsPage(ctx)
    qtbot.addWidget(widget)
    widget.month.setDate(QDate(2026, 3, 1))
    widget.refresh()
    return widget


def test_page_shows_the_march_figures(page):
    cards = {caption.text(): number.text() for number, caption in page.cards}
    assert cards["培训人次"] == "10" and cards["参训人数"] == "6" and cards["开课次数"] == "4"
    assert page.class_model.rowCount() == 2 and page.learner_model.rowCount() == 6
    assert "2026-03-01" in page.status.text()


def test_charts_have_chinese_titles_and_a_cjk_font(page):
    titles = [v.chart().title() for v in page.charts]
    assert titles == ["每周培训人次", "各主题学时", "各人群参训人数", "年龄结构"]
    families = page.charts[1].chart().titleFont().families()
    assert "WenQuanYi Micro Hei" in families


def test_models_pass_the_model_tester(page, qtmodeltester):
    for model in (page.class_model, page.learner_model, page.village_model, page.more):
        qtmodeltester.check(model)


def test_drill_into_class_and_learner(page, qtbot):
    dialog = page.open_class(page.class_model.index(1, 0))  # 智能手机入门
    qtbot.addWidget(dialog)
    rows = dialog.model.rows
    assert [(r["date"], r["present"], r["late"], r["absent"]) for r in rows][:2] == [
        ("2026-03-03", 2, 1, 1), ("2026-03-10", 3, 0, 0)]
    page.open_learner(page.learner_model.index(0, 0))
    assert page.tabs.currentWidget() is page.archive
    assert "张三" in page.archive.heading.text() and "6 学时" in page.archive.totals.text()


def test_archive_by_card_prints_and_unknown_card(page, tmp_path):
    import subprocess

    page.archive.show_card("T0003")
    assert page.archive.classes.rowCount() == 2
    page.archive.print_transcript(str(tmp_path / "t.pdf"))
    text = subprocess.run(["pdftotext", str(tmp_path / "t.pdf"), "-"], capture_output=True,
                          text=True).stdout
    assert "王五" in text and "已保存" in page.archive.totals.text()
    page.archive.show_card("NOPE")
    assert "NOPE" in page.archive.heading.text() and page.archive.classes.rowCount() == 0


def test_bad_range_is_explained(page):
    from PySide6.QtCore import QDate

    page.mode.setCurrentIndex(2)
    page.date_from.setDate(QDate(2026, 3, 31))
    page.date_to.setDate(QDate(2026, 3, 1))
    page.refresh()
    assert "早于" in page.status.text()


def test_exports(page, tmp_path):
    page.export_excel(str(tmp_path / "r.xlsx"))
    assert "已导出" in page.status.text()
    assert openpyxl.load_workbook(tmp_path / "r.xlsx")["学员"].max_row == 7
    page.export_pdf(str(tmp_path / "r.pdf"))
    assert (tmp_path / "r.pdf").read_bytes()[:4] == b"%PDF"


def test_start_up_does_not_import_qtcharts():
    import subprocess
    code = ("import sys; import ccschool.ui.shell.pages, ccschool.ui.shell.context, ccschool.cli; "
            "print('PySide6.QtCharts' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "False", out.stderr


def test_reports_code_below_ui_does_not_import_qt():
    import subprocess
    code = ("import sys, ccschool.services.reports, ccschool.services.archive, "
            "ccschool.services.satisfaction, ccschool.reports.excel, ccschool.reports.pdf, "
            "ccschool.cli.report; print(any(m.startswith('PySide6') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "False", out.stderr


def test_survey_entry_from_the_class_dialog(qtbot, db, history):
    from PySide6.QtCore import QDate

    from ccschool.services import satisfaction
    from ccschool.ui.ops.background import SyncRunner
    from ccschool.ui.shell.context import AppContext
    from ccschool.ui.reports.page import ReportsPage

    ctx = AppContext(db=db, run_in_background=SyncRunner())
    page = ReportsPage(ctx)
    qtbot.addWidget(page)
    page.month.setDate(QDate(2026, 3, 1))
    page.refresh()
    dialog = page.open_class(page.class_model.index(1, 0))  # 智能手机入门
    qtbot.addWidget(dialog)
    survey = dialog.open_survey()
    assert survey.model.rowCount() == 4
    survey.set_score(2, "9")  # not offered by the list: stays empty
    survey.set_score(2, "4", "字再大一点")
    with qtbot.waitSignal(ctx.signals.records_changed):
        survey.save()
    with db.read() as s:
        assert satisfaction.roster(s, class_id=history.c1.id)[2]["score"] == 4
    assert page._stale  # a hidden page recomputes when it is next shown


def test_survey_typed_in_with_keyboard_and_mouse(qtbot, qtmodeltester, db, history):
    """The survey is a table view over the one RowsModel: a score list and a comment box on
    every row; what the person picks and types is what is saved, and a bad row says which."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLineEdit

    from ccschool.services import satisfaction
    from ccschool.ui.ops.background import SyncRunner
    from ccschool.ui.reports.survey import COMMENT, SCORE, SurveyDialog
    from ccschool.ui.shell.context import AppContext
    from tests.tablecells import cell

    ctx = AppContext(db=db, run_in_background=SyncRunner())
    dialog = SurveyDialog(ctx, history.c1.id, "智能手机入门")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtmodeltester.check(dialog.model)
    with db.read() as s:
        roster = satisfaction.roster(s, class_id=history.c1.id)
    assert [cell(dialog.table, r, 1) for r in range(4)] == [r["name"] for r in roster]
    score, comment = dialog.editor(0, SCORE), dialog.editor(0, COMMENT)
    assert isinstance(score, QComboBox) and isinstance(comment, QLineEdit) and score.isVisible()
    score.setFocus()
    qtbot.keyClick(score, Qt.Key.Key_Home)  # the empty choice at the top of the list
    qtbot.keyClick(score, Qt.Key.Key_Down)  # 5
    qtbot.keyClick(score, Qt.Key.Key_Down)  # 4
    qtbot.mouseClick(comment, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(comment, "hao")
    assert dialog.entries()[0] == {"card_no": roster[0]["card_no"], "score": "4",
                                   "comment": "hao"}
    assert cell(dialog.table, 0, 2) == "4"
    qtmodeltester.check(dialog.model)
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    with qtbot.waitSignal(ctx.signals.records_changed):
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    with db.read() as s:
        saved = satisfaction.roster(s, class_id=history.c1.id)
    assert (saved[0]["score"], saved[0]["comment"]) == (4, "hao")
    assert [r["score"] for r in saved[1:]] == [r["score"] for r in roster[1:]]


def test_learning_stars_tab(page):
    page.stars.year.setValue(2026)
    page.stars.refresh()
    assert [r["name"] for r in page.stars.model.rows[:3]] == ["张三", "钱七", "王五"]
    page.stars.open_learner(page.stars.model.rows[1])
    assert page.tabs.currentWidget() is page.archive and "钱七" in page.archive.heading.text()


def test_building_the_page_keeps_the_window_active(qtbot, shared):
    """A control shown before it had a parent once popped up as its own window, taking the
    focus from the main window (Ctrl+number page shortcuts stopped working)."""
    from PySide6.QtWidgets import QApplication, QWidget

    from ccschool.ui.ops.background import SyncRunner
    from ccschool.ui.shell.context import AppContext
    from ccschool.ui.reports.page import ReportsPage

    host = QWidget()
    qtbot.addWidget(host)
    host.show()
    host.activateWindow()
    qtbot.waitActive(host)
    page = ReportsPage(AppContext(db=shared.db, run_in_background=SyncRunner()))
    qtbot.addWidget(page)
    QApplication.processEvents()
    assert QApplication.activeWindow() is host


def test_key_figures_show_whole_values_with_their_scroll_bar(page, qtbot):
    """Issue 17.6: the table beside the cards showed only each value's first digit, and its
    scroll bar only after the page had been scrolled."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    page.resize(1366 - 200, 700)
    page.show()
    qtbot.waitExposed(page)
    QApplication.processEvents()
    view = page.more_view
    metrics = view.fontMetrics()
    for row in range(page.more.rowCount()):
        text = str(page.more.data(page.more.index(row, 1)))
        assert view.columnWidth(1) >= metrics.horizontalAdvance(text), text
        assert view.visualRect(page.more.index(row, 1)).right() <= view.viewport().width()
    assert view.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOn
    assert view.verticalScrollBar().isVisible()


def test_chart_labels_in_english(qtbot, qapp, shared):
    """Issue 17.6: theme and group names on the chart axes stayed Chinese in English."""
    from PySide6.QtCore import QDate

    from ccschool.ui.ops.background import SyncRunner
    from ccschool.ui.reports.page import ReportsPage
    from ccschool.ui.shell.app import install_translators
    from ccschool.ui.shell.context import AppContext

    install_translators(qapp, "en")
    try:
        page = ReportsPage(AppContext(db=shared.db, run_in_background=SyncRunner()))
        qtbot.addWidget(page)
        page.month.setDate(QDate(2026, 3, 1))
        page.refresh()
        labels = [label for view in page.charts[1:3]
                  for axis in view.chart().axes() if hasattr(axis, "categories")
                  for label in axis.categories()]
    finally:
        install_translators(qapp, "zh_CN")
    assert labels and [t for t in labels if any("\u4e00" <= ch <= "\u9fff" for ch in t)] == []


def test_figures_computed_on_the_real_worker(qtbot, shared):
    """The app's threaded runner: the month's figures come back to the page, and a wrong
    range is said in the status line with its text escaped (not read as markup)."""
    from PySide6.QtCore import QDate

    from ccschool.ui.ops.background import BackgroundRunner
    from ccschool.ui.reports.page import ReportsPage
    from ccschool.ui.shell.context import AppContext

    runner = BackgroundRunner(foreground=True)
    page = ReportsPage(AppContext(db=shared.db, run_in_background=runner))
    qtbot.addWidget(page)
    page.month.setDate(QDate(2026, 3, 1))
    page.refresh()
    qtbot.waitUntil(lambda: page.class_model.rowCount() == 2, timeout=20_000)
    cards = {caption.text(): number.text() for number, caption in page.cards}
    assert cards["培训人次"] == "10" and page.run_button.isEnabled()
    page._fail(ValueError("<b>名单</b> & 表"))
    assert "&lt;b&gt;名单&lt;/b&gt; &amp; 表" in page.status.text()
    runner.wait()


# a tooltip window raised on the offscreen platform
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_hovering_a_theme_bar_shows_its_whole_name_and_hours(page):
    """A long theme name may be wrapped or cut short beside its bar: the bar's tooltip has it
    whole."""
    from PySide6.QtWidgets import QToolTip

    chart = page.charts[1].chart()
    bars = chart.series()[0].barSets()[0]
    axis = next(a for a in chart.axes() if hasattr(a, "categories"))
    name = axis.categories()[0].replace("<br>", " ")
    bars.hovered.emit(True, 0)
    assert QToolTip.text() == f"{name}: {bars.at(0):g}"
    bars.hovered.emit(False, 0)
