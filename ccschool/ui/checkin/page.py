"""签到 — the check-in desk: scanner input that always has focus, a banner readable from a metre.

Every scan is signed in by the service in its own transaction on the database worker; the
banner changes only when that commit has returned, so what the screen says is what is saved.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView,
                               QInputDialog, QLabel, QMessageBox, QPushButton, QTableView,
                               QVBoxLayout, QWidget)

from ccschool.services.attendance import desk
from ccschool import clock
from ccschool.services.attendance.checkin import check_in
from ccschool.ui.checkin.widgets import Banner, ScanInput, Sounds, status_text
from ccschool.ui.shell.context import AppContext
from ccschool.ui.widgets.table_export import TableExport
from ccschool.ui.widgets.flow import FlowLayout
from ccschool.ui.widgets.common import give_shortcut, selected_row, set_tip
from ccschool.ui.widgets.rows_model import Column, RowsModel
from ccschool.ui.ops import Change, Op, OpChanges

if TYPE_CHECKING:
    from ccschool.ui.checkin.phone_panel import PhonePanel

# services.attendance.marking and the desk dialogs (ORM work: mark, undo, close) are imported
# when first used; what the page shows on opening is plain SQL (services.attendance.desk),
# ready before the models.

DEVICE_CHECK_DELAY_MS = 300
WATCHED = (Change.ATTENDANCE, Change.CLASS, Change.SESSION, Change.ENROLLMENT, Change.LEARNER)


def _local(dt, fmt: str = "%H:%M:%S") -> str:
    return clock.local(dt).strftime(fmt) if dt else ""


@dataclass(frozen=True)
class Signin:
    """One line of the desk's list as shown: the attendance id (for undo) and its five cells."""
    id: str
    cells: tuple[str, ...]


def _nth(j: int) -> Callable[[Signin], str]:
    return lambda signin: signin.cells[j]


class CheckinPage(QWidget):
    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.session_id: str | None = None
        self.last_scan: tuple[str, str] | None = None  # (payload, method) of a not-enrolled scan
        self.dialog: QWidget | None = None  # the open desk dialog, if any (tests reach it here)
        self.phone_panel: PhonePanel | None = None  # the 手机签到 window while phone sign-in is open
        self.lan_host: str | None = None  # None: this computer's address on its network
        self.sounds = Sounds(self)
        self.devices_checked = False
        self._device_check_queued = False
        self._build()
        ctx.signals.records_changed.connect(self._on_records_changed)
        self.refresh()

    def check_devices(self) -> None:
        """Load the sounds and enable the webcam button if there is a camera (or say why not)."""
        from ccschool.ui.checkin.camera import camera_status  # PIL and zxing-cpp: not before the paint

        self.sounds.load()
        available, why = camera_status()
        # The short reason beside the button; the full advice is in its tooltip.
        self.camera_reason.setText(why.replace(":", "：").split("：")[0])
        self.buttons["camera"].setEnabled(available)
        set_tip(self.buttons["camera"], why)
        self.devices_checked = True

    # -- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        self.sessions = QComboBox(self)
        self.sessions.setMinimumWidth(360)
        self.sessions.currentIndexChanged.connect(self._session_picked)
        self.input = ScanInput(self)
        self.input.setPlaceholderText(self.tr("扫描学习卡二维码（扫码枪），或输入卡号内容后按回车"))
        self.input.submitted.connect(self.submit)
        self.banner = Banner(self)
        self.banner.walk_in_requested.connect(self.enroll_last_walk_in)
        self.table = self._make_table()
        self.table_export = TableExport(self.table, self._export_title, self.ctx)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("课次："), self))
        top.addWidget(self.sessions, 1)
        top.addWidget(self.table_export.button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.input)
        layout.addWidget(self.banner)
        layout.addLayout(self._make_buttons())
        layout.addWidget(self.table, 1)
        for widget in self.findChildren(QWidget):
            if widget is not self.input:  # the scanner's keystrokes must always land in input
                widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFocusProxy(self.input)

    def _make_buttons(self) -> FlowLayout:
        row = FlowLayout()  # wraps in English large text instead of widening the window
        specs = [("mark", self.tr("按姓名签到"), lambda: self.open_mark_dialog("present")),
                 ("excuse", self.tr("请假"), lambda: self.open_mark_dialog("excused")),
                 ("sheet", self.tr("录入纸质签到表"), self.open_sheet_dialog),
                 ("undo", self.tr("撤销所选签到"), self.undo_selected),
                 ("close", self.tr("结束课次"), self.close_session),
                 ("camera", self.tr("摄像头扫码"), self.open_camera),
                 ("phone", self.tr("手机签到"), self.open_phone_panel)]
        self.buttons = {}
        # F2…F9 in the row's order (shown in the tooltips): function keys, because the
        # scanner types letters and digits into the scan box, which keeps the focus. F5 is
        # skipped: it means "refresh" on the other pages, never "undo a sign-in" here.
        keys = (2, 3, 4, 6, 7, 8, 9)
        for n, (key, text, slot) in zip(keys, specs):
            button = QPushButton(text, self)
            button.setMinimumHeight(36)
            button.clicked.connect(slot)
            give_shortcut(button, f"F{n}")
            self.buttons[key] = button
            row.addWidget(button)
        self.camera_reason = QLabel(self)
        self.camera_reason.setStyleSheet("color: #666;")
        self.camera_reason.setWordWrap(True)
        self.buttons["camera"].setEnabled(False)  # until check_devices has found a camera
        row.addWidget(self.camera_reason)
        return row

    def _make_table(self) -> QTableView:
        titles = [self.tr("时间"), self.tr("姓名"), self.tr("卡号"), self.tr("状态"), self.tr("方式")]
        self.model = RowsModel([Column(t, _nth(j)) for j, t in enumerate(titles)], self)
        table = QTableView(self)
        table.setModel(self.model)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        return table

    def _export_title(self) -> str:
        return self.tr("签到名单") + " " + (self.sessions.currentText() if self.session_id else "")

    # -- loading --------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload today's sessions (keeping the chosen one) and the chosen session's sign-ins,
        in one trip to the database worker (the desk is the first thing on screen)."""
        keep = self.session_id

        def work():
            with self.ctx.db.engine.connect() as conn:
                now = clock.now()
                today = [(r.id, label) for r, label in desk.sessions_on(conn, day=now.date())]
                current = desk.current_session(conn, now=now)
                likely = keep if keep in {i for i, _ in today} else current and current.id
                shown = likely and (likely, desk.counts(conn, session_id=likely),
                                    desk.signins(conn, session_id=likely))
            return today, current.id if current else None, shown
        Op(self.ctx, self).on_success(self._show_sessions).on_failure(self._failed).run(work)

    def _show_sessions(self, loaded) -> None:
        today, current, shown = loaded
        wanted = self.session_id if self.session_id in {i for i, _ in today} else current
        self.sessions.blockSignals(True)
        self.sessions.clear()
        for sid, label in today:
            self.sessions.addItem(label, sid)
        if not today:
            self.sessions.addItem(self.tr("今天没有课次（可在“班级”页安排）"), None)
        self.sessions.setCurrentIndex(max(0, self.sessions.findData(wanted)))
        self.sessions.blockSignals(False)
        self._session_picked(loaded=shown)

    def _session_picked(self, *_args, loaded=None) -> None:
        self.session_id = self.sessions.currentData()
        self.last_scan = None
        if self.session_id is None:
            self.banner.show_idle(self.tr("今天没有课次"), self.tr("请在“班级”页安排课次后再签到"))
            self.banner.count.setText("")
            self.model.set_rows([])
            return
        self.banner.show_idle(self.tr("请出示学习卡"), self.sessions.currentText())
        if loaded and loaded[0] == self.session_id:
            self._show_session(loaded)  # read together with the session list
        else:
            self.reload_session()

    def reload_session(self) -> None:
        sid = self.session_id
        if sid is None:
            return

        def work():
            with self.ctx.db.engine.connect() as conn:
                return (sid, desk.counts(conn, session_id=sid),
                        desk.signins(conn, session_id=sid))
        Op(self.ctx, self).on_success(self._show_session).on_failure(self._failed).run(work)

    def _show_session(self, loaded) -> None:
        sid, (here, total), rows = loaded
        if sid != self.session_id:
            return  # the user picked another session meanwhile
        self.banner.set_count(here, total)
        methods = {"scan": self.tr("扫码枪"), "webcam": self.tr("摄像头"), "manual": self.tr("手工"),
                   "import": self.tr("导入"), "close": self.tr("结束时记缺勤"),
                   "paper": self.tr("纸质签到表"), "phone": self.tr("手机"),
                   "desk": self.tr("第二签到台")}
        shown = [Signin(r.attendance_id, (_local(r.at), r.name, r.card_no or "",
                                          status_text(r.status), methods.get(r.method, r.method or "")))
                 for r in rows]
        before = self.model.rows
        if shown == before:
            return
        if len(shown) == len(before) + 1 and shown[1:] == before:
            # a scan added one row (newest first): insert it instead of rebuilding the list,
            # and a row the user selected stays selected
            self.model.insert_rows(0, shown[:1])
        else:
            self.model.set_rows(shown)

    def _on_records_changed(self, changes: OpChanges) -> None:
        # our own scans, marks and dialogs reload what they changed themselves
        if changes.touches(*WATCHED) and not changes.made_by(self):
            self.refresh()

    # -- scanning -------------------------------------------------------------------------
    def submit(self, text: str, method: str = "scan", walk_in: bool = False) -> None:
        sid = self.session_id

        def work():
            with self.ctx.transaction() as s:
                result = check_in(s, session_id=sid, payload=text, method=method,
                                  enroll_walk_ins=walk_in)
            return result  # committed: only now may the screen say so
        Op(self.ctx, self).on_success(lambda r: self._show_result(r, method)).on_failure(
            self._failed).run(work)

    def _show_result(self, result, method: str) -> None:
        when = _local(result.at) if result.at else clock.now().strftime("%H:%M:%S")
        when = self.tr("时间 {t}").format(t=when)
        offer = result.outcome == "not_enrolled" and not result.walk_in and result.session_id
        self.last_scan = (result.payload, method) if offer else None
        self.banner.show_result(name=result.learner_name or result.card_no or self.tr("无法识别"),
                                message=result.message, when=when, severity=result.severity,
                                offer_walk_in=bool(offer))
        # Paint the banner now: the person at the desk waits for it, while other pages' refresh
        # (records_changed, after this) and the list's reload below can come a moment later
        # (bench_desk).
        self.banner.repaint()
        self.sounds.play(result.severity)
        self.reload_session()
        self.input.setFocus()

    def enroll_last_walk_in(self) -> None:
        if self.last_scan:
            payload, method = self.last_scan
            self.submit(payload, method, walk_in=True)

    def open_camera(self) -> None:
        from ccschool.ui.checkin.camera import CameraDialog

        self.dialog = CameraDialog(self)
        self.dialog.payload_read.connect(lambda text: self.submit(text, "webcam"))
        self.dialog.finished.connect(self._dialog_closed)
        self.dialog.open()

    # -- phone sign-in --------------------------------------------------------------------
    def open_phone_panel(self):
        """Open phone sign-in for the chosen session (one at a time; a second click raises it)."""
        from ccschool.ui.checkin.phone_panel import PhonePanel

        sid = self._needs_session()
        if sid is None:
            return None
        if self.phone_panel is not None:
            if self.phone_panel.session_id == sid:
                self.phone_panel.raise_()
                return self.phone_panel
            self.phone_panel.close()  # another session chosen: its server stops first
        panel = PhonePanel(self.ctx, sid, self, host=self.lan_host)
        panel.signed_in.connect(self._network_signed_in)
        panel.closed.connect(self._phone_panel_closed)
        self.phone_panel = panel
        panel.resize(1000, 720)
        panel.show()
        self.activateWindow()  # the scanner keeps typing into the desk, not the projector window
        self.input.setFocus()
        return panel

    def _network_signed_in(self, result) -> None:
        """A phone or second desk signed someone in: say so on the banner, reload the list."""
        if result is not None:
            self.banner.show_result(name=result.learner_name or "", message=result.message,
                                    when=self.tr("时间 {t}").format(t=_local(result.at)),
                                    severity=result.severity)
        # written by the phone panel's own server thread, not through an Op: say so here
        self.ctx.signals.records_changed.emit(OpChanges.of(Change.ATTENDANCE, initiator=self))
        self.reload_session()

    def _phone_panel_closed(self) -> None:
        self.phone_panel = None
        self.input.setFocus()

    # -- staff actions --------------------------------------------------------------------
    def _needs_session(self) -> str | None:
        """The chosen session's id, or None after saying on the banner that one is needed."""
        if self.session_id is None:
            self.banner.show_result(name=self.tr("没有选定课次"), message=self.tr("请先选择课次"),
                                    when="", severity="error")
        return self.session_id

    def open_mark_dialog(self, status: str = "present"):
        from ccschool.ui.checkin.dialogs import MarkDialog

        sid = self._needs_session()
        if sid is None:
            return None
        self.dialog = MarkDialog(self.ctx, sid, self, status=status)
        self.dialog.marked.connect(self._marked)
        self.dialog.finished.connect(self._dialog_closed)
        self.dialog.open()
        return self.dialog

    def _marked(self, sentence: str) -> None:
        self.banner.show_result(name=sentence.split("：")[0], message=sentence,
                                when=clock.now().strftime("%H:%M:%S"), severity="ok")
        self.reload_session()

    def open_sheet_dialog(self):
        # Any session up to today, not only today's: a village's sheet comes in days later.
        from ccschool.ui.checkin.paper_sheet import PaperSheetDialog

        self.dialog = PaperSheetDialog(self.ctx, self.session_id, self)
        self.dialog.applied.connect(self._sheet_applied)
        self.dialog.finished.connect(self._dialog_closed)
        self.dialog.open()
        return self.dialog

    def _sheet_applied(self, marked: int) -> None:
        self.banner.show_result(name=self.tr("纸质签到表已录入"),
                                message=self.tr("录入 {n} 人的考勤").format(n=marked),
                                when=clock.now().strftime("%H:%M:%S"), severity="ok")
        self.reload_session()

    def _dialog_closed(self, *_args) -> None:
        self.dialog = None
        self.input.setFocus()

    def selected_signin(self) -> Signin | None:
        return selected_row(self.table)

    def selected_attendance(self) -> str | None:
        signin = self.selected_signin()
        return signin.id if signin else None

    def undo_selected(self) -> None:
        signin = self.selected_signin()
        if signin is None:
            self.banner.show_result(name=self.tr("撤销签到"), severity="warn", when="",
                                    message=self.tr("请先在下方列表中选中要撤销的签到"))
            return
        attendance_id, name = signin.id, signin.cells[1]
        box = QInputDialog(self)
        box.setWindowTitle(self.tr("撤销签到"))
        box.setLabelText(self.tr("撤销 {name} 的签到？请填写原因（将记入操作日志）").format(name=name))
        box.textValueSelected.connect(lambda reason: self.undo(attendance_id, reason))
        box.finished.connect(self._dialog_closed)
        self.dialog = box
        box.open()

    def undo(self, attendance_id: str, reason: str) -> None:
        from ccschool.services.attendance import marking

        def work():
            with self.ctx.transaction() as s:
                row = marking.undo(s, attendance_id=attendance_id, reason=reason)
            return row
        Op(self.ctx, self).on_success(self._undone).on_failure(self._failed).run(work)

    def _undone(self, _row) -> None:
        self.banner.show_result(name=self.tr("已撤销"), message=self.tr("该签到已撤销并记入日志"),
                                when=clock.now().strftime("%H:%M:%S"), severity="warn")
        self.reload_session()

    def close_session(self) -> None:
        if self._needs_session() is None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("结束课次"),
                          self.tr("结束“{name}”的签到？\n未签到且未请假的学员将记为缺勤。").format(
                              name=self.sessions.currentText()),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.buttonClicked.connect(lambda b: self.do_close() if box.standardButton(b) ==
                                  QMessageBox.StandardButton.Yes else None)
        box.finished.connect(self._dialog_closed)
        self.dialog = box
        box.open()

    def do_close(self) -> None:
        from ccschool.services.attendance import marking

        sid = self.session_id
        if sid is None:
            return

        def work():
            with self.ctx.transaction() as s:
                return marking.close_session(s, session_id=sid)
        Op(self.ctx, self).on_success(self._closed).on_failure(self._failed).run(work)

    def _closed(self, summary: dict) -> None:
        self.banner.show_result(
            name=self.tr("课次已结束"), severity="ok", when=clock.now().strftime("%H:%M:%S"),
            message=self.tr("出勤 {present} / {enrolled}，缺勤 {absent}").format(**summary))
        self.reload_session()

    def _failed(self, exc: BaseException) -> None:
        self.banner.show_result(name=self.tr("操作未完成"), message=str(exc), when="",
                                severity="error")
        self.sounds.play("error")
        self.input.setFocus()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.input.setFocus()
        if (self.ctx.probe_hardware and not self.devices_checked
                and not self._device_check_queued):
            # Audio and camera discovery (QtMultimedia, ~90 ms on the GUI thread) start once the
            # desk and today's sessions are on screen; nobody scans within the first moment.
            self._device_check_queued = True
            QTimer.singleShot(DEVICE_CHECK_DELAY_MS, self.check_devices)
