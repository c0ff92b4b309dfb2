"""What printing 300 learning cards sends to the printer: size and time of the spooled job.

Qt's print engine is pointed at a PDF file (what CUPS spools on Linux), so the figure is the
spool file's size. Compared side by side in one run:
  floor   the vector PDF itself (what a printer taking PDF directly would get)
  old     every page as a full-colour 300 dpi image (Qt stores it as JPEG): the former way
  ours    ccschool.ui.widgets.pdf_preview.print_pdf (1-bit pages at 300 dpi)
Run: QT_QPA_PLATFORM=offscreen python bench/bench_print_spool.py [--cards 300]
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QPainter  # noqa: E402
from PySide6.QtPrintSupport import QPrinter  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from ccschool.printing import CardData, write_cards  # noqa: E402
from ccschool.services.cards import card_payload  # noqa: E402
from ccschool.ui.widgets import pdf_preview  # noqa: E402


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def old_way(pdf: Path, printer: QPrinter) -> None:
    """The former print_pdf: each page rendered at 300 dpi in colour and drawn as it is."""
    sizes = pdf_preview.page_sizes_mm(pdf)
    printer.setFullPage(True)
    pdf_preview._set_paper(printer, *sizes[0])
    painter = QPainter(printer)
    for i in range(len(sizes)):
        if i:
            printer.newPage()
        image = pdf_preview.render_page(pdf, i, min(300, printer.resolution()))
        painter.drawImage(printer.pageLayout().fullRectPixels(printer.resolution()), image)
    painter.end()


def timed(fn, out: Path) -> tuple[int, float]:
    start = time.perf_counter()
    fn(out)
    return out.stat().st_size, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cards", type=int, default=300)
    args = parser.parse_args()
    QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        cards = [CardData("示范镇社区学校", f"学员{i:04d}", f"T{i:06d}",
                          card_payload("secret", "330281101", f"T{i:06d}"))
                 for i in range(args.cards)]
        pdf = tmp / "cards.pdf"
        write_cards(cards, pdf, per_page=10)
        floor = pdf.stat().st_size
        old, old_s = timed(lambda out: old_way(pdf, pdf_printer(out)), tmp / "old.pdf")
        ours, ours_s = timed(lambda out: pdf_preview.print_pdf(pdf, pdf_printer(out)),
                             tmp / "ours.pdf")
    mb = 1024 * 1024
    print(f"{args.cards} cards spooled: ours {ours / mb:.2f} MB in {ours_s:.1f} s, "
          f"old {old / mb:.2f} MB in {old_s:.1f} s ({old / ours:.1f}x smaller), "
          f"vector floor {floor / mb:.2f} MB (ours {ours / floor:.1f}x the floor)")


if __name__ == "__main__":
    main()
