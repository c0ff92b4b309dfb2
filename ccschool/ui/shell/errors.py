"""Unexpected errors: log them (rotating files in the data folder) and tell the user plainly.

An exception that escapes a slot would otherwise only print to a console nobody sees, or close
the app; the dialog says what failed, that confirmed work is kept, and where the log is.
"""
from __future__ import annotations

import logging
import logging.handlers
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QtMsgType
from PySide6.QtWidgets import QApplication, QMessageBox

from ccschool.errors import CCSError
from ccschool.logs import FORMAT as LOG_FORMAT
from ccschool.logs import ScrubbingFormatter
from ccschool.ui.widgets.text import fill

log = logging.getLogger("ccschool")

LOG_NAME = "ccschool.log"
LOG_BYTES = 1_000_000
LOG_BACKUPS = 5


class _AppLogHandler(logging.handlers.RotatingFileHandler):
    ccschool = True  # ours: a second setup in one process replaces it instead of adding another


def setup_logging(data_dir: Path, max_bytes: int = LOG_BYTES) -> Path:
    """Log to <data>/logs/ccschool.log, rotated at max_bytes (1 MB) with 5 old files kept."""
    folder = Path(data_dir) / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_NAME
    root = logging.getLogger()
    for handler in list(root.handlers):  # a second start in one process (tests) re-targets
        if getattr(handler, "ccschool", False):
            root.removeHandler(handler)
            handler.close()
    handler = _AppLogHandler(path, maxBytes=max_bytes, backupCount=LOG_BACKUPS, encoding="utf-8")
    handler.setFormatter(ScrubbingFormatter(LOG_FORMAT))  # no ID or phone numbers in the log
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def error_message(exc: BaseException, log_path: Path) -> tuple[str, str]:
    """(short text, detail) for the dialog, in the interface language."""
    if isinstance(exc, CCSError):  # a domain error nobody caught: its own message says it
        return str(exc), QCoreApplication.translate("ErrorDialog", "没有保存任何改动。")
    what = f"{type(exc).__name__}: {exc}"
    text = QCoreApplication.translate("ErrorDialog", "程序遇到了一个意外错误，刚才的操作没有完成。")
    detail = "\n\n".join([
        fill(QCoreApplication.translate("ErrorDialog", "出错的地方：%1"), what),
        QCoreApplication.translate(
            "ErrorDialog", "已确认保存的数据都还在：每项操作要么完整保存，要么完全不保存。"),
        fill(QCoreApplication.translate("ErrorDialog", "详细情况已记入日志文件：%1"), str(log_path)),
        QCoreApplication.translate(
            "ErrorDialog", "可以继续使用本程序；如果问题反复出现，请把日志文件发给技术人员。"),
    ])
    return text, detail


def show_error(exc: BaseException, log_path: Path, parent=None) -> None:
    text, detail = error_message(exc, log_path)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning if isinstance(exc, CCSError)
                else QMessageBox.Icon.Critical)
    box.setWindowTitle(QCoreApplication.translate("ErrorDialog", "出错了"))
    box.setText(text)
    box.setInformativeText(detail)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


class ExceptHook:
    """sys.excepthook replacement: log, then show the dialog instead of closing the app."""

    def __init__(self, log_path: Path, *, show=show_error) -> None:
        self.log_path = log_path
        self.show = show
        self.previous = sys.excepthook
        self._showing = False

    def __call__(self, exc_type, exc, tb) -> None:
        if not getattr(exc, "ccschool_logged", False):  # the operation runner logged it
            text = "".join(traceback.format_exception(exc_type, exc, tb))
            log.error("unexpected error\n%s", text)
        if issubclass(exc_type, KeyboardInterrupt) or QApplication.instance() is None:
            self.previous(exc_type, exc, tb)
            return
        if self._showing:  # an error while the dialog is up: logged, not stacked
            return
        self._showing = True
        try:
            self.show(exc, self.log_path, QApplication.activeWindow())
        finally:
            self._showing = False

    def install(self) -> "ExceptHook":
        sys.excepthook = self
        return self

    def uninstall(self) -> None:
        sys.excepthook = self.previous


def log_qt_message(mode, context, message: str) -> None:
    """Qt's own warnings go to the log file too (qInstallMessageHandler)."""
    level = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
             QtMsgType.QtWarningMsg: logging.WARNING}.get(mode, logging.ERROR)
    logging.getLogger("qt").log(level, "%s", message)
