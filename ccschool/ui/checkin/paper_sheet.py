"""录入纸质签到表: a paper sheet brought in later, for any session up to today.

Fast keyboard entry: type the row number printed on the sheet (or the last digits of the card
number) and Enter marks that row with the chosen status; Ctrl+1…4 choose 出勤/迟到/请假/缺勤.
Nothing is written until 保存, and then in one transaction (services.attendance.marking).
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QAbstractItemView, QButtonGroup, QComboBox, QDialog,
                               QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QRadioButton, QTableView, QVBoxLayout)

from ccschool.services.attendance import desk, marking
from ccschool import clock
from ccschool.ui.checkin.widgets import status_text
from ccschool.ui.ops import Op
from ccschool.ui.shell.context import AppContext
from ccschool.ui.widgets.rows_model import AnyIndex, Column, RowsModel

STATUS_ORDER = ("present", "late", "excused", "absent")
STATUS_COLUMN = 3
TYPED = QColor(Qt.GlobalColor.darkBlue)  # a status typed in this dialog, not yet saved


class SheetModel(RowsModel):
    """The sheet's rows as (number printed on the sheet, roster row); a status typed in this
    dialog shows in blue, marked ✎, until it is saved."""

    def __init__(self, titles: list[str], parent: QObject | None = None) -> None:
        super().__init__([Column(titles[0], lambda p: str(p[0])),
                          Column(titles[1], lambda p: p[1].name),
                          Column(titles[2], lambda p: p[1].card_no or ""),
                          Column(titles[3], self._status)], parent)
        self.chosen: dict[str, str] = {}  # learner id -> status typed in, not yet saved

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == STATUS_COLUMN:
            numbered = self.row_at(index)
            return TYPED if numbered and numbered[1].learner_id in self.chosen else None
        return super().data(index, role)

    def show_sheet(self, rows: list[Any]) -> None:
        self.chosen = {}
        self.set_rows([(n, r) for n, r in enumerate(rows, 1)])

    def _status(self, numbered: tuple[int, Any]) -> str:
        row = numbered[1]
        if row.learner_id in self.chosen:
            return status_text(self.chosen[row.learner_id]) + " ✎"
        return status_text(row.status) if row.status else ""

    def choose(self, index: int, status: str) -> None:
        self.chosen[self.rows[index][1].learner_id] = status
        self.replace_row(index, self.rows[index])


class PaperSheetDialog(QDialog):
    applied = Signal(int)

    def __init__(self, ctx: AppContext, session_id: str | None, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[Any] = []  # the enrolled learners in the sheet's order (marking.roster)
        self.setWindowTitle(self.tr("录入纸质签到表"))
        self.resize(560, 600)
        self.sessions = QComboBox(self)
        self.entry = QLineEdit(self)
        self.entry.setPlaceholderText(self.tr("输入表上的序号或卡号尾号，按回车"))
        self.group = QButtonGroup(self)
        statuses = QHBoxLayout()
        for i, key in enumerate(STATUS_ORDER):
            button = QRadioButton(f"{status_text(key)} (Ctrl+{i + 1})", self)
            button.setChecked(i == 0)
            self.group.addButton(button, i)
            statuses.addWidget(button)
        self.table = self._make_table()
        self.summary, self.error = QLabel(self), QLabel(self)
        self.error.setStyleSheet("color: #c62828;")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        layout = QVBoxLayout(self)
        for field in (self.sessions, self.entry):
            layout.addWidget(field)
        layout.addLayout(statuses)
        for widget in (self.table, self.summary, self.error, self.buttons):
            layout.addWidget(widget)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.entry.returnPressed.connect(self.enter_typed)
        self.entry.installEventFilter(self)
        self.table.doubleClicked.connect(lambda index: self._set(index.row(), self.status()))
        self.sessions.currentIndexChanged.connect(lambda _i: self._load())
        self._fill_sessions(session_id)

    def eventFilter(self, watched, event) -> bool:
        """Ctrl+1…4 choose the status while typing (keys of the entry box, so no click needed)."""
        if event.type() == QEvent.Type.KeyPress and \
                event.modifiers() == Qt.KeyboardModifier.ControlModifier and \
                Qt.Key.Key_1 <= event.key() <= Qt.Key.Key_4:
            self.group.button(event.key() - Qt.Key.Key_1).setChecked(True)
            return True
        return super().eventFilter(watched, event)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.entry.setFocus()  # typing starts at once: the row numbers from the paper

    @property
    def chosen(self) -> dict[str, str]:
        return self.model.chosen

    def _make_table(self) -> QTableView:
        self.model = SheetModel([self.tr("序号"), self.tr("姓名"), self.tr("卡号"), self.tr("状态")],
                                self)
        table = QTableView(self)
        table.setModel(self.model)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def status(self) -> str:
        return STATUS_ORDER[max(self.group.checkedId(), 0)]

    def _fill_sessions(self, session_id: str | None) -> None:
        def work():
            with self.ctx.db.read() as s:
                return desk.sessions_before(s, today=clock.today())
        Op(self.ctx, self).on_success(lambda found: self._sessions_read(found, session_id)
                                      ).on_failure(self._failed).run(work)

    def _sessions_read(self, found, session_id: str | None) -> None:
        self.sessions.blockSignals(True)
        for meeting, label in found:
            self.sessions.addItem(label, meeting.id)
        index = self.sessions.findData(session_id) if session_id else 0
        self.sessions.setCurrentIndex(max(index, 0))
        self.sessions.blockSignals(False)
        self._load()

    def session_id(self) -> str | None:
        return self.sessions.currentData()

    def _load(self) -> None:
        sid = self.session_id()
        self.model.chosen = {}
        if sid is None:
            self._show([])
            return

        def work():
            with self.ctx.db.read() as s:
                return marking.roster(s, session_id=sid)
        Op(self.ctx, self).on_success(self._show).on_failure(self._failed).run(work)

    def _show(self, rows) -> None:
        # The order of the printed sheet (services.printing.signin_sheet_data): row n here is
        # row n on the paper.
        self.rows = [r for r in rows if r.enrolled]
        self.model.show_sheet(self.rows)
        self._count()

    def enter_typed(self) -> None:
        typed = self.entry.text().strip()
        row = self._find(typed)
        if row is None:
            self.error.setText(self.tr("没有序号或卡号尾号为“{t}”的学员").format(t=typed))
            return
        self._set(row, self.status())
        self.entry.clear()

    def _find(self, typed: str) -> int | None:
        if typed.isdigit() and 1 <= int(typed) <= len(self.rows) and len(typed) <= 3:
            return int(typed) - 1
        tails = [i for i, r in enumerate(self.rows)
                 if typed and (r.card_no or "").upper().endswith(typed.upper())]
        return tails[0] if len(tails) == 1 else None

    def _set(self, row: int, status: str) -> None:
        self.error.clear()
        self.model.choose(row, status)
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, STATUS_COLUMN))
        self._count()

    def _count(self) -> None:
        self.summary.setText(self.tr("本次录入 {n} 人，共 {m} 人").format(
            n=len(self.chosen), m=len(self.rows)))

    def _failed(self, exc: BaseException) -> None:
        self.error.setText(str(exc))

    def accept(self) -> None:
        sid, entries = self.session_id(), dict(self.chosen)
        if sid is None:
            return

        def work():
            with self.ctx.transaction() as s:
                return marking.enter_paper_sheet(s, session_id=sid, entries=entries)
        Op(self.ctx, self).on_success(self._done).on_failure(self._failed).run(work)

    def _done(self, changed: int) -> None:
        self.applied.emit(changed)
        super().accept()
