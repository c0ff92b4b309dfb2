"""The 同步 page, driven as a user would: close a month, sync now, see rejections, export."""
from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from ccschool.county.server import free_port
from ccschool.models import OutboxEntry
from ccschool.sync.setup import configure
from ccschool.ui.ops.background import SyncRunner
from ccschool.ui.shell.context import AppContext, CurrentUser
from tests.sync.factory import PERIOD, bulk_attendance, small_month


@pytest.fixture
def ctx(site, data_dir):
    return AppContext(db=site, run_in_background=SyncRunner(), user=CurrentUser("admin", "admin"),
                      data_dir=data_dir)


@pytest.fixture
def page(qtbot, ctx):
    from ccschool.ui.sync.page import SyncPage
    ids = small_month(ctx.db)
    att = bulk_attendance(ctx.db, 30, ids)
    with ctx.db.transaction(actor="test") as s:  # one record the county will refuse
        entry = s.scalars(select(OutboxEntry).where(OutboxEntry.record_id == att[3])).one()
        entry.payload = json.dumps({**json.loads(entry.payload), "status": "maybe"})
        s.add(entry)
    w = SyncPage(ctx)
    qtbot.addWidget(w)
    w.resize(1100, 760)
    w.show()
    w.ask = lambda *a: True
    w.tell = lambda *a: None
    w.month.setCurrentIndex(w.month.findData(PERIOD))
    return w


def _cells(model, column):
    return [str(model.data(model.index(r, column))) for r in range(model.rowCount())]


def test_close_sync_and_see_the_rejected_record(page, county, tmp_path, data_dir):
    assert "未月结记录：" in page.pending_label.text() and page.batches_model.rowCount() == 0
    page.close_button.click()
    assert _cells(page.batches_model, 2) == ["待发送"]
    assert [p for p in data_dir.rglob("*") if "month-close" in p.name]  # backed up first
    page.sync_button.click()
    assert _cells(page.batches_model, 2) == ["已完成"]
    assert page.success_label.text() != "上次成功：无"
    here, acked = _cells(page.months_model, 1)[0], _cells(page.months_model, 2)[0]
    assert int(acked) == int(here) - 1 and _cells(page.months_model, 3) == ["1"]
    assert _cells(page.fixing_model, 0) == ["考勤"]
    assert "status" in _cells(page.fixing_model, 3)[0]
    QApplication.processEvents()
    page.grab().save(str(tmp_path / "sync_page.png"))


def test_unreachable_county_shows_plain_words(page, ctx, tmp_path):
    with ctx.db.transaction(actor="admin") as s:
        configure(s, url=f"http://127.0.0.1:{free_port()}")
    page.close_button.click()
    page.sync_button.click()
    assert "无法连接县平台" in page.error_label.text()
    assert page.sync_button.isEnabled()
    QApplication.processEvents()  # let the labels take their new widths first
    page.grab().save(str(tmp_path / "sync_error.png"))


def test_export_to_usb_writes_the_file(page, tmp_path):
    page.close_button.click()
    out = tmp_path / "stick" / f"{PERIOD}.ccsbatch"
    page.choose_file = lambda name: str(out)
    page.export_button.click()
    assert out.read_bytes().startswith(b"CCSBATCH1")
    assert _cells(page.batches_model, 2) == ["已导出U盘"]


def test_background_sync_reports_online_on_the_status_signal(qtbot, ctx, county):
    from ccschool.ui.sync.page import SyncController
    small_month(ctx.db)
    controller = SyncController(ctx, interval=3600)
    with qtbot.waitSignal(ctx.signals.connection_state_changed, timeout=20000,
                          check_params_cb=lambda text: text == "在线"):
        controller.start()
    assert controller.stop()


def test_closing_a_closed_month_explains_why_not(page):
    shown = []
    page.show_problem = lambda _parent, exc: shown.append(str(exc))
    page.close_button.click()
    page.close_button.click()
    assert len(shown) == 1 and "已月结" in shown[0]
    assert page.batches_model.rowCount() == 1 and page.close_button.isEnabled()


def test_month_close_says_what_it_seals_warns_and_confirms(page):
    """Issue 17.5: the question names every month sealed and warns for the unfinished current
    month; afterwards a message says what was done and what to do next."""
    asked, told = [], []
    page.ask = lambda _parent, _title, text: asked.append(text) or True
    page.tell = lambda _parent, _title, text: told.append(text)
    page.close_button.click()
    assert f"{PERIOD}（" in asked[0] and "条记录" in asked[0]
    assert "本月" in asked[0] and "没有结束" in asked[0]
    assert len(told) == 1 and f"已月结 {PERIOD}" in told[0] and "立即同步" in told[0]
    assert told[0] == page.progress_label.text()


def test_month_close_of_an_empty_month_warns_and_seals_nothing_when_refused(page):
    asked = []
    page.ask = lambda _parent, _title, text: asked.append(text) or False
    page.month.setCurrentIndex(page.month.currentIndex() + 1)  # the month before: no records
    page.close_button.click()
    assert "没有任何记录" in asked[0] and "本月" not in asked[0]
    assert page.batches_model.rowCount() == 0


def test_nothing_to_send_is_said_in_plain_words(page, county):
    """Issue 17.4: "同步完成：已发送 0 块" read as success when nothing went."""
    page.sync_button.click()  # nothing closed yet: nothing to send
    text = page.progress_label.text()
    assert "0 块" not in text and "没有要上传的内容" in text and "月结" in text
