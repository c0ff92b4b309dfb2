"""Roster import wizard: choose file → recognised columns and preview → row problems → import.

Reading and checking run on the long-job thread (an Op with long=True), importing on the
database worker; the pages only show what came back. The import itself is one transaction: all
rows or none.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QFileDialog, QHBoxLayout,
                               QLabel, QLineEdit, QProgressBar, QPushButton, QTableView,
                               QVBoxLayout, QWizard, QWizardPage)

from ccschool.errors import Cancelled
from ccschool.idcard import mask_id
from ccschool.roster.cells import text
from ccschool.roster.fields import label
from ccschool.roster.model import ERROR
from ccschool.roster.writer import error_workbook_path
from ccschool.services import learner_import as imp
from ccschool.services import roster_import
from ccschool.ui.learners.values import shown
from ccschool.ui.ops import Op
from ccschool.ui.shell.context import AppContext
from ccschool.ui.widgets.rows_model import Column, RowsModel, text as shown_text

PREVIEW_ROWS = 50
RED, GREY = QColor("#c62828"), QColor("#757575")


@dataclass(frozen=True)
class Line:
    """One row of a preview or problems table: its cells and the colour of its text (red for
    an error, grey for a duplicate)."""
    cells: tuple[Any, ...]
    colour: QColor | None = None


def _nth(j: int) -> Callable[[Line], Any]:
    return lambda line: line.cells[j]


def _table(headers: list[str]) -> QTableView:
    model = RowsModel([Column(h, _nth(j)) for j, h in enumerate(headers)])
    model.colours = lambda line: line.colour
    table = QTableView()
    table.setModel(model)
    model.setParent(table)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableView, rows: list[list],
          colours: Sequence[QColor | None] | None = None) -> None:
    # cells as text, left-aligned, as the staff typed them (a row number is not a figure)
    lines = [Line(tuple(shown_text(v) for v in cells), colours[r] if colours else None)
             for r, cells in enumerate(rows)]
    model = table.model()
    assert isinstance(model, RowsModel)
    model.set_rows(lines)
    table.resizeColumnsToContents()
    table.horizontalHeader().setStretchLastSection(True)


class ChoosePage(QWizardPage):
    def __init__(self, wizard: "ImportWizard") -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("第1步：选择花名册文件"))
        self.setSubTitle(self.tr(
            "支持WPS或Excel保存的 .xlsx（旧版 .xls 也可）；标题行、合并单元格无需删除。"))
        self.path = QLineEdit()
        self.path.setPlaceholderText(self.tr("花名册文件路径"))
        self.path.returnPressed.connect(lambda: self.wiz.load(self.path.text()))
        browse = QPushButton(self.tr("浏览…"))
        browse.clicked.connect(self.browse)
        line = QHBoxLayout()
        line.addWidget(self.path)
        line.addWidget(browse)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(line)
        layout.addWidget(self.status)
        layout.addStretch()

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择花名册"), "",
                                              self.tr("Excel 工作簿 (*.xlsx *.xls);;所有文件 (*)"))
        if path:
            self.path.setText(path)
            self.wiz.load(path)

    def show_status(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet("color: #c62828;" if error else "")
        self.status.setText(text)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.wiz.plan is not None


class PreviewPage(QWizardPage):
    def __init__(self, wizard: "ImportWizard") -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("第2步：核对识别出的列"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.columns = _table([self.tr("表头"), self.tr("识别为")])
        self.columns.setMaximumHeight(170)
        self.ignored = QLabel()
        self.ignored.setWordWrap(True)
        self.rows = _table([self.tr("行"), self.tr("姓名"), self.tr("性别"), self.tr("出生日期"),
                            self.tr("身份证号"), self.tr("手机号码"), self.tr("村(社区)"),
                            self.tr("状态")])
        layout = QVBoxLayout(self)
        for w in (self.summary, self.columns, self.ignored, self.rows):
            layout.addWidget(w)

    def initializePage(self) -> None:
        plan = self.wiz.plan
        if plan is None:  # not reached: 下一步 waits for a file that was read (ChoosePage)
            return
        roster = plan.roster
        bad = sum(1 for r in roster.rows if not r.ok)
        self.summary.setText(self.tr("工作表“{0}”，表头在第{1}行，共{2}行：可导入{3}行，有错误{4}行，重复{5}行")
                             .format(roster.sheet, roster.header_row, len(roster.rows), len(plan.new),
                                     bad, len(plan.duplicates)))
        report = roster.columns_report()
        _fill(self.columns, [[head, str(label(field))] for field, head in report["recognised"].items()])
        self.ignored.setText(self.tr("未使用的列：{0}").format("、".join(report["ignored"]))
                             if report["ignored"] else self.tr("所有列均已识别"))
        rows, colours = [], []
        for r in roster.rows[:PREVIEW_ROWS]:
            v = r.values
            state = (self.tr("错误") if not r.ok else self.tr("重复") if r.duplicate else self.tr("可导入"))
            rows.append([r.row, typed(r, roster, "name", v.get("name")),
                         typed(r, roster, "gender", shown(v.get("gender"))),
                         typed(r, roster, "birth_date", v.get("birth_date")),
                         mask_id(typed(r, roster, "id_number", v.get("id_number")))
                         or v.get("id_masked"),
                         typed(r, roster, "phone", v.get("phone")), v.get("village"), state])
            colours.append(RED if not r.ok else GREY if r.duplicate else None)
        _fill(self.rows, rows, colours)


def typed(row, roster, field: str, clean):
    """The clean value; for a field with an error, the cell as typed, so the preview shows the
    bad value staff must fix instead of a blank."""
    if clean not in (None, "") or not any(p.field == field and p.kind == ERROR
                                          for p in row.problems):
        return clean
    column = roster.columns.get(field)
    return text(row.raw[column]) if column is not None and column < len(row.raw) else clean


class ProblemsPage(QWizardPage):
    def __init__(self, wizard: "ImportWizard") -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("第3步：逐行检查结果"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.problems = _table([self.tr("行"), self.tr("列"), self.tr("问题")])
        self.skip = QCheckBox()
        self.skip.toggled.connect(self.completeChanged)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems)
        layout.addWidget(self.skip)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("导入"))

    def initializePage(self) -> None:
        plan = self.wiz.plan
        if plan is None:
            return
        errors, dups = plan.errors, plan.duplicates
        rows = [[p.row, str(label(p.field)), str(p.text)] for p in errors + dups]
        _fill(self.problems, rows, [RED] * len(errors) + [GREY] * len(dups))
        if errors:
            self.summary.setText(self.tr("发现{0}处错误（红色），请改正后重新导入，或勾选下方选项只导入正确的行。"
                                         "灰色为重复的人，不会重复登记。").format(len(errors)))
        elif dups:
            self.summary.setText(self.tr("没有错误；灰色为重复的人，不会重复登记。"))
        else:
            self.summary.setText(self.tr("没有发现问题，可以导入。"))
        self.skip.setText(self.tr("跳过有错误的行，只导入其余{0}行（错误行另存为“{1}”）")
                          .format(len(plan.new), error_workbook_path(plan.roster.path).name))
        self.skip.setVisible(bool(errors))

    def isComplete(self) -> bool:
        plan = self.wiz.plan
        return plan is not None and (not plan.errors or self.skip.isChecked()) and bool(plan.new)


class ResultPage(QWizardPage):
    def __init__(self, wizard: "ImportWizard") -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("第4步：导入"))
        self.progress = QProgressBar()
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.text)
        layout.addStretch()

    def initializePage(self) -> None:
        self.progress.setRange(0, 0)  # busy until the first chunk of rows is written
        self.progress.show()
        self.text.setStyleSheet("")
        self.text.setText(self.tr("正在导入，请稍候…（点“取消”可停止，已写入的也会撤销）"))
        self.wiz.start_import()

    def show_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def show_cancelling(self) -> None:
        self.text.setText(self.tr("正在取消，请稍候…"))

    def show_cancelled(self) -> None:
        self.progress.hide()
        self.text.setText(self.tr("导入已取消，没有导入任何数据。"))
        self.completeChanged.emit()

    def show_result(self, result: dict) -> None:
        self.progress.hide()
        lines = [self.tr("已导入{0}名学员，跳过{1}行，重复{2}行。").format(
            result["imported"], result["skipped"], result["duplicates"])]
        if result.get("error_workbook"):
            lines.append(self.tr("错误行已另存为：{0}").format(result["error_workbook"]))
        self.text.setText("\n".join(lines))
        self.completeChanged.emit()

    def show_error(self, text: str) -> None:
        self.progress.hide()
        self.text.setStyleSheet("color: #c62828;")
        self.text.setText(self.tr("导入失败，没有写入任何数据：{0}").format(text))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.wiz.import_finished


class ImportWizard(QWizard):
    imported = Signal(dict)

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.plan: imp.ImportPlan | None = None
        self.import_result: dict | None = None
        self.import_finished = self.importing = False
        self.closed = False  # work finishing after the wizard closed must not touch its widgets
        self._import: Op | None = None  # the running import: Cancel stops it between chunks
        self.finished.connect(self._on_closed)
        self.setWindowTitle(self.tr("导入学员花名册"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("下一步"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("上一步"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("完成"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("取消"))
        self.choose, self.preview = ChoosePage(self), PreviewPage(self)
        self.problems, self.result_page = ProblemsPage(self), ResultPage(self)
        for page in (self.choose, self.preview, self.problems, self.result_page):
            self.addPage(page)
        self.resize(820, 600)

    def _on_closed(self) -> None:
        self.closed = True

    def reject(self) -> None:
        if self.importing:  # Cancel, Esc or the close box mid-import: stop it, roll it all back
            self.cancel_import()
            return
        super().reject()

    def cancel_import(self) -> None:
        """Ask the running import to stop at the next chunk; its transaction then rolls back."""
        if not self.importing or self._import is None or self._import.cancelled():
            return
        self._import.cancel()
        self.button(QWizard.WizardButton.CancelButton).setEnabled(False)
        self.result_page.show_cancelling()

    def load(self, path: str) -> None:
        """Read and check the file off the GUI thread; the first page shows how it went."""
        if not path:
            return
        self.plan = None
        self.choose.show_status(self.tr("正在读取“{0}”…").format(Path(path).name))
        db = self.ctx.db
        Op(self.ctx, self, long=True).on_success(self._loaded).on_failure(self._load_failed).run(
            lambda: roster_import.read_and_plan(db, path))

    def _loaded(self, plan) -> None:
        if self.closed:
            return
        self.plan = plan
        roster = plan.roster
        self.choose.show_status(self.tr("已读取：工作表“{0}”，{1}行学员记录。点“下一步”核对。")
                                .format(roster.sheet, len(roster.rows)))

    def _load_failed(self, exc) -> None:
        if self.closed:
            return
        self.choose.show_status(str(exc), error=True)

    def start_import(self) -> None:
        """All or nothing: it completes, or Cancel stops it and removes what it wrote."""
        skip, plan = self.problems.skip.isChecked(), self.plan
        if plan is None:  # not reached: 导入 waits for a checked file (ProblemsPage.isComplete)
            return
        self.import_finished, self.importing = False, True
        self.button(QWizard.WizardButton.CancelButton).setEnabled(True)
        db, actor = self.ctx.db, self.ctx.user.name
        op = self._import = Op(self.ctx, self, long=True).with_progress(
            lambda p: self.result_page.show_progress(p.done, p.total))
        # On the long-job thread: the import writes in steps of 500 learners, each a short
        # transaction (services/import_steps.py), and a scan at the desk takes the write lock
        # between two steps instead of waiting for the whole roster.
        op.on_success(self._import_done).on_failure(self._import_failed).run(
            lambda: roster_import.run(db, plan, actor=actor, skip_invalid=skip,
                                      should_cancel=op.cancelled, progress=op.progress))

    def _import_done(self, result: dict) -> None:
        self.importing = False
        if self.closed:
            return
        self.button(QWizard.WizardButton.CancelButton).setEnabled(True)
        self.import_result, self.import_finished = result, True
        self.result_page.show_result(result)
        self.imported.emit(result)

    def _import_failed(self, exc) -> None:
        self.importing = False
        if self.closed:
            return
        self.button(QWizard.WizardButton.CancelButton).setEnabled(True)
        self.import_finished = True
        if isinstance(exc, Cancelled):
            self.result_page.show_cancelled()
        else:
            self.result_page.show_error(str(exc))
