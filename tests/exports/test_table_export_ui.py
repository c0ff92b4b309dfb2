"""导出Excel… on any table: the file holds exactly what the table shows, or nothing at all."""
from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QTableView, QTableWidget, QTableWidgetItem

from ccschool.exports.table import read_back
from ccschool.ui.ops.background import BackgroundRunner, SyncRunner
from ccschool.ui.shell.context import AppContext
from ccschool.ui.widgets.table_export import TableExport, default_file_name, snapshot

PEOPLE = [("张三", "110101********1234", "3", "=1+1"), ("李四", "138****8000", "12", "ok"),
          ("王五", "TEST01-000007", "7", "-x")]


def _view(qtbot) -> QTableView:
    model = QStandardItemModel(0, 4)
    model.setHorizontalHeaderLabels(["姓名", "证件号", "次数", "备注"])
    for row in PEOPLE:
        model.appendRow([QStandardItem(v) for v in row])
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    view = QTableView()
    qtbot.addWidget(view)
    proxy.setParent(view)
    view.setModel(proxy)
    return view


def _exporter(view, runner=None, messages=None):
    exporter = TableExport(view, "学员名单", AppContext(db=None, run_in_background=runner or SyncRunner()))
    exporter.notify = lambda ok, text: (messages if messages is not None else []).append((ok, text))
    return exporter


def test_exports_what_is_shown_filter_sort_hidden_and_moved_columns(qtbot, tmp_path):
    view = _view(qtbot)
    proxy = view.model()
    proxy.setFilterKeyColumn(0)
    proxy.setFilterRegularExpression("张三|王五")  # 李四 is filtered out
    view.setSortingEnabled(True)
    view.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # 王五 before 张三 (by code point)
    view.setColumnHidden(3, True)
    view.horizontalHeader().moveSection(2, 0)  # 次数 shown first
    messages = []
    exporter = _exporter(view, messages=messages)
    out = tmp_path / "名单.xlsx"
    exporter.export(str(out))
    title, headers, rows = read_back(out)
    assert title == "学员名单" and headers == ["次数", "姓名", "证件号"]
    shown = [[view.model().index(r, c).data() for c in (2, 0, 1)] for r in range(2)]
    assert [[str(v) for v in row] for row in rows] == shown
    assert rows == [[7, "王五", "TEST01-000007"], [3, "张三", "110101********1234"]]
    assert messages == [(True, f"已导出 2 行到 {out}")] and exporter.button.isEnabled()


def test_formulas_escaped_and_menu_offers_the_same_action(qtbot, tmp_path):
    view = _view(qtbot)
    exporter = _exporter(view)
    assert exporter.action in exporter.menu.actions() and exporter.action.text() == "导出Excel…"
    assert view.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
    out = tmp_path / "x.xlsx"
    exporter.choose_path = lambda name: str(out)[:-5]  # ".xlsx" is added when missing
    exporter.action.trigger()
    _title, _headers, rows = read_back(out)
    assert [r[3] for r in rows] == ["'=1+1", "ok", "'-x"]


def test_table_widget_and_cancelled_dialog(qtbot, tmp_path):
    table = QTableWidget(1, 2)
    qtbot.addWidget(table)
    table.setHorizontalHeaderLabels(["时间", "卡号"])
    table.setItem(0, 0, QTableWidgetItem("09:01:02"))
    table.setItem(0, 1, QTableWidgetItem("000123"))
    assert snapshot(table) == (["时间", "卡号"], [["09:01:02", "000123"]])
    exporter = _exporter(table)
    exporter.choose_path = lambda name: ""  # the person pressed Cancel
    exporter.export()
    assert list(tmp_path.iterdir()) == [] and exporter.last_message == ""


def test_cannot_write_says_so_and_leaves_no_file(qtbot, tmp_path):
    view = _view(qtbot)
    messages = []
    exporter = _exporter(view, messages=messages)
    held = tmp_path / "名单.xlsx"
    held.mkdir()  # stands in for a file WPS holds open: the rename over it fails
    exporter.export(str(held))
    assert messages and messages[0][0] is False and "名单.xlsx" in messages[0][1]
    assert "未生成任何文件" in messages[0][1]
    assert [p.name for p in tmp_path.iterdir()] == ["名单.xlsx"] and held.is_dir()
    assert exporter.button.isEnabled()


def test_permission_error_names_wps(qtbot, tmp_path):
    messages = []
    exporter = _exporter(_view(qtbot), messages=messages)
    exporter._fail(str(tmp_path / "a.xlsx"), PermissionError(13, "Permission denied"))
    assert "WPS" in messages[0][1] and "a.xlsx" in messages[0][1]


def test_written_off_the_gui_thread(qtbot, tmp_path):
    view = _view(qtbot)
    model = view.model().sourceModel()
    for i in range(3000):
        model.appendRow([QStandardItem(f"学员{i}"), QStandardItem(f"{i:06d}"), QStandardItem(str(i)),
                         QStandardItem("")])
    runner = BackgroundRunner()
    exporter = _exporter(view, runner)
    out = tmp_path / "big.xlsx"
    with qtbot.waitSignal(exporter.exported, timeout=30000):
        exporter.export(str(out))
        assert not exporter.button.isEnabled()  # busy until the worker has finished
    assert len(read_back(out)[2]) == 3003 and exporter.button.isEnabled()


def test_default_file_name():
    from datetime import date

    assert default_file_name("书法 / 课次", date(2026, 9, 1)) == "书法_课次_2026-09-01.xlsx"

