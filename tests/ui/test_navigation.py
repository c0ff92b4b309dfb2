"""The main window: navigation, lazy pages, placeholders, shortcuts, remembered state."""
from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from ccschool.ui.shell.main_window import MainWindow, Placeholder, build_page
from ccschool.ui.shell.pages import PAGES, PageSpec
from ccschool.ui.ops import Change, OpChanges


def visible_texts(widget) -> list[str]:
    return [w.text() for w in widget.findChildren(QLabel) if w.isVisible()]


def test_opens_on_first_page_and_creates_pages_only_when_shown(make_window):
    window = make_window()
    assert window.current_key() == PAGES[0].key
    assert set(window.pages) == {PAGES[0].key}
    assert window.show_page("reports")
    assert window.current_key() == "reports"
    assert set(window.pages) == {PAGES[0].key, "reports"}


def test_clicking_the_navigation_switches_page(make_window, qtbot):
    window = make_window()
    item = window.nav_item("classes")
    rect = window.nav.visualItemRect(item)
    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_key() == "classes"
    assert window.stack.currentWidget() is window.pages["classes"]


def test_ctrl_number_shortcuts_switch_pages(make_window, qtbot):
    window = make_window()
    for n, spec in enumerate(PAGES, start=1):
        # a page may take activation while it builds (offscreen has no window manager)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        # through the window system, as a real key press: shortcuts see it
        QTest.keyClick(window.windowHandle(), Qt.Key(Qt.Key.Key_0 + n),
                       Qt.KeyboardModifier.ControlModifier)
        assert window.current_key() == spec.key


def test_a_page_that_is_not_installed_shows_a_friendly_placeholder(make_window):
    window = make_window()
    missing = [s for s in PAGES if s.key != "settings" and not _installed(s)]
    for spec in missing:
        window.show_page(spec.key)
        page = window.stack.currentWidget()
        assert isinstance(page, Placeholder)
        assert any("此功能尚未安装" in t for t in visible_texts(page))


def _installed(spec) -> bool:
    import importlib.util

    return importlib.util.find_spec(spec.target.split(":")[0]) is not None


def test_a_broken_page_does_not_break_the_window(ctx, tmp_path, monkeypatch, qtbot):
    (tmp_path / "broken_page_mod.py").write_text("raise RuntimeError('boom')\n")
    (tmp_path / "needs_dep_page.py").write_text("import not_a_real_dependency_xyz\n")
    (tmp_path / "good_page.py").write_text(textwrap.dedent("""
        from PySide6.QtWidgets import QWidget
        class GoodPage(QWidget):
            def __init__(self, ctx, parent=None):
                super().__init__(parent)
                self.ctx = ctx
    """))
    monkeypatch.syspath_prepend(str(tmp_path))
    for target in ("broken_page_mod:X", "needs_dep_page:X"):
        page = build_page(PageSpec("x", "报表", target), ctx)
        qtbot.addWidget(page)
        assert isinstance(page, Placeholder)
        assert not any("尚未安装" in t for t in visible_texts(page) if page.isVisible())
    good = build_page(PageSpec("x", "报表", "good_page:GoodPage"), ctx)
    qtbot.addWidget(good)
    assert type(good).__name__ == "GoodPage" and good.ctx is ctx


def test_window_size_position_and_last_page_are_remembered(make_window, data_dir, ctx, qtbot):
    window = make_window()
    window.resize(760, 600)  # inside the offscreen test screen (800×800): kept as it was
    window.show_page("volunteers")
    window.close()
    ini = (data_dir / "window.ini").read_text()
    assert "page=volunteers" in ini and "width=760" in ini  # plain values, readable
    again = MainWindow(ctx, window.store)
    qtbot.addWidget(again)
    assert again.current_key() == "volunteers"
    assert (again.width(), again.height()) == (760, 600)


def test_status_bar_shows_site_pending_uploads_backup_and_connection(make_window, ctx, data_dir):
    from sqlalchemy import func, select

    from ccschool.models import OutboxEntry

    with ctx.db.read() as s:
        pending = s.scalar(select(func.count()).select_from(OutboxEntry)
                           .where(OutboxEntry.batch_id.is_(None)))
    window = make_window()
    bar = window.status
    assert "TEST01" in bar.site.text()
    assert bar.pending.text() == f"待上传 {pending} 条"
    assert bar.backup.text() == "最近备份：无"
    (data_dir / "last_backup.json").write_text(json.dumps({"at": "2026-03-05T06:30:00+00:00"}))
    ctx.signals.records_changed.emit(OpChanges.of(Change.BACKUP))
    assert bar.backup.text().startswith("最近备份：2026-03-05")
    window.set_connection_state("离线")
    assert bar.connection.text() == "连接：离线"
    ctx.signals.connection_state_changed.emit("在线")
    assert bar.connection.text() == "连接：在线"


def test_pending_count_follows_changes(make_window, ctx):
    from ccschool import settings

    window = make_window()
    before = window.status.pending.text()
    with ctx.transaction() as s:
        from ccschool.models import Venue
        s.add(Venue(name="Hall"))
        settings.set(s, "hour_minutes", 45)
    ctx.signals.records_changed.emit(OpChanges.of(Change.VENUE))
    assert window.status.pending.text() != before


def test_a_window_left_on_a_missing_monitor_comes_back(ctx, data_dir, qtbot):
    from ccschool.ui.shell.app import window_store

    store = window_store(data_dir)
    for key, value in (("x", 9000), ("y", 9000), ("width", 800), ("height", 600)):
        store.setValue(f"window/{key}", value)
    window = MainWindow(ctx, store)
    qtbot.addWidget(window)
    assert window.screen().availableGeometry().intersects(window.geometry())


def test_status_bar_shows_a_failed_backup(make_window, ctx, data_dir):
    window = make_window()
    (data_dir / "last_backup.json").write_text(json.dumps(
        {"at": "2026-03-06T07:00:00+08:00", "ok": False, "error": "磁盘已满",
         "last_ok": {"at": "2026-03-05T21:00:00+08:00", "ok": True}}))
    ctx.signals.records_changed.emit(OpChanges.of(Change.BACKUP))
    assert window.status.backup.text().startswith("备份失败（上次成功：2026-03-0")


def test_arrow_keys_in_the_navigation_switch_pages(make_window, qtbot):
    window = make_window()
    window.nav.setFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_Down)
    assert window.current_key() == PAGES[1].key
    qtbot.keyClick(window.nav, Qt.Key.Key_End)
    assert window.current_key() == PAGES[-1].key  # settings, for an admin


def test_closing_during_a_long_job_asks_first(make_window, ctx, qtbot, monkeypatch):
    """An export or backup still running: closing asks, and No keeps the window open."""
    import threading

    from ccschool.ui.ops import Op
    from ccschool.ui.ops.background import BackgroundRunner

    release = threading.Event()
    ctx.run_long = BackgroundRunner()
    window = make_window()
    asked = []
    monkeypatch.setattr(window, "confirm_quit", lambda: asked.append(1) or False)
    Op(ctx, long=True).run(lambda: release.wait(30))
    assert ctx.long_job_running()
    window.close()
    assert asked == [1] and window.isVisible()
    monkeypatch.setattr(window, "confirm_quit", lambda: asked.append(2) or True)
    window.close()
    assert asked == [1, 2] and not window.isVisible()
    release.set()
    qtbot.waitUntil(lambda: not ctx.long_job_running(), timeout=10000)


def test_closing_with_nothing_running_does_not_ask(make_window, ctx, monkeypatch):
    window = make_window()
    monkeypatch.setattr(window, "confirm_quit", lambda: pytest.fail("asked"))
    window.close()
    assert not window.isVisible()


def test_quitting_during_a_long_job_keeps_the_previews_until_it_is_done(make_window, ctx, qtbot,
                                                                      monkeypatch):
    """A print may still read its preview: closing leaves the folder, and run() calls
    close_down once the long jobs are done."""
    import threading

    from ccschool.ui.ops import Op
    from ccschool.ui.ops.background import BackgroundRunner

    ctx.run_long = BackgroundRunner()
    window = make_window()
    assert window.show_page("print")
    page = window.pages["print"]
    page.generate_button.click()  # this site has no learners: the page says so, no PDF
    qtbot.waitUntil(lambda: not page.is_running(), timeout=10000)
    folder = Path(page._tmp.name)
    release = threading.Event()
    Op(ctx, long=True).run(lambda: release.wait(30))
    monkeypatch.setattr(window, "confirm_quit", lambda: True)
    window.close()
    assert folder.is_dir()
    release.set()
    qtbot.waitUntil(lambda: not ctx.long_job_running(), timeout=10000)
    window.close_down()
    assert not folder.exists()


def test_closing_the_window_removes_the_print_pages_previews(make_window):
    window = make_window()
    assert window.show_page("print")
    page = window.pages["print"]
    page.generate_button.click()
    folder = Path(page._tmp.name)
    assert folder.is_dir()
    window.close()  # no long job running: nothing reads the previews any more
    assert not folder.exists()


def test_print_cards_when_the_print_page_could_not_load(make_window, ctx):
    """打印学习卡 with the 打印 page broken: the placeholder is shown, nothing crashes."""
    from PySide6.QtCore import QItemSelectionModel

    from ccschool.services import learners

    with ctx.transaction() as s:
        learners.create_learner(s, name="张三")
    window = make_window()
    window.pages["print"] = broken = Placeholder("打印", "boom")  # what build_page gives then
    window.stack.addWidget(broken)
    assert window.show_page("learners")
    page = window.pages["learners"]
    page.table.selectionModel().select(page.model.index(0, 0),
                                       QItemSelectionModel.SelectionFlag.Select
                                       | QItemSelectionModel.SelectionFlag.Rows)
    assert page.print_selected_cards() is False
    assert window.current_key() == "print" and isinstance(window.pages["print"], Placeholder)
