"""Op, the one way the GUI runs work: on a real worker thread against a real SQLite file, it
reports what changed, carries progress and cancel, and handles every failure the same way."""
from __future__ import annotations

import sqlite3
import threading

import pytest
import shiboken6
from PySide6.QtWidgets import QWidget

from ccschool.errors import Cancelled, CCSError, ValidationError
from ccschool.safety.storage import DiskFull
from ccschool.ui.ops import Change, Op, OpChanges
from ccschool.ui.ops.background import BackgroundRunner
from ccschool.ui.shell.context import AppContext
from ccschool.ui.shell.errors import setup_logging


@pytest.fixture
def threaded(shell_db, data_dir):
    runner, long = BackgroundRunner(), BackgroundRunner()
    yield AppContext(db=shell_db, run_in_background=runner, run_long=long, data_dir=data_dir)
    runner.wait()
    long.wait()


def _add_venue(ctx, name: str = "东山村文化礼堂"):
    from ccschool.services import venues

    def write():
        with ctx.transaction() as s:
            return venues.add_venue(s, name=name).id
    return write


def test_a_write_reports_its_kinds_on_the_gui_thread(qtbot, threaded):
    page = QWidget()
    qtbot.addWidget(page)
    seen, order = [], []
    threaded.signals.records_changed.connect(
        lambda changes: (seen.append((changes, threading.current_thread())), order.append("told")))
    Op(threaded, page).on_success(lambda _id: order.append("shown")).run(_add_venue(threaded))
    qtbot.waitUntil(lambda: len(order) == 2, timeout=10_000)
    changes, thread = seen[0]
    assert thread is threading.main_thread() and changes.touches(Change.VENUE)
    assert changes.made_by(page) and not changes.touches(Change.ATTENDANCE)
    assert order == ["shown", "told"]  # its own result first (the desk's banner), once


def test_a_read_announces_nothing(qtbot, threaded):
    from ccschool.services import venues

    seen, results = [], []
    threaded.signals.records_changed.connect(seen.append)

    def read():
        with threaded.db.read() as s:
            return venues.list_venues(s)
    Op(threaded).on_success(results.append).run(read)
    qtbot.waitUntil(lambda: bool(results), timeout=10_000)
    assert seen == []


def test_a_setting_saved_is_a_settings_change(qtbot, threaded):
    from ccschool import settings

    seen = []
    threaded.signals.records_changed.connect(seen.append)

    def write():
        with threaded.transaction() as s:
            settings.set(s, "idle_lock_minutes", 7)
    Op(threaded).run(write)
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    assert seen[0].touches(Change.SETTINGS)


def test_a_full_disk_reaches_the_user_in_words_and_the_log(qtbot, threaded, data_dir):
    log = setup_logging(data_dir)
    failed = []

    def write():
        raise sqlite3.OperationalError("database or disk is full")
    Op(threaded).on_failure(failed.append).run(write)
    qtbot.waitUntil(lambda: bool(failed), timeout=10_000)
    assert isinstance(failed[0], DiskFull) and "磁盘空间已满" in str(failed[0])
    text = log.read_text(encoding="utf-8")
    assert "operation failed" in text and "database or disk is full" in text


def test_a_refusal_goes_to_on_refusal_and_is_logged_by_code(qtbot, threaded, data_dir):
    log = setup_logging(data_dir)
    refused = []

    def write():
        raise ValidationError("请填写课程名称", "Enter the class name", field="name")
    Op(threaded).on_refusal(refused.append).run(write)
    qtbot.waitUntil(lambda: bool(refused), timeout=10_000)
    assert isinstance(refused[0], CCSError) and refused[0].field == "name"
    text = log.read_text(encoding="utf-8")
    assert "operation refused: invalid (ValidationError)" in text
    assert "请填写课程名称" not in text  # the user's message may hold a name: not logged


@pytest.mark.qt_no_exception_capture
def test_a_bug_with_on_refusal_still_reaches_the_error_dialog(qtbot, threaded, data_dir,
                                                             monkeypatch):
    import sys

    shown, refused = [], []
    monkeypatch.setattr(sys, "excepthook", lambda t, exc, tb: shown.append(exc))
    Op(threaded).on_refusal(refused.append).run(lambda: {}["missing"])
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert isinstance(shown[0], KeyError) and refused == []
    assert shown[0].ccschool_logged  # the dialog's hook does not log it a second time


def test_progress_arrives_and_cancel_stops_the_job(qtbot, threaded):
    steps, failed, seen = threading.Event(), [], []
    op = Op(threaded, long=True).with_progress(seen.append).on_failure(failed.append)

    def job():
        for done in range(1, 1_000_000):
            op.progress(done, 1_000_000)
            if op.cancelled():
                raise Cancelled()
            steps.wait(0.005)  # a step of work (never set: only paces the loop)
    op.run(job)
    qtbot.waitUntil(lambda: bool(seen), timeout=60_000)
    op.cancel()
    qtbot.waitUntil(lambda: bool(failed), timeout=60_000)
    assert isinstance(failed[0], Cancelled) and not op.running
    done = [p.done for p in seen]
    assert done == sorted(done) and all(p.total == 1_000_000 for p in seen)


def test_a_closed_dialog_gets_no_callback_but_other_pages_hear_of_the_write(qtbot, threaded):
    dialog = QWidget()
    release, seen, called = threading.Event(), [], []
    threaded.signals.records_changed.connect(seen.append)
    write = _add_venue(threaded, "西溪村农家书屋")

    def slow_write():
        release.wait(10)
        return write()
    Op(threaded, dialog).on_success(called.append).run(slow_write)
    shiboken6.delete(dialog)  # closed and gone while the write was still running
    release.set()
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    assert called == [] and seen[0].touches(Change.VENUE) and seen[0].initiator is None


def test_change_sets_compare_by_kind():
    assert OpChanges.of(Change.BACKUP, initiator=object()) == OpChanges.of(Change.BACKUP)
    assert OpChanges.from_written(["person"]).touches(Change.LEARNER, Change.INSTRUCTOR)
    assert not OpChanges.from_written(["outbox_entry", "audit_entry"])
    assert OpChanges.everything().touches(Change.SYNC)
