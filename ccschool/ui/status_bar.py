"""The status bar: site, today's sign-ins, pending uploads, connection state, last backup, user.

Counts are two indexed COUNT queries, cheap enough to run after every data change.
"""
from __future__ import annotations

import json
import logging
from datetime import date, datetime
from pathlib import Path

from PySide6.QtWidgets import QLabel, QStatusBar
from sqlalchemy import func, select

from ccschool.models import Attendance, OutboxEntry, Site
from ccschool.ui.text import fill

log = logging.getLogger(__name__)

BACKUP_FILE = "last_backup.json"  # written by the backup code: {"at": ISO-8601, "path": ...}


def read_counts(db, today: date) -> dict:
    with db.read() as s:
        site = s.scalars(select(Site).where(Site.deleted_at.is_(None))).first()
        pending = s.scalar(select(func.count()).select_from(OutboxEntry)
                           .where(OutboxEntry.batch_id.is_(None)))
        signed_in = s.scalar(select(func.count()).select_from(Attendance).where(
            Attendance.session_date == today, Attendance.deleted_at.is_(None),
            Attendance.status.in_(("present", "late"))))
    return {"site": f"{site.code} {site.name}" if site else "", "pending": pending or 0,
            "today": signed_in or 0}


def read_last_backup(data_dir) -> datetime | None:
    """When the last backup finished, from last_backup.json in the data folder, if any."""
    if data_dir is None:
        return None
    path = Path(data_dir) / BACKUP_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        value = next(data[k] for k in ("at", "finished_at", "created_at", "time") if k in data)
        moment = datetime.fromisoformat(str(value))
    except FileNotFoundError:
        return None
    except (ValueError, StopIteration, TypeError, AttributeError, OSError) as exc:
        log.warning("cannot read %s: %s", path, exc)
        return None
    return moment.astimezone() if moment.tzinfo else moment


class StatusBar(QStatusBar):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.site = QLabel()
        self.today = QLabel()
        self.pending = QLabel()
        self.connection = QLabel(self.tr("连接：未检测"))
        self.backup = QLabel()
        self.user = QLabel()
        self.addWidget(self.site)
        self.addWidget(self.today)
        for label in (self.pending, self.connection, self.backup, self.user):
            self.addPermanentWidget(label)

    def refresh(self) -> None:
        counts = read_counts(self.ctx.db, date.today())
        self.site.setText(counts["site"])
        self.today.setText(fill(self.tr("今日签到 %1 人次"), counts["today"]))
        self.pending.setText(fill(self.tr("待上传 %1 条"), counts["pending"]))
        last = read_last_backup(self.ctx.data_dir)
        self.backup.setText(fill(self.tr("最近备份：%1"), last.strftime("%Y-%m-%d %H:%M"))
                            if last else self.tr("最近备份：无"))
        self.refresh_user()

    def refresh_user(self) -> None:
        user = self.ctx.user
        role = self.tr("管理员") if user.is_admin else self.tr("工作人员")
        self.user.setText(fill(self.tr("%1（%2）"), user.name, role))

    def set_connection_state(self, text: str) -> None:
        self.connection.setText(fill(self.tr("连接：%1"), text))
