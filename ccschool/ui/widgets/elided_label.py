"""A one-line label that gives way when space is short: cut in the middle with "…", the whole
text in its tooltip. A plain QLabel squeezed below its text just clips it mid-glyph, so the user
sees "示范镇社" and cannot tell that anything is missing."""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QSizePolicy


class ElidedLabel(QLabel):
    def __init__(self, text: str = "", parent=None) -> None:
        super().__init__(parent)
        self._full = ""
        # Its width is what the layout leaves over; the text follows it (resizeEvent).
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def full_text(self) -> str:
        return self._full

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        self._full = text
        self.setToolTip(text)
        self._elide()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name): asks for the whole text
        return QSize(self.fontMetrics().horizontalAdvance(self._full),
                     super().sizeHint().height())

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        room = self.contentsRect().width() - 2 * self.margin()
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideMiddle,
                                              max(room, 0))
        super().setText(shown)
