"""Unexpected errors: logged to a rotating file in the data folder, shown as a plain dialog."""
from __future__ import annotations

import logging
import sys

import pytest

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from ccschool.errors import ValidationError
from ccschool.ui.shell.errors import LOG_BACKUPS, ExceptHook, setup_logging, show_error


def _raise(exc):
    try:
        raise exc
    except type(exc):
        return sys.exc_info()


def test_unexpected_error_is_logged_and_shown_not_fatal(data_dir, qapp):
    log_path = setup_logging(data_dir)
    shown = []
    hook = ExceptHook(log_path, show=lambda exc, path, parent: shown.append((exc, path)))
    hook(*_raise(ZeroDivisionError("division by zero in report")))
    assert [type(e) for e, _ in shown] == [ZeroDivisionError]
    assert shown[0][1] == data_dir / "logs" / "ccschool.log"
    logged = log_path.read_text(encoding="utf-8")
    assert "ZeroDivisionError: division by zero in report" in logged and "Traceback" in logged


def test_dialog_says_what_failed_what_was_kept_and_where_the_log_is(data_dir, qtbot):
    log_path = setup_logging(data_dir)
    seen = {}

    def read_and_close():
        box = next(w for w in QApplication.topLevelWidgets()
                   if isinstance(w, QMessageBox) and w.isVisible())
        seen.update(title=box.windowTitle(), text=box.text(), detail=box.informativeText())
        box.accept()

    QTimer.singleShot(50, read_and_close)
    show_error(KeyError("venue_id"), log_path)
    assert seen["title"] == "出错了"
    assert "KeyError" in seen["detail"] and "venue_id" in seen["detail"]
    assert "已确认保存的数据都还在" in seen["detail"]
    assert str(log_path) in seen["detail"]


def test_a_domain_error_shows_its_own_message(data_dir):
    from ccschool.ui.shell.errors import error_message

    text, detail = error_message(ValidationError("请填写站点名称", "Enter the site name"),
                                 data_dir / "x.log")
    assert text == "请填写站点名称" and detail == "没有保存任何改动。"


def test_logs_rotate_in_the_data_folder(data_dir):
    setup_logging(data_dir, max_bytes=2_000)
    for n in range(200):
        logging.getLogger("ccschool.test").info("line %d %s", n, "x" * 60)
    files = sorted(p.name for p in (data_dir / "logs").iterdir())
    assert "ccschool.log" in files and "ccschool.log.1" in files
    assert len(files) == 1 + LOG_BACKUPS  # old ones are dropped, the folder does not grow


@pytest.mark.qt_no_exception_capture  # the app's own hook is what is tested
def test_an_exception_in_a_slot_reaches_the_dialog_and_the_app_goes_on(data_dir, qtbot):
    from PySide6.QtCore import QTimer

    shown = []
    hook = ExceptHook(setup_logging(data_dir), show=lambda exc, path, parent: shown.append(exc))
    hook.install()
    try:
        QTimer.singleShot(0, lambda: 1 / 0)
        qtbot.waitUntil(lambda: bool(shown), timeout=3000)
    finally:
        hook.uninstall()
    assert isinstance(shown[0], ZeroDivisionError)


@pytest.mark.qt_no_exception_capture
def test_background_failure_without_a_handler_is_not_silent(data_dir, qtbot):
    from ccschool.ui.ops import Op
    from ccschool.ui.ops.background import BackgroundRunner
    from ccschool.ui.shell.context import AppContext

    shown = []
    hook = ExceptHook(setup_logging(data_dir), show=lambda exc, path, parent: shown.append(exc))
    hook.install()
    runner = BackgroundRunner()
    try:
        Op(AppContext(db=None, run_in_background=runner)).run(lambda: {}["missing"])
        qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    finally:
        runner.wait()
        hook.uninstall()
    assert isinstance(shown[0], KeyError)
    log = (data_dir / "logs" / "ccschool.log").read_text()
    assert "operation failed" in log and "KeyError" in log
    assert "unexpected error" not in log  # logged once, by the runner
