"""Add or edit one learner; problems are shown in red as you type.

They are listed in one place of fixed height under the form, and each field at fault turns
red: a message appearing or going away never moves the fields (a click aimed at one field
must not land on another) nor resizes the dialog.
"""
from __future__ import annotations

from typing import Any, cast

from ccschool.ui.shell.context import AppContext

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QDialog, QDialogButtonBox,
                               QFormLayout, QGridLayout, QHBoxLayout, QLabel, QLayout, QLineEdit,
                               QPushButton, QVBoxLayout, QWidget)

from ccschool.errors import CCSError
from ccschool.roster.model import labelled
from ccschool.services import learners as svc
from ccschool.services import venues
from ccschool.services.learners import GENDERS, TARGET_GROUPS
from ccschool.ui.learners.values import shown
from ccschool.ui.ops import Op
from ccschool.ui.widgets.text import fill

TEXT_FIELDS = ("name", "birth_date", "id_number", "phone", "village", "notes")
PROBLEM_LINES = 3  # the fixed problem area's height, in lines


def _bad_field_palette(widget: QWidget) -> QPalette:
    palette = QPalette(QApplication.palette(widget))
    for role in (QPalette.ColorRole.Base, QPalette.ColorRole.Button):
        palette.setColor(role, QColor("#fde7e7"))
    return palette


class LearnerDialog(QDialog):
    """learner_id None: register a new learner; else edit that one."""

    saved = Signal(str)  # learner id

    def __init__(self, ctx: AppContext, learner_id: str | None = None, parent=None) -> None:
        super().__init__(parent)
        self.ctx, self.learner_id = ctx, learner_id
        self.setWindowTitle(self.tr("编辑学员") if learner_id else self.tr("新增学员"))
        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, str] = {}  # field -> its problem, as shown
        self._masked_id = ""
        self._build()
        if learner_id:
            self._load(learner_id)

    # -- layout -------------------------------------------------------------------------
    def _build(self) -> None:
        self._form = form = QFormLayout()
        labels = {"name": self.tr("姓名"), "birth_date": self.tr("出生日期"),
                  "id_number": self.tr("身份证号"), "phone": self.tr("手机号码"),
                  "village": self.tr("村(社区)"), "notes": self.tr("备注")}
        hints = {"birth_date": self.tr("如 1956-03-02；填了身份证号可不填"),
                 "id_number": self.tr("18位，可不填"), "phone": self.tr("11位手机号")}
        self.gender = QComboBox()
        self.gender.addItem("", "")
        for value in GENDERS:  # shown in the UI language, stored in Chinese (item data)
            self.gender.addItem(shown(value), value)
        self.venue = QComboBox()
        self.venue.addItem(self.tr("（不指定）"), None)
        with self.ctx.db.read() as s:
            for venue in venues.list_venues(s):
                self.venue.addItem(venue.name, venue.id)
        for key in TEXT_FIELDS:
            edit = QLineEdit()
            edit.setPlaceholderText(hints.get(key, ""))
            edit.textEdited.connect(self.validate)
            self.edits[key] = edit
            form.addRow(labels[key], edit)
            if key == "name":
                form.addRow(self.tr("性别"), self.gender)
        self.gender.currentIndexChanged.connect(self.validate)
        form.addRow(self.tr("教学点"), self.venue)
        form.addRow(self.tr("人群类别"), self._groups_box())
        self.consent = QCheckBox(self.tr("同意将个人信息上传到县终身学习平台"))
        form.addRow("", self.consent)
        self._add_reveal_button()
        self._add_buttons()
        self.problems = self._problem_area()
        layout = QVBoxLayout(self)
        # never narrower than its contents: the wrapped problem text made Qt open it too narrow,
        # cutting off long English group names
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def _add_buttons(self) -> None:
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def _problem_area(self) -> QLabel:
        """Room for PROBLEM_LINES lines, reserved whether or not there is anything to say."""
        label = QLabel()
        label.setObjectName("problems")
        label.setStyleSheet("color: #c62828;")
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        label.setFixedHeight(label.fontMetrics().lineSpacing() * PROBLEM_LINES + 4)
        return label

    def _groups_box(self) -> QWidget:
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        self.group_checks = {}
        for i, group in enumerate(TARGET_GROUPS):
            check = QCheckBox(shown(group))
            self.group_checks[group] = check
            grid.addWidget(check, i // 2, i % 2)
        return box

    def _add_reveal_button(self) -> None:
        self.reveal = QPushButton(self.tr("显示完整号码"))
        self.reveal.setVisible(bool(self.learner_id) and self.ctx.user.is_admin)
        self.reveal.clicked.connect(self.reveal_id)
        form = self._form
        # PySide6's stubs type the (row, role) pair getWidgetPosition returns as `object`
        index, role = cast("tuple[int, QFormLayout.ItemRole]",
                           form.getWidgetPosition(self.edits["id_number"]))
        line = QWidget()
        row = QHBoxLayout(line)
        row.setContentsMargins(0, 0, 0, 0)
        form.removeWidget(self.edits["id_number"])
        row.addWidget(self.edits["id_number"])
        row.addWidget(self.reveal)
        form.setWidget(index, role, line)

    # -- data ---------------------------------------------------------------------------
    def _load(self, learner_id: str) -> None:
        with self.ctx.db.read() as s:
            d = svc.detail(s, learner_id)
        for key in TEXT_FIELDS:
            value = d.get(key)
            self.edits[key].setText("" if value is None else str(value))
        self._masked_id = d["id_number"] or ""
        self.gender.setCurrentIndex(max(self.gender.findData(d["gender"] or ""), 0))
        index = self.venue.findData(d["venue_id"])
        self.venue.setCurrentIndex(max(index, 0))
        for group in d["target_groups"]:
            if group in self.group_checks:
                self.group_checks[group].setChecked(True)
        self.consent.setChecked(bool(d["consent_upload"]))

    def reveal_id(self) -> None:
        """Admins only; every look is written to the audit log by the service."""
        learner_id, is_admin = self.learner_id, self.ctx.user.is_admin
        if learner_id is None:  # the button shows only for a learner already on file
            return

        def write() -> str:
            with self.ctx.transaction() as s:
                return svc.reveal_id(s, learner_id, is_admin=is_admin)

        Op(self.ctx, self).on_success(self._revealed).on_refusal(
            lambda exc: self._show_general(str(exc))).run(write)

    def _revealed(self, number: str) -> None:
        self.edits["id_number"].setText(number)
        self._masked_id = number
        self.reveal.setEnabled(False)

    def values(self) -> dict:
        out: dict[str, Any] = {key: self.edits[key].text() for key in TEXT_FIELDS}
        out["gender"] = self.gender.currentData() or ""
        out["target_groups"] = [g for g, c in self.group_checks.items() if c.isChecked()]
        out["consent_upload"] = self.consent.isChecked()
        if self.learner_id and out["id_number"] == self._masked_id:
            out.pop("id_number")  # unchanged (still masked): keep the number on file
        return out

    def validate(self) -> bool:
        """Check every field; show what is wrong. True when all fine."""
        values = self.values()
        if "id_number" not in values and self._masked_id:
            values.pop("birth_date", None)  # cannot cross-check against a masked number
            values.pop("gender", None)
        _clean, problems = svc.check_fields(values)
        self._show_problems({key: labelled(key, text) for key, text in problems.items()})
        return not problems

    def _show_problems(self, problems: dict, general: str = "") -> None:
        """Frame each field at fault in red and list the problems in the fixed area."""
        self.errors = {key: str(text) for key, text in problems.items()}
        widgets = {**self.edits, "gender": self.gender}
        for key, widget in widgets.items():
            # the palette, not a style sheet border: a border would change the field's height
            palette = _bad_field_palette(widget) if key in self.errors else QPalette()
            widget.setPalette(palette)
        lines = [*self.errors.values(), *([general] if general else [])]
        if len(lines) > PROBLEM_LINES:
            lines = lines[:PROBLEM_LINES - 1] + [fill(self.tr("另有 %1 处问题"),
                                                      len(lines) - PROBLEM_LINES + 1)]
        self.problems.setText("\n".join(lines))
        self.problems.setToolTip("\n".join([*self.errors.values(), general]).strip())

    def _show_general(self, text: str) -> None:
        self._show_problems({}, text)

    def save(self) -> None:
        if not self.validate():
            return
        venue_id, values, learner_id = self.venue.currentData(), self.values(), self.learner_id

        def work() -> str:
            with self.ctx.transaction() as s:
                if learner_id:
                    svc.update_learner(s, learner_id, venue_id=venue_id, **values)
                    return learner_id
                return svc.create_learner(s, venue_id=venue_id, **values).id

        Op(self.ctx, self).on_success(self._saved).on_refusal(self._refused).run(work)

    def _saved(self, learner_id: str) -> None:
        self.saved.emit(learner_id)
        self.accept()

    def _refused(self, exc: CCSError) -> None:
        if exc.field in (*TEXT_FIELDS, "gender"):
            self._show_problems({exc.field: str(exc)})
        else:
            self._show_general(str(exc))
