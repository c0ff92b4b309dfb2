"""Drill-downs of the Reports page: one class's sessions, one learner's lifelong archive."""
from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QTableView, QVBoxLayout, QWidget)

from ccschool.ui.widgets.rows_model import RowsModel, keyed, pct
from ccschool.ui.shell.context import AppContext
from ccschool.ui.widgets.table_export import TableExport
from ccschool.ui.ops import Op
from ccschool.ui.widgets.text import error_html


def table_view(model, parent=None) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setDefaultSectionSize(92)
    view.verticalHeader().setDefaultSectionSize(24)
    return view


class ClassDetailDialog(QDialog):
    """The sessions of one class in the report's period with their roll-call counts."""

    def __init__(self, ctx: AppContext, class_id: str, period, parent=None) -> None:
        super().__init__(parent)
        self.ctx, self.class_id, self.period = ctx, class_id, period
        self.setWindowTitle(self.tr("班级明细"))
        self.resize(760, 420)
        self.heading = QLabel(self.tr("正在读取…"))
        self.model = RowsModel([
            keyed("date", self.tr("日期")), keyed("start", self.tr("开始")),
            keyed("topic", self.tr("内容")), keyed("state_text", self.tr("状态")),
            keyed("hours", self.tr("学时")), keyed("present", self.tr("出勤")),
            keyed("late", self.tr("迟到")), keyed("excused", self.tr("请假")),
            keyed("absent", self.tr("缺勤"))], self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.survey_button = buttons.addButton(self.tr("满意度测评…"),
                                               QDialogButtonBox.ButtonRole.ActionRole)
        self.survey_button.clicked.connect(self.open_survey)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        self.view = table_view(self.model, self)
        self.export = TableExport(self.view, lambda: self.heading.text(), ctx)
        buttons.addButton(self.export.button, QDialogButtonBox.ButtonRole.ActionRole)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        Op(ctx, None).on_success(self._show).on_failure(self._fail).run(self._load)

    def _load(self) -> dict:
        from ccschool.services import reports

        with self.ctx.db.read() as s:
            return reports.class_detail(s, class_id=self.class_id, period=self.period)

    def _show(self, data: dict) -> None:
        states = {"planned": self.tr("未开课"), "held": self.tr("已上课"),
                  "cancelled": self.tr("已停课")}
        self.course_name = data["course_name"]
        self.heading.setText(f"{data['course_name']}（{data['theme']}） "
                             f"{data['period']['from']} ~ {data['period']['to']}")
        self.model.set_rows([{**r, "state_text": states.get(r["state"], r["state"])}
                             for r in data["sessions"]])
        self.view.resizeColumnsToContents()

    def _fail(self, exc) -> None:
        self.heading.setText(str(exc))

    def open_survey(self):
        from ccschool.ui.reports.survey import SurveyDialog

        dialog = SurveyDialog(self.ctx, self.class_id, getattr(self, "course_name", ""), self)
        dialog.open()
        return dialog


class ArchiveView(QWidget):
    """终身学习电子档案: look a learner up by card and show every class, session and credit."""

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.card = QLineEdit()
        self.card.setPlaceholderText(self.tr("输入或扫描卡号"))
        self.card.returnPressed.connect(lambda: self.show_card(self.card.text()))
        find = QPushButton(self.tr("查询档案"))
        find.clicked.connect(lambda: self.show_card(self.card.text()))
        self.print_button = QPushButton(self.tr("打印学习档案…"))
        self.print_button.setEnabled(False)
        self.print_button.clicked.connect(lambda: self.print_transcript())
        self.heading = QLabel(self.tr("输入卡号查看学员的全部学习记录"))
        self.heading.setWordWrap(True)
        self.totals = QLabel()
        self.classes = RowsModel([
            keyed("course_name", self.tr("班级")), keyed("theme", self.tr("主题")),
            keyed("first", self.tr("首次上课")), keyed("sessions", self.tr("出勤次数")),
            keyed("roll", self.tr("应到次数")), keyed("attendance_rate", self.tr("出勤率"), pct),
            keyed("hours", self.tr("学时")), keyed("credits", self.tr("学分")),
            keyed("certificate", self.tr("证书编号"))], self)
        self.sessions = RowsModel([
            keyed("date", self.tr("日期")), keyed("course_name", self.tr("班级")),
            keyed("topic", self.tr("内容")), keyed("status_text", self.tr("考勤")),
            keyed("hours", self.tr("学时"))], self)
        self.exports: list[TableExport] = []  # the classes table's, then the sessions table's
        self._layout(find)

    def _layout(self, find) -> None:
        top = QHBoxLayout()
        top.addWidget(self.card, 1)
        top.addWidget(find)
        top.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.heading)
        layout.addWidget(self.totals)
        for model, what, stretch in ((self.classes, self.tr("学习档案 班级"), 1),
                                     (self.sessions, self.tr("学习档案 课次"), 2)):
            view = table_view(model, self)
            export = TableExport(view, partial(self._titled, what), self.ctx)
            row = QHBoxLayout()
            row.addWidget(view, 1)
            row.addWidget(export.button, 0, Qt.AlignmentFlag.AlignTop)
            layout.addLayout(row, stretch)
            self.exports.append(export)

    def _who(self) -> str:
        return getattr(self, "shown_name", "")

    def _titled(self, what: str) -> str:
        """An export's title: whose archive (as shown when exported) and which table."""
        return f"{self._who()} {what}".strip()

    def show_card(self, card: str = "", learner_id: str | None = None) -> None:
        self.card.setText(card)

        def load():
            from ccschool.services import archive
            with self.ctx.db.read() as s:
                return archive.learner_archive(s, card_no=card or None, learner_id=learner_id)

        Op(self.ctx, self).on_success(self._show).on_failure(self._fail).run(load)

    def _show(self, data: dict) -> None:
        who, tot = data["learner"], data["totals"]
        self.card.setText(who["card_no"] or "")
        self.shown_card = who["card_no"]
        self.shown_name = f"{who['name']} {who['card_no'] or ''}".strip()
        self.print_button.setEnabled(bool(who["card_no"]))
        self.heading.setText(f"<b>{who['name']}</b>　{who['card_no'] or ''}　"
                             f"{who['village'] or ''}　{who['target_groups'] or ''}")
        years = "；".join(self.tr("%1年 %2学时").replace("%1", y["year"]).replace(
            "%2", f"{y['hours']:g}") for y in data["by_year"])
        self.totals.setText(self.tr("累计 %1 个班级，%2 次课，%3 学时，%4 学分，%5 张证书")
                            .replace("%1", str(tot["classes"])).replace("%2", str(tot["sessions"]))
                            .replace("%3", f"{tot['hours']:g}")
                            .replace("%4", "-" if tot["credits"] is None else f"{tot['credits']:g}")
                            .replace("%5", str(tot["certificates"]))
                            + (f"　（{years}）" if years else ""))
        names = {"present": self.tr("出勤"), "late": self.tr("迟到"), "excused": self.tr("请假"),
                 "absent": self.tr("缺勤")}
        self.classes.set_rows(data["classes"])
        self.sessions.set_rows([{**s, "status_text": names.get(s["status"], s["status"])}
                                for s in reversed(data["sessions"])])

    def print_transcript(self, path: str | None = None) -> None:
        """The printable archive (个人学习档案) through the printing package, off the GUI thread."""
        card = getattr(self, "shown_card", None)
        if not card:
            return
        if path is None:
            from PySide6.QtWidgets import QFileDialog
            path, _ = QFileDialog.getSaveFileName(self, self.tr("保存学习档案"),
                                                  f"{card}.pdf", "PDF (*.pdf)")
        if not path:
            return

        def write():
            from ccschool.services import printing
            return printing.print_transcript(self.ctx.db, card_no=card, out=path)

        Op(self.ctx, self).on_success(lambda r: self.totals.setText(
            self.tr("已保存：%1").replace("%1", r["out"]))).on_failure(self._fail).run(write)

    def _fail(self, exc) -> None:
        self.print_button.setEnabled(False)
        self.heading.setText(error_html(exc))
        self.totals.clear()
        self.classes.set_rows([])
        self.sessions.set_rows([])
