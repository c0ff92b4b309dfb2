"""学习卡: learning cards, 85.6 × 54 mm (ID-1), ten to an A4 sheet with cut marks or one per page.

A card shows the site, the learner's name (large), the card number, the QR payload drawn as
vectors, and a validity line. Re-issued cards simply carry the new number and payload.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from ccschool.i18n import L
from ccschool.printing.fonts import FontChain, font_chain
from ccschool.printing.job import CancelFn, Job, ProgressFn, pdf_canvas
from ccschool.printing.qr import draw_qr

CARD_W, CARD_H = 85.6 * mm, 54 * mm
COLS, ROWS = 2, 5
BAND_H = 12 * mm
QR_SIZE = 31 * mm  # quiet zone included: about 0.95 mm a module for a version-2 code
BRAND = (0.12, 0.40, 0.47)  # a sober teal that still reads on a cheap mono laser as dark grey
GREY = (0.45, 0.45, 0.45)


@dataclass(frozen=True)
class CardData:
    site_name: str
    name: str
    card_no: str
    payload: str  # ccschool.services.cards.card_payload(...)
    valid_until: str | None = None  # None: a blank line the school fills in by hand


def write_cards(cards: Sequence[CardData], out: str | Path, *, per_page: int = 10,
                progress: ProgressFn | None = None, cancel: CancelFn | None = None) -> int:
    """Write the cards to `out`; returns the number of pages. Raises Cancelled if cancelled."""
    if per_page not in (1, 10):
        raise ValueError("per_page must be 1 or 10")
    chain = font_chain()
    job = Job(len(cards), progress, cancel)
    pagesize = A4 if per_page == 10 else (CARD_W, CARD_H)
    pages = math.ceil(len(cards) / per_page) or 1
    with pdf_canvas(out, pagesize, title=L("学习卡", "Learning cards")) as canvas:
        job.check()
        for page in range(pages):
            batch = cards[page * per_page:(page + 1) * per_page]
            if per_page == 10:
                _draw_sheet(canvas, chain, batch, job, page * per_page)
            elif batch:
                draw_card(canvas, chain, batch[0], 0, 0)
                job.step(page + 1)
            canvas.showPage()
    return pages


def sheet_origin() -> tuple[float, float]:
    """Lower left of the card grid, centred on the A4 sheet."""
    return (A4[0] - COLS * CARD_W) / 2, (A4[1] - ROWS * CARD_H) / 2


def card_position(index: int) -> tuple[float, float]:
    """Lower left of card `index` (0-9) on its sheet, filled left to right, top to bottom."""
    x0, y0 = sheet_origin()
    row, col = divmod(index, COLS)
    return x0 + col * CARD_W, y0 + (ROWS - 1 - row) * CARD_H


def _draw_sheet(canvas, chain: FontChain, batch, job: Job, done_before: int) -> None:
    _draw_cut_marks(canvas)
    for i, card in enumerate(batch):
        x, y = card_position(i)
        _draw_outline(canvas, x, y)
        draw_card(canvas, chain, card, x, y)
        job.step(done_before + i + 1)


def _draw_cut_marks(canvas) -> None:
    """Marks in the margins on every cutting line, for a guillotine or a ruler and knife."""
    x0, y0 = sheet_origin()
    x1, y1 = x0 + COLS * CARD_W, y0 + ROWS * CARD_H
    gap, length = 1.5 * mm, 5 * mm
    canvas.setLineWidth(0.5)
    canvas.setStrokeColorRGB(0, 0, 0)
    for col in range(COLS + 1):
        x = x0 + col * CARD_W
        canvas.line(x, y1 + gap, x, y1 + gap + length)
        canvas.line(x, y0 - gap, x, y0 - gap - length)
    for row in range(ROWS + 1):
        y = y0 + row * CARD_H
        canvas.line(x0 - gap, y, x0 - gap - length, y)
        canvas.line(x1 + gap, y, x1 + gap + length, y)


def _draw_outline(canvas, x: float, y: float) -> None:
    """A faint outline, for cutting with scissors when there is no guillotine."""
    canvas.setLineWidth(0.3)
    canvas.setStrokeColorRGB(0.78, 0.78, 0.78)
    canvas.rect(x, y, CARD_W, CARD_H, stroke=1, fill=0)


def draw_card(canvas, chain: FontChain, card: CardData, x: float, y: float) -> None:
    """One card with its lower left corner at (x, y)."""
    _draw_band(canvas, chain, card, x, y + CARD_H - BAND_H)
    draw_qr(canvas, card.payload, x + CARD_W - QR_SIZE - 2 * mm, y + 5 * mm, QR_SIZE)
    _draw_fields(canvas, chain, card, x + 5 * mm, y)
    canvas.setFillColorRGB(*GREY)
    chain.draw(canvas, x + CARD_W - 2 * mm - QR_SIZE / 2, y + 3.2 * mm,
               L("扫码签到", "Scan to sign in"), 6, align="centre")


def _draw_band(canvas, chain: FontChain, card: CardData, x: float, y: float) -> None:
    canvas.setFillColorRGB(*BRAND)
    canvas.rect(x, y, CARD_W, BAND_H, stroke=0, fill=1)
    canvas.setFillColorRGB(1, 1, 1)
    canvas.setStrokeColorRGB(1, 1, 1)
    size = chain.fit_size(card.site_name, 10.5, CARD_W - 10 * mm)
    chain.draw(canvas, x + 5 * mm, y + 6.4 * mm, card.site_name, size, bold=True)
    chain.draw(canvas, x + 5 * mm, y + 2.4 * mm, L("学习卡 · 终身学习", "Learning card"), 6.5)


def _draw_fields(canvas, chain: FontChain, card: CardData, x: float, y: float) -> None:
    width = CARD_W - QR_SIZE - 9 * mm
    canvas.setFillColorRGB(*GREY)
    chain.draw(canvas, x, y + 36.5 * mm, L("姓名", "Name"), 6.5)
    chain.draw(canvas, x, y + 20 * mm, L("卡号", "Card no."), 6.5)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.setStrokeColorRGB(0, 0, 0)
    chain.draw(canvas, x, y + 27.5 * mm, card.name, chain.fit_size(card.name, 22, width),
               bold=True)
    chain.draw(canvas, x, y + 14.5 * mm, card.card_no, chain.fit_size(card.card_no, 12, width))
    _draw_validity(canvas, chain, card, x, y + 6 * mm, width)


def _draw_validity(canvas, chain: FontChain, card: CardData, x: float, y: float,
                   width: float) -> None:
    canvas.setFillColorRGB(*GREY)
    label_w = chain.draw(canvas, x, y, L("有效期至", "Valid until"), 6.5) + 1.5 * mm
    canvas.setLineWidth(0.4)
    canvas.setStrokeColorRGB(*GREY)
    canvas.line(x + label_w, y - 0.8 * mm, x + width, y - 0.8 * mm)
    if card.valid_until:
        canvas.setFillColorRGB(0, 0, 0)
        chain.draw(canvas, x + label_w + 1 * mm, y, card.valid_until, 8)
