"""RowsModel: the one read-only table model for rows a service already loaded.

Rows are dicts (report figures, a class list) or small frozen dataclasses (sync status); the
lists are small (a township's classes, a month's batches), so they are loaded whole off the GUI
thread and handed over, and nothing is fetched while painting. The 100,000-learner list has its
own lazy model (ui/learners/model.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

AnyIndex = QModelIndex | QPersistentModelIndex


def text(value: Any) -> str:
    return "" if value is None else str(value)


def plain(value: Any) -> str:
    """A figure as people write it: 2 hours, not 2.0."""
    return f"{value:g}" if isinstance(value, float) else text(value)


def pct(value: Any) -> str:
    return "" if value is None else f"{value * 100:.1f}%"


@dataclass(frozen=True)
class Column:
    """One column: its translated title, the value read from a row, how that value is shown."""
    title: str
    value: Callable[[Any], Any]
    show: Callable[[Any], str] = text


def keyed(key: str, title: str, show: Callable[[Any], str] = plain) -> Column:
    """A column showing one field of dict rows (the reports' figures)."""
    return Column(title, lambda row: row.get(key), show)


def _column(spec: Column | tuple[str, Callable[[Any], Any]]) -> Column:
    return spec if isinstance(spec, Column) else Column(*spec)


def row_id(row: Any) -> Any:
    return row.get("id") if isinstance(row, dict) else getattr(row, "id", None)


class RowsModel(QAbstractTableModel):
    """Columns are `Column`s or (title, row -> value) pairs; each row keeps its id (UserRole)
    for actions, numbers are right-aligned, and a cell's tooltip repeats its text so a cell
    elided in a narrow column can still be read."""

    def __init__(self, columns: Sequence[Column | tuple[str, Callable[[Any], Any]]],
                 parent=None) -> None:
        super().__init__(parent)
        self.columns = [_column(c) for c in columns]
        self.rows: list[Any] = []
        self.colours: Callable[[Any], Any] | None = None  # row -> QColor for its text, or None
        self.tips: Callable[[Any], str] | None = None  # row -> its tooltip; default: the cell's text

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def insert_rows(self, at: int, rows: Sequence[Any]) -> None:
        """Add rows without a reset: the view keeps its selection and scroll position, and the
        new rows are the only ones laid out (a scan adds one sign-in at the top of the desk)."""
        if not rows:
            return
        at = max(0, min(at, len(self.rows)))
        self.beginInsertRows(QModelIndex(), at, at + len(rows) - 1)
        self.rows[at:at] = list(rows)
        self.endInsertRows()

    def append_rows(self, rows: Sequence[Any]) -> None:
        self.insert_rows(len(self.rows), rows)

    def replace_row(self, index: int, row: Any) -> None:
        """Show a changed row in place (its cells repaint; selection and scroll stay)."""
        self.rows[index] = row
        self.dataChanged.emit(self.index(index, 0), self.index(index, len(self.columns) - 1))

    def row(self, index: int) -> Any:
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def row_at(self, index: AnyIndex) -> Any:
        return self.row(index.row()) if index.isValid() else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows) or index.column() >= len(self.columns):
            return None
        row, column = self.rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and self.tips:
            return self.tips(row)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.show(column.value(row))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            value = column.value(row)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role == Qt.ItemDataRole.UserRole:
            return row_id(row)
        if role == Qt.ItemDataRole.ForegroundRole and self.colours:
            return self.colours(row)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title if 0 <= section < len(self.columns) else None
        return str(section + 1) if 0 <= section < len(self.rows) else None
