"""Show the pages of a PDF and send them to a printer (or, with CCSCHOOL_PRINT_TO_DIR, to
PDF files in a folder: file_printer).

This PySide6 build has no QtPdf module, so pages are rasterised with PDFium (pypdfium2), which
ships inside its wheel on Windows and Linux alike.
"""
from __future__ import annotations

import os
from pathlib import Path
import pypdfium2
from PySide6.QtCore import QMarginsF, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout,
                               QWidget)

from ccschool.errors import Cancelled

MAX_PREVIEW_DPI = 300  # the most a zoomed-in preview renders at
ZOOMS = (1.0, 1.5, 2.0, 3.0, 4.0)  # times "whole page fits"
# What goes to the printer. Qt's print engine (PDF on CUPS, EMF on Windows) stores a full-colour
# image as JPEG: 31 MB for 300 cards at 300 dpi. A black-and-white document is sent as a 1-bit
# image instead (a laser printer prints 1 bit per dot anyway; grey becomes an ordered halftone,
# as the printer itself would make it): 2 MB for the same 300 cards. Colour documents
# (certificates) keep their colour at 200 dpi, losslessly compressed.
MONO_DPI = 300  # QR modules of 0.9 mm stay sharp
COLOUR_DPI = 200
_BLACK, _WHITE = 0xFF000000, 0xFFFFFFFF


PRINT_TO_DIR = "CCSCHOOL_PRINT_TO_DIR"


def file_printer(name: str) -> QPrinter | None:
    """A printer that writes PDF files into the folder named by CCSCHOOL_PRINT_TO_DIR, instead
    of the print dialog and a real printer; None when the variable is not set.

    For a site without a printer driver yet (print the files elsewhere later) and for the
    walkthrough on a bare X server, which must never reach a real printer. The file is
    `name` with a number added if needed, so no earlier print is overwritten; the pages are the
    same images a real printer gets (print_pdf)."""
    folder = os.environ.get(PRINT_TO_DIR, "").strip()
    if not folder:
        return None
    folder_path = Path(folder)
    folder_path.mkdir(parents=True, exist_ok=True)
    stem, target = Path(name).stem, folder_path / Path(name).name
    n = 1
    while target.exists():
        n += 1
        target = folder_path / f"{stem}-{n}.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    return printer


class PrintCancelled(Cancelled):
    """The user cancelled while pages were being sent; the printer got none (run aborted)."""

    def __init__(self) -> None:
        super().__init__("已取消打印，打印机没有收到任何页",
                         "Printing cancelled; no page reached the printer")


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


def print_pdf(path: Path, printer: QPrinter, *, colour: bool = False, progress=None,
              cancel=None) -> int:
    """Paint every page onto `printer`, each page at its own paper size. Returns pages sent.

    Safe on a worker thread (Qt paints on a QPrinter outside the GUI thread); `progress(done,
    total)` is called after each page and `cancel()` is asked before each page.
    """
    sizes = page_sizes_mm(path)
    printer.setFullPage(True)  # the PDF already holds its margins and cut marks
    _set_paper(printer, *sizes[0])
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("printer could not be opened")
    # Lossless: never JPEG (large, and smears QR modules and thin strokes)
    painter.setRenderHint(QPainter.RenderHint.LosslessImageRendering)
    try:
        for i, (w, h) in enumerate(sizes):
            if cancel is not None and cancel():
                printer.abort()
                raise PrintCancelled()
            if i:
                _set_paper(printer, w, h)
                printer.newPage()
            image = print_image(path, i, printer.resolution(), colour=colour)
            painter.drawImage(printer.pageLayout().fullRectPixels(printer.resolution()), image)
            if progress is not None:
                progress(i + 1, len(sizes))
    finally:
        if painter.isActive():
            painter.end()
    return len(sizes)


def print_image(path: Path, index: int, printer_dpi: int, *, colour: bool) -> QImage:
    """One page as the printer gets it: 1-bit black and white, or colour at a lower dpi."""
    image = render_page(path, index, min(COLOUR_DPI if colour else MONO_DPI, printer_dpi))
    if colour:
        return image
    mono = image.convertToFormat(QImage.Format.Format_Mono, Qt.ImageConversionFlag.OrderedDither)
    # Qt's print engine keeps a 1-bit image as such only with black as colour 0
    if mono.colorTable() != [_BLACK, _WHITE]:
        mono.invertPixels()
        mono.setColorTable([_BLACK, _WHITE])
    return mono


def _set_paper(printer: QPrinter, w_mm: float, h_mm: float) -> None:
    landscape = w_mm > h_mm
    size = QPageSize(QSizeF(min(w_mm, h_mm), max(w_mm, h_mm)), QPageSize.Unit.Millimeter)
    orientation = (QPageLayout.Orientation.Landscape if landscape
                   else QPageLayout.Orientation.Portrait)
    printer.setPageLayout(QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0)))


class PdfPreview(QWidget):
    """One page at a time, with previous/next and zoom; empty until a file is loaded."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.path: Path | None = None
        self.page_count = 0
        self.current = 0
        self.zoom = 0  # index into ZOOMS; 0 = the whole page fits
        self.image_label = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.scroll_area = scroll = QScrollArea(widgetResizable=True)  # not .scroll: QWidget's method
        scroll.setWidget(self.image_label)
        # Arrows, −, + need no words: with words the row made the Printing page 1,556 px wide in
        # large English text, wider than a 1366x768 laptop. The tooltips say what they do.
        self.prev_button = QPushButton("◀", clicked=lambda: self.show_page(self.current - 1),
                                       toolTip=self.tr("上一页"))
        self.next_button = QPushButton("▶", clicked=lambda: self.show_page(self.current + 1),
                                       toolTip=self.tr("下一页"))
        self.zoom_out_button = QPushButton("−", clicked=lambda: self.set_zoom(self.zoom - 1),
                                           toolTip=self.tr("缩小"))
        self.zoom_in_button = QPushButton("+", clicked=lambda: self.set_zoom(self.zoom + 1),
                                          toolTip=self.tr("放大"))
        self.fit_button = QPushButton(self.tr("整页"), clicked=lambda: self.set_zoom(0))
        self.page_label = QLabel()
        # Pages and zoom on two rows: even with arrows, one row in large English text made the
        # Printing page 1,461 px wide once a document was previewed (issue 17.2).
        pages, zoom = QHBoxLayout(), QHBoxLayout()
        for w in (self.prev_button, self.page_label, self.next_button):
            pages.addWidget(w)
        for w in (self.zoom_out_button, self.fit_button, self.zoom_in_button):
            zoom.addWidget(w)
        for row in (pages, zoom):
            row.insertStretch(0)
            row.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addLayout(pages)
        layout.addLayout(zoom)
        self.clear()

    def load(self, path: Path) -> None:
        self.path = Path(path)
        self._sizes = page_sizes_mm(self.path)
        self.page_count = len(self._sizes)
        self.show_page(0)

    def clear(self, text: str | None = None) -> None:
        self.path, self.page_count, self.current, self._sizes = None, 0, 0, []
        self.image_label.setPixmap(QPixmap())
        self.image_label.setText(text or self.tr("尚未生成"))
        self._update_nav()

    def set_zoom(self, zoom: int) -> None:
        self.zoom = max(0, min(len(ZOOMS) - 1, zoom))
        self.show_page(self.current)

    def show_page(self, index: int) -> None:
        if not self.path or not 0 <= index < self.page_count:
            self._update_nav()
            return
        self.current = index
        ratio = self.devicePixelRatioF()
        image = render_page(self.path, index, self.dpi(index) * ratio)
        image.setDevicePixelRatio(ratio)
        self.image_label.setPixmap(QPixmap.fromImage(image))
        self._update_nav()

    def dpi(self, index: int) -> float:
        """The resolution for the current zoom: at zoom 0 the whole page fits the visible area."""
        w_mm, h_mm = self._sizes[index]
        view = self.scroll_area.viewport().size()
        fit = min((view.width() - 16) / (w_mm / 25.4), (view.height() - 16) / (h_mm / 25.4))
        return max(20.0, min(MAX_PREVIEW_DPI, min(fit, 150) * ZOOMS[self.zoom]))

    def wheelEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:  # Ctrl+wheel zooms
            self.set_zoom(self.zoom + (1 if event.angleDelta().y() > 0 else -1))
            event.accept()
        else:
            super().wheelEvent(event)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if self.path:
            self.show_page(self.current)

    def _update_nav(self) -> None:
        self.prev_button.setEnabled(self.current > 0)
        self.next_button.setEnabled(self.current + 1 < self.page_count)
        loaded = self.page_count > 0
        self.zoom_out_button.setEnabled(loaded and self.zoom > 0)
        self.zoom_in_button.setEnabled(loaded and self.zoom + 1 < len(ZOOMS))
        self.fit_button.setEnabled(loaded and self.zoom > 0)
        self.page_label.setText(self.tr("第 %1 / %2 页").replace("%1", str(self.current + 1))
                                .replace("%2", str(self.page_count)) if self.page_count else "")
