"""Dialogs of the Volunteers page: add someone to the pool, add a manual service record."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (QComboBox, QDateEdit, QDialog, QDialogButtonBox, QDoubleSpinBox,
                               QFormLayout, QLabel, QLineEdit)

from ccschool import clock
from ccschool.services import service_hours, volunteers
from ccschool.ui.ops import Op
from ccschool.ui.shell.context import AppContext
from ccschool.ui.widgets.common import problem_box


def _save(dialog, write) -> None:
    """Write on the database worker; the dialog closes once it is saved, or says why not."""
    Op(dialog.ctx, dialog).on_success(lambda _r: dialog.accept()).on_refusal(
        problem_box(dialog)).run(write)


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    box.button(QDialogButtonBox.StandardButton.Ok).setText(
        QCoreApplication.translate("ClassesCommon", "保存"))
    box.button(QDialogButtonBox.StandardButton.Cancel).setText(
        QCoreApplication.translate("ClassesCommon", "取消"))
    box.rejected.connect(dialog.reject)
    return box


class InstructorDialog(QDialog):
    """Add a teacher or volunteer. Same name and phone as an existing resident (say, a learner)
    links to that person instead of making a second one."""

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("加入师资库"))
        self.setMinimumWidth(420)
        form = QFormLayout(self)
        self.name, self.phone = QLineEdit(), QLineEdit()
        self.phone.setPlaceholderText(self.tr("11位手机号"))
        self.kind = QComboBox()
        for code in volunteers.KIND_LABELS:
            self.kind.addItem(volunteers.kind_label(code), code)
        self.kind.setCurrentIndex(self.kind.findData("volunteer"))
        self.org_type = QComboBox()
        for org in volunteers.ORG_TYPES:
            self.org_type.addItem(volunteers.org_label(org), org)
        self.organisation, self.skills = QLineEdit(), QLineEdit()
        self.skills.setPlaceholderText(self.tr("如：智能手机辅导、健康讲座"))
        for label, w in ((self.tr("姓名"), self.name), (self.tr("手机号"), self.phone),
                         (self.tr("类别"), self.kind), (self.tr("单位类型"), self.org_type),
                         (self.tr("工作单位"), self.organisation), (self.tr("特长"), self.skills)):
            form.addRow(label, w)
        note = QLabel(self.tr("姓名和手机号与已有学员相同时，视为同一人。"))
        note.setWordWrap(True)
        form.addRow(note)
        buttons = _buttons(self)
        buttons.accepted.connect(self.save)
        form.addRow(buttons)

    def save(self) -> None:
        values = dict(name=self.name.text(), phone=self.phone.text(), kind=self.kind.currentData(),
                      org_type=self.org_type.currentData(),
                      organisation=self.organisation.text(), skills=self.skills.text())

        def write() -> None:
            with self.ctx.transaction() as s:
                volunteers.add_instructor(s, **values)

        _save(self, write)


class ServiceRecordDialog(QDialog):
    """A manual service record: lectures, library duty, anything outside a class session."""

    def __init__(self, ctx: AppContext, parent=None, instructor_id: str | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("添加服务记录"))
        self.setMinimumWidth(420)
        form = QFormLayout(self)
        self.person = QComboBox()
        with ctx.db.read() as s:
            for inst, person in volunteers.list_instructors(s):
                self.person.addItem(person.name, inst.id)
        if instructor_id:
            self.person.setCurrentIndex(max(0, self.person.findData(instructor_id)))
        today = clock.today()
        self.day = QDateEdit(QDate(today.year, today.month, today.day))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.hours = QDoubleSpinBox()
        self.hours.setRange(0.5, 24)
        self.hours.setSingleStep(0.5)
        self.hours.setValue(2)
        self.hours.setSuffix(self.tr(" 小时"))
        self.activity = QLineEdit()
        self.activity.setPlaceholderText(self.tr("如：防诈宣传、图书整理"))
        for label, w in ((self.tr("志愿者"), self.person), (self.tr("日期"), self.day),
                         (self.tr("时长"), self.hours), (self.tr("服务内容"), self.activity)):
            form.addRow(label, w)
        buttons = _buttons(self)
        buttons.accepted.connect(self.save)
        form.addRow(buttons)

    def save(self) -> None:
        d = self.day.date()
        values = dict(instructor_id=self.person.currentData(),
                      day=date(d.year(), d.month(), d.day()),
                      hours=self.hours.value(), activity=self.activity.text())

        def write() -> None:
            with self.ctx.transaction() as s:
                service_hours.add_record(s, **values)

        if values["instructor_id"]:
            _save(self, write)
