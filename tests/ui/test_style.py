"""Look: Fusion, a CJK font that has every character the UI shows, large-text mode."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QFontMetrics

from ccschool.ui.style import LARGE_POINT_SIZE, NORMAL_POINT_SIZE, apply_style

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def restore_app_look(qapp):
    """apply_style changes the shared QApplication: put it back for the other tests."""
    saved = (qapp.font(), qapp.palette(), qapp.styleSheet())
    yield qapp
    font, palette, sheet = saved
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    qapp.setFont(font)


def test_fusion_and_a_cjk_font(restore_app_look):
    font = apply_style(restore_app_look)
    restore_app_look.setStyleSheet("")  # a style sheet wraps the style and hides its name
    assert restore_app_look.style().name().lower() == "fusion"
    assert "WenQuanYi Micro Hei" in font.families()
    assert font.pointSizeF() == NORMAL_POINT_SIZE


def test_every_character_of_the_interface_has_a_glyph(restore_app_look):
    """No boxes: each Chinese character of every UI string is in one of the app's fonts."""
    font = apply_style(restore_app_look)
    text = (ROOT / "resources" / "i18n" / "ccschool_en.ts").read_text(encoding="utf-8")
    chars = set("".join(re.findall(r"<source>(.*?)</source>", text, re.S)))
    chars = {c for c in chars if ord(c) > 0x2e80}
    metrics = [QFontMetrics(QFont(family)) for family in font.families()]
    missing = {c for c in chars if not any(m.inFontUcs4(ord(c)) for m in metrics)}
    assert chars and not missing


def test_large_text_makes_everything_bigger(restore_app_look, make_window):
    normal = make_window()
    normal_height = normal.nav.sizeHintForRow(0)
    apply_style(restore_app_look, large_text=True)
    assert restore_app_look.font().pointSizeF() == LARGE_POINT_SIZE
    large = make_window()
    assert large.nav.sizeHintForRow(0) > normal_height
    assert QFontMetrics(large.status.site.font()).height() > QFontMetrics(
        QFont(restore_app_look.font().families()[0], NORMAL_POINT_SIZE)).height()
