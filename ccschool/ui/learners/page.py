"""The Learners page: search-as-you-type table, add/edit, import wizard, export, card re-issue."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QAbstractItemView, QFileDialog, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QMessageBox, QPushButton, QTableView,
                               QVBoxLayout, QWidget)

from ccschool.errors import Cancelled
from ccschool.services import learners as svc
from ccschool.services.learner_export import export_learners
from ccschool.ui.learners.dialog import LearnerDialog
from ccschool.ui.learners.import_wizard import ImportWizard
from ccschool.ui.learners.model import ID_ROLE, LearnersModel
from ccschool.ui.shell.context import AppContext
from ccschool.ui.ops import Change, Op, OpChanges, Progress

SEARCH_DELAY_MS = 150  # wait for a pause in typing (or the scanner's last character)


class LearnersPage(QWidget):
    card_reissued = Signal(str)  # the new card number

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._export: Op | None = None  # the export running, to stop it
        self.model = LearnersModel(ctx.db, self)
        self._build()
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._run_search)
        ctx.signals.records_changed.connect(self._on_records_changed)
        self.refresh()

    def _build(self) -> None:
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText(self.tr("搜索：姓名、拼音首字母（如 zs）、卡号或手机尾号"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.textChanged.connect(lambda _t: self._timer.start())
        self.search_box.returnPressed.connect(self._run_search)
        self.count = QLabel()
        self.buttons = {}
        # Search on a line of its own: beside six buttons it was squeezed to a few characters in
        # large text (and its English placeholder was cut off even in normal text).
        search_line = QHBoxLayout()
        search_line.addWidget(self.search_box, 1)
        search_line.addWidget(self.count)
        bar = QHBoxLayout()
        for key, text, slot in (("add", self.tr("新增学员"), self.add_learner),
                                ("edit", self.tr("编辑"), self.edit_selected),
                                ("reissue", self.tr("补办学习卡"), self.reissue_selected),
                                ("print", self.tr("打印学习卡…"), self.print_selected_cards),
                                ("import", self.tr("导入Excel…"), self.open_import),
                                ("export", self.tr("导出Excel…"), self._export_clicked)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            self.buttons[key] = button
            bar.addWidget(button)
        bar.addStretch()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # several rows (Ctrl/Shift-click) for printing their cards; edit and re-issue take the current one
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self._size_columns()
        self.table.viewport().installEventFilter(self)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.buttons["print"].setToolTip(self.tr("打印所选学员的学习卡"))
        self.print_action = QAction(self.tr("打印所选学员的学习卡"), self.table)
        self.print_action.triggered.connect(self.print_selected_cards)
        self.table.addAction(self.print_action)  # right-click menu of the table
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self._selection_changed()
        layout = QVBoxLayout(self)
        layout.addLayout(search_line)
        layout.addLayout(bar)
        layout.addWidget(self.table)

    # The widest typical value of each column (COLUMNS' order), measured in the table's font:
    # fixed pixel widths clipped card numbers, dates and phones in large text.
    _SAMPLES = ("3302000001", "欧阳娜娜", "女", "2026-11-23", "13800138000", "3303**********123X",
                "新桥社区", "镇社区学校多功能", "新市民/进城务工", "作废")

    _FLEXIBLE = (6, 7, 8)  # village, venue, groups: they give way when space is short

    def _size_columns(self) -> None:
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        self._widths = []
        for column, sample in enumerate(self._SAMPLES):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            width = max(metrics.horizontalAdvance(sample),
                        header.fontMetrics().horizontalAdvance(title))
            self._widths.append(width + 2 * metrics.averageCharWidth() + 8)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Every column inside the visible width: the identifying ones (card, name, dates, phone,
        ID) whole, the long text ones narrowed (elided) rather than pushed off the right edge."""
        widths = list(self._widths)
        flexible = sum(widths[i] for i in self._FLEXIBLE)
        room = self.table.viewport().width() - (sum(widths) - flexible) - 4
        if 0 < room < flexible:
            least = max(self.table.horizontalHeader().minimumSectionSize(),
                        self.table.fontMetrics().averageCharWidth() * 4)
            for i in self._FLEXIBLE:
                widths[i] = max(least, widths[i] * room // flexible)
        for column, width in enumerate(widths):
            self.table.setColumnWidth(column, width)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()  # the table's visible width changed: refit
        return super().eventFilter(watched, event)

    # -- search -------------------------------------------------------------------------
    def refresh(self) -> None:
        self._run_search()

    def _run_search(self) -> None:
        self._timer.stop()
        self.model.search(self.search_box.text())
        self.count.setText(self.tr("{0} 人").format(self.model.rowCount()))
        if self.model.rowCount() == 1:
            self.table.selectRow(0)  # a scanned card: ready for 编辑 / 补办

    def _on_records_changed(self, changes: OpChanges) -> None:
        if changes.touches(Change.LEARNER, Change.CARD):
            keep = self.selected_id()  # the learner just edited or re-issued stays selected
            self.model.refresh()
            if keep:
                self.select_learner(keep)
            self.count.setText(self.tr("{0} 人").format(self.model.rowCount()))

    def selected_id(self) -> str | None:
        """The learner edit and re-issue act on: the current row if selected, else the first."""
        rows = self.table.selectionModel().selectedRows()
        current = self.table.currentIndex()
        if current.isValid() and any(r.row() == current.row() for r in rows):
            return self.model.learner_id(current.row())
        return rows[0].data(ID_ROLE) if rows else None

    def selected_ids(self) -> list[str]:
        """Every selected learner, in table order."""
        rows = sorted(r.row() for r in self.table.selectionModel().selectedRows())
        return [i for i in map(self.model.learner_id, rows) if i]

    def _selection_changed(self, *_args) -> None:
        some = self.table.selectionModel().hasSelection()
        self.buttons["print"].setEnabled(some)
        self.print_action.setEnabled(some)

    def print_selected_cards(self) -> bool:
        """Open the 打印 page with the selected learners already chosen for their cards."""
        from ccschool.ui.shell.main_window import MainWindow

        ids = self.selected_ids()
        window = self.window()
        if not ids or not isinstance(window, MainWindow) or not window.show_page("print"):
            return False  # no selection, or not inside the main window / not allowed
        from ccschool.ui.printing.page import PrintPage  # loaded by show_page

        page = window.pages["print"]
        if not isinstance(page, PrintPage):  # a placeholder: the page could not load
            return False
        page.set_selected_learners(ids)
        return True

    def select_learner(self, learner_id: str) -> None:
        row = self.model.row_of(learner_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    # -- actions ------------------------------------------------------------------------
    def add_learner(self) -> LearnerDialog:
        return self._open_dialog(None)

    def edit_selected(self) -> LearnerDialog | None:
        learner_id = self.selected_id()
        return self._open_dialog(learner_id) if learner_id else None

    def _open_dialog(self, learner_id: str | None) -> LearnerDialog:
        dialog = LearnerDialog(self.ctx, learner_id, self)
        dialog.saved.connect(self.select_learner)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def reissue_selected(self, *, confirm: bool = True) -> None:
        """Revoke the selected learner's card and issue a new number (card_reissued says it)."""
        learner_id = self.selected_id()
        if not learner_id:
            return
        if confirm and QMessageBox.question(
                self, self.tr("补办学习卡"), self.tr("原学习卡将作废，签到时不再有效。确定补办新卡吗？")
        ) != QMessageBox.StandardButton.Yes:
            return

        def work() -> str:
            with self.ctx.transaction() as s:
                return svc.reissue_card(s, learner_id, reason="lost").card_no

        def done(card_no: str) -> None:
            self.select_learner(learner_id)
            if confirm:
                QMessageBox.information(self, self.tr("补办学习卡"),
                                        self.tr("新卡号：{0}。请到“打印”页打印新卡。").format(card_no))
            self.card_reissued.emit(card_no)

        Op(self.ctx, self).on_success(done).on_failure(
            lambda exc: QMessageBox.warning(self, self.tr("补办学习卡"), str(exc))).run(work)

    def open_import(self) -> ImportWizard:
        wizard = ImportWizard(self.ctx, self)
        wizard.finished.connect(wizard.deleteLater)
        wizard.open()
        return wizard

    def export_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出学员"), self.tr("学员名单.xlsx"),
                                              self.tr("Excel 工作簿 (*.xlsx)"))
        if not path:
            return
        include_id = self.ctx.user.is_admin and QMessageBox.question(
            self, self.tr("导出学员"), self.tr("导出完整身份证号吗？（选“否”则只导出打码后的号码）"),
            defaultButton=QMessageBox.StandardButton.No) == QMessageBox.StandardButton.Yes
        self.export_to(path if path.lower().endswith(".xlsx") else path + ".xlsx", include_id)

    def export_to(self, path: str, include_id: bool = False) -> None:
        """Export the learners now listed (the current search) on the long-job thread; the
        export button becomes 停止导出 and the count shows how far it has got."""
        ids, actor = self.model.ids(), self.ctx.user.name
        include_id = include_id and self.ctx.user.is_admin
        db = self.ctx.db
        op = self._export = Op(self.ctx, self, long=True).with_progress(self._show_export_progress)

        def work():
            return export_learners(db, path, actor=actor, include_id=include_id, ids=ids,
                                   progress=op.progress, cancel=op.cancelled)

        self.buttons["export"].setText(self.tr("停止导出"))
        self.count.setText(self.tr("正在导出…"))
        op.on_success(self._exported).on_failure(self._export_failed).run(work)

    def _export_clicked(self) -> None:
        if self._export is not None:
            self._export.cancel()  # the export stops at its next step; no file is left
            self.buttons["export"].setEnabled(False)
        else:
            self.export_dialog()

    def _show_export_progress(self, p: Progress) -> None:
        if self._export is not None:
            self.count.setText(self.tr("正在导出 {0} / {1}…").format(p.done, p.total))

    def _export_ended(self) -> None:
        self._export = None
        self.buttons["export"].setText(self.tr("导出Excel…"))
        self.buttons["export"].setEnabled(True)

    def _exported(self, count: int) -> None:
        self._export_ended()
        self.count.setText(self.tr("已导出 {0} 人").format(count))

    def _export_failed(self, exc) -> None:
        self._export_ended()
        if isinstance(exc, Cancelled):
            self.count.setText(str(exc))
            return
        self.count.setText(self.tr("{0} 人").format(self.model.rowCount()))
        QMessageBox.warning(self, self.tr("导出学员"), str(exc))
