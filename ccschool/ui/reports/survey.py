"""满意度测评 quick entry: a class's learners in a list, a 1–5 score and a comment each."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QLabel, QLineEdit,
                               QStyledItemDelegate, QStyleOptionViewItem, QTableView,
                               QVBoxLayout, QWidget)

from ccschool.ui.shell.context import AppContext
from ccschool.ui.widgets.rows_model import AnyIndex, RowsModel, keyed

SCORES = ("", "5", "4", "3", "2", "1")
SCORE, COMMENT = 2, 3
EDITED = {SCORE: "score", COMMENT: "comment"}  # column -> the key of the row it edits


class SurveyModel(RowsModel):
    """The class's learners (dict rows from services.satisfaction.roster); 评分 and 意见 are
    typed in place and kept in the rows until 保存."""

    def __init__(self, titles: list[str], parent: QObject | None = None) -> None:
        super().__init__([keyed("card_no", titles[0]), keyed("name", titles[1]),
                          keyed("score", titles[2]), keyed("comment", titles[3])], parent)

    def set_roster(self, rows: list[dict]) -> None:
        self.set_rows([{**r, "score": "" if r["score"] is None else str(r["score"]),
                        "comment": r["comment"] or ""} for r in rows])

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() in EDITED:
            return flags | Qt.ItemFlag.ItemIsEditable
        return flags & ~Qt.ItemFlag.ItemIsEditable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.EditRole and index.isValid() and index.column() in EDITED:
            return self.rows[index.row()][EDITED[index.column()]]
        return super().data(index, role)

    def setData(self, index: AnyIndex, value: Any,  # noqa: N802 (Qt's name)
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() not in EDITED:
            return False
        if index.column() == SCORE and value not in SCORES:
            return False  # only the scores the list offers
        self.rows[index.row()][EDITED[index.column()]] = str(value)
        self.dataChanged.emit(index, index)
        return True

    def entries(self) -> list[dict]:
        return [{"card_no": r["card_no"] or "", "score": r["score"], "comment": r["comment"]}
                for r in self.rows]


class ScoreDelegate(QStyledItemDelegate):
    """A score list in 评分 and a text box in 意见, always open (persistent editors), and each
    change goes into the model at once: 保存 right after typing loses nothing."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        if index.column() == SCORE:
            combo = QComboBox(parent)
            combo.addItems(SCORES)
            combo.currentTextChanged.connect(lambda _t: self.commitData.emit(combo))
            return combo
        line = QLineEdit(parent)
        line.textChanged.connect(lambda _t: self.commitData.emit(line))
        return line

    def setEditorData(self, editor: QWidget,  # noqa: N802
                      index: QModelIndex | QPersistentModelIndex) -> None:
        # Filling the editor is not an edit: no commitData back (the view may not even know the
        # editor yet, while it is being opened).
        value = index.data(Qt.ItemDataRole.EditRole) or ""
        blocked = editor.blockSignals(True)
        if isinstance(editor, QComboBox) and editor.currentText() != value:
            editor.setCurrentText(value)
        elif isinstance(editor, QLineEdit) and editor.text() != value:
            editor.setText(value)
        editor.blockSignals(blocked)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,  # noqa: N802
                     index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText())
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text())


class SurveyDialog(QDialog):
    """Type a paper survey in, or take scores at the desk; saved in one transaction."""

    def __init__(self, ctx: AppContext, class_id: str, title: str, parent=None) -> None:
        super().__init__(parent)
        self.ctx, self.class_id = ctx, class_id
        self.setWindowTitle(self.tr("满意度测评"))
        self.resize(560, 480)
        self.note = QLabel(self.tr("%1：每位学员选 1–5 分（5 最满意），可写意见；不填的跳过")
                           .replace("%1", title))
        self.note.setWordWrap(True)
        self.model = SurveyModel([self.tr("卡号"), self.tr("姓名"), self.tr("评分"),
                                  self.tr("意见")], self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.delegate = ScoreDelegate(self.table)
        for column in EDITED:
            self.table.setItemDelegateForColumn(column, self.delegate)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.error = QLabel()
        self.error.setStyleSheet("color: #C00000;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save |
                                   QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for w in (self.note, self.table, self.error, buttons):
            layout.addWidget(w)
        self._load()

    def _load(self) -> None:
        from ccschool.services import satisfaction

        with self.ctx.db.read() as s:  # a class has tens of learners: quick enough here
            rows = satisfaction.roster(s, class_id=self.class_id)
        self.model.set_roster(rows)
        for row in range(self.model.rowCount()):  # the list and box show on every row at once
            for column in EDITED:
                self.table.openPersistentEditor(self.model.index(row, column))
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(1, max(self.table.columnWidth(1) + 16, 80))
        self.table.setColumnWidth(SCORE, 64)

    def editor(self, row: int, column: int) -> QWidget:
        """The score list or comment box shown on a row (what a person clicks and types in)."""
        return self.table.indexWidget(self.model.index(row, column))

    def entries(self) -> list[dict]:
        return self.model.entries()

    def set_score(self, row: int, score: str, comment: str = "") -> None:
        score_list, comment_box = self.editor(row, SCORE), self.editor(row, COMMENT)
        assert isinstance(score_list, QComboBox) and isinstance(comment_box, QLineEdit)
        score_list.setCurrentText(score)
        comment_box.setText(comment)

    def save(self) -> None:
        from ccschool.services import satisfaction
        from ccschool.ui.ops import Op

        class_id, entries = self.class_id, self.entries()

        def write():
            with self.ctx.transaction() as s:
                return satisfaction.save_sheet(s, class_id=class_id, entries=entries)

        Op(self.ctx, self).on_success(self._saved).on_refusal(
            lambda exc: self.error.setText(str(exc))).run(write)

    def _saved(self, saved) -> None:
        self.saved = saved
        self.accept()
