"""The desktop app's background check of the database file (ccschool/safety/health.py).

The start-up check covers what fits in a quarter of a second; this checks every table with
integrity_check, one table per step, on a thread of its own (a read connection: the desk keeps
writing). Damage found stops all writing (the note health.mark_damaged leaves) and the person
at the screen is offered the newest good backup, restored in place by the database worker.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox

from ccschool.safety import health
from ccschool.ui.ops import Op, OpChanges
from ccschool.ui.shell.context import AppContext

START_DELAY_MS = 30_000  # after the daily backup has begun: not both at the first scans
STEP_PAUSE_MS = 200  # between tables: the disk is shared with the desk


class HealthWatch(QObject):
    damage_found = Signal(str)
    finished = Signal()  # every table checked, nothing found

    def __init__(self, ctx: AppContext, runner, parent: QObject | None = None, *,
                 pause_ms: int = STEP_PAUSE_MS) -> None:
        super().__init__(parent)
        self.ctx, self.runner, self.pause_ms = ctx, runner, pause_ms
        self.check = health.BackgroundCheck(ctx.db.path)

    def start(self, delay_ms: int = 0) -> None:
        QTimer.singleShot(delay_ms, self._step)

    def stop(self) -> None:
        self.check.stop()  # a running step ends within milliseconds

    def _step(self) -> None:
        # unreadable: logged, and tried again at the next start
        Op(self.ctx, self, worker=self.runner).on_success(self._stepped).on_failure(
            lambda _exc: None).run(self.check.step)

    def _stepped(self, more: bool) -> None:
        if self.check.problem:
            self.damage_found.emit(self.check.problem)
        elif more:
            QTimer.singleShot(self.pause_ms, self._step)
        else:
            self.finished.emit()


def offer_newest_backup(ctx: AppContext, problem: str, *, ask=None, tell=None) -> None:
    """Writing has stopped; offer to restore the newest good backup in the running app."""
    from ccschool.safety.backup import latest_backup
    from ccschool.safety.restore import restore_into

    title = QCoreApplication.translate("HealthWatch", "数据文件损坏")
    ask = ask or (lambda text: QMessageBox.question(None, title, text)
                  == QMessageBox.StandardButton.Yes)
    tell = tell or (lambda text: QMessageBox.warning(None, title, text))
    newest = latest_backup(ctx.folder)
    text = QCoreApplication.translate(
        "HealthWatch", "检查发现数据库文件已损坏（{0}）。为了不把新的签到写进损坏的文件，"
        "已停止录入。").format(problem[:200])
    if newest is None:
        tell(text + QCoreApplication.translate(
            "HealthWatch", "没有找到备份：请不要删除数据文件夹，联系技术人员。"))
        return
    if not ask(text + QCoreApplication.translate(
            "HealthWatch", "\n\n现在用最近的备份恢复吗？\n{0}\n损坏的文件会另存一份。").format(newest)):
        return

    def restored(_result) -> None:
        ctx.signals.records_changed.emit(OpChanges.everything())  # any page may be out of date
        tell(QCoreApplication.translate("HealthWatch", "已从备份恢复，可以继续录入。"))

    Op(ctx, None).on_success(restored).on_failure(lambda exc: tell(str(exc))).run(
        lambda: restore_into(ctx.db, newest, actor=ctx.user.name))


def start_health_watch(ctx: AppContext, window, runner) -> HealthWatch:
    """Kept on the window; stopped when the app quits."""
    watch = HealthWatch(ctx, runner, window)
    watch.damage_found.connect(lambda problem: offer_newest_backup(ctx, problem))
    app = QCoreApplication.instance()
    if app is not None:
        def stop() -> None:  # a step in progress ends within milliseconds once stopped
            watch.stop()
            runner.wait(10_000)

        app.aboutToQuit.connect(stop)
    watch.start(START_DELAY_MS)
    return watch
