"""Desk dialog: mark by name (出勤/迟到/请假, walk-ins included); the paper sheet is paper_sheet.py.

Both are opened with open() (not exec()), report problems in a red line inside the dialog,
and do their database work through ctx.run_in_background.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QButtonGroup, QDialog, QDialogButtonBox, QHBoxLayout, QLabel,
                               QLineEdit, QListWidget, QListWidgetItem, QRadioButton,
                               QVBoxLayout)

from ccschool.services import attendance
from ccschool.ui.checkin.widgets import status_text  # noqa: F401  (the dialogs' tick lists)

ROLE_ROW = Qt.ItemDataRole.UserRole


class _DeskDialog(QDialog):
    def __init__(self, ctx, session_id: str, parent=None) -> None:
        super().__init__(parent)
        self.ctx, self.session_id = ctx, session_id
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #c62828;")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def _failed(self, exc: Exception) -> None:
        self.error.setText(str(exc))


class MarkDialog(_DeskDialog):
    """Find a learner (zs → 张三, card number, phone tail) and mark them; enrolls walk-ins."""

    marked = Signal(str)  # a sentence for the banner

    def __init__(self, ctx, session_id: str, parent=None, status: str = "present") -> None:
        super().__init__(ctx, session_id, parent)
        self.setWindowTitle(self.tr("按姓名签到 / 请假"))
        self.resize(460, 520)
        self.query = QLineEdit(self)
        self.query.setPlaceholderText(self.tr("姓名、拼音首字母（如 zs）、卡号或手机尾号"))
        self.results = QListWidget(self)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(self.tr("请假原因（请假必填）"))
        self.group = QButtonGroup(self)
        row = QHBoxLayout()
        for key, label in (("present", self.tr("出勤")), ("late", self.tr("迟到")),
                           ("excused", self.tr("请假"))):
            button = QRadioButton(label, self)
            button.setProperty("status", key)
            button.setChecked(key == status)
            self.group.addButton(button)
            row.addWidget(button)
        layout = QVBoxLayout(self)
        for widget in (self.query, self.results):
            layout.addWidget(widget)
        layout.addLayout(row)
        for widget in (self.reason, self.error, self.buttons):
            layout.addWidget(widget)
        self.query.textChanged.connect(self.search)
        self.results.itemDoubleClicked.connect(lambda _i: self.accept())
        self.search("")

    @property
    def status(self) -> str:
        return self.group.checkedButton().property("status")

    def search(self, text: str) -> None:
        sid = self.session_id

        def work():
            with self.ctx.db.read() as s:
                return attendance.search_learners(s, session_id=sid, query=text)
        self.ctx.run_in_background(work, self._show, self._failed)

    def _show(self, rows) -> None:
        self.results.clear()
        for r in rows:
            note = status_text(r.status) if r.enrolled else self.tr("未报名（将插班）")
            item = QListWidgetItem(f"{r.name}    {r.card_no or ''}    {note}")
            item.setData(ROLE_ROW, r)
            self.results.addItem(item)
        if rows:
            self.results.setCurrentRow(0)

    def accept(self) -> None:
        item = self.results.currentItem()
        if item is None:
            self.error.setText(self.tr("请先选择学员"))
            return
        row, status, reason = item.data(ROLE_ROW), self.status, self.reason.text()
        sid = self.session_id

        def work():
            with self.ctx.transaction() as s:
                attendance.mark(s, session_id=sid, learner_id=row.learner_id, status=status,
                                reason=reason, walk_in=not row.enrolled)
            return self.tr("{name}：已记为{status}").format(name=row.name,
                                                        status=status_text(status))
        self.ctx.run_in_background(work, self._done, self._failed)

    def _done(self, sentence: str) -> None:
        self.marked.emit(sentence)
        super().accept()
