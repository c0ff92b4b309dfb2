"""CJK fonts for every PDF: embedded as subsets so text prints on machines without Chinese fonts.

The primary font is WenQuanYi Micro Hei (resources/fonts/wqy-microhei.ttc). It lacks CJK
Extension A/B characters that do occur in names (䶮, 𠮷), so text is split into runs and each
character the primary font lacks is drawn with the first fallback that has it: the shipped
subset of Hanazono (scripts/make_fallback_font.py), then large fonts found on the machine
(Hanazono on Linux, SimSun-ExtB on Windows), loaded only when a character needs them.
"""
from __future__ import annotations

import functools
import logging
import threading
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from ccschool.paths import resources_dir

log = logging.getLogger(__name__)

PRIMARY = "CCS-Sans"
RARE = "CCS-RareHan"
_SHIPPED = ((PRIMARY, "wqy-microhei.ttc"), (RARE, "ccs-rare-han.ttf"))
SYSTEM_FALLBACKS = (
    Path("/usr/share/fonts/truetype/hanazono/HanaMinB.ttf"),
    Path("/usr/share/fonts/truetype/hanazono/HanaMinA.ttf"),
    Path("C:/Windows/Fonts/simsunb.ttf"),  # SimSun-ExtB, on every Chinese Windows
)


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap with code points above U+FFFF written as UTF-16 pairs."""
    entries = "\n".join(f"<{i:02X}> <{chr(cp).encode('utf-16-be').hex().upper()}>"
                        for i, cp in enumerate(subset))
    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        "/CIDSystemInfo", f"<< /Registry ({fontname})", f"/Ordering ({fontname})",
        "/Supplement 0", ">> def", f"/CMapName /{fontname} def", "/CMapType 2 def",
        "1 begincodespacerange", f"<00> <{len(subset) - 1:02X}>", "endcodespacerange",
        f"{len(subset)} beginbfchar", entries, "endbfchar", "endcmap",
        "CMapName currentdict /CMap defineresource pop", "end", "end"])


# WORKAROUND for reportlab (5.1) writing `<%04X>` for every code point in the ToUnicode CMap:
# U+20BB7 (𠮷) comes out as five hex digits, so pdftotext and copy-paste get U+20BB instead.
ttfonts.makeToUnicodeCMap = _to_unicode_cmap


class FontChain:
    """A primary font plus fallbacks, chosen per character; all drawing of names goes here."""

    def __init__(self, names: list[str]):
        self.names = list(names)
        self._cmaps = [pdfmetrics.getFont(n).face.charToGlyph for n in self.names]
        self._system_tried = False
        self._lock = threading.Lock()

    @property
    def primary(self) -> str:
        return self.names[0]

    def has_glyph(self, ch: str) -> bool:
        return any(ord(ch) in cmap for cmap in self._cmaps)

    def font_for(self, ch: str) -> str:
        code = ord(ch)
        for name, cmap in zip(self.names, self._cmaps):
            if code in cmap:
                return name
        if code >= 0x2E80 and self._load_system_fallbacks():
            return self.font_for(ch)
        return self.primary  # no font has it: the primary draws its empty box

    def _load_system_fallbacks(self) -> bool:
        """Add the machine's big fonts once; True if that added any."""
        with self._lock:
            if self._system_tried:
                return False
            self._system_tried = True
            added = [name for name in map(_register_system_font, SYSTEM_FALLBACKS) if name]
            for name in added:
                self.names.append(name)
                self._cmaps.append(pdfmetrics.getFont(name).face.charToGlyph)
            return bool(added)

    def runs(self, text: str) -> list[tuple[str, str]]:
        """Split text into (font name, piece) runs."""
        primary = self._cmaps[0]
        if all(ord(ch) in primary for ch in text):
            return [(self.primary, text)]  # nearly every name: one run, no per-character work
        out: list[tuple[str, str]] = []
        for ch in text:
            font = self.primary if ch == " " else self.font_for(ch)
            if out and out[-1][0] == font:
                out[-1] = (font, out[-1][1] + ch)
            else:
                out.append((font, ch))
        return out

    def width(self, text: str, size: float) -> float:
        return sum(pdfmetrics.stringWidth(piece, font, size) for font, piece in self.runs(text))

    def fit_size(self, text: str, size: float, max_width: float, min_size: float = 6) -> float:
        """The largest size not above `size` at which text fits in max_width."""
        width = self.width(text, size)
        if width <= max_width or not width:
            return size
        return max(min_size, size * max_width / width)

    def draw(self, canvas, x: float, y: float, text: str, size: float, *,
             align: str = "left", bold: bool = False) -> float:
        """Draw text at baseline y; align left/centre/right on x. Returns the width drawn."""
        runs = self.runs(text)
        widths = [pdfmetrics.stringWidth(piece, font, size) for font, piece in runs]
        total = sum(widths)
        x -= {"left": 0, "centre": total / 2, "right": total}[align]
        mode = None
        if bold:  # the fonts have no bold face: fill and stroke the outline instead
            canvas.setLineWidth(size * 0.035)
            mode = 2
        for (font, piece), width in zip(runs, widths):
            canvas.setFont(font, size)
            canvas.drawString(x, y, piece, mode=mode)
            x += width
        return total

    def markup(self, text: str) -> str:
        """Escaped text for a platypus Paragraph, with fallback runs wrapped in <font>."""
        return "".join(escape(piece) if font == self.primary
                       else f'<font name="{font}">{escape(piece)}</font>'
                       for font, piece in self.runs(text))


def _register_system_font(path: Path) -> str | None:
    if not path.is_file():
        return None
    name = f"CCS-System-{path.stem}"
    try:
        pdfmetrics.registerFont(TTFont(name, str(path)))
    except (TTFError, OSError) as exc:  # e.g. a font whose licence forbids embedding
        log.warning("fallback font %s not usable: %s", path, exc)
        return None
    return name


@functools.lru_cache(maxsize=1)
def font_chain() -> FontChain:
    """Register the shipped fonts with reportlab (once per process) and return the chain."""
    folder = resources_dir() / "fonts"
    for name, filename in _SHIPPED:
        pdfmetrics.registerFont(TTFont(name, str(folder / filename), subfontIndex=0))
    return FontChain([name for name, _ in _SHIPPED])
