"""满意度测评 quick entry: a class's learners in a list, a 1–5 score and a comment each."""
from __future__ import annotations

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QLabel, QLineEdit,
                               QTableWidget, QVBoxLayout)

from ccschool.ui.shell.context import AppContext

SCORES = ("", "5", "4", "3", "2", "1")


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
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("卡号"), self.tr("姓名"), self.tr("评分"),
                                              self.tr("意见")])
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
        self.table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            for j, text in enumerate((row["card_no"] or "", row["name"])):
                self.table.setItem(i, j, self._fixed(text))
            score = QComboBox()
            score.addItems(SCORES)
            score.setCurrentText("" if row["score"] is None else str(row["score"]))
            self.table.setCellWidget(i, 2, score)
            self.table.setCellWidget(i, 3, QLineEdit(row["comment"] or ""))
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(1, max(self.table.columnWidth(1) + 16, 80))
        self.table.setColumnWidth(2, 64)

    def _fixed(self, text: str):
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QTableWidgetItem

        item = QTableWidgetItem(text)
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        return item

    def entries(self) -> list[dict]:
        return [{"card_no": self.table.item(i, 0).text(),
                 "score": self.table.cellWidget(i, 2).currentText(),
                 "comment": self.table.cellWidget(i, 3).text()}
                for i in range(self.table.rowCount())]

    def set_score(self, row: int, score: str, comment: str = "") -> None:
        self.table.cellWidget(row, 2).setCurrentText(score)
        self.table.cellWidget(row, 3).setText(comment)

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
