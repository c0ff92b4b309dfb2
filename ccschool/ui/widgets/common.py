"""Small pieces shared by the pages: a table view over RowsModel, error boxes, shortcuts."""
from __future__ import annotations

import datetime as dt
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QAbstractButton, QHeaderView, QMessageBox, QTableView,
                               QWidget)

from ccschool.errors import CCSError
from ccschool.ui.widgets.rows_model import RowsModel  # the pages import it from here too


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


def selected_row(view: QTableView) -> Any:
    """The row (as given to the RowsModel) selected in view, or None."""
    rows = view.selectionModel().selectedRows() if view.selectionModel() else []
    model = view.model()
    return model.row(rows[0].row()) if rows and isinstance(model, RowsModel) else None


def show_problem(parent: QWidget, exc: CCSError) -> None:
    QMessageBox.warning(parent, QCoreApplication.translate("ClassesCommon", "无法完成"), str(exc))


def problem_box(parent: QWidget) -> Callable[[CCSError], None]:
    """An Op's on_refusal that shows the domain error in a box (nothing was saved). Looked up
    here at call time, so a test can collect the messages instead (no modal offscreen)."""
    return lambda exc: show_problem(parent, exc)


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


def py_date(value: QDate) -> dt.date:
    """A date edit's date as a Python date (PySide6's stubs type QDate.toPython() as `object`)."""
    return dt.date(value.year(), value.month(), value.day())
