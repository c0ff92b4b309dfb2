"""Before the database is opened: one app per data folder, and a damaged file is never papered over.

The lock refuses a second window on the same folder (two writers would each believe they own
the check-in desk). After a crash or power cut the full quick_check runs (about 3 s on the
100,000-learner demo); otherwise quick_check goes table by table, smallest first, for a quarter
of a second, and the background check (health_watch.py) does the rest once the window is up.
A -wal file deleted after a crash is reported: restore a backup, or carry on knowingly.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from ccschool.errors import CCSError
from ccschool.ui.ops import Change, Op
from ccschool.ui.shell.context import AppContext


def _warn(title: str, text: str) -> None:
    QMessageBox.warning(None, title, text)


def _ask(title: str, text: str) -> bool:
    return QMessageBox.question(None, title, text) == QMessageBox.StandardButton.Yes


def acquire(data_dir: Path, *, warn=_warn, ask=_ask):
    """Return the held InstanceLock, or None after telling the user why the app cannot start.

    `warn(title, text)` and `ask(title, text) -> bool` talk to the user (dialogs by default).
    """
    from ccschool.safety.checks import BrokenDatabase, WalMissing, check_database
    from ccschool.safety.lock import InstanceLock

    try:
        lock = InstanceLock(data_dir)
    except CCSError as exc:
        warn(QCoreApplication.translate("StartupChecks", "无法启动"), str(exc))
        return None
    crashed = lock.previous_crashed
    try:
        try:
            check_database(data_dir, quick=crashed, previous_crashed=crashed)
        except WalMissing as exc:
            if _offer_restore(data_dir, exc, warn, ask):
                return lock
            if not ask(QCoreApplication.translate("StartupChecks", "最近的录入可能已丢失"),
                       QCoreApplication.translate(
                           "StartupChecks", "不恢复备份，仍然使用现在的数据继续吗？\n"
                           "上次异常退出后被删除的录入找不回来了，请核对最近的签到。")):
                lock.release(keep_crash_note=True)  # ask again at the next start
                return None
            check_database(data_dir, quick=True)  # the file itself must still be sound
    except BrokenDatabase as exc:
        if not _offer_restore(data_dir, exc, warn, ask):
            lock.release(keep_crash_note=True)
            return None
    except CCSError as exc:
        warn(QCoreApplication.translate("StartupChecks", "无法打开数据"), str(exc))
        lock.release()
        return None
    return lock


def _offer_restore(data_dir: Path, exc, warn, ask) -> bool:
    """Offer the newest good backup; True when it was restored and the app may go on."""
    from ccschool.safety.restore import restore_backup

    if exc.backup is None:
        warn(QCoreApplication.translate("StartupChecks", "数据文件损坏"), str(exc))
        return False
    if not ask(QCoreApplication.translate("StartupChecks", "数据文件损坏"),
               str(exc) + "\n\n" + QCoreApplication.translate(
                   "StartupChecks", "现在用这份备份恢复吗？损坏的文件会先另存一份。")):
        return False
    try:
        restore_backup(data_dir, exc.backup, current_is_broken=True)
    except CCSError as err:
        warn(QCoreApplication.translate("StartupChecks", "恢复失败"), str(err))
        return False
    return True


def after_window_shown(ctx: AppContext, window) -> None:
    """Work that must not delay the first paint: the daily backup and the upload worker."""
    from PySide6.QtCore import QTimer

    from ccschool.services.import_steps import discard_dead

    # first in the database worker's queue: a killed import's leftovers go before any scan
    # or upload writes after them (services/import_steps.discard_dead)
    Op(ctx, None).run(lambda: discard_dead(ctx.db))

    def start_sync() -> None:
        from ccschool.ui.sync.page import start_background_sync

        # Kept on the window so it lives as long as the app; it stops itself on quit.
        window.sync_controller = start_background_sync(ctx, QCoreApplication.instance())

    QTimer.singleShot(1500, start_sync)
    QTimer.singleShot(4000, lambda: daily_backup(ctx))
    from ccschool.ui.ops.background import BackgroundRunner
    from ccschool.ui.shell.health_watch import start_health_watch

    # Its own thread: a table's integrity_check takes seconds on a big database, and neither
    # the check-in desk's worker nor a user's export should wait behind it.
    window.health_watch = start_health_watch(ctx, window, BackgroundRunner())


def daily_backup(ctx: AppContext) -> None:
    """The day's first backup, if none was taken today. On the long-job thread: staff open the
    app when a session starts, and the first scans must not wait for a backup of a big
    database (tens of seconds)."""
    from ccschool.safety import backup, health

    def failed(_exc) -> None:
        note = health.damage_note(ctx.db.path)  # every backup is a full check of the file
        if note is not None:
            from ccschool.ui.shell.health_watch import offer_newest_backup

            offer_newest_backup(ctx, note.get("detail", "?"))

    # the status bar shows the last backup, or that it failed
    Op(ctx, None, long=True, changes=(Change.BACKUP,)).on_failure(failed).run(
        lambda: backup.backup_if_due(ctx.folder))


def open_with_notice(data_dir: Path, *, quiet: bool = False):
    """Open the site database; when its schema must be upgraded first (after installing a new
    version) say so on screen: the backup taken before the upgrade and the upgrade itself take
    tens of seconds on a large database, and a blank screen looks like a hang."""
    from ccschool.db import open_database
    from ccschool.migrate import needs_upgrade, upgrade_to_head

    db = open_database(data_dir, migrate=False)
    try:
        if needs_upgrade(db.engine):
            notice = None if quiet else _upgrade_notice()
            try:
                upgrade_to_head(db.engine)
            finally:
                if notice is not None:
                    notice.close()
    except BaseException:
        db.close()
        raise
    return db


def _upgrade_notice():
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QLabel

    notice = QLabel(QCoreApplication.translate(
        "StartupChecks", "正在升级数据库（升级前已自动备份），请稍候……\n"
                         "数据较多时需要约一分钟，请不要关闭电脑。"))
    notice.setWindowFlag(Qt.WindowType.SplashScreen)
    notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
    notice.setMargin(32)
    notice.setStyleSheet("background: #f4f6f8; border: 1px solid #9aa3ab;")
    notice.show()
    for _ in range(3):  # painted before the upgrade holds the GUI thread
        QApplication.processEvents()
    return notice
