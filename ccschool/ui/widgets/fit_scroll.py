"""A scroll area for a whole page that scrolls only when the window is too small for it.

QScrollArea's widgetResizable sizes a page with word-wrapped labels (a height-for-width
layout) to its *preferred* height, so a page that fitted the window with its tables shrunk
started to scroll in normal text. This one gives the page the viewport's size, and more only
where the page's *minimum* size needs it (large text on a 768-pixel-high screen).
"""
from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QFrame, QScrollArea, QStyle, QWidget

# What a dialog's frame, its button row and the taskbar leave of a screen's height.
DIALOG_RESERVE = 160


class FitScrollArea(QScrollArea):
    def __init__(self, page: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(False)  # sized in _fit, see the module's note
        self.setWidget(page)
        self.page = page

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        page, view = self.page, self.viewport()
        need = page.minimumSizeHint()
        page.resize(max(view.width(), need.width()), max(view.height(), need.height()))


class DialogScrollArea(FitScrollArea):
    """The body of a dialog: as large as its content where the screen allows, scrolling
    inside where it does not, so the dialog's buttons stay on a 1366×768 screen in large text.

    QScrollArea's own size hint is capped at 24 lines of text; this one asks for the whole
    content, up to the screen's available height less DIALOG_RESERVE.
    """

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        page = self.page
        want = page.sizeHint()
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        screen = self.screen().availableGeometry() if self.screen() else None
        height = _height_at(page, want.width(), want.height())
        if screen is not None and height > screen.height() - DIALOG_RESERVE:
            height = screen.height() - DIALOG_RESERVE
            return QSize(want.width() + bar + 2, height)  # room for the vertical bar
        return QSize(want.width() + 2, height + 2)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        """As wide as the content (it scrolls only vertically), a few lines high."""
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        lines = self.fontMetrics().height() * 6
        return QSize(self.page.minimumSizeHint().width() + bar + 2, lines)

    def _fit(self) -> None:
        """The page as wide as the view (at least its minimum) and as tall as that width
        needs: wrapped lines (a FlowLayout, word-wrapped labels) are counted."""
        page, view = self.page, self.viewport()
        width = max(view.width(), page.minimumSizeHint().width())
        need = _height_at(page, width, page.minimumSizeHint().height())
        page.resize(width, max(view.height(), need))


def _height_at(page: QWidget, width: int, fallback: int) -> int:
    if page.hasHeightForWidth():
        return max(page.heightForWidth(width), page.minimumSizeHint().height())
    return fallback


def fit_to_screen(window: QWidget, title_bar: int = 40) -> None:
    """Open `window` at its preferred size, as far as its screen's work area allows.

    Qt opens a window at most two thirds of the screen high; a dialog whose body scrolls
    (DialogScrollArea) would then scroll on a screen where it could have been shown whole.
    """
    screen = window.screen().availableGeometry()
    want = window.sizeHint().expandedTo(window.minimumSizeHint())
    window.resize(min(want.width(), screen.width()), min(want.height(), screen.height() - title_bar))
