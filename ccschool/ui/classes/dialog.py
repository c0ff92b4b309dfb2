"""新建班级 dialog: the class's fields and, optionally, its term's sessions from a weekly pattern."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox,
                               QDoubleSpinBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout,
                               QLineEdit, QPushButton, QSpinBox, QTimeEdit, QVBoxLayout, QWidget)

from ccschool import clock, settings
from ccschool.errors import ValidationError
from ccschool.services import classes, county_pick, sessions, venues, volunteers
from ccschool.services.holidays import holiday_dates, read_holiday_file
from ccschool.services.weekly import dates_text, day_label, parse_dates
from ccschool.ui.ops import Op
from ccschool.ui.shell.context import AppContext
from ccschool.ui.widgets.common import problem_box
from ccschool.ui.widgets.fit_scroll import DialogScrollArea, fit_to_screen
from ccschool.ui.widgets.flow import FlowLayout

_WEEKDAY_CODES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
COUNTY = "county:"  # a teacher item's data: a pool id, or this prefix and a county list id


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class AddClassDialog(QDialog):
    """Fill in a class; OK writes the class and its sessions in one transaction."""

    def __init__(self, ctx: AppContext, parent=None, today: date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.created_id: str | None = None
        self.setWindowTitle(self.tr("新建班级"))
        self.setMinimumWidth(540)
        today = today or clock.today()
        content = QWidget()
        form = QVBoxLayout(content)
        form.setContentsMargins(0, 0, 0, 0)
        form.addWidget(self._class_box())
        form.addWidget(self._schedule_box(today))
        layout = QVBoxLayout(self)
        layout.addWidget(DialogScrollArea(content), 1)  # large text on a 768-pixel screen
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._load_choices()
        fit_to_screen(self)

    # -- form ---------------------------------------------------------------------------
    def _class_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("班级"))
        form = QFormLayout(box)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("如：智能手机应用"))
        self.theme = QComboBox()
        with self.ctx.db.read() as s:  # the county's list and rate once it sets them
            allowed = classes.themes(s)
            default_rate = settings.get(s, "certificate_threshold")
        for t in allowed:
            self.theme.addItem(classes.theme_label(t), t)
        self.theme.setPlaceholderText(self.tr("请选择课程主题"))
        self.theme.setCurrentIndex(-1)  # no preset: the user chooses (see services.classes)
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
        self.rate.setValue(round(default_rate * 100))
        self.rate.setSuffix(" %")
        self.online = QCheckBox(self.tr("线上课程"))
        self.groups = QWidget()
        flow = FlowLayout(self.groups)
        flow.setContentsMargins(0, 0, 0, 0)
        self.group_checks: dict[str, QCheckBox] = {}
        for g in classes.TARGET_GROUPS:  # every group visible at once, wrapping as the width allows
            check = QCheckBox(classes.group_label(g))
            self.group_checks[g] = check
            flow.addWidget(check)
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
        for time_edit in (self.t_start, self.t_end):
            time_edit.setDisplayFormat("HH:mm")
            trow.addWidget(time_edit)
        trow.addStretch()
        self.skip = QLineEdit()
        self.skip.setPlaceholderText(self.tr("如 2026-10-01..2026-10-07, 2027-01-01"))
        self.skip.setToolTip(self.tr("节假日：日期或日期范围，用逗号分隔"))
        self.holiday_button = QPushButton(self.tr("导入节假日文件…"))
        self.holiday_button.clicked.connect(lambda: self.import_holidays())
        skip_row = QWidget()
        srow = QHBoxLayout(skip_row)
        srow.setContentsMargins(0, 0, 0, 0)
        srow.addWidget(self.skip, 1)
        srow.addWidget(self.holiday_button)
        for label, widget in ((self.tr("开始日期"), self.start), (self.tr("结束日期"), self.end),
                              (self.tr("每周"), days), (self.tr("上课时间"), times),
                              (self.tr("跳过日期"), skip_row)):
            form.addRow(label, widget)
        return box

    def _load_choices(self) -> None:
        self.teacher.addItem(self.tr("（暂不指定）"), None)
        self.venue.addItem(self.tr("（暂不指定）"), None)
        with self.ctx.db.read() as s:
            for inst, person in volunteers.list_instructors(s, kind="teacher"):
                self.teacher.addItem(person.name, inst.id)
            county = county_pick.listing(s)
            if county:
                self.teacher.insertSeparator(self.teacher.count())
            for entry in county:  # read-only: choosing one adds them to the site's pool
                self.teacher.addItem(self.tr("{0}（县师资库）").format(entry["name"]),
                                     COUNTY + entry["id"])
                self.teacher.setItemData(self.teacher.count() - 1, "、".join(
                    entry["subjects"]) + " · " + entry["township"], Qt.ItemDataRole.ToolTipRole)
            for v in venues.list_venues(s):
                self.venue.addItem(v.name, v.id)

    # -- saving -------------------------------------------------------------------------
    def weekly_text(self) -> str:
        codes = [_WEEKDAY_CODES[i] for i, c in enumerate(self.days) if c.isChecked()]
        return (f"{','.join(codes)} {self.t_start.time().toString('HH:mm')}-"
                f"{self.t_end.time().toString('HH:mm')}")

    def _groups(self) -> list[str]:
        return [g for g, check in self.group_checks.items() if check.isChecked()]

    def import_holidays(self, path: str | None = None) -> None:
        """Add the dates of a county holiday file to 跳过日期 (what is typed there stays)."""
        path = path or self.choose_holiday_file()
        if not path:
            return
        typed = self.skip.text()
        Op(self.ctx, self).on_success(lambda days: self.skip.setText(dates_text(days))).on_refusal(
            problem_box(self)).run(
            lambda: holiday_dates(read_holiday_file(path)) | parse_dates(typed))

    def choose_holiday_file(self) -> str:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("导入节假日文件"), "",
                                              self.tr("节假日文件 (*.txt *.json);;所有文件 (*)"))
        return path

    @staticmethod
    def _teacher(s, chosen) -> str | None:
        """The chosen teacher's id; one picked from the county's list is added to this site's
        pool first (inside the class's transaction)."""
        if isinstance(chosen, str) and chosen.startswith(COUNTY):
            return county_pick.instructor_for(s, chosen.removeprefix(COUNTY)).id
        return chosen

    def _write(self):
        """The write, with every value read from the form now (the worker touches no widget)."""
        fields = dict(name=self.name.text(), theme=self.theme.currentData(),
                      hours_per_session=self.hours.value(), venue=self.venue.currentData(),
                      capacity=self.capacity.value() or None,
                      target_groups=self._groups(), min_attendance_rate=self.rate.value() / 100,
                      online=self.online.isChecked(),
                      term_start=_pydate(self.start.date()), term_end=_pydate(self.end.date()))
        chosen = self.teacher.currentData()
        weekly = self.weekly_text() if self.schedule.isChecked() else None
        no_days = not any(c.isChecked() for c in self.days)
        skip_text = self.skip.text()

        def write() -> str:
            with self.ctx.transaction() as s:
                k = classes.add_class(s, teacher=self._teacher(s, chosen), **fields)
                s.flush()
                if weekly and no_days:
                    raise ValidationError("请勾选每周上课的日子，或不按周排课",
                                          "Tick the weekdays, or untick the weekly schedule",
                                          field="weekly")
                if weekly:
                    sessions.generate_sessions(s, class_id=k.id, weekly=weekly,
                                               start=fields["term_start"],
                                               end=fields["term_end"],
                                               skip=parse_dates(skip_text))
                return k.id
        return write

    def save(self) -> None:
        Op(self.ctx, self).on_success(self._saved).on_refusal(
            problem_box(self)).run(self._write())

    def _saved(self, class_id: str) -> None:
        self.created_id = class_id
        self.accept()
