"""操作日志 — the audit log for admins: who did what and when, filtered, paged, exported.

Reads through services.audit_log (which refuses non-admins and masks ID numbers and phones);
the newest entries come first, 200 at a time, so a years-old log opens at once.
"""
from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDateEdit, QDialog, QFileDialog,
                               QHBoxLayout, QHeaderView, QLabel, QMessageBox, QPushButton,
                               QTableView, QVBoxLayout)

from ccschool import clock
from ccschool.errors import CCSError
from ccschool.ui.shell.context import AppContext
from ccschool.ui.widgets.rows_model import Column, RowsModel, keyed
from ccschool.ui.widgets.text import fill

PAGE = 200


class AuditLogDialog(QDialog):
    def __init__(self, ctx: AppContext, parent=None, *, choose_file=None, page_size: int = PAGE) -> None:
        super().__init__(parent)
        self.ctx, self.page_size = ctx, page_size
        self.choose_file = choose_file or self._choose_file
        self.setWindowTitle(self.tr("操作日志"))
        self.resize(1000, 620)
        self.since = self._date_edit(clock.today() - timedelta(days=30))
        self.until = self._date_edit(clock.today())
        self.actor = QComboBox()
        self.area = QComboBox()
        search = QPushButton(self.tr("查询"), clicked=self.reload)
        filters = QHBoxLayout()
        for label, widget in ((self.tr("从"), self.since), (self.tr("到"), self.until),
                              (self.tr("操作人"), self.actor), (self.tr("类别"), self.area)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addWidget(search)
        filters.addStretch(1)
        self.table = self._make_table()
        self.count = QLabel()
        self.more = QPushButton(self.tr("显示更多"), clicked=self.load_more)
        self.export_button = QPushButton(self.tr("导出Excel…"), clicked=self.export)
        close = QPushButton(self.tr("关闭"), clicked=self.accept)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        for b in (self.more, self.export_button, close):
            bottom.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(QLabel(self.tr("身份证号和手机号已隐去中间几位。双击一行查看修改前后的全部内容。"),
                                objectName="hintText"))
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self._fill_filters()
        self.reload()

    # -- building -----------------------------------------------------------------------
    def _date_edit(self, day: date) -> QDateEdit:
        edit = QDateEdit(QDate(day.year, day.month, day.day))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def _make_table(self) -> QTableView:
        from ccschool.services.audit_labels import action_label

        self.model = RowsModel([keyed("when", self.tr("时间")),
                                keyed("actor", self.tr("操作人")),
                                Column(self.tr("操作"), lambda r: action_label(r["action"])),
                                keyed("subject", self.tr("对象")),
                                keyed("changes", self.tr("变更"))], self)
        self.model.tips = lambda r: r["sentence"]  # the whole entry as one sentence, any cell
        table = QTableView()
        table.setModel(self.model)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        for col in range(4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        table.doubleClicked.connect(lambda index: self.show_entry(index.row()))
        return table

    def _fill_filters(self) -> None:
        from ccschool.services import audit_labels, audit_log

        with self.ctx.db.read() as s:
            names = audit_log.actors(s, role=self.ctx.user.role)
        self.actor.addItem(self.tr("全部"), None)
        for name in names:
            self.actor.addItem(name, name)
        self.area.addItem(self.tr("全部"), None)
        for prefix, (zh, en) in audit_labels.ACTION_AREAS.items():
            from ccschool.i18n import L

            self.area.addItem(L(zh, en), prefix)

    # -- loading ------------------------------------------------------------------------
    def current_filter(self):
        from ccschool.services.audit_log import AuditFilter

        return AuditFilter(since=_day(self.since), until=_day(self.until),
                           actor=self.actor.currentData(), action=self.area.currentData())

    def reload(self) -> None:
        self.model.set_rows([])
        self.load_more()

    def load_more(self) -> None:
        from ccschool.services import audit_log

        try:
            with self.ctx.db.read() as s:
                rows = audit_log.entries(s, role=self.ctx.user.role, flt=self.current_filter(),
                                         limit=self.page_size + 1, offset=len(self.entries))
        except CCSError as exc:
            QMessageBox.warning(self, self.tr("操作日志"), str(exc))
            return
        has_more = len(rows) > self.page_size
        self._append(rows[:self.page_size])
        self.more.setEnabled(has_more)
        self.count.setText(fill(self.tr("已显示 %1 条") if not has_more
                                else self.tr("已显示 %1 条，还有更早的记录"), len(self.entries)))

    @property
    def entries(self) -> list[dict]:
        return self.model.rows

    def _append(self, rows: list[dict]) -> None:
        # 显示更多 adds the next page below; what the admin selected or scrolled to stays
        self.model.append_rows(rows)

    # -- actions ------------------------------------------------------------------------
    def show_entry(self, row: int) -> None:
        """The sentence, then every recorded value before and after, field by field."""
        r = self.entries[row]
        text = "\n\n".join([
            r["sentence"],
            self.tr("修改前：") + "\n" + _fields(r["before"]),
            self.tr("修改后：") + "\n" + _fields(r["after"])])
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("操作日志"), text,
                          QMessageBox.StandardButton.Close, self)
        box.open()
        self.detail = box  # tests read it

    def export(self) -> None:
        from ccschool.services import audit_log

        path = self.choose_file()
        if not path:
            return
        try:
            with self.ctx.db.read() as s:
                n = audit_log.export_xlsx(s, path, role=self.ctx.user.role,
                                          flt=self.current_filter())
        except (CCSError, OSError) as exc:
            QMessageBox.warning(self, self.tr("导出失败"), fill(
                self.tr("没有写出文件：%1"), str(exc)))
            return
        self.count.setText(fill(self.tr("已导出 %1 条到 %2"), n, path))

    def _choose_file(self) -> str:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出操作日志"), "操作日志.xlsx",
                                              self.tr("Excel 工作簿 (*.xlsx)"))
        return path


def _day(edit: QDateEdit) -> date:
    chosen = edit.date()
    return date(chosen.year(), chosen.month(), chosen.day())


def _fields(value) -> str:
    """One "field: value" line per recorded value (masked), not JSON."""
    from ccschool.services.audit_labels import change_summary

    if value is None:
        return "—"
    return change_summary(None, value, limit=100).replace("；", "\n")
