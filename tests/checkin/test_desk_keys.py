"""The desk's buttons have function keys (F2…F9, F5 skipped), named in their tooltips, that work while the
cursor stays in the scan box (a scanner types only letters, digits and Enter)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from ccschool.ui.ops.background import SyncRunner
from ccschool.ui.shell.context import AppContext, CurrentUser


@pytest.fixture
def page(qtbot, db, live_scene):
    from ccschool.ui.checkin.page import CheckinPage

    ctx = AppContext(db=db, run_in_background=SyncRunner(), user=CurrentUser("王老师", "staff"))
    widget = CheckinPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    widget.show()
    widget.activateWindow()  # a window shortcut works in the active window only
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
    return widget


def test_function_keys_in_order_and_in_the_tooltips(page):
    keys = [page.buttons[k].shortcut().toString() for k in
            ("mark", "excuse", "sheet", "undo", "close", "camera", "phone")]
    assert keys == ["F2", "F3", "F4", "F6", "F7", "F8", "F9"]  # F5 means refresh elsewhere
    assert page.buttons["mark"].toolTip() == "F2"
    page.check_devices()  # the camera's tooltip says why it is off, and still names its key
    assert page.buttons["camera"].toolTip().endswith("（F8）")


def test_f2_opens_sign_in_by_name_with_the_cursor_in_the_search(page, qtbot):
    assert page.input.hasFocus()
    # through the window system, as a real key press: shortcuts see it
    QTest.keyClick(page.windowHandle(), Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: page.dialog is not None)  # a key "clicks" the button animated
    dialog = page.dialog
    assert dialog.windowTitle().startswith("按姓名签到")
    qtbot.waitUntil(lambda: dialog.query.hasFocus())
    assert dialog.chosen_row() is None
    dialog.reject()
