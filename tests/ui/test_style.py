"""Look: Fusion, a CJK font that has every character the UI shows, large-text mode."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QFontMetrics

from ccschool.ui.shell.pages import PAGES
from ccschool.ui.widgets.style import LARGE_POINT_SIZE, NORMAL_POINT_SIZE, apply_style

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


def test_large_text_learners_page_shows_whole_values(restore_app_look, make_window, shell_db):
    """Card numbers, dates, phones and masked IDs fit their columns in large text, and the
    search box is not squeezed by the buttons."""
    from datetime import date

    from PySide6.QtWidgets import QApplication

    from ccschool.idcard import make_id
    from ccschool.services import learners

    with shell_db.transaction(actor="admin") as s:
        learners.create_learner(s, name="欧阳娜娜", phone="13800138000",
                                id_number=make_id("330302", date(1956, 3, 2), 2))
    apply_style(restore_app_look, large_text=True)
    window = make_window()
    window.resize(1280, 800)
    window.show_page("learners")
    page = window.pages["learners"]
    page.show()
    QApplication.processEvents()
    metrics = page.table.fontMetrics()
    assert page.model.rowCount() == 1
    for row in range(page.model.rowCount()):
        for column in (0, 3, 4, 5):  # card, birth date, mobile, ID (masked)
            text = page.model.index(row, column).data()
            assert metrics.horizontalAdvance(text) < page.table.columnWidth(column), text
    assert page.search_box.width() > metrics.horizontalAdvance("搜索：姓名、拼音首字母")


def test_large_text_window_fits_a_1366_by_768_laptop(restore_app_look, make_window):
    """Every page, in large text, fits the commonest township laptop screen (less a taskbar):
    the Classes page's button row and the Sync page's five boxes used to make the window
    1369 wide and 842 tall."""
    from PySide6.QtWidgets import QApplication

    apply_style(restore_app_look, large_text=True)
    window = make_window()
    for spec in PAGES:
        window.show_page(spec.key)
        QApplication.processEvents()
        need = window.minimumSizeHint().expandedTo(window.minimumSize())
        assert need.width() <= 1366 and need.height() <= 728, (spec.key, need)


def test_sync_page_scrolls_only_when_the_window_is_too_small(restore_app_look, make_window):
    from PySide6.QtWidgets import QApplication

    from ccschool.ui.widgets.fit_scroll import FitScrollArea

    window = make_window()
    window.resize(1280, 800)
    window.show_page("sync")
    QApplication.processEvents()
    scroll = window.pages["sync"].findChild(FitScrollArea)
    # A scroll bar exactly when the page's content is taller than the room it has.
    needed = scroll.widget().minimumSizeHint().height()
    assert scroll.verticalScrollBar().isVisible() == (needed > scroll.viewport().height())
    apply_style(restore_app_look, large_text=True)
    small = make_window()
    small.resize(1280, 700)
    small.show_page("sync")
    QApplication.processEvents()
    scroll = small.pages["sync"].findChild(FitScrollArea)
    # The tables share tabs, so even large text on a short screen needs no scrolling (stacked,
    # they needed ~900 px in normal text).
    needed = scroll.widget().minimumSizeHint().height()
    assert scroll.verticalScrollBar().isVisible() == (needed > scroll.viewport().height())
    assert not scroll.verticalScrollBar().isVisible()
