"""The PDF fonts for the screen too, so rare name characters (䶮, 𠮷) are not boxes in the UI.

Call register_app_fonts() once after the QApplication exists (ccschool/ui/shell/app.py).
"""
from __future__ import annotations

from PySide6.QtGui import QFontDatabase

from ccschool.paths import resources_dir


def register_app_fonts() -> list[str]:
    """Add resources/fonts/* to Qt's font database; returns the families added."""
    families: list[str] = []
    for path in sorted((resources_dir() / "fonts").glob("*.tt[cf]")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families += QFontDatabase.applicationFontFamilies(font_id)
    return families
