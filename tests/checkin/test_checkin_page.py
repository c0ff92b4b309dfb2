"""The check-in desk as staff use it: scanner keystrokes, banner, count, list, dialogs."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from ccschool.services.attendance import desk, marking
from ccschool.ui.ops.background import SyncRunner
from ccschool.ui.shell.context import AppContext, CurrentUser
from tests.tablecells import cell, current_row, rows


@pytest.fixture
def page(qtbot, db, live_scene):
    from ccschool.ui.checkin.page import CheckinPage

    ctx = AppContext(db=db, run_in_background=SyncRunner(), user=CurrentUser("王老师", "staff"))
    widget = CheckinPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def scan(qtbot, page, payload, end=Qt.Key.Key_Return):
    qtbot.keyClicks(page.input, payload)
    qtbot.keyClick(page.input, end)


def test_opens_on_the_running_session_with_focus_in_the_input(page, live_scene):
    assert page.session_id == live_scene.session_id
    assert page.banner.count.text() == "已到 0 / 5"
    assert page.input.hasFocus()


def test_scan_and_enter_shows_name_green_and_counts(qtbot, page, live_scene):
    scan(qtbot, page, live_scene.payloads["张三"])
    assert page.banner.name.text() == "张三"
    assert page.banner.severity == "ok" and "签到成功" in page.banner.outcome.text()
    assert page.banner.count.text() == "已到 1 / 5"
    assert rows(page.table) == 1 and cell(page.table, 0, 1) == "张三"
    assert page.input.text() == "" and page.input.hasFocus()
    scan(qtbot, page, live_scene.payloads["李四"], end=Qt.Key.Key_Tab)  # Tab-ending scanner
    assert page.banner.count.text() == "已到 2 / 5"
    assert cell(page.table, 0, 1) == "李四"  # newest first
    assert page.input.hasFocus()


def test_a_scan_keeps_the_row_the_staff_selected(qtbot, page, live_scene):
    """The list grows by one row at the top; the selection follows its sign-in, so "undo the
    selected sign-in" never hits someone who scanned meanwhile."""
    scan(qtbot, page, live_scene.payloads["张三"])
    page.table.selectRow(0)
    scan(qtbot, page, live_scene.payloads["李四"])
    assert [cell(page.table, i, 1) for i in range(2)] == ["李四", "张三"]
    assert cell(page.table, current_row(page.table), 1) == "张三"
    assert [i.row() for i in page.table.selectionModel().selectedRows()] == [1]
    # the banner is painted the colour of the outcome (no style sheet per scan)
    image = page.banner.grab().toImage()
    assert image.pixelColor(image.width() // 2, 4).name() == "#1e7d32"


def test_a_scan_inserts_one_row_without_rebuilding_the_list(qtbot, qtmodeltester, page,
                                                           live_scene):
    """The list is a table view over the one RowsModel: a scan inserts its row at the top (the
    model is not reset, so nothing else is laid out again), and undo takes the selected one."""
    scan(qtbot, page, live_scene.payloads["张三"])
    scan(qtbot, page, live_scene.payloads["李四"])
    qtmodeltester.check(page.model)
    resets, inserted = [], []
    page.model.modelReset.connect(lambda: resets.append(1))
    page.model.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
    scan(qtbot, page, live_scene.payloads["王秀英"])
    assert inserted == [(0, 0)] and not resets
    assert [cell(page.table, i, 1) for i in range(3)] == ["王秀英", "李四", "张三"]
    assert page.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == cell(page.table, 0, 0)
    qtmodeltester.check(page.model)
    rect = page.table.visualRect(page.model.index(1, 1))  # 李四
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    page.activateWindow()  # a window shortcut works in the active window only
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    QTest.keyClick(page.windowHandle(), Qt.Key.Key_F6)  # 撤销所选签到, as a real key press
    qtbot.waitUntil(lambda: page.dialog is not None)
    assert "李四" in page.dialog.labelText()
    page.dialog.setTextValue("扫错了")
    page.dialog.accept()
    assert [cell(page.table, i, 1) for i in range(rows(page.table))] == ["王秀英", "张三"]
    assert page.banner.count.text() == "已到 2 / 5"


def test_scanner_without_enter_is_taken_after_a_pause(qtbot, page, live_scene):
    qtbot.keyClicks(page.input, live_scene.payloads["王秀英"])
    qtbot.waitUntil(lambda: page.banner.name.text() == "王秀英", timeout=2000)
    assert page.banner.count.text() == "已到 1 / 5"


def test_duplicate_is_amber_and_garbage_is_red(qtbot, page, live_scene):
    scan(qtbot, page, live_scene.payloads["张三"])
    scan(qtbot, page, live_scene.payloads["张三"])
    assert page.banner.severity == "warn" and "已签到过" in page.banner.outcome.text()
    assert rows(page.table) == 1
    scan(qtbot, page, "CCS1:TEST01:T000001:AAAAAAAA")
    assert page.banner.severity == "error" and "伪造" in page.banner.outcome.text()


def test_walk_in_in_one_step(qtbot, page, live_scene):
    scan(qtbot, page, live_scene.payloads["赵六"])
    assert page.banner.severity == "warn" and page.banner.walk_in.isVisible()
    qtbot.mouseClick(page.banner.walk_in, Qt.MouseButton.LeftButton)
    assert page.banner.severity == "ok" and page.banner.name.text() == "赵六"
    assert page.banner.count.text() == "已到 1 / 6" and not page.banner.walk_in.isVisible()


def test_mark_by_pinyin_and_excuse_with_reason(qtbot, page):
    dialog = page.open_mark_dialog()
    qtbot.keyClicks(dialog.query, "wxy")
    assert dialog.results.count() == 1 and "王秀英" in dialog.results.item(0).text()
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)  # the only match is chosen, not yet counted
    assert dialog.isVisible() and dialog.chosen.text().startswith("王秀英")
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    assert page.dialog is None and page.banner.count.text() == "已到 1 / 5"
    assert cell(page.table, 0, 3) == "出勤" and cell(page.table, 0, 4) == "手工"
    dialog = page.open_mark_dialog("excused")
    dialog.query.setText("刘")  # QTest types ASCII only; an IME would commit the text
    dialog.results.setCurrentRow(0)
    dialog.accept()
    assert "原因" in dialog.error.text()  # 请假 needs a reason; the dialog stays open
    dialog.reason.setText("住院")
    dialog.accept()
    assert cell(page.table, 0, 1) == "刘洋" and cell(page.table, 0, 3) == "请假"
    assert page.banner.count.text() == "已到 1 / 5"


def test_mark_dialog_selects_nobody_until_the_user_picks(qtbot, page, live_scene, db):
    """Issue 17.1: typing goes into the search, OK signs in nobody until a row is picked, and
    the picked name is shown large before it counts."""
    dialog = page.open_mark_dialog()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.query)
    qtbot.keyClicks(QApplication.focusWidget(), "l")  # typing lands in the search
    assert dialog.query.text() == "l"
    assert dialog.results.count() >= 1 and dialog.results.selectedItems() == []
    assert not dialog.ok_button.isEnabled() and dialog.chosen.text() == "尚未选择学员"
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)  # several matches: Enter counts nobody
    dialog.accept()
    assert dialog.isVisible() and dialog.error.text() == "请先选择学员"
    with db.read() as s:
        assert desk.signins(s, session_id=live_scene.session_id) == []
    dialog.results.setCurrentRow(0)
    name = dialog.chosen_row().name
    assert dialog.chosen.text().startswith(name) and dialog.ok_button.isEnabled()
    assert dialog.chosen.font().pointSizeF() >= 1.5 * dialog.query.font().pointSizeF()
    dialog.query.setText("wxy")  # a new search drops the choice
    assert dialog.chosen_row() is None and not dialog.ok_button.isEnabled()


def test_sign_in_by_name_after_the_late_limit_is_late(qtbot, db):
    from ccschool.ui.checkin.page import CheckinPage
    from tests.checkin.conftest import build_scene, started_minutes_ago

    scene = build_scene(db, start=started_minutes_ago(40))
    ctx = AppContext(db=db, run_in_background=SyncRunner(), user=CurrentUser("王老师", "staff"))
    page = CheckinPage(ctx)
    qtbot.addWidget(page)
    page.show()
    dialog = page.open_mark_dialog()
    qtbot.keyClicks(dialog.query, "zs")
    dialog.results.setCurrentRow(0)
    dialog.accept()
    assert cell(page.table, 0, 1) == "张三" and cell(page.table, 0, 4) == "手工"
    if scene.start.hour or scene.start.minute:  # (just after midnight the session began at 0:00)
        assert cell(page.table, 0, 3) == "迟到"


def test_a_typed_card_number_in_the_scan_box_signs_in(qtbot, page, live_scene):
    """Issue 17.7: the number printed on the card, typed and Enter."""
    scan(qtbot, page, "T000003")
    assert page.banner.name.text() == "王秀英"
    assert cell(page.table, 0, 1) == "王秀英" and cell(page.table, 0, 4) == "手工"


def test_paper_sheet_typed_by_row_number_and_card_tail(qtbot, page, live_scene, db):
    """Issue 17.11: rows typed from the sheet (row number or card tail + Enter), each with its
    own status chosen by Ctrl+1…4; saved together."""
    scan(qtbot, page, live_scene.payloads["张三"])
    dialog = page.open_sheet_dialog()
    qtbot.waitUntil(dialog.entry.hasFocus)
    assert dialog.session_id() == live_scene.session_id
    names = [cell(dialog.table, r, 1) for r in range(rows(dialog.table))]
    assert len(names) == 5 and cell(dialog.table, names.index("张三"), 3) == "出勤"
    row_of = {n: str(i + 1) for i, n in enumerate(names)}
    qtbot.keyClicks(dialog.entry, row_of["李四"])
    qtbot.keyClick(dialog.entry, Qt.Key.Key_Return)
    qtbot.keyClick(dialog.entry, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # 迟到
    assert dialog.status() == "late"
    tail = dialog.rows[names.index("曾国华")].card_no[-3:]
    qtbot.keyClicks(dialog.entry, tail)
    qtbot.keyClick(dialog.entry, Qt.Key.Key_Return)
    assert dialog.summary.text() == "本次录入 2 人，共 5 人"
    dialog.accept()
    assert page.banner.count.text() == "已到 3 / 5"
    with db.read() as s:
        marks = {r.name: (r.status, r.method) for r in desk.signins(
            s, session_id=live_scene.session_id)}
    assert marks["李四"] == ("present", "paper") and marks["曾国华"] == ("late", "paper")


def test_paper_sheet_double_click_marks_a_row_in_blue_until_saved(qtbot, qtmodeltester, page,
                                                                  live_scene, db):
    """The sheet is a table view over the one RowsModel: a double click marks that row with the
    chosen status (blue, ✎), only the status cell changes colour, and the selection follows."""
    from ccschool.ui.checkin.paper_sheet import TYPED

    dialog = page.open_sheet_dialog()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(dialog.entry.hasFocus)
    view, model = dialog.table, dialog.model
    qtmodeltester.check(model)
    assert [cell(view, r, 0) for r in range(rows(view))] == ["1", "2", "3", "4", "5"]
    qtbot.keyClick(dialog.entry, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)  # 请假
    rect = view.visualRect(model.index(3, 1))
    # a double click as the window system delivers it: press and release, then the double click
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert cell(view, 3, 3) == "请假 ✎" and dialog.summary.text() == "本次录入 1 人，共 5 人"
    assert model.index(3, 3).data(Qt.ItemDataRole.ForegroundRole) == TYPED
    assert model.index(3, 1).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(2, 3).data(Qt.ItemDataRole.ForegroundRole) is None
    assert [i.row() for i in view.selectionModel().selectedRows()] == [3]
    qtmodeltester.check(model)
    name = cell(view, 3, 1)
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save),
                     Qt.MouseButton.LeftButton)
    with db.read() as s:
        marks = {r.name: r.status for r in desk.signins(s, session_id=live_scene.session_id)}
    assert marks == {name: "excused"}


def test_paper_sheet_for_a_session_days_ago_with_every_status(db, live_scene):
    """A village sheet brought in later: a session of last week, 出勤/迟到/请假/缺勤 per row."""
    import datetime as dt

    from ccschool.models import ClassSession

    with db.transaction(actor="admin") as s:
        old = ClassSession(class_id=live_scene.class_id, hours=1.5, state="held",
                           date=dt.date.today() - dt.timedelta(days=6),
                           start_time=dt.time(9), end_time=dt.time(10, 30))
        s.add(old)
    ids = live_scene.learners
    entries = {ids["张三"]: "present", ids["李四"]: "late", ids["曾国华"]: "excused",
               ids["刘洋"]: "absent"}
    with db.transaction(actor="王老师") as s:
        assert marking.enter_paper_sheet(s, session_id=old.id, entries=entries) == 4
    with db.transaction(actor="王老师") as s:  # the same sheet again changes nothing
        assert marking.enter_paper_sheet(s, session_id=old.id, entries=entries) == 0
    with db.read() as s:
        got = {r.learner_id: r.status for r in desk.signins(s, session_id=old.id)}
    assert got == entries


def test_a_paper_sheet_for_a_session_still_to_come_is_refused(db, live_scene):
    import datetime as dt

    from ccschool.errors import ValidationError
    from ccschool.models import ClassSession

    with db.transaction(actor="admin") as s:
        later = ClassSession(class_id=live_scene.class_id, hours=1.5,
                             date=dt.date.today() + dt.timedelta(days=7),
                             start_time=dt.time(9), end_time=dt.time(10, 30))
        s.add(later)
    with pytest.raises(ValidationError, match="还没有上"), db.transaction(actor="王老师") as s:
        marking.enter_paper_sheet(s, session_id=later.id,
                                     entries={live_scene.learners["张三"]: "present"})


def test_undo_selected_sign_in(qtbot, page, live_scene):
    scan(qtbot, page, live_scene.payloads["张三"])
    page.table.selectRow(0)
    page.undo_selected()
    page.dialog.setTextValue("扫错了")
    page.dialog.accept()
    assert rows(page.table) == 0 and page.banner.count.text() == "已到 0 / 5"
    assert page.input.hasFocus()


def test_close_session_marks_the_rest_absent(qtbot, page, live_scene, db):
    scan(qtbot, page, live_scene.payloads["张三"])
    page.close_session()
    yes = page.dialog.button(page.dialog.StandardButton.Yes)
    qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)
    assert "缺勤 4" in page.banner.outcome.text()
    assert rows(page.table) == 5
    scan(qtbot, page, live_scene.payloads["李四"])
    assert page.banner.severity == "error"  # closed: no more scanning, correct by name instead


def test_no_camera_disables_the_button_and_says_why(qtbot, page):
    qtbot.waitUntil(lambda: page.devices_checked)  # looked for after the first paint
    button = page.buttons["camera"]
    assert not button.isEnabled()
    assert "USB摄像头" in button.toolTip() and page.camera_reason.text() == "未检测到摄像头"
    assert not page.sounds.available  # no audio device here either: the desk works silently
    page.sounds.play("ok")


def test_frames_are_decoded_off_the_gui_thread(qtbot, live_scene):
    import qrcode

    from ccschool.ui.checkin.camera import FrameDecoder

    path = live_scene.db.path.parent / "card.png"
    qrcode.make(live_scene.payloads["张三"], box_size=6, border=4).save(str(path))
    decoder = FrameDecoder()
    with qtbot.waitSignal(decoder.payload_read, timeout=5000) as got:
        assert decoder.submit(QImage(str(path)))
        assert decoder.busy and not decoder.submit(QImage(str(path)))  # one frame at a time
    assert got.args == [live_scene.payloads["张三"]]
    decoder.submit(QImage(str(path)))  # the same card again at once: not read twice
    qtbot.waitUntil(lambda: not decoder.busy)
    with qtbot.assertNotEmitted(decoder.payload_read, wait=100):
        pass


def test_webcam_payload_signs_in_with_method_webcam(qtbot, page, live_scene):
    page.submit(live_scene.payloads["刘洋"], "webcam")
    assert cell(page.table, 0, 4) == "摄像头"


def test_screenshot_mid_session_with_demo_data(qtbot, data_dir, tmp_path):
    """The desk with the demo township: a scan lands, the banner, count and list are readable."""
    import os

    from sqlalchemy import select

    from ccschool.services import cards
    from ccschool.db import open_database
    from ccschool.services.demo import build_demo, ensure_demo_site
    from ccschool.models import Learner
    from ccschool.services import site as site_svc
    from ccschool.ui.checkin.page import CheckinPage

    db = open_database(tmp_path / "demo")
    with db.transaction(actor="demo") as s:
        ensure_demo_site(s)
        build_demo(s, learners=300, months=2)
    ctx = AppContext(db=db, run_in_background=SyncRunner(), user=CurrentUser("管理员", "admin"))
    page = CheckinPage(ctx)
    qtbot.addWidget(page)
    page.resize(1180, 780)
    page.show()
    qtbot.waitExposed(page)
    assert page.session_id is not None  # the demo's first class meets today
    with db.read() as s:
        site = site_svc.get_site(s)
        waiting = [r for r in marking.roster(s, session_id=page.session_id) if r.status is None]
        card = s.scalar(select(Learner.card_no).where(Learner.id == waiting[0].learner_id))
    here_before = page.banner.count.text()
    scan(qtbot, page, cards.card_payload(site.secret, site.code, card))
    assert page.banner.name.text() == waiting[0].name and page.banner.count.text() != here_before
    qtbot.wait(100)  # let the posted layout requests run, as the event loop would
    shot = os.environ.get("CCSCHOOL_SCREENSHOT", str(tmp_path / "desk.png"))
    assert page.grab().save(shot)
    db.close()


def test_clicking_around_leaves_the_focus_in_the_scan_input(qtbot, page, live_scene):
    scan(qtbot, page, live_scene.payloads["张三"])
    rect = page.table.visualRect(page.table.model().index(0, 1))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.input.hasFocus() and page.selected_attendance() is not None
    qtbot.mouseClick(page.buttons["undo"], Qt.MouseButton.LeftButton)  # opens the reason box
    page.dialog.reject()
    assert page.input.hasFocus()
    scan(qtbot, page, live_scene.payloads["李四"])  # the scanner still types into the input
    assert page.banner.name.text() == "李四"


def test_with_the_real_database_worker(qtbot, db, live_scene):
    from ccschool.ui.ops.background import BackgroundRunner
    from ccschool.ui.checkin.page import CheckinPage

    runner = BackgroundRunner()
    ctx = AppContext(db=db, run_in_background=runner, user=CurrentUser("王老师", "staff"))
    page = CheckinPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.session_id == live_scene.session_id, timeout=5000)
    for name in ("张三", "李四", "张三"):  # queued in order on the one worker
        scan(qtbot, page, live_scene.payloads[name])
    qtbot.waitUntil(lambda: page.banner.severity == "warn", timeout=5000)
    qtbot.waitUntil(lambda: page.banner.count.text() == "已到 2 / 5", timeout=5000)
    assert "张三" in page.banner.outcome.text() and "已签到过" in page.banner.outcome.text()
    runner.wait()
