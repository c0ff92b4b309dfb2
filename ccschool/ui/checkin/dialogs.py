"""Desk dialogs: mark by name (出勤/迟到/请假, walk-ins included) and the paper sign-in sheet.

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


class SheetDialog(_DeskDialog):
    """The paper sign-in sheet typed in: tick everyone who signed the paper, then OK."""

    applied = Signal(int)

    def __init__(self, ctx, session_id: str, parent=None) -> None:
        super().__init__(ctx, session_id, parent)
        self.setWindowTitle(self.tr("录入纸质签到表"))
        self.resize(420, 600)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("筛选：姓名或拼音首字母"))
        self.list = QListWidget(self)
        self.summary = QLabel(self)
        layout = QVBoxLayout(self)
        for widget in (self.filter, self.list, self.summary, self.error, self.buttons):
            layout.addWidget(widget)
        self.filter.textChanged.connect(self._filter)
        self.list.itemChanged.connect(lambda _i: self._count())
        self.list.itemClicked.connect(self._toggle)
        self._load()

    def _load(self) -> None:
        sid = self.session_id

        def work():
            with self.ctx.db.read() as s:
                return attendance.roster(s, session_id=sid)
        self.ctx.run_in_background(work, self._show, self._failed)

    def _show(self, rows) -> None:
        self.list.clear()
        for r in rows:
            if not r.enrolled:
                continue
            here = r.status in ("present", "late")
            item = QListWidgetItem(f"{r.name}    {r.card_no or ''}" +
                                   (f"    （{status_text(r.status)}）" if r.status else ""))
            item.setData(ROLE_ROW, r)
            # Not user-checkable: _toggle flips the box on a click anywhere on the row (faster
            # than aiming at the box, and a click on the box itself is not counted twice).
            item.setFlags(Qt.ItemFlag.NoItemFlags if here else Qt.ItemFlag.ItemIsEnabled)
            item.setCheckState(Qt.CheckState.Checked if here else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self._count()

    def _toggle(self, item: QListWidgetItem) -> None:
        if item.flags() & Qt.ItemFlag.ItemIsEnabled:
            checked = item.checkState() == Qt.CheckState.Checked
            item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)

    def _filter(self, text: str) -> None:
        from ccschool.pinyin import name_keys

        text = text.strip().lower()
        for i in range(self.list.count()):
            item = self.list.item(i)
            name = item.data(ROLE_ROW).name
            keys = name_keys(name)
            hit = not text or text in name or any(k.startswith(text) for k in keys)
            item.setHidden(not hit)

    def ticked(self) -> list[str]:
        return [self.list.item(i).data(ROLE_ROW).learner_id for i in range(self.list.count())
                if self.list.item(i).flags() & Qt.ItemFlag.ItemIsEnabled
                and self.list.item(i).checkState() == Qt.CheckState.Checked]

    def _count(self) -> None:
        self.summary.setText(self.tr("本次勾选 {n} 人").format(n=len(self.ticked())))

    def accept(self) -> None:
        ids, sid = self.ticked(), self.session_id

        def work():
            with self.ctx.transaction() as s:
                return attendance.apply_sheet(s, session_id=sid, present_ids=ids)
        self.ctx.run_in_background(work, self._done, self._failed)

    def _done(self, marked: int) -> None:
        self.applied.emit(marked)
        super().accept()
