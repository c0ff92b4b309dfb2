"""The look: Fusion with a calm palette, a readable CJK font, and a large-text mode.

Nothing about the machine is assumed: the CJK font is taken from resources/fonts/ if bundled,
else from the system's WenQuanYi Micro Hei, else Qt's own fallback.
"""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

log = logging.getLogger(__name__)

NORMAL_POINT_SIZE = 11
LARGE_POINT_SIZE = 15
SYSTEM_CJK_FONTS = (
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    Path("/usr/share/fonts/wqy-microhei/wqy-microhei.ttc"),
    Path("C:/Windows/Fonts/msyh.ttc"),
)
PREFERRED_FAMILIES = ("WenQuanYi Micro Hei", "Microsoft YaHei", "Noto Sans CJK SC",
                      "PingFang SC", "Source Han Sans SC")

ACCENT = "#1f6f8b"


def load_cjk_families() -> list[str]:
    """Register the CJK fonts; return the families to use, main font first.

    The bundled fonts (resources/fonts: WenQuanYi Micro Hei plus a small font for rare name
    characters such as 䶮 and 𠮷) come first; without them, the system's copy; failing that,
    whatever CJK family is installed.
    """
    from ccschool.ui.shell.app_fonts import register_app_fonts

    bundled = [f for f in register_app_fonts() if "Mono" not in f]
    if not any("Micro Hei" in f for f in bundled):
        bundled = _system_family() + bundled
    if bundled:
        bundled.sort(key=lambda f: "Micro Hei" not in f)  # the main text font first
        return bundled
    installed = set(QFontDatabase.families())
    return [f for f in PREFERRED_FAMILIES if f in installed][:1]


def _system_family() -> list[str]:
    for path in SYSTEM_CJK_FONTS:
        if path.exists():
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id >= 0:
                return QFontDatabase.applicationFontFamilies(font_id)[:1]
            log.warning("could not load font file %s", path)
    return []


def palette() -> QPalette:
    pal = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#f4f6f8", QPalette.ColorRole.WindowText: "#1d2329",
        QPalette.ColorRole.Base: "#ffffff", QPalette.ColorRole.AlternateBase: "#eef2f5",
        QPalette.ColorRole.Text: "#1d2329", QPalette.ColorRole.Button: "#e9edf1",
        QPalette.ColorRole.ButtonText: "#1d2329", QPalette.ColorRole.Highlight: ACCENT,
        QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.ToolTipBase: "#ffffdc",
        QPalette.ColorRole.ToolTipText: "#1d2329", QPalette.ColorRole.PlaceholderText: "#7a848d",
        QPalette.ColorRole.Link: ACCENT,
    }
    for role, colour in colours.items():
        pal.setColor(role, QColor(colour))
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#9aa3ab"))
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#9aa3ab"))
    return pal


def stylesheet(point_size: float) -> str:
    """Sizes in points follow the base size, so large-text mode scales titles and navigation."""
    return """
QListWidget#navigation { background: #24343f; color: #e8eef2; border: none; outline: none;
    font-size: @NAV@pt; }
QListWidget#navigation::item { padding: 0.5em 0.8em; border-left: 4px solid transparent; }
QListWidget#navigation::item:selected { background: #2f4656; color: #ffffff;
    border-left: 4px solid #5cc3e0; }
QListWidget#navigation::item:hover:!selected { background: #2b3e4b; }
QListWidget#navigation::item:focus { outline: none; }
QLabel#pageTitle { font-size: @TITLE@pt; font-weight: bold; color: #1d2329; padding: 4px 0; }
QLabel#errorText { color: #b00020; }
QLabel#hintText { color: #56616b; }
QStatusBar QLabel { padding: 0 0.6em; }
QPushButton { padding: 0.3em 1.2em; min-height: 1.4em; }
QPushButton:default { border: 2px solid @ACCENT@; }
QGroupBox { font-weight: bold; }
""".replace("@ACCENT@", ACCENT).replace("@NAV@", f"{point_size * 1.15:.1f}").replace(
        "@TITLE@", f"{point_size * 1.45:.1f}")


def apply_style(app: QApplication, *, large_text: bool = False) -> QFont:
    """Fusion, palette, stylesheet and the application font. Returns the font set."""
    if app.style().name().lower() != "fusion":  # Linux starts in Fusion; Windows does not
        app.setStyle(QStyleFactory.create("Fusion"))
    app.setPalette(palette())
    families = load_cjk_families()
    font = QFont(app.font())
    if families:
        font.setFamilies(families)  # the later ones fill in characters the first lacks
    font.setPointSizeF(LARGE_POINT_SIZE if large_text else NORMAL_POINT_SIZE)
    app.setFont(font)
    app.setStyleSheet(stylesheet(font.pointSizeF()))
    return font
