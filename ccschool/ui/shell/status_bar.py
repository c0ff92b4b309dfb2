"""The status bar: site, today's sign-ins, pending uploads, connection state, last backup, user.

Counts are two indexed COUNT queries (services.first_paint), cheap enough to run after every
data change.
"""
from __future__ import annotations

import json
import logging
from datetime import date, datetime
from pathlib import Path

from PySide6.QtWidgets import QLabel, QStatusBar

from ccschool import clock
from ccschool.services import first_paint
from ccschool.ui.shell.context import AppContext
from ccschool.ui.widgets.elided_label import ElidedLabel
from ccschool.ui.widgets.text import fill

log = logging.getLogger(__name__)

BACKUP_FILE = "last_backup.json"  # written by the backup code: {"at": ISO-8601, "path": ...}


def read_counts(db, today: date) -> dict:
    """Site, pending uploads and today's sign-ins: the status bar is on the first paint, before
    the record classes are built (ccschool.ui.shell.app.warm_up)."""
    with db.engine.connect() as conn:
        return first_paint.status_counts(conn, day=today)


def read_last_backup(data_dir) -> tuple[datetime | None, bool]:
    """(when the last good backup finished, whether the latest attempt failed).

    last_backup.json is written by the backup code: {"at", "path", "ok", "last_ok", ...}.
    """
    if data_dir is None:
        return None, False
    path = Path(data_dir) / BACKUP_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, False
    except (OSError, ValueError) as exc:
        log.warning("cannot read %s: %s", path, exc)
        return None, False
    failed = isinstance(data, dict) and data.get("ok") is False
    good = (data.get("last_ok") if failed else data) if isinstance(data, dict) else None
    return _moment(good), failed


def _moment(status) -> datetime | None:
    try:
        moment = datetime.fromisoformat(str(status["at"]))
    except (KeyError, TypeError, ValueError):
        return None
    return clock.local(moment) if moment.tzinfo else moment


class StatusBar(QStatusBar):
    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.site = ElidedLabel()
        self.today = QLabel()
        self.pending = QLabel()
        self.connection = QLabel(self.tr("连接：未检测"))
        self.backup = QLabel()
        self.user = QLabel()
        # The site's name is the one thing a user already knows: it gives way (cut in the
        # middle, whole in its tooltip) so the status bar never widens the window past a
        # 1366-pixel screen.
        self.site.setMinimumWidth(self.site.fontMetrics().horizontalAdvance("M") * 6)
        self.addWidget(self.site, 1)
        self.addWidget(self.today)
        for label in (self.pending, self.connection, self.backup, self.user):
            self.addPermanentWidget(label)

    def refresh(self) -> None:
        counts = read_counts(self.ctx.db, clock.today())
        self.site.setText(counts["site"])
        self.today.setText(fill(self.tr("今日签到 %1 人次"), counts["today"]))
        self.pending.setText(fill(self.tr("待上传 %1 条"), counts["pending"]))
        self.backup.setText(self._backup_text(*read_last_backup(self.ctx.data_dir)))
        self.refresh_user()

    def _backup_text(self, last: datetime | None, failed: bool) -> str:
        when = last.strftime("%Y-%m-%d %H:%M") if last else ""
        if failed:
            self.backup.setStyleSheet("color: #b00020;")
            return (fill(self.tr("备份失败（上次成功：%1）"), when) if last
                    else self.tr("备份失败"))
        self.backup.setStyleSheet("")
        return fill(self.tr("最近备份：%1"), when) if last else self.tr("最近备份：无")

    def refresh_user(self) -> None:
        user = self.ctx.user
        role = self.tr("管理员") if user.is_admin else self.tr("工作人员")
        text = fill(self.tr("%1（%2）"), user.name, role)
        if user.must_change:  # kept in sight until changed: `ccschool staff-password`
            text += self.tr(" 密码过短，请修改")
        self.user.setText(text)

    def set_connection_state(self, text: str) -> None:
        self.connection.setText(fill(self.tr("连接：%1"), text))
