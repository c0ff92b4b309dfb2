"""A scroll area for a whole page that scrolls only when the window is too small for it.

QScrollArea's widgetResizable sizes a page with word-wrapped labels (a height-for-width
layout) to its *preferred* height, so a page that fitted the window with its tables shrunk
started to scroll in normal text. This one gives the page the viewport's size, and more only
where the page's *minimum* size needs it (large text on a 768-pixel-high screen).
"""
from __future__ import annotations

from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


class FitScrollArea(QScrollArea):
    def __init__(self, page: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(False)  # sized in _fit, see the module's note
        self.setWidget(page)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        page, view = self.widget(), self.viewport()
        need = page.minimumSizeHint()
        page.resize(max(view.width(), need.width()), max(view.height(), need.height()))
