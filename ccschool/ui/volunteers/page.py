"""志愿者 page: the teacher/volunteer pool, service records and monthly hours."""
from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (QComboBox, QFileDialog, QHBoxLayout, QInputDialog, QLabel,
                               QLineEdit, QMessageBox, QPushButton, QTabWidget, QVBoxLayout,
                               QWidget)

from ccschool import clock
from ccschool.idcard import mask_phone
from ccschool.errors import CCSError
from ccschool.services import service_hours, volunteers
from ccschool.ui.shell.context import AppContext
from ccschool.ui.widgets.common import (RowsModel, ask, make_table, selected_row,
                                        problem_box, show_problem)
from ccschool.ui.widgets.text import fill
from ccschool.ui.volunteers.dialogs import InstructorDialog, ServiceRecordDialog
from ccschool.ui.widgets.table_export import TableExport
from ccschool.ui.ops import Change, Op, OpChanges

__all__ = ["VolunteersPage", "InstructorDialog", "ServiceRecordDialog"]
_WATCHED = (Change.INSTRUCTOR, Change.SERVICE, Change.SESSION, Change.CLASS)


def _recent_months(today: date, count: int = 24) -> list[str]:
    out, year, month = [], today.year, today.month
    for _ in range(count):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return out


class VolunteersPage(QWidget):
    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ask = ask  # replaceable in tests
        self.choose_year = self._choose_year  # (name) -> year or None; replaceable in tests
        self.choose_file = self._choose_file  # (suggested name) -> path or ""
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._pool_tab(), self.tr("师资库"))
        self.tabs.addTab(self._records_tab(), self.tr("服务记录"))
        self.tabs.addTab(self._hours_tab(), self.tr("月度时长"))
        layout.addWidget(self.tabs)
        ctx.signals.records_changed.connect(self._on_records_changed)
        self.refresh()

    # -- building -----------------------------------------------------------------------
    def _pool_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        bar = QHBoxLayout()
        self.kind = QComboBox()
        self.kind.addItem(self.tr("全部"), None)
        for code in ("teacher", "volunteer"):
            self.kind.addItem(volunteers.kind_label(code), code)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("姓名、拼音首字母或手机尾号"))
        self.search.setClearButtonEnabled(True)
        self.add_button = QPushButton(self.tr("加入师资库…"))
        self.add_button.clicked.connect(self.open_add)
        self.statement_button = QPushButton(self.tr("服务时长证明…"))
        self.statement_button.setToolTip(self.tr("选中一人，生成其一年的志愿服务时长证明（PDF）"))
        self.statement_button.clicked.connect(self.make_statement)
        bar.addWidget(QLabel(self.tr("类别")))
        bar.addWidget(self.kind)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.add_button)
        bar.addWidget(self.statement_button)
        layout.addLayout(bar)
        self.pool_model = RowsModel([
            (self.tr("姓名"), lambda r: r["name"]),
            (self.tr("类别"), lambda r: volunteers.kind_label(r["kind"])),
            (self.tr("单位类型"), lambda r: volunteers.org_label(r["org_type"])),
            (self.tr("工作单位"), lambda r: r["organisation"] or ""),
            (self.tr("手机号"), lambda r: mask_phone(r["phone"])),
            (self.tr("特长"), lambda r: r["skills"] or "")], self)
        self.pool_table = make_table(self.pool_model, self, stretch=5)
        self.pool_export = TableExport(self.pool_table, self.tr("师资库"), self.ctx)
        bar.addWidget(self.pool_export.button)
        layout.addWidget(self.pool_table)
        self.kind.currentIndexChanged.connect(self.load_pool)
        self.search.textChanged.connect(self.load_pool)
        return tab

    def _month_combo(self) -> QComboBox:
        combo = QComboBox()
        for m in _recent_months(clock.today()):
            combo.addItem(m, m)
        return combo

    def _records_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        bar = QHBoxLayout()
        self.records_month = self._month_combo()
        self.records_month.currentIndexChanged.connect(self.load_records)
        self.add_record_button = QPushButton(self.tr("添加服务记录…"))
        self.add_record_button.clicked.connect(self.open_add_record)
        self.delete_record_button = QPushButton(self.tr("删除记录"))
        self.delete_record_button.clicked.connect(self.delete_record)
        bar.addWidget(QLabel(self.tr("月份")))
        bar.addWidget(self.records_month)
        bar.addStretch()
        bar.addWidget(self.add_record_button)
        bar.addWidget(self.delete_record_button)
        layout.addLayout(bar)
        self.records_model = RowsModel([
            (self.tr("日期"), lambda r: r["date"]), (self.tr("姓名"), lambda r: r["name"]),
            (self.tr("时长（小时）"), lambda r: f"{r['hours']:g}"),
            (self.tr("服务内容"), lambda r: r["activity"]),
            (self.tr("来源"), lambda r: self.tr("课次") if r["session_id"] else self.tr("手工"))], self)
        self.records_table = make_table(self.records_model, self, stretch=3)
        self.records_export = TableExport(self.records_table, lambda: self.tr("服务记录") + " "
                                          + self.records_month.currentData(), self.ctx)
        bar.addWidget(self.records_export.button)
        layout.addWidget(self.records_table)
        return tab

    def _hours_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        bar = QHBoxLayout()
        self.hours_month = self._month_combo()
        self.hours_month.currentIndexChanged.connect(self.load_hours)
        self.total = QLabel()
        bar.addWidget(QLabel(self.tr("月份")))
        bar.addWidget(self.hours_month)
        bar.addStretch()
        bar.addWidget(self.total)
        layout.addLayout(bar)
        self.hours_model = RowsModel([
            (self.tr("姓名"), lambda r: r["name"]),
            (self.tr("类别"), lambda r: volunteers.kind_label(r["kind"])),
            (self.tr("服务次数"), lambda r: r["records"]),
            (self.tr("时长（小时）"), lambda r: f"{r['hours']:g}")], self)
        self.hours_table = make_table(self.hours_model, self, stretch=3)
        self.hours_export = TableExport(self.hours_table, lambda: self.tr("月度服务时长") + " "
                                        + self.hours_month.currentData(), self.ctx)
        bar.addWidget(self.hours_export.button)
        layout.addWidget(self.hours_table)
        return tab

    # -- loading ------------------------------------------------------------------------
    def _on_records_changed(self, changes: OpChanges) -> None:
        if changes.touches(*_WATCHED):
            self.refresh()

    def refresh(self) -> None:
        self.load_pool()
        self.load_records()
        self.load_hours()

    def load_pool(self) -> None:
        kind, text = self.kind.currentData(), self.search.text()

        def load():
            with self.ctx.db.read() as s:
                return [volunteers.instructor_dict(i, p)
                        for i, p in volunteers.list_instructors(s, kind=kind, search=text)]

        Op(self.ctx, self).on_success(self.pool_model.set_rows).run(load)

    def load_records(self) -> None:
        month = self.records_month.currentData()

        def load():
            with self.ctx.db.read() as s:
                return service_hours.list_records(s, month=month)

        Op(self.ctx, self).on_success(self.records_model.set_rows).run(load)

    def load_hours(self) -> None:
        month = self.hours_month.currentData()

        def load():
            with self.ctx.db.read() as s:
                return service_hours.monthly_hours(s, month=month)

        Op(self.ctx, self).on_success(self._show_hours).run(load)

    def _show_hours(self, rows: list[dict]) -> None:
        self.hours_model.set_rows(rows)
        total = sum(r["hours"] for r in rows)
        self.total.setText(self.tr("合计 %1 小时，%2 人").replace("%1", f"{total:g}")
                           .replace("%2", str(len(rows))))

    # -- actions ------------------------------------------------------------------------
    def open_add(self) -> None:
        InstructorDialog(self.ctx, self).exec()

    def open_add_record(self) -> None:
        row = selected_row(self.pool_table)
        ServiceRecordDialog(self.ctx, self, instructor_id=row["id"] if row else None).exec()

    def delete_record(self) -> None:
        row = selected_row(self.records_table)
        if row is None or not self.ask(self, self.tr("删除记录"),
                                       self.tr("确定删除 %1 %2 的这条服务记录吗？")
                                       .replace("%1", row["date"]).replace("%2", row["name"])):
            return

        record_id = row["id"]

        def write():
            with self.ctx.transaction() as s:
                service_hours.delete_record(s, record_id=record_id)

        Op(self.ctx, self).on_refusal(problem_box(self)).run(write)

    # -- the year's service statement (PDF) ---------------------------------------------
    def make_statement(self) -> None:
        """Ask the year and the file, then write the selected person's statement off the GUI
        thread; the message says where it went."""
        row = selected_row(self.pool_table)
        if row is None:
            QMessageBox.information(self, self.tr("服务时长证明"),
                                    self.tr("请先在师资库中选中一位教师或志愿者。"))
            return
        year = self.choose_year(row["name"])
        if not year:
            return
        path = self.choose_file(fill(self.tr("%1_%2年服务时长证明.pdf"), row["name"], year))
        if not path:
            return
        from ccschool.services import printing  # reportlab: only when a PDF is made

        db, person = self.ctx.db, row["id"]
        self.statement_button.setEnabled(False)
        Op(self.ctx, self, long=True).on_success(self._statement_done).on_failure(
            self._statement_failed).run(lambda: printing.print_service_statement(
                db, volunteer=person, year=year, out=path))

    def _statement_done(self, result: dict) -> None:
        self.statement_button.setEnabled(True)
        self.last_statement = result  # tests read it
        QMessageBox.information(self, self.tr("服务时长证明"), fill(
            self.tr("已生成 %1 %2 年的服务时长证明：%3 条记录，共 %4 小时。\n%5"),
            result["name"], result["year"], result["records"], f"{result['total_hours']:g}",
            result["out"]))

    def _statement_failed(self, exc: BaseException) -> None:
        self.statement_button.setEnabled(True)
        if isinstance(exc, CCSError):
            show_problem(self, exc)
        else:
            QMessageBox.warning(self, self.tr("服务时长证明"),
                                fill(self.tr("没有生成文件：%1"), str(exc)))

    def _choose_year(self, name: str) -> int | None:
        this_year = clock.today().year
        year, ok = QInputDialog.getInt(self, self.tr("服务时长证明"),
                                       fill(self.tr("%1 的哪一年？"), name), this_year, 2000,
                                       this_year)
        return year if ok else None

    def _choose_file(self, suggested: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("保存服务时长证明"), suggested,
                                              self.tr("PDF 文件 (*.pdf)"))
        return path
