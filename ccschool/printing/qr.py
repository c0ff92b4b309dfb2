"""QR codes drawn as vectors: one filled path per code, crisp at any printer resolution.

Encoding time is mostly mask selection (MACHINE-NOTES pitfall 5), so the mask is fixed: the
payloads are short upper-case alphanumeric strings and decode reliably with any mask.
The encoder is `qrcode`, the library the product's design names: with the mask fixed and its
matrix drawn as this one path it is as fast as segno (bench_cards: 1,000 payloads encoded in
0.94x segno's time, 1,000 cards drawn in 1.00x), and both give the same matrix.
"""
from __future__ import annotations

import qrcode
from qrcode.constants import ERROR_CORRECT_H, ERROR_CORRECT_L, ERROR_CORRECT_M, ERROR_CORRECT_Q

MASK = 2
_LEVELS = {"l": ERROR_CORRECT_L, "m": ERROR_CORRECT_M, "q": ERROR_CORRECT_Q, "h": ERROR_CORRECT_H}
QUIET_ZONE = 4  # modules of white around the symbol, as ISO/IEC 18004 asks
_OVERLAP = 0.02  # fraction of a module each row overlaps the next, so viewers show no seams


def qr_matrix(payload: str, *, error: str = "m") -> list[list[bool]]:
    """The module matrix (True = dark), without the quiet zone: the smallest version that
    holds the payload at this error correction level (never raised behind our back)."""
    code = qrcode.QRCode(error_correction=_LEVELS[error], border=0, mask_pattern=MASK)
    code.add_data(payload)
    code.make(fit=True)
    return code.modules


def qr_path_ops(matrix, x: float, y: float, size: float, quiet: int = QUIET_ZONE) -> str:
    """PDF operators filling the dark modules; (x, y) is the lower left of the quiet zone.

    The coordinate system is scaled to one unit per module, so every rectangle is written in
    small integers, and a run of dark modules in a row is one rectangle: the page stream for
    a code stays around 2 KB before compression.
    """
    n = len(matrix)
    module = size / (n + 2 * quiet)
    height = f"{1 + _OVERLAP:g}"
    ops = [f"q {module:.4f} 0 0 {module:.4f} {x:.3f} {y:.3f} cm"]
    for r, row in enumerate(matrix):
        bottom = n + quiet - r - 1
        c = 0
        while c < n:
            if not row[c]:
                c += 1
                continue
            start = c
            while c < n and row[c]:
                c += 1
            ops.append(f"{quiet + start} {bottom} {c - start} {height} re")
    ops.append("f Q")
    return "\n".join(ops)


def draw_qr(canvas, payload_or_matrix, x: float, y: float, size: float) -> None:
    """Draw a QR code of `size` points square (quiet zone included) with its lower left at x, y."""
    matrix = (qr_matrix(payload_or_matrix) if isinstance(payload_or_matrix, str)
              else payload_or_matrix)
    canvas.saveState()
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(x, y, size, size, stroke=0, fill=1)  # the quiet zone must be white on any card
    canvas.setFillColorRGB(0, 0, 0)
    # The operators go straight into the page stream; a PDFPathObject would format every
    # number through reportlab's fp_str, and could not use module units.
    canvas._code.append(qr_path_ops(matrix, x, y, size))
    canvas.restoreState()
