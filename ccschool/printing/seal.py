"""The foot of a statement: the issuing school, the date and a circle for the seal, optionally a QR.

Transcripts and volunteer service statements end the same way, so the drawing lives once here.
"""

from __future__ import annotations

import datetime as dt

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from ccschool.i18n import L
from ccschool.printing.fmt import date_text
from ccschool.printing.fonts import FontChain
from ccschool.printing.qr import draw_qr

MARGIN = 18 * mm


class SealFoot(Flowable):
    """School name and date inside a dashed circle on the right; a "scan to verify" QR on the left
    if given."""

    def __init__(self, chain: FontChain, site_name: str, issued_on: dt.date | None,
                 qr_payload: str | None = None, margin: float = MARGIN):
        super().__init__()
        self.chain, self.site_name, self.issued_on, self.qr_payload = chain, site_name, issued_on, qr_payload
        self.width, self.height = A4[0] - 2 * margin, 48 * mm

    def draw(self) -> None:
        c, chain = self.canv, self.chain
        if self.qr_payload:
            draw_qr(c, self.qr_payload, 0, 6 * mm, 32 * mm)
            c.setFillColorRGB(0.45, 0.45, 0.45)
            chain.draw(c, 16 * mm, 3 * mm, L("扫码核验", "Scan to verify"), 8, align="centre")
        cx, cy = self.width - 45 * mm, 24 * mm
        c.setStrokeColorRGB(0.8, 0.8, 0.8)
        c.setDash(3, 3)
        c.circle(cx, cy, 20 * mm)
        c.setDash()
        c.setFillColorRGB(0, 0, 0)
        chain.draw(c, cx, cy + 2 * mm, self.site_name,
                   chain.fit_size(self.site_name, 12, 70 * mm), align="centre")
        chain.draw(c, cx, cy - 6 * mm, date_text(self.issued_on), 11, align="centre")
