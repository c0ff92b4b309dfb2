"""Show the pages of a PDF and send them to a printer.

This PySide6 build has no QtPdf module, so pages are rasterised with PDFium (pypdfium2), which
ships inside its wheel on Windows and Linux alike.
"""
from __future__ import annotations

from pathlib import Path

import pypdfium2
from PySide6.QtCore import QMarginsF, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout,
                               QWidget)

MAX_PREVIEW_DPI = 150
PRINT_DPI = 300  # enough for QR modules of 0.9 mm; higher only makes the spool file huge


def render_page(path: Path, index: int, dpi: float) -> QImage:
    doc = pypdfium2.PdfDocument(str(path))
    try:
        bitmap = doc[index].render(scale=dpi / 72, rev_byteorder=True)  # RGB byte order
        image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                       QImage.Format.Format_RGB888)
        return image.copy()  # detach from PDFium's buffer before the document closes
    finally:
        doc.close()


def page_sizes_mm(path: Path) -> list[tuple[float, float]]:
    doc = pypdfium2.PdfDocument(str(path))
    try:
        return [tuple(v / 72 * 25.4 for v in doc[i].get_size()) for i in range(len(doc))]
    finally:
        doc.close()


def print_pdf(path: Path, printer: QPrinter) -> int:
    """Paint every page onto `printer`, each page at its own paper size. Returns pages sent."""
    sizes = page_sizes_mm(path)
    printer.setFullPage(True)  # the PDF already holds its margins and cut marks
    _set_paper(printer, *sizes[0])
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("printer could not be opened")
    try:
        for i, (w, h) in enumerate(sizes):
            if i:
                _set_paper(printer, w, h)
                printer.newPage()
            dpi = min(PRINT_DPI, printer.resolution())
            image = render_page(path, i, dpi)
            painter.drawImage(printer.pageLayout().fullRectPixels(printer.resolution()), image)
    finally:
        painter.end()
    return len(sizes)


def _set_paper(printer: QPrinter, w_mm: float, h_mm: float) -> None:
    landscape = w_mm > h_mm
    size = QPageSize(QSizeF(min(w_mm, h_mm), max(w_mm, h_mm)), QPageSize.Unit.Millimeter)
    orientation = (QPageLayout.Orientation.Landscape if landscape
                   else QPageLayout.Orientation.Portrait)
    printer.setPageLayout(QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0)))


class PdfPreview(QWidget):
    """One page at a time, with previous/next; empty until a file is loaded."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.path: Path | None = None
        self.page_count = 0
        self.current = 0
        self.image_label = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.scroll = scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(self.image_label)
        self.prev_button = QPushButton(self.tr("上一页"), clicked=lambda: self.show_page(self.current - 1))
        self.next_button = QPushButton(self.tr("下一页"), clicked=lambda: self.show_page(self.current + 1))
        self.page_label = QLabel()
        nav = QHBoxLayout()
        for w in (self.prev_button, self.page_label, self.next_button):
            nav.addWidget(w)
        nav.insertStretch(0)
        nav.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addLayout(nav)
        self.clear()

    def load(self, path: Path) -> None:
        self.path = Path(path)
        self._sizes = page_sizes_mm(self.path)
        self.page_count = len(self._sizes)
        self.show_page(0)

    def clear(self) -> None:
        self.path, self.page_count, self.current, self._sizes = None, 0, 0, []
        self.image_label.setPixmap(QPixmap())
        self.image_label.setText(self.tr("尚未生成"))
        self._update_nav()

    def show_page(self, index: int) -> None:
        if not self.path or not 0 <= index < self.page_count:
            return
        self.current = index
        ratio = self.devicePixelRatioF()
        image = render_page(self.path, index, self._fit_dpi(index) * ratio)
        image.setDevicePixelRatio(ratio)
        self.image_label.setPixmap(QPixmap.fromImage(image))
        self._update_nav()

    def _fit_dpi(self, index: int) -> float:
        """The resolution at which the whole page fits the visible area."""
        w_mm, h_mm = self._sizes[index]
        view = self.scroll.viewport().size()
        fit = min((view.width() - 16) / (w_mm / 25.4), (view.height() - 16) / (h_mm / 25.4))
        return max(20.0, min(MAX_PREVIEW_DPI, fit))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if self.path:
            self.show_page(self.current)

    def _update_nav(self) -> None:
        self.prev_button.setEnabled(self.current > 0)
        self.next_button.setEnabled(self.current + 1 < self.page_count)
        self.page_label.setText(self.tr("第 %1 / %2 页").replace("%1", str(self.current + 1))
                                .replace("%2", str(self.page_count)) if self.page_count else "")
