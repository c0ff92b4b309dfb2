"""The Print page as a coordinator uses it: choose, generate, look, print or save, cancel."""
from __future__ import annotations

import subprocess
import threading
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter
from sqlalchemy import func, select

from ccschool.models import Learner, OutboxEntry, utcnow
from ccschool.ui.ops.background import BackgroundRunner, SyncRunner
from ccschool.ui.shell.context import AppContext
from ccschool.ui.printing.page import PrintPage
from ccschool.ui.ops import Change
from tests.printing.conftest import decode, pdf_flat_text, render


@pytest.fixture
def page(qtbot, db, school):
    ctx = AppContext(db=db, run_in_background=SyncRunner())
    widget = PrintPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    return widget


def test_cards_preview_then_save(page, tmp_path, out_dir):
    page.generate_button.click()
    assert page.status.text() == "已生成 6 张学习卡，共 1 页"
    assert page.preview.page_count == 1
    assert not page.preview.image_label.pixmap().isNull()
    page.grab().save(str(tmp_path / "print-page.png"))
    saved = page.save_pdf(tmp_path / "cards.pdf")
    assert len(decode(render(saved, out_dir)[0])) == 6
    page.generate_button.click()  # a preview (or a saved PDF) is not a print: still all six
    assert page.status.text() == "已生成 6 张学习卡，共 1 页"
    page.ask = lambda *_a: True  # "did the cards come out?" yes
    page.print_document(pdf_printer(tmp_path / "printed.pdf"))
    assert page.status.text() == "已记为已打印：6 张学习卡"
    page.generate_button.click()  # every card is printed now: the page says so, no dialog
    assert page.status.text() == "没有需要打印学习卡的学员"
    assert not page.save_button.isEnabled()


def pdf_printer(path):
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def _printed_count(db) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(Learner).where(
            Learner.last_card_print_at.is_not(None)))


def _outbox(db) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(OutboxEntry))


def test_a_preview_marks_nothing_and_a_print_counts_only_when_confirmed(page, db, tmp_path):
    """Issue 17.3: previewing cards left them out of 尚未打印 and queued upload records."""
    outbox = _outbox(db)
    page.generate_button.click()
    page.generate_button.click()
    assert _printed_count(db) == 0 and _outbox(db) == outbox
    asked = []
    page.ask = lambda _parent, _title, text: asked.append(text) or False  # it jammed
    page.print_document(pdf_printer(tmp_path / "printed.pdf"))
    assert "6 张学习卡" in asked[0] and _printed_count(db) == 0 and _outbox(db) == outbox
    assert "未记为已打印" in page.status.text()
    page.ask = lambda *_a: True
    page.print_document(pdf_printer(tmp_path / "again.pdf"))
    assert _printed_count(db) == 6 and _outbox(db) > outbox


def test_closing_the_page_removes_its_previews(page):
    """The previews' folder goes when the page closes, not whenever the garbage collector finds
    it (tempfile's "Implicitly cleaning up" ResourceWarning; run with -W error::ResourceWarning)."""
    page.generate_button.click()
    folder = page.pdf_path.parent
    assert folder.name.startswith("ccschool-print-") and page.pdf_path.is_file()
    page.close()
    assert not folder.exists()
    assert page.pdf_path is None and not page.save_button.isEnabled()  # nothing left to save
    page.show()
    page.generate_button.click()  # opened again: a new preview in a new folder
    assert page.pdf_path.is_file() and page.pdf_path.parent != folder


def test_changing_what_to_print_drops_the_preview(page):
    page.generate_button.click()
    assert page.print_button.isEnabled() and page.preview.page_count == 1
    page.set_kind("signin")
    assert not page.print_button.isEnabled() and not page.save_button.isEnabled()
    assert page.preview.page_count == 0 and page.pdf_path is None
    page.generate_button.click()
    assert "签到" in pdf_flat_text(page.pdf_path) and page.print_button.isEnabled()
    page.signin_session_combo.setCurrentIndex(0)  # another session: the old sheet goes
    assert not page.print_button.isEnabled()


def test_signin_sheet_defaults_to_the_next_session(qtbot, db, school):
    import datetime as dt

    from ccschool.models import ClassSession
    from ccschool import clock

    today = clock.today()
    with db.transaction(actor="admin") as s:
        for days, topic in ((-1, "昨天"), (1, "明天"), (8, "下周")):
            s.add(ClassSession(class_id=school.class_id, date=today + dt.timedelta(days=days),
                               start_time=dt.time(14), end_time=dt.time(15), hours=1,
                               topic=topic))
    page = PrintPage(AppContext(db=db, run_in_background=SyncRunner()))
    qtbot.addWidget(page)
    page.set_kind("signin")
    assert page.signin_session_combo.currentText().endswith("明天")


def test_preview_zooms(page):
    page.generate_button.click()
    width = page.preview.image_label.pixmap().width()
    page.preview.zoom_in_button.click()
    page.preview.zoom_in_button.click()
    assert page.preview.image_label.pixmap().width() > 1.5 * width
    page.preview.fit_button.click()
    assert page.preview.image_label.pixmap().width() == width


def test_printing_runs_off_the_gui_thread_and_can_be_cancelled(qtbot, db, tmp_path):
    add_learners(db, 40)
    runner = BackgroundRunner()
    page = PrintPage(AppContext(db=db, run_in_background=SyncRunner(), run_long=runner))
    qtbot.addWidget(page)
    page.card_radios["all"].setChecked(True)
    page.generate_button.click()
    qtbot.waitUntil(lambda: page.pdf_path is not None, timeout=30000)
    # the worker holds after the first page until Cancel was clicked (no race on a busy machine)
    clicked, start = threading.Event(), page._start

    def held_start():  # the job's progress reporter, on the worker, waits after page 1
        op = start()
        report = op.progress
        op.progress = lambda done, total, detail=None: (report(done, total, detail),
                                                        done == 1 and clicked.wait(30))
        return op
    page._start = held_start
    page.ask = lambda *_a: pytest.fail("a cancelled print asks nothing")
    page.print_document(pdf_printer(tmp_path / "printed.pdf"))
    assert page.is_running() and page.cancel_button.isEnabled()  # print returned at once
    qtbot.waitUntil(lambda: page.progress.value() == 1, timeout=30000)
    page.cancel_button.click()
    clicked.set()
    qtbot.waitUntil(lambda: not page.is_running(), timeout=30000)
    assert page.status.text() == "已取消打印" and _printed_count(db) == 0
    assert page.print_button.isEnabled()  # the preview is still there to print again
    runner.wait()


def test_the_spooled_print_is_small(page, db, tmp_path):
    """300 cards went to the printer as 31 MB of 300 dpi JPEG; black and white is 1 bit."""
    add_learners(db, 24)
    page.card_radios["all"].setChecked(True)
    page.generate_button.click()
    page.ask = lambda *_a: False
    page.print_document(pdf_printer(tmp_path / "printed.pdf"))
    info = subprocess.run(["pdfinfo", str(tmp_path / "printed.pdf")], capture_output=True,
                          text=True, check=True).stdout
    assert "Pages:           3" in info  # 30 cards
    assert (tmp_path / "printed.pdf").stat().st_size < 3 * 150_000  # was over 1 MB a page


def _certificates(db) -> list[str]:
    from ccschool.models import Certificate

    with db.read() as s:
        return sorted(s.scalars(select(Certificate.cert_no)).all())


def test_certificates_show_who_does_not_qualify(page, qtbot, tmp_path, db):
    page.set_kind("certificates")
    assert "王五：出勤 6/10 < 80%" in page.notes.toPlainText()
    assert page.sessions_left.isHidden() and page.early_check.isHidden()  # the class has ended
    page.generate_button.click()
    assert page.status.text() == "4 张结业证书的预览：打印或保存时才正式发证"
    notes = page.notes.toPlainText()
    assert "ST01-C000004  张三（预览编号）" in notes and "赵六：出勤 0/10 < 80%" in notes
    assert page.preview.page_count == 4


def test_a_certificate_preview_issues_nothing_the_print_issues_when_confirmed(page, qtbot, db,
                                                                             tmp_path):
    """Issue 17.3 for certificates: a preview used up numbers and queued upload records."""
    page.set_kind("certificates")
    outbox = _outbox(db)
    page.generate_button.click()
    page.generate_button.click()
    assert _certificates(db) == [] and _outbox(db) == outbox
    assert "预览：编号在打印时正式发放" in pdf_flat_text(page.pdf_path)
    page.ask = lambda *_a: False  # "issue 4 certificates?" no
    page.print_document(pdf_printer(tmp_path / "no.pdf"))
    assert _certificates(db) == [] and not (tmp_path / "no.pdf").exists()
    assert "未发证" in page.status.text()
    asked = []
    page.ask = lambda _parent, _title, text: asked.append(text) or True
    with qtbot.waitSignal(page.ctx.signals.records_changed) as signal:
        page.print_document(pdf_printer(tmp_path / "printed.pdf"))
    assert signal.args[0].touches(Change.CERTIFICATE) and "4 张新的结业证书" in asked[0]
    assert _certificates(db) == [f"ST01-C00000{i}" for i in range(1, 5)]
    assert page.status.text() == "已发送 4 页到打印机" and _outbox(db) > outbox
    printed = pdf_flat_text(page.pdf_path)  # what went to the printer (which rasterises it)
    assert "ST01-C000001" in printed and "预览" not in printed
    assert "Pages:           4" in subprocess.run(["pdfinfo", str(tmp_path / "printed.pdf")],
                                                  capture_output=True, text=True).stdout
    asked.clear()  # printing again re-prints the same numbers and asks nothing
    page.print_document(pdf_printer(tmp_path / "again.pdf"))
    assert asked == [] and len(_certificates(db)) == 4


def _future_session(db, school):
    import datetime as dt

    from ccschool.models import ClassSession

    with db.transaction(actor="admin") as s:
        for days in (20, 27):
            s.add(ClassSession(class_id=school.class_id,
                               date=dt.date.today() + dt.timedelta(days=days),
                               start_time=dt.time(14), end_time=dt.time(15, 30), hours=1.5,
                               topic="结业式", state="planned"))


def test_early_completion_needs_the_box_and_a_reason(page, qtbot, db, school, tmp_path):
    """Issue 17.12: a class with sessions to come says so, and issues only as 提前结业."""
    _future_session(db, school)
    page.refresh()
    page.set_kind("certificates")
    assert not page.sessions_left.isHidden() and not page.early_check.isHidden()
    assert "还有 2 次课未上" in page.sessions_left.text()
    assert not page.early_reason.isEnabled()
    page.generate_button.click()
    assert "还有 2 次课未上" in page.status.text() and "提前结业" in page.status.text()
    assert not page.print_button.isEnabled() and _certificates(db) == []
    page.early_check.setChecked(True)
    assert page.early_reason.isEnabled()
    page.generate_button.click()  # ticked but no reason: still refused
    assert "还有 2 次课未上" in page.status.text()
    page.early_reason.setText("学员外出务工")
    page.generate_button.click()
    assert page.status.text().startswith("4 张结业证书的预览")
    page.ask = lambda *_a: True
    page.print_document(pdf_printer(tmp_path / "printed.pdf"))
    assert len(_certificates(db)) == 4
    from ccschool.models import AuditEntry
    with db.read() as s:
        after = s.scalars(select(AuditEntry.after).where(
            AuditEntry.action == "certificate.issue")).all()
    assert len(after) == 4 and all("学员外出务工" in a for a in after)


def test_saving_certificates_issues_them_too(page, db, tmp_path):
    page.set_kind("certificates")
    page.generate_button.click()
    page.ask = lambda *_a: True
    saved = page.save_pdf(tmp_path / "certs.pdf")
    assert saved == tmp_path / "certs.pdf" and len(_certificates(db)) == 4
    assert "预览" not in pdf_flat_text(saved)


def test_signin_sheet_goes_to_a_printer(page, tmp_path):
    page.set_kind("signin")
    page.signin_session_combo.setCurrentIndex(2)
    page.generate_button.click()
    page.print_document(pdf_printer(tmp_path / "printed.pdf"))
    assert page.status.text() == "已发送 1 页到打印机"
    info = subprocess.run(["pdfinfo", str(tmp_path / "printed.pdf")], capture_output=True,
                          text=True, check=True).stdout
    assert "Pages:           1" in info and "595" in info  # one A4 page went to the printer


def test_transcript_for_an_unknown_card_says_so(page):
    page.set_kind("transcript")
    page.transcript_card.setText("NOPE1")
    page.generate_button.click()
    assert page.status.text() == "找不到卡号 NOPE1"
    assert page.pdf_path is None


def test_transcript_by_card(page, school):
    page.set_kind("transcript")
    page.transcript_card.setText(school.cards["李䶮"])
    page.generate_button.click()
    assert "李䶮" in pdf_flat_text(page.pdf_path)


def add_learners(db, count: int) -> None:
    """`count` learners with active cards, inserted table by table (one flush each)."""
    from ccschool.models import Learner, LearningCard, Person
    from ccschool.services.site import get_site

    with db.transaction(actor="admin") as s:
        prefix = get_site(s).card_prefix
        people = [Person(name=f"学员{n:04d}", pinyin_full=f"xueyuan{n:04d}") for n in range(count)]
        learners = [Learner(person_id=p.id, card_no=f"{prefix}{1000 + n:06d}")
                    for n, p in enumerate(people)]
        cards = [LearningCard(card_no=lr.card_no, learner_id=lr.id, issued_at=utcnow())
                 for lr in learners]
        for rows in (people, learners, cards):
            s.add_all(rows)
            s.flush()


def _pdfs(page):
    """Every PDF the page has written (finished or not) in its working folder."""
    return sorted(p.name for p in Path(page._tmp.name).iterdir())


@pytest.mark.slow
def test_thousand_cards_off_the_gui_thread_cancel_then_finish(qtbot, db, tmp_path):
    add_learners(db, 1000)
    runner = BackgroundRunner()
    page = PrintPage(AppContext(db=db, run_in_background=runner))
    qtbot.addWidget(page)
    page.card_radios["all"].setChecked(True)
    # The worker waits after its first card until Cancel has been clicked: on a loaded machine
    # the GUI could otherwise first see progress when all 1,000 cards were already drawn.
    clicked, start = threading.Event(), page._start

    def held_start():  # the job's progress reporter, on the worker, waits after page 1
        op = start()
        report = op.progress
        op.progress = lambda done, total, detail=None: (report(done, total, detail),
                                                        done == 1 and clicked.wait(30))
        return op
    page._start = held_start

    page.generate_button.click()
    assert page.is_running() and page.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: page.progress.value() > 0, timeout=30000)  # the GUI stays live
    page.cancel_button.click()
    clicked.set()
    qtbot.waitUntil(lambda: not page.is_running(), timeout=30000)
    assert page.status.text() == "已取消，未生成文件"
    assert _pdfs(page) == [] and page.pdf_path is None
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Learner).where(
            Learner.last_card_print_at.is_not(None))) == 0

    page.generate_button.click()
    qtbot.waitUntil(lambda: not page.is_running(), timeout=120000)
    assert page.status.text() == "已生成 1000 张学习卡，共 100 页"
    assert page.preview.page_count == 100
    runner.wait()


def test_bundled_fonts_register_with_qt(qapp):
    from ccschool.ui.shell.app_fonts import register_app_fonts

    families = register_app_fonts()
    assert "WenQuanYi Micro Hei" in families and "CCSchool Rare Han" in families


def test_page_reads_in_english(qtbot, qapp, db, school):
    from ccschool.ui.shell.app import install_translators

    install_translators(qapp, "en")
    try:
        page = PrintPage(AppContext(db=db, run_in_background=SyncRunner()))
        qtbot.addWidget(page)
        assert page.generate_button.text() == "Preview"
        assert page.kind_combo.itemText(1) == "Certificates"
    finally:
        install_translators(qapp, "zh_CN")
