"""Once damage was found in the database file, the desk refuses sign-ins in plain words
(issue 16, item 4) instead of writing them into the damaged file."""
from __future__ import annotations

from PySide6.QtCore import Qt

from ccschool.safety import health
from ccschool.ui.ops.background import SyncRunner
from ccschool.ui.shell.context import AppContext, CurrentUser


def test_the_desk_refuses_sign_ins_once_damage_was_found(qtbot, db, live_scene):
    from ccschool.ui.checkin.page import CheckinPage

    ctx = AppContext(db=db, run_in_background=SyncRunner(), user=CurrentUser("王老师", "staff"))
    page = CheckinPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    health.mark_damaged(db.path, "attendance: database disk image is malformed")
    qtbot.keyClicks(page.input, live_scene.payloads["张三"])
    qtbot.keyClick(page.input, Qt.Key.Key_Return)
    assert page.banner.severity == "error"
    assert "已停止录入" in page.banner.outcome.text() and "不要删除" in page.banner.outcome.text()
    assert page.banner.count.text() == "已到 0 / 5"
    with db.read() as s:
        assert s.connection().exec_driver_sql("SELECT count(*) FROM attendance").scalar() == 0
