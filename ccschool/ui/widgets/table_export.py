"""导出Excel… for any table on screen: exactly what is shown, written off the GUI thread.

`TableExport(view, title, ctx)` gives a button and a right-click menu entry for
one QTableView / QTableWidget (or a bare model). The rows, columns and header texts are read
from the view as the person sees them (visible columns in their on-screen order, the current
filter and sort, masked numbers still masked); the workbook is written by the Qt-free
`ccschool.exports.table` on the background worker.
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QPushButton, QTableView

from ccschool import clock
from ccschool.ui.ops import Op

# ccschool.exports.table (openpyxl) is imported on the worker when a file is written: the
# check-in desk has this button, and the app's start-up stays free of openpyxl.

_BAD_FILE_CHARS = re.compile(r'[\\/:*?"<>|\s]+')


def _shown(value):
    """A cell as displayed: numbers stay numbers, everything else is its text."""
    if value is None or isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return str(value)


def _all_rows(model: QAbstractItemModel) -> None:
    # lazy models show more rows as one scrolls; the export has all of them
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())


def snapshot(target: QTableView | QAbstractItemModel) -> tuple[list[str], list[list]]:
    """(header texts, rows of shown values) of a view or model, as on screen."""
    view, model = (target, target.model()) if isinstance(target, QTableView) else (None, target)
    _all_rows(model)
    if view:
        header = view.horizontalHeader()
        columns = [header.logicalIndex(v) for v in range(header.count())]
        columns = [c for c in columns if not view.isColumnHidden(c)]
        rows = [r for r in range(model.rowCount()) if not view.isRowHidden(r)]
    else:
        columns, rows = list(range(model.columnCount())), list(range(model.rowCount()))
    display = Qt.ItemDataRole.DisplayRole
    heads = [model.headerData(c, Qt.Orientation.Horizontal, display) for c in columns]
    data = [[_shown(model.data(model.index(r, c), display)) for c in columns] for r in rows]
    return ["" if h is None else str(h) for h in heads], data


def default_file_name(title: str, today: date | None = None) -> str:
    stem = _BAD_FILE_CHARS.sub("_", title).strip("_.") or "table"
    return f"{stem}_{(today or clock.today()).isoformat()}.xlsx"


class TableExport(QObject):
    """The 导出Excel… button and context-menu action of one table."""

    exported = Signal(str)  # the path written
    failed = Signal(str)    # the message shown

    def __init__(self, view: QTableView, title: str | Callable[[], str],
                 ctx, parent: QObject | None = None) -> None:
        super().__init__(parent or view)
        self.view, self.ctx = view, ctx
        self.title = title if callable(title) else (lambda: title)
        self.choose_path: Callable[[str], str] = self._ask_path  # tests put a path here
        self.notify: Callable[[bool, str], None] = self._show_box  # tests collect messages
        self.last_message = ""
        self.busy = False
        self.button = QPushButton(self.tr("导出Excel…"))
        self.button.setToolTip(self.tr("把表格中显示的内容保存为Excel文件（WPS、LibreOffice可打开）"))
        self.button.clicked.connect(lambda: self.export())
        self.action = QAction(self.tr("导出Excel…"), view)
        self.action.triggered.connect(lambda: self.export())
        self.menu = QMenu(view)
        self.menu.addAction(self.action)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(
            lambda pos: self.menu.popup(view.viewport().mapToGlobal(pos)))

    def export(self, path: str | None = None) -> None:
        if self.busy:
            return
        title = self.title()
        path = path or self.choose_path(default_file_name(title))
        if not path:
            return  # the person cancelled the file dialog
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        headers, rows = snapshot(self.view)  # on the GUI thread: models are not thread-safe
        self._set_busy(True)
        def write() -> int:
            from ccschool.exports.table import write_table
            return write_table(path, title=title, headers=headers, rows=rows)

        Op(self.ctx, self).on_success(lambda count: self._done(path, count)).on_failure(
            lambda exc: self._fail(path, exc)).run(write)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.button.setEnabled(not busy)
        self.action.setEnabled(not busy)

    def _done(self, path: str, count: int) -> None:
        self._set_busy(False)
        self._tell(True, self.tr("已导出 %1 行到 %2").replace("%1", str(count)).replace("%2", path))
        self.exported.emit(path)

    def _fail(self, path: str, exc: BaseException) -> None:
        self._set_busy(False)
        name = Path(path).name
        if isinstance(exc, PermissionError):
            text = self.tr("无法写入 %1：文件可能正在 WPS 或 Excel 中打开，或该文件夹不允许写入。"
                           "请关闭该文件或换一个位置后重试。未生成任何文件。")
        else:
            text = self.tr("无法写入 %1：%2。未生成任何文件。").replace(
                "%2", getattr(exc, "strerror", None) or str(exc))
        self._tell(False, text.replace("%1", name))
        self.failed.emit(self.last_message)

    def _tell(self, ok: bool, text: str) -> None:
        self.last_message = text
        self.notify(ok, text)

    def _ask_path(self, name: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self.view.window(), self.tr("导出Excel"), name,
                                              self.tr("Excel 工作簿 (*.xlsx)"))
        return path

    def _show_box(self, ok: bool, text: str) -> None:
        icon = QMessageBox.Icon.Information if ok else QMessageBox.Icon.Warning
        box = QMessageBox(icon, self.tr("导出Excel"), text, QMessageBox.StandardButton.Ok,
                          self.view.window())
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # not exec(): the page keeps working while the note is up
