"""The 手机签到 window on the check-in desk: QR, code, PIN; a phone's sign-in shows at once."""
from __future__ import annotations

import socket

import pytest
from PySide6.QtCore import Qt

from ccschool.ui.ops.background import SyncRunner
from ccschool.ui.shell.context import AppContext, CurrentUser
from tests.lan.conftest import Phone, sign_in
from tests.tablecells import cell


@pytest.fixture
def page(qtbot, db, lan_scene):
    from ccschool.ui.checkin.page import CheckinPage

    ctx = AppContext(db=db, run_in_background=SyncRunner(), user=CurrentUser("王老师", "staff"))
    widget = CheckinPage(ctx)
    widget.lan_host = "127.0.0.1"  # tests never listen on a real network address
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_phone_sign_in_reaches_the_desk_and_closing_stops_the_server(qtbot, page, lan_scene):
    qtbot.mouseClick(page.buttons["phone"], Qt.MouseButton.LeftButton)
    panel = page.phone_panel
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.code.text() != "", timeout=5000)
    server = panel.server
    assert not panel.qr.pixmap().isNull() and panel.qr.pixmap().width() > 300
    assert panel.url.text() == server.base_url + "/"
    assert server.base_url.startswith("http://127.0.0.1:")
    assert server.room.tokens.token_for_code(panel.code.text()) is not None  # a live code
    assert server.pin in panel.pin.text()
    assert "智能手机使用" in panel.title.text() and "移动热点" in panel.help.text()
    assert page.focusWidget() is page.input  # the scanner still types into the desk

    with qtbot.waitSignal(panel.signed_in, timeout=10000):
        status, html, _ = sign_in(Phone(server.base_url), server.current().url, card="T000001")
    assert "签到成功" in html
    qtbot.waitUntil(lambda: page.banner.count.text() == "已到 1 / 5", timeout=5000)
    assert page.banner.name.text() == "张三" and page.banner.severity == "ok"
    assert cell(page.table, 0, 1) == "张三" and cell(page.table, 0, 4) == "手机"
    assert "1 人" in panel.count.text()
    panel.toggle_full_screen()
    assert panel.isFullScreen() and panel.full_button.text() == "退出全屏"
    panel.toggle_full_screen()
    assert not panel.isFullScreen()

    port = server.port
    panel.close()
    assert page.phone_panel is None and panel.server is None
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
