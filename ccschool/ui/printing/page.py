"""打印: learning cards, certificates, sign-in sheets and transcripts.

Choose what, make the preview (off the GUI thread, with progress and Cancel), look at the pages,
then print exactly those pages or save the PDF. A preview changes nothing: cards are marked
printed only when the user confirms, after printing, that they came out. Certificates are
previewed with the numbers they would get, marked 预览, and issued only when the user prints
or saves them and confirms (re-printing keeps their numbers), through the same services the
CLI uses. Printing, too, runs off the GUI thread with progress and Cancel.
"""
from __future__ import annotations

import itertools
import re
import tempfile
from pathlib import Path

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QFileDialog, QFormLayout, QHBoxLayout,
                               QLabel, QLineEdit, QPlainTextEdit, QProgressBar, QPushButton,
                               QRadioButton, QStackedWidget, QVBoxLayout, QWidget)

from ccschool.errors import Cancelled, CCSError
from ccschool.fileio import write_bytes_atomic
from ccschool.services import classes as class_svc
from ccschool.services import printing as svc
from ccschool.services import sessions as session_svc
from ccschool import clock
from ccschool.ui.shell.context import AppContext
from ccschool.ui.widgets.common import ask, give_shortcut, set_tip
from ccschool.ui.widgets.pdf_preview import (PdfPreview, file_printer,
                                              print_pdf)
from ccschool.ui.ops import Change, Op, OpChanges, Progress

KINDS = ("cards", "certificates", "signin", "transcript")


class PrintPage(QWidget):
    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.ask = ask  # replaceable in tests
        self.selected_learner_ids: list[str] = []
        self.result: dict | None = None
        self.pdf_path: Path | None = None
        self.pending_card_ids: list[str] = []  # previewed cards, recorded once printed
        # the previews' folder: made for the first preview, removed by close_down()
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self._runs = itertools.count(1)
        self._op: Op | None = None  # the job running: 取消 cancels it, its progress fills the bar
        self._build()
        ctx.signals.records_changed.connect(self._on_records_changed)
        self.refresh()

    # -- building ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.kind_combo = QComboBox()
        for key, text in zip(KINDS, (self.tr("学习卡"), self.tr("结业证书"), self.tr("签到表"),
                                     self.tr("个人学习档案"))):
            self.kind_combo.addItem(text, key)
        self.options = QStackedWidget()
        for build in (self._build_cards, self._build_certificates, self._build_signin,
                      self._build_transcript):
            self.options.addWidget(build())
        self.kind_combo.currentIndexChanged.connect(self._on_kind_changed)
        self.generate_button = QPushButton(self.tr("生成预览"), clicked=self.generate)
        self.cancel_button = QPushButton(self.tr("取消"), clicked=self.cancel, enabled=False)
        self.print_button = QPushButton(self.tr("打印…"), clicked=lambda: self.print_document())
        self.save_button = QPushButton(self.tr("保存PDF…"), clicked=lambda: self.save_pdf())
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.status = QLabel(wordWrap=True)
        self.notes = QPlainTextEdit(readOnly=True)
        self.notes.setMaximumHeight(140)
        self.preview = PdfPreview()
        self.setLayout(self._arrange())
        self._give_keys()
        self._set_done(False)
        self._watch_choices()

    def _give_keys(self) -> None:
        """Keys for the steps of a print run, named in the tooltips (issue 17)."""
        for button, keys in ((self.generate_button, "Ctrl+G"), (self.print_button, "Ctrl+P"),
                             (self.save_button, "Ctrl+S")):
            give_shortcut(button, keys)
        # Reprinting lost cards starts with typing their numbers: one key gets there
        # (a window shortcut on this page: it works only while the page is shown)
        QShortcut(QKeySequence("Ctrl+K"), self, activated=self.type_card_numbers)
        for widget in (self.card_radios["cards"], self.card_numbers):
            widget.setProperty("shortcutText", "Ctrl+K")
            set_tip(widget, "")

    def type_card_numbers(self) -> None:
        """Cards by number: choose 指定卡号 and put the cursor in the numbers field."""
        if self.is_running():
            return
        self.set_kind("cards")
        self.card_radios["cards"].setChecked(True)
        self.card_numbers.setFocus()
        self.card_numbers.selectAll()

    def _watch_choices(self) -> None:
        """Any change of what to print drops the preview: 打印 prints only what is shown."""
        for combo in (self.kind_combo, self.card_class_combo, self.per_page_combo,
                      self.cert_class_combo, self.signin_class_combo, self.signin_session_combo):
            combo.currentIndexChanged.connect(self._invalidate)
        self.card_mode.idToggled.connect(self._invalidate)
        self.early_check.toggled.connect(self._invalidate)
        for edit in (self.card_numbers, self.transcript_card, self.early_reason):
            edit.textChanged.connect(self._invalidate)

    def _invalidate(self, *_args) -> None:
        if self.pdf_path is None or self.is_running():
            return
        self.result, self.pdf_path, self.pending_card_ids = None, None, []
        self.preview.clear(self.tr("内容已更改，请重新生成预览"))
        self._set_done(False)
        self.status.clear()

    def _arrange(self) -> QHBoxLayout:
        left = QVBoxLayout()
        form = QFormLayout()
        form.addRow(self.tr("打印内容"), self.kind_combo)
        left.addLayout(form)
        left.addWidget(self.options)
        buttons = QHBoxLayout()
        for b in (self.generate_button, self.cancel_button):
            buttons.addWidget(b)
        left.addLayout(buttons)
        left.addWidget(self.progress)
        left.addWidget(self.status)
        left.addWidget(self.notes)
        left.addStretch()
        outputs = QHBoxLayout()
        for b in (self.print_button, self.save_button):
            outputs.addWidget(b)
        left.addLayout(outputs)
        panel = QWidget()
        panel.setLayout(left)
        panel.setFixedWidth(max(360, self.fontMetrics().averageCharWidth() * 44))  # large text
        row = QHBoxLayout()
        row.addWidget(panel)
        row.addWidget(self.preview, 1)
        return row

    def _build_cards(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        self.card_mode = QButtonGroup(box)
        labels = {"new": self.tr("新登记或补办、尚未打印的学员"), "selected": self.tr("已选学员"),
                  "class": self.tr("某个班级的学员"), "cards": self.tr("指定卡号"),
                  "all": self.tr("全部学员")}
        self.card_radios = {}
        for i, (key, text) in enumerate(labels.items()):
            radio = QRadioButton(text, checked=(key == "new"))
            self.card_mode.addButton(radio, i)
            self.card_radios[key] = radio
            layout.addWidget(radio)
        self.card_radios["selected"].setEnabled(False)
        self.card_class_combo = QComboBox()
        self.card_numbers = QLineEdit(placeholderText=self.tr("卡号，可输入多个，用空格或逗号分隔"))
        self.per_page_combo = QComboBox()
        self.per_page_combo.addItem(self.tr("每页10张（A4，带裁切线）"), 10)
        self.per_page_combo.addItem(self.tr("每页1张（PVC卡片打印机）"), 1)
        form = QFormLayout()
        form.addRow(self.tr("班级"), self.card_class_combo)
        form.addRow(self.tr("卡号"), self.card_numbers)
        form.addRow(self.tr("版式"), self.per_page_combo)
        layout.addLayout(form)
        self.card_mode.idToggled.connect(self._update_card_fields)
        self._update_card_fields()
        return box

    def _update_card_fields(self, *_) -> None:
        self.card_class_combo.setEnabled(self.card_radios["class"].isChecked())
        self.card_numbers.setEnabled(self.card_radios["cards"].isChecked())

    def _build_certificates(self) -> QWidget:
        box = QWidget()
        form = QFormLayout(box)
        self.cert_class_combo = QComboBox()
        self.cert_class_combo.currentIndexChanged.connect(self._show_eligibility)
        form.addRow(self.tr("班级"), self.cert_class_combo)
        # 提前结业 (issue 17.12): shown only while the class has sessions still to come
        self.sessions_left = QLabel(wordWrap=True, visible=False)
        self.sessions_left.setStyleSheet("color: #a33;")
        self.early_check = QCheckBox(self.tr("提前结业"), visible=False)
        self.early_reason = QLineEdit(visible=False, enabled=False,
                                      placeholderText=self.tr("原因，如：学员外出务工"))
        self.early_check.toggled.connect(self.early_reason.setEnabled)
        form.addRow(self.sessions_left)
        form.addRow(self.early_check)
        form.addRow(self.early_reason)
        return box

    def _build_signin(self) -> QWidget:
        box = QWidget()
        form = QFormLayout(box)
        self.signin_class_combo = QComboBox()
        self.signin_session_combo = QComboBox()
        self.signin_class_combo.currentIndexChanged.connect(self._load_sessions)
        form.addRow(self.tr("班级"), self.signin_class_combo)
        form.addRow(self.tr("课次"), self.signin_session_combo)
        return box

    def _build_transcript(self) -> QWidget:
        box = QWidget()
        form = QFormLayout(box)
        self.transcript_card = QLineEdit(placeholderText=self.tr("扫描或输入学习卡号"))
        form.addRow(self.tr("卡号"), self.transcript_card)
        return box

    # -- data for the choosers --------------------------------------------------------------
    def refresh(self) -> None:
        with self.ctx.db.read() as s:
            classes = class_svc.class_choices(s)
        for combo in (self.card_class_combo, self.cert_class_combo, self.signin_class_combo):
            keep = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for cid, name, start in classes:
                combo.addItem(f"{name}（{start:%Y-%m}）" if start else name, cid)
            if keep is not None and combo.findData(keep) >= 0:
                combo.setCurrentIndex(combo.findData(keep))
            combo.blockSignals(False)
        self._load_sessions()
        self._show_eligibility()

    def _load_sessions(self) -> None:
        class_id, combo = self.signin_class_combo.currentData(), self.signin_session_combo
        keep = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        sessions = []
        if class_id:
            with self.ctx.db.read() as s:
                sessions = session_svc.list_sessions(s, class_id=class_id,
                                                     include_cancelled=False)
        for m in sessions:
            text = f"{m.date:%Y-%m-%d} {m.start_time:%H:%M} {m.topic or ''}".strip()
            combo.addItem(text, m.id)
        # the sheet is printed ahead of the next session (today's or later), not the first one
        today = clock.today()
        upcoming = [i for i, m in enumerate(sessions) if m.date >= today]
        combo.setCurrentIndex(combo.findData(keep) if combo.findData(keep) >= 0
                              else upcoming[0] if upcoming else combo.count() - 1)
        combo.blockSignals(False)
        if combo.currentData() != keep:
            self._invalidate()

    def _show_eligibility(self) -> None:
        class_id = self.cert_class_combo.currentData()
        if self.current_kind() != "certificates" or not class_id:
            return
        with self.ctx.db.read() as s:
            judged = svc.certificate_eligibility(s, class_id=class_id)
        refused = [e for e in judged if not e.qualifies]
        lines = [self.tr("达到结业要求 %1 人，未达到 %2 人").replace(
            "%1", str(len(judged) - len(refused))).replace("%2", str(len(refused)))]
        lines += [f"{e.name}：{e.reason}" for e in refused]
        self.notes.setPlainText("\n".join(lines))
        self._show_sessions_left(class_id)

    def _show_sessions_left(self, class_id: str) -> None:
        with self.ctx.db.read() as s:
            left = svc.sessions_still_to_come(s, class_id=class_id, today=clock.today())
        self.sessions_left.setText(self.tr(
            "本班还有 %1 次课未上，尚未结业。现在发证须勾选“提前结业”并写明原因。").replace(
            "%1", str(left)))
        for widget in (self.sessions_left, self.early_check, self.early_reason):
            widget.setVisible(left > 0)
        if not left:
            self.early_check.setChecked(False)

    def _on_records_changed(self, changes: OpChanges) -> None:
        if changes.touches(Change.CLASS, Change.SESSION, Change.ATTENDANCE, Change.LEARNER,
                           Change.ENROLLMENT):
            self.refresh()

    def _on_kind_changed(self, index: int) -> None:
        self.options.setCurrentIndex(index)
        self.notes.clear()
        self._show_eligibility()

    def current_kind(self) -> str:
        return self.kind_combo.currentData()

    def set_kind(self, kind: str) -> None:
        self.kind_combo.setCurrentIndex(KINDS.index(kind))

    def set_selected_learners(self, learner_ids: list[str]) -> None:
        """Cards for the learners selected on another page (the learners page calls this)."""
        self.selected_learner_ids = list(learner_ids)
        radio = self.card_radios["selected"]
        radio.setEnabled(bool(learner_ids))
        radio.setText(self.tr("已选学员（%1 人）").replace("%1", str(len(learner_ids))))
        if learner_ids:
            self.set_kind("cards")
            radio.setChecked(True)

    # -- running -----------------------------------------------------------------------------
    def generate(self) -> None:
        """Start the chosen job off the GUI thread; the preview shows the result."""
        out = self._new_file(self.current_kind())
        op = self._start()
        job = self._job(out, op)
        self.preview.clear()
        self._set_done(False)
        self._set_running(True)
        op.on_success(lambda result: self._finished(result, out)).on_failure(self._failed).run(job)

    def _start(self) -> Op:
        """The Op of a job: on the long-job thread, its progress on the bar, 取消 stops it."""
        self._op = Op(self.ctx, self, long=True).with_progress(self._show_progress)
        return self._op

    def _job(self, out: Path, op: Op):
        """The service call for the current choice, as a function the worker can run."""
        kind, db, progress, cancel = self.current_kind(), self.ctx.db, op.progress, op.cancelled
        if kind == "cards":
            selection, per_page = self._card_selection(), self.per_page_combo.currentData()
            return lambda: svc.render_cards(db, selection=selection, per_page=per_page, out=out,
                                            progress=progress, cancel=cancel)
        if kind == "certificates":
            class_id, early = self.cert_class_combo.currentData() or "", self._early_reason()
            return lambda: svc.render_certificates(db, class_id=class_id, early_reason=early,
                                                   out=out, progress=progress, cancel=cancel)
        if kind == "signin":
            session_id = self.signin_session_combo.currentData() or ""
            return lambda: svc.print_signin_sheet(db, session_id=session_id, out=out,
                                                  progress=progress, cancel=cancel)
        card_no = self.transcript_card.text()
        return lambda: svc.print_transcript(db, card_no=card_no, out=out, progress=progress,
                                            cancel=cancel)

    def _new_file(self, kind: str) -> Path:
        """A new PDF's path in the previews' folder (made when first needed)."""
        if self._tmp is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="ccschool-print-")
        return Path(self._tmp.name) / f"{kind}-{next(self._runs)}.pdf"

    def close_down(self) -> None:
        """Remove the previews' folder now, not whenever the garbage collector gets to it.

        The main window calls this when the program ends, once the long-job worker is done (a
        print reads its PDF until then); closing the page as a window of its own does too. The
        preview goes with its file; the next one makes a new folder."""
        if self._tmp is None:
            return
        self.result, self.pdf_path, self.pending_card_ids = None, None, []
        self.preview.clear()
        self._set_done(False)
        self._tmp.cleanup()
        self._tmp = None

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.close_down()
        super().closeEvent(event)

    def _early_reason(self) -> str | None:
        """The reason typed for 提前结业, only while the box is ticked; the service refuses a
        class with sessions to come without one and says why."""
        if not self.early_check.isHidden() and self.early_check.isChecked():
            return self.early_reason.text().strip() or None
        return None

    def _card_selection(self) -> svc.CardSelection:
        mode = next(k for k, r in self.card_radios.items() if r.isChecked())
        if mode == "selected":
            return svc.CardSelection(learner_ids=self.selected_learner_ids)
        if mode == "class":
            return svc.CardSelection(class_id=self.card_class_combo.currentData() or "")
        if mode == "cards":
            numbers = [n for n in re.split(r"[\s,，、;；]+", self.card_numbers.text()) if n]
            return svc.CardSelection(card_nos=numbers or [""])
        return svc.CardSelection(everyone=(mode == "all"))

    def cancel(self) -> None:
        if self._op is not None:
            self._op.cancel()
        self.status.setText(self.tr("正在取消…"))

    def is_running(self) -> bool:
        return self._op is not None and self._op.running

    def _show_progress(self, p: Progress) -> None:
        self.progress.setMaximum(max(p.total, 1))
        self.progress.setValue(p.done)

    def _set_running(self, running: bool, text: str | None = None) -> None:
        self.generate_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.options.setEnabled(not running)
        self.kind_combo.setEnabled(not running)
        self.progress.setVisible(running)
        if running:
            self._set_done(False)
            self.progress.setValue(0)
            self.status.setText(text or self.tr("正在生成…"))

    def _set_done(self, done: bool) -> None:
        self.print_button.setEnabled(done)
        self.save_button.setEnabled(done)

    def _finished(self, result: dict, out: Path) -> None:
        self._set_running(False)
        self.result, self.pdf_path = result, out
        self.preview.load(out)
        self._set_done(True)
        self.status.setText(self._summary(result))
        if self.current_kind() == "cards":
            self.pending_card_ids = result["learner_ids"]
        elif self.current_kind() == "certificates":
            self._show_certificate_notes(result)

    def _failed(self, exc: BaseException) -> None:
        self._set_running(False)
        self.result, self.pdf_path = None, None
        if isinstance(exc, Cancelled):
            self.status.setText(self.tr("已取消，未生成文件"))
        elif isinstance(exc, CCSError):
            self.status.setText(str(exc))
        else:
            self.status.setText(self.tr("生成失败：%1").replace("%1", repr(exc)))

    def _summary(self, result: dict) -> str:
        pages = str(result["pages"])
        kind = self.current_kind()
        if kind == "cards":
            return (self.tr("已生成 %1 张学习卡，共 %2 页")
                    .replace("%1", str(result["cards"])).replace("%2", pages))
        if kind == "certificates" and result["preview"]:
            return self.tr("%1 张结业证书的预览：打印或保存时才正式发证").replace(
                "%1", str(len(result["issued"])))
        if kind == "certificates":
            return self.tr("已发放 %1 张结业证书").replace("%1", str(len(result["issued"])))
        return self.tr("已生成，共 %1 页").replace("%1", pages)

    def _show_certificate_notes(self, result: dict) -> None:
        new = self.tr("（预览编号）") if result["preview"] else ""
        lines = [f"{c['cert_no']}  {c['name']}" + (new if c["new"] else self.tr("（补印）"))
                 for c in result["issued"]]
        if result["refused"]:
            lines.append(self.tr("未达到结业要求："))
            lines += [f"{r['name']}：{r['reason']}" for r in result["refused"]]
        self.notes.setPlainText("\n".join(lines))

    # -- output ------------------------------------------------------------------------------
    def save_pdf(self, target: str | Path | None = None) -> Path | None:
        if self.pdf_path is None:
            return None
        if target is None:
            target, _ = QFileDialog.getSaveFileName(self, self.tr("保存PDF"),
                                                    self.pdf_path.name, "PDF (*.pdf)")
            if not target:
                return None
        if self._is_certificate_preview():
            self._issue_certificates(lambda: self.save_pdf(target))
            return Path(target) if not self._is_certificate_preview() else None
        write_bytes_atomic(target, self.pdf_path.read_bytes())
        self.status.setText(self.tr("已保存：%1").replace("%1", str(target)))
        return Path(target)

    def print_document(self, printer: QPrinter | None = None) -> None:
        """Send the previewed pages to a printer (the print dialog chooses it unless one is
        given), off the GUI thread; for cards, then ask whether they came out."""
        if self.pdf_path is None:
            return
        if printer is None:  # CCSCHOOL_PRINT_TO_DIR: PDF files in a folder, no dialog
            printer = file_printer(self.pdf_path.name)
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            if QPrintDialog(printer, self).exec() != QPrintDialog.DialogCode.Accepted:
                return
        if self._is_certificate_preview():  # the numbers are issued now, then printed
            self._issue_certificates(lambda: self.print_document(printer))
            return
        path, colour = self.pdf_path, self.current_kind() == "certificates"
        op = self._start()
        self.printer = printer  # kept alive until the job is done
        self._set_running(True, self.tr("正在发送到打印机…"))
        op.on_success(self._printed).on_failure(self._print_failed).run(
            lambda: print_pdf(path, printer, colour=colour, progress=op.progress,
                              cancel=op.cancelled))

    # -- certificates: issued when printed or saved, never by a preview -----------------------
    def _is_certificate_preview(self) -> bool:
        return (self.current_kind() == "certificates" and self.result is not None
                and self.result.get("preview", False))

    def _issue_certificates(self, then) -> None:
        """Ask, then issue the previewed certificates off the GUI thread and write them with
        their real numbers; `then` prints or saves that file."""
        if self.result is None:  # the preview was dropped meanwhile: nothing to issue
            return
        new = sum(1 for c in self.result["issued"] if c["new"])
        if new and not self.ask(self, self.tr("发放结业证书"), self.tr(
                "将正式发放 %1 张新的结业证书，占用证书编号并准备上传到县平台。继续吗？").replace(
                "%1", str(new))):
            self.status.setText(self.tr("未发证：预览仍在，可以稍后再打印。"))
            return
        out = self._new_file("certificates")
        db, actor = self.ctx.db, self.ctx.user.name
        class_id, early = self.cert_class_combo.currentData() or "", self._early_reason()
        op = self._start()
        self._set_running(True, self.tr("正在发证…"))
        op.on_success(lambda result: self._certificates_issued(result, out, then)).on_failure(
            self._failed).run(lambda: svc.print_certificates(
                db, actor=actor, class_id=class_id, early_reason=early, out=out,
                progress=op.progress, cancel=op.cancelled))

    def _certificates_issued(self, result: dict, out: Path, then) -> None:
        self._set_running(False)
        self.result, self.pdf_path = result, out
        self.preview.load(out)
        self._set_done(True)
        self._show_certificate_notes(result)
        self.status.setText(self._summary(result))
        then()

    def _printed(self, pages: int) -> None:
        self._set_running(False)
        self._set_done(True)
        self.status.setText(self.tr("已发送 %1 页到打印机").replace("%1", str(pages)))
        if self.current_kind() == "cards" and self.pending_card_ids:
            self._confirm_cards_printed()

    def _confirm_cards_printed(self) -> None:
        ids, db, actor = list(self.pending_card_ids), self.ctx.db, self.ctx.user.name
        if not self.ask(self, self.tr("学习卡打印好了吗？"), self.tr(
                "%1 张学习卡都已正常打印出来了吗？\n选“是”，这些学员就不再列入“尚未打印”；"
                "选“否”，可以稍后重新打印。").replace("%1", str(len(ids)))):
            self.status.setText(self.tr("未记为已打印：这些学员仍在“尚未打印”中，可以重新打印。"))
            return
        Op(self.ctx, self).on_success(self._cards_recorded).on_failure(
            lambda exc: self.status.setText(str(exc))).run(
            lambda: svc.record_cards_printed(db, actor=actor, learner_ids=ids))

    def _cards_recorded(self, count: int) -> None:
        self.pending_card_ids = []
        self.status.setText(self.tr("已记为已打印：%1 张学习卡").replace("%1", str(count)))

    def _print_failed(self, exc: BaseException) -> None:
        self._set_running(False)
        self._set_done(self.pdf_path is not None)
        if isinstance(exc, Cancelled):
            self.status.setText(self.tr("已取消打印"))
        else:
            self.status.setText(self.tr("打印失败：%1").replace("%1", str(exc) or repr(exc)))
