"""新建班级 dialog: the class's fields and, optionally, its term's sessions from a weekly pattern."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox,
                               QDoubleSpinBox, QFormLayout, QGroupBox, QHBoxLayout, QLineEdit,
                               QListWidget, QListWidgetItem, QSpinBox, QTimeEdit, QVBoxLayout,
                               QWidget)

from ccschool import clock
from ccschool.errors import ValidationError
from ccschool.models.course import THEMES
from ccschool.models.person import TARGET_GROUPS
from ccschool.services import classes, sessions, venues, volunteers
from ccschool.services.weekly import day_label, parse_dates
from ccschool.ui.widgets.common import run_action

_WEEKDAY_CODES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class AddClassDialog(QDialog):
    """Fill in a class; OK writes the class and its sessions in one transaction."""

    def __init__(self, ctx, parent=None, today: date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.created_id: str | None = None
        self.setWindowTitle(self.tr("新建班级"))
        self.setMinimumWidth(540)
        today = today or clock.today()
        layout = QVBoxLayout(self)
        layout.addWidget(self._class_box())
        layout.addWidget(self._schedule_box(today))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._load_choices()

    # -- form ---------------------------------------------------------------------------
    def _class_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("班级"))
        form = QFormLayout(box)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("如：智能手机应用"))
        self.theme = QComboBox()
        for t in THEMES:
            self.theme.addItem(classes.theme_label(t), t)
        self.teacher, self.venue = QComboBox(), QComboBox()
        self.capacity = QSpinBox()
        self.capacity.setRange(0, 1000)
        self.capacity.setSpecialValueText(self.tr("按场地容量"))
        self.hours = QDoubleSpinBox()
        self.hours.setRange(0.5, 12)
        self.hours.setSingleStep(0.5)
        self.hours.setValue(1.5)
        self.rate = QSpinBox()
        self.rate.setRange(0, 100)
        self.rate.setValue(80)
        self.rate.setSuffix(" %")
        self.online = QCheckBox(self.tr("线上课程"))
        self.groups = QListWidget()
        for g in TARGET_GROUPS:
            item = QListWidgetItem(classes.group_label(g))
            item.setData(Qt.ItemDataRole.UserRole, g)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.groups.addItem(item)
        self.groups.setFlow(QListWidget.Flow.LeftToRight)
        self.groups.setWrapping(True)
        self.groups.setMinimumHeight(120)  # English group names take six lines
        for label, widget in ((self.tr("课程名称"), self.name), (self.tr("课程主题"), self.theme),
                              (self.tr("授课教师"), self.teacher), (self.tr("场地"), self.venue),
                              (self.tr("人数上限"), self.capacity),
                              (self.tr("每次课学时"), self.hours),
                              (self.tr("结业出勤率"), self.rate), (self.tr("培训对象"), self.groups),
                              ("", self.online)):
            form.addRow(label, widget)
        return box

    def _schedule_box(self, today: date) -> QGroupBox:
        box = QGroupBox(self.tr("按周排课（生成本学期课次）"))
        box.setCheckable(True)
        box.setChecked(True)
        self.schedule = box
        form = QFormLayout(box)
        self.start, self.end = QDateEdit(_qdate(today)), QDateEdit(_qdate(today).addMonths(3))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        days = QWidget()
        row = QHBoxLayout(days)
        row.setContentsMargins(0, 0, 0, 0)
        self.days = []
        for weekday in range(7):
            check = QCheckBox(day_label(weekday))
            self.days.append(check)
            row.addWidget(check)
        times = QWidget()
        trow = QHBoxLayout(times)
        trow.setContentsMargins(0, 0, 0, 0)
        self.t_start, self.t_end = QTimeEdit(QTime(14, 0)), QTimeEdit(QTime(15, 30))
        for edit in (self.t_start, self.t_end):
            edit.setDisplayFormat("HH:mm")
            trow.addWidget(edit)
        trow.addStretch()
        self.skip = QLineEdit()
        self.skip.setPlaceholderText(self.tr("节假日，用逗号分隔，如 2026-10-01,2026-10-02"))
        for label, widget in ((self.tr("开始日期"), self.start), (self.tr("结束日期"), self.end),
                              (self.tr("每周"), days), (self.tr("上课时间"), times),
                              (self.tr("跳过日期"), self.skip)):
            form.addRow(label, widget)
        return box

    def _load_choices(self) -> None:
        self.teacher.addItem(self.tr("（暂不指定）"), None)
        self.venue.addItem(self.tr("（暂不指定）"), None)
        with self.ctx.db.read() as s:
            for inst, person in volunteers.list_instructors(s, kind="teacher"):
                self.teacher.addItem(person.name, inst.id)
            for v in venues.list_venues(s):
                self.venue.addItem(v.name, v.id)

    # -- saving -------------------------------------------------------------------------
    def weekly_text(self) -> str:
        codes = [_WEEKDAY_CODES[i] for i, c in enumerate(self.days) if c.isChecked()]
        return (f"{','.join(codes)} {self.t_start.time().toString('HH:mm')}-"
                f"{self.t_end.time().toString('HH:mm')}")

    def _groups(self) -> list[str]:
        return [self.groups.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.groups.count())
                if self.groups.item(i).checkState() == Qt.CheckState.Checked]

    def _write(self) -> str:
        with self.ctx.transaction() as s:
            k = classes.add_class(
                s, name=self.name.text(), theme=self.theme.currentData(),
                hours_per_session=self.hours.value(), venue=self.venue.currentData(),
                teacher=self.teacher.currentData(), capacity=self.capacity.value() or None,
                target_groups=self._groups(), min_attendance_rate=self.rate.value() / 100,
                online=self.online.isChecked(),
                term_start=_pydate(self.start.date()), term_end=_pydate(self.end.date()))
            s.flush()
            if self.schedule.isChecked() and not any(c.isChecked() for c in self.days):
                raise ValidationError("请勾选每周上课的日子，或不按周排课",
                                      "Tick the weekdays, or untick the weekly schedule", field="weekly")
            if self.schedule.isChecked():
                sessions.generate_sessions(s, class_id=k.id, weekly=self.weekly_text(),
                                           start=_pydate(self.start.date()),
                                           end=_pydate(self.end.date()),
                                           skip=parse_dates(self.skip.text()))
            return k.id

    def save(self) -> None:
        ok, class_id = run_action(self, self._write)
        if ok:
            self.created_id = class_id
            self.ctx.signals.data_changed.emit("class")
            self.accept()
