"""结业证书: A4 landscape certificates with a number, a place for the seal and signature, and
a QR that verifies the certificate: the county's verification address when the site has a
county, else `CCS1C:SITE:CERTNO:CHECK`. A preview is marked as one on every page."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph

from ccschool.i18n import L
from ccschool.printing.fmt import date_text, hours_text
from ccschool.printing.fonts import FontChain, font_chain
from ccschool.printing.job import CancelFn, Job, ProgressFn, pdf_canvas
from ccschool.printing.qr import draw_qr

PAGE_W, PAGE_H = landscape(A4)
RED = (0.62, 0.09, 0.09)
GOLD = (0.72, 0.56, 0.22)
GREY = (0.45, 0.45, 0.45)


@dataclass(frozen=True)
class CertificateData:
    site_name: str
    cert_no: str
    name: str
    course_name: str
    theme: str
    start: dt.date | None
    end: dt.date | None
    hours: float
    issued_on: dt.date
    payload: str  # ccschool.services.printing.certificate_qr(...)
    preview: bool = False  # not issued yet: the number is the one it would get


def write_certificates(certs: Sequence[CertificateData], out: str | Path, *,
                       progress: ProgressFn | None = None,
                       cancel: CancelFn | None = None) -> int:
    """One certificate per page; returns the page count. Raises Cancelled if cancelled."""
    chain = font_chain()
    job = Job(len(certs), progress, cancel)
    with pdf_canvas(out, (PAGE_W, PAGE_H), title=L("结业证书", "Certificates")) as canvas:
        job.check()
        for i, cert in enumerate(certs):
            draw_certificate(canvas, chain, cert)
            canvas.showPage()
            job.step(i + 1)
    return len(certs)


def draw_certificate(canvas, chain: FontChain, cert: CertificateData) -> None:
    _draw_border(canvas)
    _draw_title(canvas, chain, cert)
    _draw_body(canvas, chain, cert)
    _draw_verification(canvas, chain, cert)
    _draw_issuer(canvas, chain, cert)
    if cert.preview:
        _draw_preview_mark(canvas, chain)


def _draw_preview_mark(canvas, chain: FontChain) -> None:
    """Across the page, light enough to read through, impossible to cut off."""
    canvas.saveState()
    canvas.setFillColorRGB(0.85, 0.2, 0.2)
    canvas.setFillAlpha(0.25)
    canvas.translate(PAGE_W / 2, PAGE_H / 2)
    canvas.rotate(25)
    chain.draw(canvas, 0, 0, L("预览 · 尚未发证", "PREVIEW · not issued"), 64, align="centre")
    canvas.restoreState()
    canvas.setFillColorRGB(0.85, 0.2, 0.2)
    chain.draw(canvas, 30 * mm, PAGE_H - 28 * mm,
               L("预览：编号在打印时正式发放", "Preview: numbers are issued when printed"), 11)


def _draw_border(canvas) -> None:
    canvas.setStrokeColorRGB(*RED)
    canvas.setLineWidth(3)
    canvas.rect(12 * mm, 12 * mm, PAGE_W - 24 * mm, PAGE_H - 24 * mm)
    canvas.setStrokeColorRGB(*GOLD)
    canvas.setLineWidth(0.8)
    canvas.rect(16 * mm, 16 * mm, PAGE_W - 32 * mm, PAGE_H - 32 * mm)


def _draw_title(canvas, chain: FontChain, cert: CertificateData) -> None:
    canvas.setFillColorRGB(*RED)
    canvas.setStrokeColorRGB(*RED)
    chain.draw(canvas, PAGE_W / 2, PAGE_H - 52 * mm, L("结 业 证 书", "Certificate"), 40,
               align="centre", bold=True)
    canvas.setFillColorRGB(*GREY)
    chain.draw(canvas, PAGE_W / 2, PAGE_H - 61 * mm,
               L("CERTIFICATE OF COMPLETION", "of completion"), 11, align="centre")
    canvas.setFillColorRGB(0, 0, 0)
    chain.draw(canvas, PAGE_W - 30 * mm, PAGE_H - 28 * mm,
               L("证书编号：{no}", "No. {no}", no=cert.cert_no), 11, align="right")


def body_text(chain: FontChain, cert: CertificateData) -> list[str]:
    """The salutation, the paragraph and the closing, as Paragraph markup."""
    name = f'<font size="24"><u>&nbsp;{chain.markup(cert.name)}&nbsp;</u></font>'
    fields = dict(site=chain.markup(cert.site_name), course=chain.markup(cert.course_name),
                  theme=chain.markup(cert.theme), start=date_text(cert.start),
                  end=date_text(cert.end), hours=hours_text(cert.hours))
    salutation = L("{name} 同志：", "This certifies that {name}", name=name)
    paragraph = L("于 {start} 至 {end} 参加{site}举办的“{course}”（{theme}）课程学习，"
                  "完成 {hours} 学时，成绩合格，准予结业。",
                  "attended the course \"{course}\" ({theme}) held by {site} from {start} to "
                  "{end} and completed {hours} study hours.", **fields)
    closing = L("特发此证。", "This certificate is awarded on completion of the course.")
    return [salutation, paragraph, closing]


def _draw_body(canvas, chain: FontChain, cert: CertificateData) -> None:
    style = ParagraphStyle("cert", fontName=chain.primary, fontSize=17, leading=32,
                           wordWrap="CJK")
    indented = ParagraphStyle("cert-body", parent=style, firstLineIndent=34)
    width, top = PAGE_W - 80 * mm, PAGE_H - 80 * mm
    for i, markup in enumerate(body_text(chain, cert)):
        para = Paragraph(markup, style if i == 0 else indented)
        _, height = para.wrapOn(canvas, width, 60 * mm)
        top -= height
        para.drawOn(canvas, 40 * mm, top)
        top -= 2 * mm


def _draw_verification(canvas, chain: FontChain, cert: CertificateData) -> None:
    size = 30 * mm
    draw_qr(canvas, cert.payload, 26 * mm, 26 * mm, size)
    canvas.setFillColorRGB(*GREY)
    chain.draw(canvas, 26 * mm + size / 2, 23 * mm, L("扫码验证证书", "Scan to verify"), 8,
               align="centre")


def _draw_issuer(canvas, chain: FontChain, cert: CertificateData) -> None:
    cx, cy = PAGE_W - 75 * mm, 48 * mm
    canvas.setStrokeColorRGB(0.8, 0.8, 0.8)  # where the school's round seal goes
    canvas.setDash(3, 3)
    canvas.setLineWidth(0.6)
    canvas.circle(cx, cy, 21 * mm)
    canvas.setDash()
    canvas.setFillColorRGB(0.75, 0.75, 0.75)
    chain.draw(canvas, cx, cy + 12 * mm, L("（盖章）", "(seal)"), 9, align="centre")
    canvas.setFillColorRGB(0, 0, 0)
    size = chain.fit_size(cert.site_name, 15, 90 * mm)
    chain.draw(canvas, cx, cy + 1 * mm, cert.site_name, size, align="centre")
    chain.draw(canvas, cx, cy - 9 * mm, date_text(cert.issued_on), 13, align="centre")
    _draw_signature_line(canvas, chain, 80 * mm, 36 * mm)


def _draw_signature_line(canvas, chain: FontChain, x: float, y: float) -> None:
    canvas.setFillColorRGB(0, 0, 0)
    width = chain.draw(canvas, x, y, L("负责人（签字）：", "Signed:"), 12)
    canvas.setStrokeColorRGB(0, 0, 0)
    canvas.setLineWidth(0.6)
    canvas.line(x + width, y - 1.5 * mm, x + width + 50 * mm, y - 1.5 * mm)
