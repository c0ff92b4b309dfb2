"""Backup and restore panel, for the settings page: back up now, to a USB stick, restore.

`BackupPanel(ctx)` is embedded by the settings page. A backup runs on the long-job thread
(an `Op` with long=True: an online backup, so check-in keeps writing meanwhile); a restore runs
on the database worker, since it swaps the file under it. Progress comes back through the Op;
messages appear inline, so nothing modal pops up except the one question a restore must ask.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QMessageBox, QProgressBar, QPushButton, QVBoxLayout, QWidget)

from ccschool import clock
from ccschool.errors import Conflict
from ccschool.safety import backup
from ccschool.safety.sealed import is_sealed
from ccschool.safety.storage import user_error
from ccschool.ui.settings.backup_password import BackupPasswords
from ccschool.ui.ops import Change, Op, Progress
from ccschool.ui.shell.context import AppContext

REASONS = {"daily": "每日自动", "manual": "手动", "before-upgrade": "升级前",
           "before-month-close": "月结前", "before-restore": "恢复前"}


class BackupPanel(QWidget):
    """Status of the last backup, the list of backups, and the three actions."""

    finished = Signal(str)  # "backup" or "restore", after success

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, passwords=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        # Asks for an encrypted backup's password (a dialog; tests pass their own answers).
        self.passwords = passwords or BackupPasswords()
        self.data_dir = Path(ctx.data_dir or ctx.db.path.parent)
        self._build()
        self.refresh()

    def _build(self) -> None:
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.backups = QListWidget()
        self.backup_button = QPushButton(self.tr("立即备份"))
        self.usb_button = QPushButton(self.tr("备份到U盘…"))
        self.restore_button = QPushButton(self.tr("从备份恢复…"))
        self.restore_button.setEnabled(self.ctx.user.is_admin)
        self.restore_button.setToolTip(self.tr("只有管理员可以恢复"))
        self.bar = QProgressBar()
        self.bar.hide()
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        for b in (self.backup_button, self.usb_button, self.restore_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        layout.addWidget(self.bar)
        layout.addWidget(self.message)
        layout.addWidget(QLabel(self.tr("本机上的备份（双击可恢复）：")))
        layout.addWidget(self.backups, 1)
        self.backup_button.clicked.connect(lambda: self.backup_to(None))
        self.usb_button.clicked.connect(self._choose_usb)
        self.restore_button.clicked.connect(self._choose_restore)
        self.backups.itemDoubleClicked.connect(self._restore_item)

    # -- display ------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.status.setText(self._status_text(backup.read_status(self.data_dir)))
        self.backups.clear()
        for b in backup.list_backups(self.data_dir):
            when = clock.stamp(b["at"])
            reason = self.tr(REASONS.get(b["reason"], b["reason"]))
            item = QListWidgetItem(f"{when}    {reason}    {b['size'] / 1e6:.1f} MB")
            item.setData(256, b["path"])  # Qt.ItemDataRole.UserRole
            self.backups.addItem(item)

    def _status_text(self, status: dict | None) -> str:
        if not status:
            return self.tr("还没有备份过。")
        if status.get("ok"):
            when = clock.stamp(status["at"])
            return self.tr("上次备份：{0}（已校验）\n{1}").format(when, status["path"])
        return self.tr("上次备份失败：{0}").format(status.get("error", ""))

    def _busy(self, busy: bool) -> None:
        for b in (self.backup_button, self.usb_button):
            b.setEnabled(not busy)
        self.restore_button.setEnabled(not busy and self.ctx.user.is_admin)
        self.bar.setVisible(busy)
        if busy:
            self.bar.setRange(0, 0)

    def _on_progress(self, p: Progress) -> None:
        self.bar.setRange(0, max(p.total, 1))
        self.bar.setValue(p.done)

    def _show_error(self, exc: BaseException) -> None:
        self._busy(False)
        err = user_error(exc)
        self.message.setText(str(err) if err else self.tr("出错了：{0}").format(exc))
        self.refresh()

    # -- actions ------------------------------------------------------------------------------
    def backup_to(self, folder: str | Path | None) -> None:
        """Back up into data/backups (folder None) or, encrypted, into folder (a USB stick)."""
        password = None
        if folder is not None:  # it leaves the data folder: ID numbers, the site's secrets
            password = self.passwords.new(self)
            if password is None:
                self.message.setText(self.tr("已取消备份到U盘。"))
                return
        self._busy(True)
        self.message.setText(self.tr("正在备份…"))
        data_dir = self.data_dir
        reason = "manual" if folder is None else "usb"
        op = Op(self.ctx, self, long=True, changes=(Change.BACKUP,)).with_progress(
            self._on_progress)
        op.on_success(self._backup_done).on_failure(self._show_error).run(
            lambda: backup.make_backup(data_dir, reason=reason, out=folder, progress=op.progress,
                                       password=password))

    def _backup_done(self, result) -> None:
        self._busy(False)
        self.message.setText(backup.describe(result))
        self.refresh()
        self.finished.emit("backup")

    def _choose_usb(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择U盘或文件夹"))
        if folder:
            self.backup_to(folder)

    def _choose_restore(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择备份文件"),
                                              str(backup.backups_dir(self.data_dir)),
                                              self.tr("ccschool 备份 (*.db *.ccsbak);;所有文件 (*)"))
        if path:
            self.restore_from(path)

    def _restore_item(self, item: QListWidgetItem) -> None:
        """A double-clicked backup in the list: restoring is for admins only."""
        if self.ctx.user.is_admin:
            self.restore_from(item.data(256))  # Qt.ItemDataRole.UserRole

    def _confirm(self, text: str) -> bool:
        answer = QMessageBox.question(self, self.tr("恢复备份"), text,
                                      QMessageBox.StandardButton.Yes |
                                      QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def restore_from(self, path: str | Path, *, confirmed: bool = False,
                     force: bool = False, password: str | None = None) -> None:
        """Replace the database with the backup at path (asks first unless confirmed; an
        encrypted backup asks for its password)."""
        if self.ctx.long_job_running():  # an export or backup still reading the old file
            self.message.setText(self.tr("导出、打印、备份或同步正在后台进行，请等它完成后再恢复。"))
            return
        if not confirmed and not self._confirm(self.tr(
                "用这个备份替换现在的数据？\n{0}\n\n现在的数据会先自动备份，可以再恢复回来。"
                ).format(path)):
            return
        if password is None and is_sealed(path):
            password = self.passwords.existing(self, Path(path).name)
            if password is None:
                self.message.setText(self.tr("已取消恢复，没有做任何改动。"))
                return
        from ccschool.safety.restore import restore_into

        self._busy(True)
        self.message.setText(self.tr("正在检查并恢复备份…"))
        db, actor = self.ctx.db, self.ctx.user.name

        def failed(exc):
            if isinstance(exc, Conflict) and not force and self._confirm(str(exc)):
                self._busy(False)
                self.restore_from(path, confirmed=True, force=True, password=password)
            else:
                self._show_error(exc)

        # the whole file is replaced: every page may be out of date
        Op(self.ctx, self, changes=tuple(Change)).on_success(self._restore_done).on_failure(
            failed).run(lambda: restore_into(db, path, actor=actor, force=force, password=password))

    def _restore_done(self, result) -> None:
        self._busy(False)
        text = self.tr("已恢复：学员 {0} 名，考勤 {1} 条。").format(
            result.counts["learner"], result.counts["attendance"])
        if result.broken_kept:
            text += self.tr("损坏的数据库文件另存为 {0}。").format(result.previous_backup)
        else:
            text += self.tr("恢复前的数据已备份。")
        self.message.setText(text)
        self.refresh()
        self.finished.emit("restore")
