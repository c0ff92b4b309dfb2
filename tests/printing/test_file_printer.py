"""CCSCHOOL_PRINT_TO_DIR: 打印 writes PDF files into a folder instead of opening the print
dialog (a computer without a printer driver yet; the X walkthrough), and the page's keys."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from ccschool.ui.ops.background import SyncRunner
from ccschool.ui.printing.page import PrintPage
from ccschool.ui.shell.context import AppContext
from ccschool.ui.widgets.pdf_preview import PRINT_TO_DIR, file_printer
from tests.printing.conftest import decode, render


@pytest.fixture
def page(qtbot, db, school):
    ctx = AppContext(db=db, run_in_background=SyncRunner())
    widget = PrintPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    return widget


def test_without_the_variable_there_is_no_file_printer(monkeypatch):
    monkeypatch.delenv(PRINT_TO_DIR, raising=False)
    assert file_printer("cards-1.pdf") is None


def test_prints_go_to_files_in_the_folder_never_overwritten(page, tmp_path, monkeypatch,
                                                             out_dir):
    folder = tmp_path / "printed"
    monkeypatch.setenv(PRINT_TO_DIR, str(folder))
    # the print dialog must not open: it would block here, so fail loudly instead
    monkeypatch.setattr(QPrintDialog, "exec", lambda *_a: pytest.fail("print dialog opened"))
    page.ask = lambda *_a: False  # "did they come out?" not yet: print again
    page.generate_button.click()
    page.print_document()
    page.print_document()
    files = sorted(folder.iterdir())
    assert [f.name for f in files] == ["cards-1-2.pdf", "cards-1.pdf"]
    for f in files:  # the very pages a printer gets: six cards that scan
        pages = render(f, out_dir)
        assert len(decode(pages[0])) == 6
        for png in pages:
            png.unlink()
    assert page.status.text().startswith("未记为已打印")


def test_keys_reach_the_steps_and_are_named_in_tooltips(page, qtbot):
    page.show()
    page.activateWindow()  # a window shortcut works in the active window only
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    assert page.generate_button.toolTip() == "Ctrl+G"
    assert "Ctrl+K" in page.card_numbers.toolTip()
    # through the window system, as a real key press: shortcuts see it
    QTest.keyClick(page.windowHandle(), Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert page.card_radios["cards"].isChecked() and page.card_numbers.hasFocus()
