"""Lock the app after a spell without keyboard or mouse input (a shared laptop in a village hall).

An event filter on the whole application sees every input event, so any key press or click in
any window restarts the countdown.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal

INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TabletPress,
})


class IdleWatcher(QObject):
    idle_timed_out = Signal()

    def __init__(self, app, interval_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        # Precise: a coarse timer may drift by 5 % (30 s of a 10-minute limit).
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self.idle_timed_out)
        self.set_interval(interval_ms)
        app.installEventFilter(self)

    @staticmethod
    def minutes_to_ms(minutes: float) -> int:
        return int(minutes * 60_000)

    def set_interval(self, interval_ms: int) -> None:
        """0 or less switches locking off."""
        self.timer.setInterval(max(interval_ms, 0))
        self.restart()

    def restart(self) -> None:
        if self.timer.interval() > 0:
            self.timer.start()
        else:
            self.timer.stop()

    def pause(self) -> None:
        """While locked there is nothing to time."""
        self.timer.stop()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in INPUT_EVENTS and self.timer.isActive():
            self.timer.start()
        return False

    def stop(self) -> None:
        self.timer.stop()
        self.app.removeEventFilter(self)
