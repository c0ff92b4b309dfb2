"""The check-in desk's building blocks: the scan input, the big banner and the sounds."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout

from ccschool.paths import resources_dir
from ccschool.services.attendance.checkin import looks_complete
from ccschool.ui.widgets.text import QT_TRANSLATE_NOOP

if TYPE_CHECKING:  # QtMultimedia is imported only when the sounds load (it may be missing)
    from PySide6.QtMultimedia import QSoundEffect

_STATUS = {None: QT_TRANSLATE_NOOP("CheckinStatus", "未签到"),
           "present": QT_TRANSLATE_NOOP("CheckinStatus", "出勤"),
           "late": QT_TRANSLATE_NOOP("CheckinStatus", "迟到"),
           "excused": QT_TRANSLATE_NOOP("CheckinStatus", "请假"),
           "absent": QT_TRANSLATE_NOOP("CheckinStatus", "缺勤")}


def status_text(status: str | None) -> str:
    if status not in _STATUS:
        return status or ""
    return QCoreApplication.translate("CheckinStatus", _STATUS[status])

# Banner colours: readable from a metre away, white text on each.
COLOURS = {"ok": "#1e7d32", "warn": "#c77800", "error": "#c62828", "idle": "#37474f"}
PAUSE_MS = 300  # a scanner types a payload in well under this; a person types slower


class ScanInput(QLineEdit):
    """One big line for the USB scanner: Enter, Tab or a pause after a whole payload submits."""

    submitted = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        font = self.font()
        font.setPointSize(22)
        self.setFont(font)
        self.setMinimumHeight(56)
        self._pause = QTimer(self, singleShot=True, interval=PAUSE_MS)
        self._pause.timeout.connect(self._on_pause)
        self.textEdited.connect(lambda _t: self._pause.start())
        self.returnPressed.connect(self._submit)

    def event(self, e) -> bool:
        # Tab would move the focus away (some scanners end with Tab): treat it like Enter.
        if e.type() == QEvent.Type.KeyPress and e.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self._submit()
            return True
        return super().event(e)

    def _on_pause(self) -> None:
        if looks_complete(self.text()):
            self._submit()

    def _submit(self) -> None:
        self._pause.stop()
        text = self.text()
        self.clear()
        if text.strip():
            self.submitted.emit(text)


class Banner(QFrame):
    """Name, outcome, time and the running count, large, on a green/amber/red background."""

    walk_in_requested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.name = self._label(40, bold=True)
        self.outcome = self._label(20)
        self.time = self._label(18, wrap=False)
        self.count = self._label(26, bold=True, wrap=False)
        self.walk_in = QPushButton(self.tr("登记为插班生并签到"))
        self.walk_in.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.walk_in.setMinimumHeight(44)
        self.walk_in.clicked.connect(self.walk_in_requested)
        self.walk_in.hide()
        left = QVBoxLayout()
        left.addWidget(self.name)
        left.addWidget(self.outcome)
        left.addWidget(self.walk_in, 0, Qt.AlignmentFlag.AlignLeft)
        right = QVBoxLayout()
        right.addWidget(self.count, 0, Qt.AlignmentFlag.AlignRight)
        right.addWidget(self.time, 0, Qt.AlignmentFlag.AlignRight)
        box = QHBoxLayout(self)
        box.setContentsMargins(24, 16, 24, 16)
        box.addLayout(left, 1)
        box.addLayout(right)
        self.severity = "idle"
        self.show_idle(self.tr("请出示学习卡"), "")

    def _label(self, points: int, bold: bool = False, wrap: bool = True) -> QLabel:
        label = QLabel(self)
        font = QFont(label.font())
        font.setPointSize(points)
        font.setBold(bold)
        label.setFont(font)
        label.setWordWrap(wrap)
        label.setStyleSheet("color: white; background: transparent;")
        return label

    def _paint(self, severity: str) -> None:
        # Painted by paintEvent, not by a style sheet: setting a style sheet on every scan
        # re-polished the banner and its labels, most of the ~12 ms its repaint took.
        self.severity = severity
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(COLOURS[self.severity]))
        painter.drawRoundedRect(self.rect(), 10, 10)
        painter.end()

    def show_idle(self, title: str, detail: str) -> None:
        self._paint("idle")
        self.name.setText(title)
        self.outcome.setText(detail)
        self.time.setText("")
        self.walk_in.hide()

    def show_result(self, *, name: str, message: str, when: str, severity: str,
                    offer_walk_in: bool = False) -> None:
        self._paint(severity)
        self.name.setText(name or "—")
        self.outcome.setText(message)
        self.time.setText(when)
        self.walk_in.setVisible(offer_walk_in)

    def set_count(self, here: int, total: int) -> None:
        self.count.setText(self.tr("已到 {here} / {total}").format(here=here, total=total))


class Sounds:
    """Short success / problem sounds; silent when there is no audio device or no QtMultimedia."""

    def __init__(self, parent=None) -> None:
        self.parent = parent
        self.effects: dict[str, QSoundEffect] = {}
        self.reason = "not loaded yet"

    def load(self) -> None:
        """Find the audio output and load the sounds (QtMultimedia, ~50 ms; the desk calls this
        after its first paint)."""
        parent, self.effects, self.reason = self.parent, {}, ""
        try:
            from PySide6.QtMultimedia import QMediaDevices, QSoundEffect
        except ImportError as exc:  # e.g. the system's audio library is missing
            self.reason = str(exc)
            return
        if not QMediaDevices.audioOutputs():
            self.reason = "no audio output device"
            return
        for key in ("ok", "warn", "error"):
            effect = QSoundEffect(parent)
            effect.setSource(QUrl.fromLocalFile(str(resources_dir() / "sounds" / f"{key}.wav")))
            effect.setVolume(0.8)
            self.effects[key] = effect

    @property
    def available(self) -> bool:
        return bool(self.effects)

    def play(self, severity: str) -> None:
        effect = self.effects.get(severity)
        if effect is not None:
            effect.play()
