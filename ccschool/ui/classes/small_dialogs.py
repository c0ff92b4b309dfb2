"""Small dialogs of the Classes page: one session, enrolling learners, venues, a helper."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, QTime
from PySide6.QtWidgets import (QComboBox, QDateEdit, QDialog, QDialogButtonBox, QDoubleSpinBox,
                               QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QSpinBox, QTimeEdit, QVBoxLayout)

from ccschool import clock
from ccschool.i18n import L
from ccschool.services import enrollment, service_hours, sessions, venues, volunteers
from ccschool.ui.ops import Op
from ccschool.ui.shell.context import AppContext
from ccschool.ui.widgets.common import RowsModel, make_table, problem_box, selected_row


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText(
        QCoreApplication.translate("ClassesCommon", "取消"))
    box.rejected.connect(dialog.reject)
    return box


class SessionDialog(QDialog):
    """Add one session to a class, or edit one (only that one changes)."""

    def __init__(self, ctx: AppContext, class_id: str, session_row: dict | None = None, parent=None,
                 hours: float = 1.0) -> None:
        super().__init__(parent)
        self.ctx, self.class_id, self.row = ctx, class_id, session_row
        self.setWindowTitle(self.tr("修改课次") if session_row else self.tr("添加课次"))
        self.setMinimumWidth(320)
        form = QFormLayout(self)
        day = date.fromisoformat(session_row["date"]) if session_row else clock.today()
        self.day = QDateEdit(QDate(day.year, day.month, day.day))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        start = session_row["start"] if session_row else "14:00"
        end = session_row["end"] if session_row else "15:30"
        self.start = QTimeEdit(QTime.fromString(start, "HH:mm"))
        self.end = QTimeEdit(QTime.fromString(end, "HH:mm"))
        self.hours = QDoubleSpinBox()
        self.hours.setRange(0, 12)
        self.hours.setSingleStep(0.5)
        self.hours.setValue(session_row["hours"] if session_row else hours)
        self.topic = QLineEdit((session_row or {}).get("topic") or "")
        for label, w in ((self.tr("日期"), self.day), (self.tr("上课"), self.start),
                         (self.tr("下课"), self.end), (self.tr("学时"), self.hours),
                         (self.tr("内容"), self.topic)):
            form.addRow(label, w)
        buttons = _buttons(self, self.tr("保存"))
        buttons.accepted.connect(self.save)
        form.addRow(buttons)

    def _values(self) -> dict:
        d, st, en = self.day.date(), self.start.time(), self.end.time()
        from datetime import time
        return {"day": date(d.year(), d.month(), d.day()), "start": time(st.hour(), st.minute()),
                "end": time(en.hour(), en.minute()), "hours": self.hours.value(),
                "topic": self.topic.text()}

    def save(self) -> None:
        values, session_id, class_id = self._values(), self.row and self.row["id"], self.class_id

        def write() -> None:
            with self.ctx.transaction() as s:
                if session_id:
                    sessions.update_session(s, session_id=session_id, **values)
                else:
                    sessions.add_session(s, class_id=class_id, **values)

        Op(self.ctx, self).on_success(lambda _r: self.accept()).on_refusal(
            problem_box(self)).run(write)


class EnrollDialog(QDialog):
    """Find learners (card, name, pinyin initials, phone tail) and enroll the chosen one."""

    def __init__(self, ctx: AppContext, class_id: str, parent=None) -> None:
        super().__init__(parent)
        self.ctx, self.class_id = ctx, class_id
        self.setWindowTitle(self.tr("报名"))
        self.resize(560, 420)
        layout = QVBoxLayout(self)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("卡号、姓名、拼音首字母或手机尾号"))
        self.search.textChanged.connect(self.refresh)
        layout.addWidget(self.search)
        self.states: dict[str, str] = {}
        labels = {"enrolled": self.tr("已在本班"), "waitlisted": self.tr("候补中")}
        self.model = RowsModel([(self.tr("姓名"), lambda r: r["name"]),
                                (self.tr("卡号"), lambda r: r["card_no"]),
                                (self.tr("本班"), lambda r: labels.get(self.states.get(r["id"], ""), ""))],
                               self)
        self.table = make_table(self.model, self)
        self.table.doubleClicked.connect(lambda _i: self.enroll_selected())
        layout.addWidget(self.table)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = _buttons(self, self.tr("报名"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("关闭"))
        buttons.accepted.connect(self.enroll_selected)
        layout.addWidget(buttons)
        self.enrolled_count = 0
        self.refresh()

    def refresh(self) -> None:
        with self.ctx.db.read() as s:
            self.states = {r["learner_id"]: r["state"] for r in enrollment.roster(s, class_id=self.class_id)}
            self.model.set_rows(enrollment.search_learners(s, self.search.text()))

    def _enroll(self, row: dict, waitlist: bool, waitlist_if_full: bool | None = None) -> None:
        class_id = self.class_id

        def write() -> str:
            with self.ctx.transaction() as s:
                return enrollment.enroll(s, class_id=class_id, learner_id=row["id"],
                                         waitlist=waitlist).state

        refused = problem_box(self) if waitlist else (
            lambda exc: self._full(exc, row, waitlist_if_full))
        Op(self.ctx, self).on_success(lambda state: self._enrolled(row, state)).on_refusal(
            refused).run(write)

    def enroll_selected(self, waitlist_if_full: bool | None = None) -> None:
        """Enroll the selected learner; a full class offers its waitlist first."""
        row = selected_row(self.table)
        if row is not None:
            self._enroll(row, False, waitlist_if_full)

    def _full(self, exc, row: dict, waitlist_if_full: bool | None) -> None:
        from ccschool.errors import Conflict
        from ccschool.ui.widgets.common import ask

        if not (isinstance(exc, Conflict) and exc.field == "capacity"):
            problem_box(self)(exc)
            return
        wait = waitlist_if_full if waitlist_if_full is not None else ask(
            self, self.tr("班级已满"), str(exc) + "\n" + self.tr("加入候补名单？有人退出时按先后顺序转正。"))
        if wait:
            self._enroll(row, True)

    def _enrolled(self, row: dict, state: str) -> None:
        self.enrolled_count += 1
        text = self.tr("已报名：") if state == "enrolled" else self.tr("已加入候补：")
        self.status.setText(text + row["name"])
        self.refresh()


class VenuesDialog(QDialog):
    """场地资源库: the list of venues and a line to add one."""

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("场地资源库"))
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        self.model = RowsModel([(self.tr("名称"), lambda r: r["name"]),
                                (self.tr("类型"), lambda r: venues.kind_label(r["kind"])),
                                (self.tr("容纳人数"), lambda r: r["capacity"] or ""),
                                (self.tr("地址"), lambda r: r["address"] or "")], self)
        self.table = make_table(self.model, self, stretch=3)
        layout.addWidget(self.table)
        layout.addLayout(self._add_row())
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        close.rejected.connect(self.accept)
        layout.addWidget(close)
        self.refresh()

    def _add_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.name, self.address = QLineEdit(), QLineEdit()
        self.name.setPlaceholderText(self.tr("场地名称"))
        self.address.setPlaceholderText(self.tr("地址"))
        self.kind = QComboBox()
        for code in venues.KIND_LABELS:
            self.kind.addItem(venues.kind_label(code), code)
        self.capacity = QSpinBox()
        self.capacity.setRange(0, 2000)
        self.capacity.setSpecialValueText(self.tr("人数"))
        add = QPushButton(self.tr("添加场地"))
        add.clicked.connect(self.add)
        for w in (self.name, self.kind, self.capacity, self.address, add):
            row.addWidget(w)
        return row

    def refresh(self) -> None:
        with self.ctx.db.read() as s:
            self.model.set_rows([venues.venue_dict(v) for v in venues.list_venues(s)])

    def add(self) -> None:
        values = dict(name=self.name.text(), address=self.address.text(),
                      capacity=self.capacity.value() or None, kind=self.kind.currentData())

        def write() -> None:
            with self.ctx.transaction() as s:
                venues.add_venue(s, **values)

        Op(self.ctx, self).on_success(lambda _r: self._added()).on_refusal(
            problem_box(self)).run(write)

    def _added(self) -> None:
        self.name.clear()
        self.address.clear()
        self.capacity.setValue(0)
        self.refresh()


class AssignDialog(QDialog):
    """Choose a teacher or volunteer from the pool to help at one session."""

    def __init__(self, ctx: AppContext, session_id: str, parent=None) -> None:
        super().__init__(parent)
        self.ctx, self.session_id = ctx, session_id
        self.setWindowTitle(self.tr("安排志愿者"))
        self.setMinimumWidth(380)
        form = QFormLayout(self)
        self.person, self.current = QComboBox(), QComboBox()
        with ctx.db.read() as s:
            here = {a.instructor_id for a in service_hours.assigned(s, session_id)}
            for inst, person in volunteers.list_instructors(s):
                label = L("{name}（{kind}）", "{name} ({kind})", name=person.name,
                          kind=volunteers.kind_label(inst.kind))
                (self.current if inst.id in here else self.person).addItem(label, inst.id)
        form.addRow(self.tr("志愿者"), self.person)
        remove_row = QHBoxLayout()
        self.remove_button = QPushButton(self.tr("移除"))
        self.remove_button.clicked.connect(self.remove)
        self.remove_button.setEnabled(self.current.count() > 0)
        remove_row.addWidget(self.current, 1)
        remove_row.addWidget(self.remove_button)
        form.addRow(self.tr("已安排"), remove_row)
        note = QLabel(self.tr("课次标记为已上课后，自动记入该课次的服务时长。"))
        note.setWordWrap(True)
        form.addRow(note)
        buttons = _buttons(self, self.tr("安排"))
        buttons.accepted.connect(self.save)
        form.addRow(buttons)

    def save(self) -> None:
        session_id, instructor_id = self.session_id, self.person.currentData()

        def write() -> None:
            with self.ctx.transaction() as s:
                service_hours.assign(s, session_id=session_id, instructor_id=instructor_id)

        if instructor_id:
            self._run(write)

    def _run(self, write) -> None:
        Op(self.ctx, self).on_success(lambda _r: self.accept()).on_refusal(
            problem_box(self)).run(write)

    def remove(self) -> None:
        """Take the chosen helper off; a credit already given for this session is withdrawn."""
        instructor_id = self.current.currentData()

        session_id = self.session_id

        def write():
            with self.ctx.transaction() as s:
                service_hours.unassign(s, session_id=session_id, instructor_id=instructor_id)

        if instructor_id:
            self._run(write)
