"""Desk dialog: mark by name (出勤/迟到/请假, walk-ins included); the paper sheet is paper_sheet.py.

Both are opened with open() (not exec()), report problems in a red line inside the dialog,
and do their database work through ctx.run_in_background.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QButtonGroup, QDialog, QDialogButtonBox, QHBoxLayout, QLabel,
                               QLineEdit, QListWidget, QListWidgetItem, QRadioButton,
                               QVBoxLayout, QWidget)

from ccschool.services.attendance import marking
from ccschool.ui.checkin.widgets import status_text  # noqa: F401  (the dialogs' tick lists)
from ccschool.ui.ops import Op
from ccschool.ui.shell.context import AppContext

ROLE_ROW = Qt.ItemDataRole.UserRole


class _DeskDialog(QDialog):
    def __init__(self, ctx: AppContext, session_id: str, parent=None) -> None:
        super().__init__(parent)
        self.ctx, self.session_id = ctx, session_id
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #c62828;")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def _failed(self, exc: BaseException) -> None:
        self.error.setText(str(exc))


class MarkDialog(_DeskDialog):
    """Find a learner (zs → 张三, card number, phone tail) and mark them; enrolls walk-ins.

    Nobody is chosen until the user picks a row: the chosen name is then shown large, and only
    OK (or a second Enter) counts it, so a stray Enter never signs in the wrong person.
    """

    marked = Signal(str)  # a sentence for the banner

    def __init__(self, ctx: AppContext, session_id: str, parent=None, status: str = "present") -> None:
        super().__init__(ctx, session_id, parent)
        self.setWindowTitle(self.tr("按姓名签到 / 请假"))
        self.resize(460, 560)
        self.query = QLineEdit(self)
        self.query.setPlaceholderText(self.tr("姓名、拼音首字母（如 zs）、卡号或手机尾号"))
        self.results = QListWidget(self)
        self.chosen = QLabel(self)
        font = self.chosen.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.chosen.setFont(font)
        self.chosen.setWordWrap(True)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(self.tr("请假原因（请假必填）"))
        self.group = QButtonGroup(self)
        row = QHBoxLayout()
        # "signin" is 出勤 or 迟到 by the clock, the same rule as a scanned card
        for key, label in (("signin", self.tr("签到")), ("late", self.tr("迟到")),
                           ("excused", self.tr("请假"))):
            button = QRadioButton(label, self)
            button.setProperty("status", key)
            button.setChecked(key == ("signin" if status == "present" else status))
            self.group.addButton(button)
            row.addWidget(button)
        row.addStretch(1)
        hint = QLabel(self.tr("签到时按开课时间自动记为出勤或迟到。"), self, objectName="hintText")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        widget: QWidget
        for widget in (self.query, self.results, self.chosen):
            layout.addWidget(widget)
        layout.addLayout(row)
        for widget in (hint, self.reason, self.error, self.buttons):
            layout.addWidget(widget)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.query.textChanged.connect(self.search)
        self.results.itemSelectionChanged.connect(self._show_choice)
        self.results.itemDoubleClicked.connect(lambda _i: self.accept())
        self.search("")
        self._show_choice()

    @property
    def status(self) -> str:
        button = self.group.checkedButton()  # one is checked from the start (an exclusive group)
        return button.property("status") if button is not None else "signin"

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.query.setFocus()  # typing goes straight into the search

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Enter picks the only match (or moves into the list); once someone is chosen (and
        shown large), Enter signs them in. Nothing counts before a choice."""
        if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            super().keyPressEvent(event)
        elif self.chosen_row() is not None:
            self.accept()
        elif self.results.count() == 1:
            self.results.setCurrentRow(0)
        elif self.results.count():
            self.results.setFocus()

    def chosen_row(self):
        item = self.results.currentItem()
        return item.data(ROLE_ROW) if item is not None and item.isSelected() else None

    def _show_choice(self) -> None:
        row = self.chosen_row()
        self.ok_button.setEnabled(row is not None)
        if row is None:
            self.chosen.setText(self.tr("尚未选择学员"))
            self.chosen.setStyleSheet("color: #888;")
            return
        self.chosen.setStyleSheet("")
        self.chosen.setText(f"{row.name}  {row.card_no or ''}".strip())
        self.error.clear()

    def search(self, text: str) -> None:
        sid = self.session_id

        def work():
            with self.ctx.db.read() as s:
                return marking.search_learners(s, session_id=sid, query=text)
        Op(self.ctx, self).on_success(self._show).on_failure(self._failed).run(work)

    def _show(self, rows) -> None:
        self.results.clear()  # the choice goes with the old list: pick again
        for r in rows:
            note = status_text(r.status) if r.enrolled else self.tr("未报名（将插班）")
            item = QListWidgetItem(f"{r.name}    {r.card_no or ''}    {note}")
            item.setData(ROLE_ROW, r)
            self.results.addItem(item)
        self.results.setCurrentRow(-1)
        self._show_choice()

    def accept(self) -> None:
        row = self.chosen_row()
        if row is None:
            self.error.setText(self.tr("请先选择学员"))
            return
        status, reason, sid = self.status, self.reason.text(), self.session_id

        def work():
            with self.ctx.transaction() as s:
                if status == "signin":
                    done = marking.sign_in(s, session_id=sid, learner_id=row.learner_id,
                                              walk_in=not row.enrolled)
                else:
                    done = marking.mark(s, session_id=sid, learner_id=row.learner_id,
                                           status=status, reason=reason, walk_in=not row.enrolled)
                marked = done.status
            return self.tr("{name}：已记为{status}").format(name=row.name,
                                                        status=status_text(marked))
        Op(self.ctx, self).on_success(self._done).on_failure(self._failed).run(work)

    def _done(self, sentence: str) -> None:
        self.marked.emit(sentence)
        super().accept()
