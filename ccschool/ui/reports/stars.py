"""百姓学习之星 candidates of a year: learners ranked by 学时, attendance rate, classes completed."""
from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from ccschool import clock
from ccschool.ui.reports.drill import table_view
from ccschool.ui.widgets.rows_model import RowsModel, keyed, pct
from ccschool.ui.shell.context import AppContext
from ccschool.ui.widgets.table_export import TableExport
from ccschool.ui.ops import Op
from ccschool.ui.widgets.text import error_html


class StarsView(QWidget):
    def __init__(self, ctx: AppContext, open_learner, parent=None) -> None:
        super().__init__(parent)
        self.ctx, self.open_learner = ctx, open_learner
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(clock.today().year)
        self.run_button = QPushButton(self.tr("生成候选名单"))
        self.run_button.clicked.connect(self.refresh)
        self.status = QLabel(self.tr("按学时、出勤率、结业班级数排序，取前50名"))
        self.model = RowsModel([
            keyed("rank", self.tr("名次")), keyed("name", self.tr("姓名")),
            keyed("card_no", self.tr("卡号")), keyed("village", self.tr("村（社区）")),
            keyed("hours", self.tr("学时")), keyed("sessions", self.tr("出勤次数")),
            keyed("attendance_rate", self.tr("出勤率"), pct), keyed("classes", self.tr("班级数")),
            keyed("classes_completed", self.tr("结业班级"))], self)
        self.view = table_view(self.model, self)
        self.view.doubleClicked.connect(lambda index: self.open_learner(self.model.row_at(index)))
        self.export = TableExport(self.view, lambda: self.tr("%1年百姓学习之星候选").replace(
            "%1", str(self.year.value())), ctx)
        top = QHBoxLayout()
        for w in (QLabel(self.tr("年度")), self.year, self.run_button):
            top.addWidget(w)
        top.addStretch(1)
        top.addWidget(self.export.button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)

    def refresh(self) -> None:
        year = self.year.value()

        def load():
            from ccschool.services import reports
            with self.ctx.db.read() as s:
                return reports.stars(s, year=year, limit=50)

        self.status.setText(self.tr("正在统计…"))
        self.run_button.setEnabled(False)
        Op(self.ctx, self).on_success(self._show).on_failure(self._fail).run(load)

    def _show(self, rows: list[dict]) -> None:
        self.run_button.setEnabled(True)
        self.status.setText(self.tr("%1 年共 %2 名候选（双击查看档案）")
                            .replace("%1", str(self.year.value())).replace("%2", str(len(rows))))
        self.model.set_rows(rows)

    def _fail(self, exc) -> None:
        self.run_button.setEnabled(True)
        self.status.setText(error_html(exc))
