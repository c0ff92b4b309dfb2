"""报表 page: pick a month or a range, see the figures and charts, drill in, export Excel/PDF.

The figures come from ccschool.services.reports (the same dict the CLI prints); they are
computed and exported off the GUI thread. QtCharts is imported here (via reports_charts) only,
so starting the app does not load it.
"""
from __future__ import annotations


from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (QComboBox, QDateEdit, QFileDialog, QFrame, QGridLayout,
                               QHBoxLayout, QHeaderView, QLabel, QPushButton, QScrollArea, QTabWidget,
                               QVBoxLayout, QWidget)

from ccschool import clock
from ccschool.reports import period as periods
from ccschool.reports.figures import UNGROUPED, age_label
from ccschool.reports.text import fmt, summary_lines
from ccschool.services.classes import group_label, theme_label
from ccschool.ui.reports.charts import ChartView, bar_chart, pie_chart
from ccschool.ui.reports.drill import ArchiveView, ClassDetailDialog, table_view
from ccschool.ui.widgets.rows_model import RowsModel, keyed, pct
from ccschool.ui.reports.stars import StarsView
from ccschool.ui.shell.context import AppContext
from ccschool.ui.widgets.common import give_shortcut, py_date
from ccschool.ui.ops import Op
from ccschool.ui.widgets.text import error_html

MONTH, YEAR, RANGE = range(3)
CARDS = 8  # headline figures shown as large numbers; the rest sit in the table beside them


class ReportsPage(QWidget):
    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.report: dict | None = None
        self.learners: list[dict] = []
        self.period = None
        self._stale = True
        self._build()
        ctx.signals.records_changed.connect(self._on_records_changed)

    # -- layout -------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(self._controls())
        # only once the controls have a parent: setVisible on an orphan opens a window
        self._mode_changed(MONTH)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._overview(), self.tr("概览"))
        self.tabs.addTab(self._classes_tab(), self.tr("班级"))
        self.tabs.addTab(self._learners_tab(), self.tr("学员"))
        self.tabs.addTab(self._participation_tab(), self.tr("参与率"))
        self.archive = ArchiveView(self.ctx)
        self.tabs.addTab(self.archive, self.tr("学员档案"))
        self.stars = StarsView(self.ctx, self._open_learner_row)
        self.tabs.addTab(self.stars, self.tr("学习之星"))
        layout.addWidget(self.tabs, 1)

    def _controls(self) -> QHBoxLayout:
        self.mode = QComboBox()
        self.mode.addItems([self.tr("按月"), self.tr("本年累计"), self.tr("自定义区间")])
        today = QDate.currentDate()
        self.month = QDateEdit(today)
        self.month.setDisplayFormat("yyyy-MM")
        self.date_from = QDateEdit(QDate(today.year(), 1, 1))
        self.date_to = QDateEdit(today)
        for edit in (self.date_from, self.date_to):
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setCalendarPopup(True)
        self.run_button = QPushButton(self.tr("统计"))
        self.excel_button = QPushButton(self.tr("导出Excel"))
        self.pdf_button = QPushButton(self.tr("导出PDF"))
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self.run_button.clicked.connect(self.refresh)
        self.excel_button.clicked.connect(lambda: self.export_excel())
        self.pdf_button.clicked.connect(lambda: self.export_pdf())
        # keys named in the tooltips (issue 17): figures again, and the two exports
        for button, keys in ((self.run_button, "F5"), (self.excel_button, "Ctrl+E"),
                             (self.pdf_button, "Ctrl+P")):
            give_shortcut(button, keys)
        row = QHBoxLayout()
        self.to_label = QLabel(self.tr("至"))
        for w in (QLabel(self.tr("统计期间")), self.mode, self.month, self.date_from,
                  self.to_label, self.date_to, self.run_button):
            row.addWidget(w)
        row.addStretch(1)
        row.addWidget(self.excel_button)
        row.addWidget(self.pdf_button)
        return row

    def _overview(self) -> QWidget:
        body = QWidget()
        grid = QGridLayout(body)
        self.cards: list[tuple[QLabel, QLabel]] = []
        for i in range(CARDS):
            frame, number, caption = self._card()
            grid.addWidget(frame, i // 4, i % 4)
            self.cards.append((number, caption))
        self.more = RowsModel([keyed("label", self.tr("项目")), keyed("value", self.tr("数值"))],
                              self)
        self.charts = [ChartView() for _ in range(4)]
        for view in self.charts:
            view.setMinimumSize(380, 280)
        charts = QGridLayout()
        for i, view in enumerate(self.charts):
            charts.addWidget(view, i // 2, i % 2)
        grid.addLayout(charts, 2, 0, 1, 3)
        grid.setRowStretch(2, 1)
        more = self.more_view = table_view(self.more)
        more.setMaximumWidth(self.fontMetrics().averageCharWidth() * 48)
        # The values are never cut (the first digit alone misleads): the value column takes what
        # it needs and the labels wrap in the rest.
        header = more.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        more.setWordWrap(True)
        more.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Always there: inside the scrolling page, a bar that appears only once the page has
        # been scrolled hides that the table holds more rows.
        more.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        grid.addWidget(more, 2, 3)
        for column in range(4):
            grid.setColumnStretch(column, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        return scroll

    def _card(self) -> tuple[QFrame, QLabel, QLabel]:
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        number, caption = QLabel("-"), QLabel()
        number.setStyleSheet("font-size: 22pt; font-weight: bold; color: #1F4E79;")
        for label in (number, caption):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box = QVBoxLayout(frame)
        box.addWidget(number)
        box.addWidget(caption)
        return frame, number, caption

    def _classes_tab(self) -> QWidget:
        self.class_model = RowsModel([
            keyed("course_name", self.tr("班级")), keyed("theme", self.tr("主题")),
            keyed("venue", self.tr("教学点")), keyed("mode", self.tr("形式")),
            keyed("enrolled", self.tr("报名")), keyed("distinct_learners", self.tr("参训人数")),
            keyed("sessions_held", self.tr("开课")), keyed("sessions_cancelled", self.tr("停课")),
            keyed("person_times", self.tr("人次")), keyed("attendance_rate", self.tr("出勤率"), pct),
            keyed("learner_hours", self.tr("学时")), keyed("satisfaction", self.tr("满意度"))], self)
        self.class_view = table_view(self.class_model)
        self.class_view.doubleClicked.connect(self.open_class)
        return self._with_hint(self.class_view, self.tr("双击班级查看每次课的考勤"))

    def _learners_tab(self) -> QWidget:
        self.learner_model = RowsModel([
            keyed("card_no", self.tr("卡号")), keyed("name", self.tr("姓名")),
            keyed("gender", self.tr("性别")), keyed("village", self.tr("村（社区）")),
            keyed("target_groups", self.tr("人群类别")), keyed("classes", self.tr("班级数")),
            keyed("sessions", self.tr("出勤次数")), keyed("hours", self.tr("学时")),
            keyed("credits", self.tr("学分"))], self)
        self.learner_view = table_view(self.learner_model)
        self.learner_view.doubleClicked.connect(self.open_learner)
        return self._with_hint(self.learner_view, self.tr("双击学员查看终身学习档案"))

    def _participation_tab(self) -> QWidget:
        self.village_model = RowsModel([
            keyed("village", self.tr("村（社区）")), keyed("learners", self.tr("参训人数")),
            keyed("population", self.tr("常住人口")), keyed("rate", self.tr("参与率"), pct),
            keyed("target_text", self.tr("是否达标"))], self)
        self.target_label = QLabel()
        return self._with_hint(table_view(self.village_model), "", self.target_label)

    def _with_hint(self, view, hint: str, label: QLabel | None = None) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        label = label or QLabel(hint)
        layout.addWidget(label)
        layout.addWidget(view, 1)
        return box

    def _mode_changed(self, mode: int) -> None:
        self.month.setVisible(mode == MONTH)
        for w in (self.date_from, self.to_label, self.date_to):
            w.setVisible(mode == RANGE)

    # -- computing ----------------------------------------------------------------------
    def selected_period(self):
        mode = self.mode.currentIndex()
        if mode == MONTH:
            d = self.month.date()
            return periods.month(f"{d.year()}-{d.month():02d}")
        if mode == YEAR:
            return periods.year(clock.today().year, to_date=clock.today())
        return periods.date_range(py_date(self.date_from.date()), py_date(self.date_to.date()))

    def refresh(self) -> None:
        try:
            period = self.selected_period()
        except Exception as exc:  # a domain error from the period: show it, compute nothing
            self._fail(exc)
            return
        self._stale = False
        self.status.setText(self.tr("正在统计…"))
        self.run_button.setEnabled(False)
        Op(self.ctx, self).on_success(self._show).on_failure(self._fail).run(
            lambda: self._compute(period))

    def _compute(self, period) -> tuple:
        from ccschool.services import reports

        with self.ctx.db.read() as s:  # runs off the GUI thread; touches no widget
            return period, reports.report(s, period=period), reports.learner_rows(s, period=period)

    def _show(self, result: tuple) -> None:
        self.period, self.report, self.learners = result
        r = self.report
        self.run_button.setEnabled(True)
        self.status.setText(self.tr("统计期间 %1 至 %2").replace("%1", r["period"]["from"])
                            .replace("%2", r["period"]["to"]))
        lines = summary_lines(r)
        for (number, caption), (label, value, kind) in zip(self.cards, lines[:CARDS]):
            number.setText(fmt(value, kind))
            caption.setText(label.strip())
        self.more.set_rows([{"label": label.strip(), "value": fmt(value, kind)}
                            for label, value, kind in lines[CARDS:]])
        self._show_charts(r)
        online, offline = self.tr("线上"), self.tr("线下")
        self.class_model.set_rows([{**c, "mode": online if c["online"] else offline}
                                   for c in r["classes"]])
        self.learner_model.set_rows(self.learners)
        self._show_participation(r["participation"])

    def _show_charts(self, r: dict) -> None:
        weekly = len(r["by_week"]) <= 16
        points = r["by_week"] if weekly else r["by_month"]
        labels = [p["week_start"][5:] if weekly else p["month"] for p in points]
        self.charts[0].show_chart(bar_chart(
            self.tr("每周培训人次") if weekly else self.tr("每月培训人次"), labels,
            [p["person_times"] for p in points]))
        # stored theme and group names are Chinese: shown in the UI language
        self.charts[1].show_chart(bar_chart(self.tr("各主题学时"),
                                            [theme_label(t) for t in r["by_theme"]],
                                            [v["learner_hours"] for v in r["by_theme"].values()],
                                            horizontal=True))
        self.charts[2].show_chart(bar_chart(
            self.tr("各人群参训人数"), [self._group(g) for g in r["by_target_group"]],
            [v["learners"] for v in r["by_target_group"].values()], horizontal=True))
        ages = [age_label(k) for k in r["by_age_band"]]
        self.charts[3].show_chart(pie_chart(self.tr("年龄结构"), ages,
                                            [v["learners"] for v in r["by_age_band"].values()]))

    def _group(self, group: str) -> str:
        return self.tr("未分类") if group == UNGROUPED else group_label(group)

    def _show_participation(self, part: dict) -> None:
        yes, no = self.tr("达标"), self.tr("未达标")
        rows = [*part["villages"], {"village": self.tr("全镇合计"), **part["site"]}]
        self.village_model.set_rows([{**v, "target_text": "" if v["meets_target"] is None
                                      else (yes if v["meets_target"] else no)} for v in rows])
        self.target_label.setText(self.tr("参与率 = 参训人数 ÷ 常住人口；目标 %1（在设置中填写各村人口）")
                                  .replace("%1", fmt(part["target"], "pct")))

    def _fail(self, exc) -> None:
        self.run_button.setEnabled(True)
        self.status.setText(error_html(exc))

    # -- drill-down ---------------------------------------------------------------------
    def open_class(self, index) -> ClassDetailDialog | None:
        row = self.class_model.row_at(index)
        if row is None:
            return None
        dialog = ClassDetailDialog(self.ctx, row["id"], self.period, self)
        dialog.show()
        return dialog

    def open_learner(self, index) -> None:
        self._open_learner_row(self.learner_model.row_at(index))

    def _open_learner_row(self, row: dict | None) -> None:
        if row is not None:
            self.archive.show_card(row["card_no"] or "", learner_id=row["id"])
            self.tabs.setCurrentWidget(self.archive)

    # -- export -------------------------------------------------------------------------
    def _ask_path(self, suffix: str, kind: str) -> str:
        label = self.report["period"]["label"].replace(" ~ ", "_") if self.report else ""
        name = self.tr("社区教育统计报表") + f"_{label}.{suffix}"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出报表"), name, kind)
        return path

    def export_excel(self, path: str | None = None) -> None:
        if not path and self.report:
            path = self._ask_path("xlsx", "Excel (*.xlsx)")
        self._export(path, "xlsx")

    def export_pdf(self, path: str | None = None) -> None:
        if not path and self.report:
            path = self._ask_path("pdf", "PDF (*.pdf)")
        self._export(path, "pdf")

    def _export(self, path: str | None, kind: str) -> None:
        if not self.report:
            self.status.setText(self.tr("请先点“统计”"))
            return
        if not path:
            return
        report, learners = self.report, self.learners

        def write():
            if kind == "xlsx":
                from ccschool.reports.excel import write_workbook
                write_workbook(report, learners, path)
            else:
                from ccschool.reports.pdf import write_pdf
                write_pdf(report, path)
            return path

        self.status.setText(self.tr("正在导出…"))
        Op(self.ctx, self, long=True).on_success(lambda p: self.status.setText(
            self.tr("已导出：%1").replace("%1", str(p)))).on_failure(self._fail).run(write)

    # -- staying current ----------------------------------------------------------------
    def _on_records_changed(self, _changes) -> None:  # figures come from nearly every kind
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._stale:
            self.refresh()
