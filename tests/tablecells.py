"""Reading a table view as a person sees it: the text of a cell, a row, the selected row."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView


def cell(view: QTableView, row: int, column: int) -> str:
    return view.model().index(row, column).data(Qt.ItemDataRole.DisplayRole)


def line(view: QTableView, row: int) -> list[str]:
    return [cell(view, row, c) for c in range(view.model().columnCount())]


def lines(view: QTableView) -> list[list[str]]:
    return [line(view, r) for r in range(view.model().rowCount())]


def rows(view: QTableView) -> int:
    return view.model().rowCount()


def current_row(view: QTableView) -> int:
    return view.currentIndex().row()
