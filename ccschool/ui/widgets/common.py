"""Small pieces shared by the Classes and Volunteers pages: a rows table model, error boxes."""
from __future__ import annotations

from typing import Any, Callable, Sequence

from PySide6.QtCore import (QAbstractTableModel, QCoreApplication, QModelIndex,
                            QPersistentModelIndex, Qt)
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QAbstractButton, QHeaderView, QMessageBox, QTableView,
                               QWidget)

from ccschool.errors import CCSError

Column = tuple[str, Callable[[Any], Any]]  # (translated title, row -> shown value)


class RowsModel(QAbstractTableModel):
    """A read-only table of already-loaded rows (dicts); each row keeps its id for actions.

    The lists shown here are small (a township's classes, a class's sessions), so rows are
    loaded whole off the GUI thread and handed over; nothing is fetched while painting.
    """

    def __init__(self, columns: Sequence[Column], parent=None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[dict] = []
        self.colours: Callable[[dict], Any] | None = None

    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row(self, index: int) -> dict | None:
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            # the tooltip repeats the text, so a cell elided in a narrow column can be read
            value = self.columns[index.column()][1](row)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.UserRole:
            return row.get("id")
        if role == Qt.ItemDataRole.ForegroundRole and self.colours:
            return self.colours(row)
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.columns)):
            return self.columns[section][0]
        return None


def make_table(model: RowsModel, parent: QWidget | None = None, stretch: int = 0) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


def selected_row(view: QTableView) -> dict | None:
    rows = view.selectionModel().selectedRows() if view.selectionModel() else []
    return view.model().row(rows[0].row()) if rows else None


def show_problem(parent: QWidget, exc: CCSError) -> None:
    QMessageBox.warning(parent, QCoreApplication.translate("ClassesCommon", "无法完成"), str(exc))


def run_action(parent: QWidget, fn: Callable[[], Any]) -> tuple[bool, Any]:
    """Run one user action; a domain error is shown in a box (nothing was saved)."""
    try:
        return True, fn()
    except CCSError as exc:
        show_problem(parent, exc)
        return False, None


def ask(parent: QWidget, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def tell(parent: QWidget, title: str, text: str) -> None:
    """Confirm what was done (a sentence that stays until the user has read it)."""
    QMessageBox.information(parent, title, text)


def give_shortcut(button: QAbstractButton, keys: str) -> None:
    """A key for a button used often, shown in its tooltip (issue 17): the coordinator at the
    desk keeps both hands on the keyboard, and the X walkthrough presses what a person would.
    The key works only while the button is visible and enabled (Qt's window shortcut), so the
    same key may serve a button on another page."""
    sequence = QKeySequence(keys)
    button.setShortcut(sequence)
    button.setProperty("shortcutText", sequence.toString(QKeySequence.SequenceFormat.NativeText))
    set_tip(button, button.toolTip())


def set_tip(widget: QWidget, text: str) -> None:
    """Set a tooltip that keeps naming the widget's shortcut (given by give_shortcut)."""
    key = widget.property("shortcutText") or ""
    widget.setToolTip(f"{text}（{key}）" if text and key else text or key)
