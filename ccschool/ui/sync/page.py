"""同步 page: what waits to go to the county, month close, sync now, USB export, batch history
and the records the county rejected. Also the background uploader's Qt wrapper."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (QComboBox, QFileDialog, QGroupBox, QHBoxLayout, QLabel,
                               QProgressBar, QPushButton, QTabWidget, QVBoxLayout, QWidget)

from ccschool import clock
from ccschool.errors import CCSError
from ccschool.services import month_close
from ccschool.sync import batching, status as sync_status, usb
from ccschool.ui.shell.context import AppContext
from ccschool.ui.sync.devices_box import DevicesBox
from ccschool.ui.sync.labels import kind_label, state_label
from ccschool.ui.widgets.common import (RowsModel, ask, give_shortcut, make_table, show_problem,
                                        tell)
from ccschool.ui.widgets.fit_scroll import FitScrollArea
from ccschool.ui.widgets.table_export import TableExport
from ccschool.ui.widgets.text import fill
from ccschool.ui.ops import Change, Op, OpChanges, Progress

# The uploader (httpx) is imported only when sync actually starts: the app's start-up stays
# free of HTTP libraries (tests/ui/test_startup.py).

def recent_months(today: date, count: int = 12) -> list[str]:
    out, year, month = [], today.year, today.month
    for _ in range(count):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return out


def _local(iso: str | None) -> str:
    return clock.stamp(iso)


class SyncController(QObject):
    """The background uploader (a plain thread) with its status delivered on the GUI thread."""

    status_changed = Signal(object)  # WorkerStatus

    def __init__(self, ctx: AppContext, parent=None, **worker_kw) -> None:
        from ccschool.sync.uploader import transport_for_site
        from ccschool.sync.worker import SyncWorker

        super().__init__(parent)
        self.ctx = ctx
        self.worker = SyncWorker(ctx.db, lambda: transport_for_site(ctx.db),
                                 on_status=self.status_changed.emit, **worker_kw)
        self.status_changed.connect(self._relay)

    def start(self) -> None:
        self.worker.start()

    def stop(self) -> bool:
        return self.worker.stop()

    def _relay(self, st) -> None:
        self.ctx.signals.connection_state_changed.emit(self.connection_text(st))
        if st.state == "waiting" and st.last_success:  # (the uploader writes outside any Op)
            self.ctx.signals.records_changed.emit(OpChanges.of(Change.SYNC))

    def connection_text(self, st) -> str:
        if st.state in ("probing", "sending"):
            return self.tr("上传中…")
        return self.tr("离线") if st.last_error else self.tr("在线")


def start_background_sync(ctx: AppContext, app) -> SyncController | None:
    """Start uploading in the background when a county address is set; stopped on quit."""
    with ctx.db.read() as s:
        from ccschool.services.site import get_site
        try:
            configured = bool(get_site(s).county_url)
        except CCSError:
            configured = False
    if not configured:
        return None
    controller = SyncController(ctx, parent=app)
    app.aboutToQuit.connect(controller.stop)
    controller.start()
    return controller


class SyncPage(QWidget):
    # on the GUI thread, each UploadProgress snapshot as it is shown (chunks and records sent
    # of the total, the batch's month)
    upload_progress = Signal(object)

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ask, self.show_problem, self.tell = ask, show_problem, tell  # replaceable in tests
        self.choose_file = self._choose_file
        self.busy = False
        self._upload: Op | None = None  # the upload running: 停止 cancels it
        # The four tables share one tab widget: stacked, they needed ~900 px in normal text and
        # the page scrolled on a 1366 x 768 laptop. It stays in a scroll area for smaller screens.
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(QLabel(self.tr("上传到县平台"), objectName="pageTitle"))
        layout.addWidget(self._summary_box())
        layout.addLayout(self._actions())
        layout.addLayout(self._progress_row())
        self.devices = DevicesBox(self)
        self.tabs = QTabWidget()
        # long English titles are cut short (whole in their tooltips) so all four tabs stay in
        # sight, rather than the last hiding behind scroll arrows
        self.tabs.setElideMode(Qt.TextElideMode.ElideRight)
        for box in (self._months_box(), self._batches_box(), self._fixing_box(), self.devices):
            index = self.tabs.addTab(box, box.title())  # the box's (translated) title names it
            self.tabs.setTabToolTip(index, box.title())
            box.setTitle("")
            box.setFlat(True)
        layout.addWidget(self.tabs, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(FitScrollArea(content))
        ctx.signals.records_changed.connect(self._on_records_changed)
        self.refresh()

    # -- building -----------------------------------------------------------------------
    def _summary_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("概况"))
        column = QVBoxLayout(box)
        row = QHBoxLayout()
        self.pending_label, self.batches_label = QLabel(), QLabel()
        self.success_label, self.error_label = QLabel(), QLabel(wordWrap=True)
        self.error_label.setObjectName("errorText")
        for w in (self.pending_label, self.batches_label, self.success_label):
            row.addWidget(w)
            row.addSpacing(16)
        row.addStretch(1)
        column.addLayout(row)
        column.addWidget(self.error_label)  # its own line: errors are sentences
        return box

    def _actions(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.sync_button = QPushButton(self.tr("立即同步"))
        self.sync_button.clicked.connect(self.sync_now)
        self.month = QComboBox()
        for m in recent_months(clock.today()):
            self.month.addItem(m, m)
        self.month.setCurrentIndex(1)  # last month: the one usually closed
        self.close_button = QPushButton(self.tr("月结"))
        self.close_button.clicked.connect(self.close_month)
        self.export_button = QPushButton(self.tr("导出到U盘…"))
        self.export_button.clicked.connect(self.export_usb)
        self.stop_button = QPushButton(self.tr("停止"))
        self.stop_button.setEnabled(False)
        self.stop_button.setToolTip(self.tr("当前这一块发完后停止；下次同步从第一个未确认的块继续"))
        self.stop_button.clicked.connect(self.stop_sync)
        # keys named in the tooltips (issue 17)
        for button, keys in ((self.sync_button, "F5"), (self.close_button, "Ctrl+M"),
                             (self.export_button, "Ctrl+E")):
            give_shortcut(button, keys)
        bar.addWidget(self.sync_button)
        bar.addWidget(self.stop_button)
        bar.addStretch(1)
        bar.addWidget(QLabel(self.tr("月份")))
        for w in (self.month, self.close_button, self.export_button):
            bar.addWidget(w)
        return bar

    def _progress_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setFormat(self.tr("%v / %m 块"))
        self.progress.setFixedWidth(260)
        self.progress_label = QLabel(wordWrap=True)
        row.addWidget(self.progress)
        row.addWidget(self.progress_label, 1)
        self.progress.hide()  # until the first 立即同步
        return row

    def _months_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("各月核对（本机 / 县平台已确认）"))
        self.months_model = RowsModel([
            (self.tr("月份"), lambda r: r.period),
            (self.tr("本机记录"), lambda r: r.here),
            (self.tr("县平台已确认"), lambda r: r.acknowledged),
            (self.tr("拒收"), lambda r: r.rejected),
            (self.tr("未月结"), lambda r: r.unsealed)], self)
        self.months_table = make_table(self.months_model, self, stretch=4)
        # At least five months visible: this is the table a coordinator checks at month's end.
        rows = self.months_table.verticalHeader().defaultSectionSize()
        self.months_table.setMinimumHeight(rows * 5 + self.months_table.horizontalHeader().height() + 8)
        self.months_export = self._table_with_export(box, self.months_table, self.tr("各月核对"))
        return box

    def _table_with_export(self, box: QGroupBox, table, title: str,
                           layout: QVBoxLayout | None = None) -> TableExport:
        """The table and, beside it on the right, its 导出Excel… button."""
        export = TableExport(table, title, self.ctx)
        row = QHBoxLayout()
        row.addWidget(table, 1)
        column = QVBoxLayout()
        column.addWidget(export.button)
        column.addStretch(1)
        row.addLayout(column)
        (layout or QVBoxLayout(box)).addLayout(row)
        return export

    def _batches_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("上传批次"))
        self.batches_model = RowsModel([
            (self.tr("月份"), lambda r: r.period),
            (self.tr("类型"), lambda r: self.tr("更正") if r.is_correction else self.tr("月结")),
            (self.tr("状态"), lambda r: state_label(r.state)),
            (self.tr("进度"), lambda r: f"{r.chunks_acked}/{r.chunks}"),
            (self.tr("记录"), lambda r: r.record_count),
            (self.tr("接收/重复/拒收"), lambda r: "/".join(
                str(r.results.get(k, 0)) for k in ("accepted", "duplicate", "rejected"))),
            (self.tr("完成时间"), lambda r: _local(r.sent_at)),
            (self.tr("最近错误"), lambda r: r.last_error or "")], self)
        self.batches_table = make_table(self.batches_model, self, stretch=7)
        self.batches_export = self._table_with_export(box, self.batches_table, self.tr("上传批次"))
        return box

    def _fixing_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("待修正（县平台拒收）"))
        layout = QVBoxLayout(box)
        # Not word-wrapped: a height-for-width label made the page's layout give this box its
        # preferred height and squeeze the boxes above it below their minimum (overlapping).
        layout.addWidget(QLabel(self.tr("修改这些记录后，新版本会作为更正自动上传；其余记录不受影响。"),
                                objectName="hintText", wordWrap=True))
        self.fixing_model = RowsModel([
            (self.tr("类型"), lambda r: kind_label(r.kind)),
            (self.tr("月份"), lambda r: r.period),
            (self.tr("记录编号"), lambda r: r.record_id[:8]),
            (self.tr("原因"), lambda r: r.reason or "")], self)
        self.fixing_table = make_table(self.fixing_model, self, stretch=3)
        self.fixing_export = self._table_with_export(box, self.fixing_table,
                                                     self.tr("待修正（县平台拒收）"), layout)
        return box

    # -- showing ------------------------------------------------------------------------
    def _on_records_changed(self, _changes: OpChanges) -> None:  # pending counts: any write
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        with self.ctx.db.read() as s:
            st = sync_status.status(s)
        self.show_status(st)
        self.devices.refresh()

    def show_status(self, st: sync_status.SyncStatus) -> None:
        self.pending_label.setText(fill(self.tr("未月结记录：%1 条"), st.pending_records))
        self.batches_label.setText(fill(self.tr("待上传批次：%1 个（%2 条）"),
                                        st.unsent_batches, st.unsent_records))
        self.success_label.setText(fill(self.tr("上次成功：%1"), _local(st.last_success))
                                   if st.last_success else self.tr("上次成功：无"))
        self.error_label.setText(fill(self.tr("最近错误：%1"), st.last_error)
                                 if st.last_error else "")
        self.months_model.set_rows(st.months)
        self.batches_model.set_rows(st.batches)
        self.fixing_model.set_rows(st.needs_fixing)

    # -- actions ------------------------------------------------------------------------
    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for b in (self.sync_button, self.close_button, self.export_button):
            b.setEnabled(not busy)
        if not busy:
            self.stop_button.setEnabled(False)

    def sync_now(self) -> None:
        db = self.ctx.db
        op = self._upload = Op(self.ctx, self, long=True, changes=(Change.SYNC,)).with_progress(
            self._show_progress)

        def emit(snapshot: dict) -> None:
            op.progress(snapshot["chunks_done"], snapshot["chunks_total"], snapshot)

        def work():  # on the worker: touches no widget, reports through op.progress
            from ccschool.sync.progress import UploadProgress
            from ccschool.sync.county_pull import pull_after_push
            from ccschool.sync.uploader import ACTOR, push, transport_for_site

            transport = transport_for_site(db)
            try:
                with db.transaction(actor=ACTOR) as s:  # so the plan counts corrections too
                    batching.seal_corrections(s)
                tracker = UploadProgress.plan(db)
                emit(tracker.snapshot())
                result = push(db, transport, should_stop=op.cancelled,
                              progress=lambda event: emit(tracker.advance(event).snapshot()))
                if not result.remaining_batches:  # the county's rules come back on each sync
                    result.error = result.error or pull_after_push(db, transport)
                return result, tracker.snapshot(), op.cancelled()
            finally:
                transport.close()
        self.progress.show()
        self.progress.setRange(0, 0)  # busy until the plan is known
        self.progress_label.setText(self.tr("正在连接县平台…"))
        self._set_busy(True)
        self.stop_button.setEnabled(True)
        # network-bound: on the long-job thread, not check-in's worker
        op.on_success(self._pushed).on_failure(self._failed).run(work)

    def stop_sync(self) -> None:
        if self._upload is not None:
            self._upload.cancel()
            self.stop_button.setEnabled(False)
            self.progress_label.setText(self.tr("正在停止：当前这一块发完即停…"))

    def _show_progress(self, progress: Progress | dict) -> None:
        p = progress.detail if isinstance(progress, Progress) else progress
        self.upload_progress.emit(p)
        self.progress.setRange(0, max(p["chunks_total"], 1))
        self.progress.setValue(p["chunks_done"] if p["chunks_total"] else 1)
        if self._upload is not None and self._upload.cancelled():
            return  # keep saying that it is stopping
        text = fill(self.tr("已发送 %1 / %2 条记录"), p["records_done"], p["records_total"])
        if p["period"]:
            text = fill(self.tr("批次 %1：第 %2 / %3 块"), p["period"], p["batch_chunk"],
                        p["batch_chunks"]) + " · " + text
        self.progress_label.setText(text)

    def _pushed(self, outcome) -> None:
        result, p, stopped = outcome
        self._upload = None
        self._finish()
        self._show_progress(p)
        if result.error:
            self.error_label.setText(fill(self.tr("最近错误：%1"), result.error))
        if stopped and result.remaining_batches:
            self.progress_label.setText(fill(self.tr(
                "已停止：已发送 %1 / %2 块（%3 条记录）。已发送的部分县平台已确认；下次同步从第一个"
                "未确认的块继续，不会重复或遗漏记录。"), p["chunks_done"], p["chunks_total"],
                p["records_done"]))
        elif not result.error and p["chunks_total"] == 0:
            self.progress_label.setText(self.tr(
                "没有要上传的内容：已月结的批次都已被县平台确认。本月的记录在月结后才会上传。"))
        elif not result.error:
            self.progress_label.setText(fill(self.tr(
                "上传完成：%1 条记录已送到县平台并得到确认。"), p["records_done"]))

    def close_month(self) -> None:
        """Say exactly what will be sealed (and warn) before asking; then say what was done."""
        period = self.month.currentData()

        def plan():
            with self.ctx.db.read() as s:
                return batching.plan_close(s, period=period)
        Op(self.ctx, self).on_success(self._confirm_close).on_failure(self._failed).run(plan)

    def close_question(self, plan) -> str:
        lines = [self.tr("月结将封存以下月份，之后对这些月份的修改只能作为更正上传：")]
        lines += [fill(self.tr("    %1（%2 条记录）"), p, n) for p, n in plan.months]
        if plan.corrections:
            lines.append(fill(self.tr("另有已月结月份的更正 %1 条一并封存。"),
                              sum(n for _p, n in plan.corrections)))
        if len(plan.months) > 1:
            lines.append(fill(self.tr("较早的 %1 个月尚未月结，会一起封存。"), len(plan.months) - 1))
        if plan.current:
            lines.append(fill(self.tr("注意：%1 是本月，还没有结束。月结后本月再录入的考勤都要作为更正"
                                      "上传。一般等到月底再月结。"), plan.period))
        if plan.empty:
            lines.append(fill(self.tr("注意：%1 没有任何记录。请确认这个月确实没有开课或签到。"),
                              plan.period))
        lines.append(self.tr("月结前会先自动备份。继续吗？"))
        return "\n".join(lines)

    def _confirm_close(self, plan) -> None:
        if not self.ask(self, self.tr("月结"), self.close_question(plan)):
            return
        period, data_dir = plan.period, self.ctx.folder

        def seal(_backup=None):  # a write of seconds: in line with check-in on the database worker
            Op(self.ctx, self, changes=(Change.SYNC,)).on_success(self._closed).on_failure(
                self._failed).run(lambda: self._seal(period))

        # The backup first (tens of seconds on a big database, reads only) on the long-job thread
        self._run(lambda: month_close.backup_before_close(data_dir), seal)

    def _seal(self, period: str) -> list[tuple[str, int, bool]]:
        # Planned in a read, published in one short write per month: scans queue behind it
        # on this worker for about a second, and a check-in stream in another program too.
        return [(b.period, b.record_count, b.is_correction) for b in
                month_close.seal(self.ctx.db, period=period, actor=self.ctx.user.name)]

    def _closed(self, sealed: list[tuple[str, int, bool]]) -> None:
        self._finish()
        months = [p for p, _n, correction in sealed if not correction]
        span = months[0] if len(set(months)) == 1 else fill(self.tr("%1 至 %2"), months[0],
                                                             months[-1])
        text = fill(self.tr("已月结 %1：%2 条记录封存为 %3 个上传批次。下一步：连上网络后点“立即同步”，"
                            "或点“导出到U盘…”把批次带到县里。"),
                    span, sum(n for _p, n, _c in sealed), len(sealed))
        self.progress_label.setText(text)
        self.tell(self, self.tr("月结完成"), text)

    def export_usb(self) -> None:
        period = self.month.currentData()
        path = self.choose_file(f"{period}.ccsbatch")
        if path:
            self._run(lambda: usb.export_month(self.ctx.db, period=period, out=path),
                      lambda _out: self._finish())

    def _choose_file(self, name: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出到U盘"), name,
                                              self.tr("上传批次文件 (*.ccsbatch)"))
        return path

    def _run(self, fn, on_done) -> None:
        """Month close (a backup, then sealing) and USB export take seconds to minutes: on the
        long-job thread, so check-in is never queued behind them."""
        self._set_busy(True)
        Op(self.ctx, self, long=True, changes=(Change.SYNC,)).on_success(on_done).on_failure(
            self._failed).run(fn)

    def _finish(self) -> None:
        self._set_busy(False)
        self.refresh()

    def _failed(self, exc) -> None:
        self._set_busy(False)
        if self._upload is not None:  # the upload itself failed (no county address, …)
            self._upload = None
            self.progress.hide()
            self.progress_label.clear()
        if isinstance(exc, CCSError):
            self.show_problem(self, exc)
        else:
            self.error_label.setText(fill(self.tr("最近错误：%1"), str(exc)))
