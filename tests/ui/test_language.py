"""Chinese by default, English on request: no visible string may be left untranslated."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import (QAbstractButton, QAbstractSpinBox, QComboBox,
                               QGroupBox, QHeaderView, QLabel, QLineEdit, QListWidget, QMainWindow,
                               QPlainTextEdit, QTabWidget, QWidget)

from ccschool import i18n
from ccschool.ui.shell.pages import PAGES
from ccschool.models.course import THEMES
from ccschool.models.instructor import ORG_TYPES
from ccschool.models.person import GENDERS, TARGET_GROUPS

# Stored category values (data the county reports use); pages show them in English through
# ccschool.services.classes.theme_label / group_label where they translate them.
CATEGORY_VALUES = frozenset(THEMES) | frozenset(TARGET_GROUPS) | frozenset(ORG_TYPES) | \
    frozenset(GENDERS)

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "resources" / "i18n"
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")


def _texts(w: QWidget) -> list[str]:
    found = [w.toolTip()]
    if isinstance(w, QLabel):
        found.append(w.text())
    if isinstance(w, QAbstractButton):
        found.append(w.text())
    if isinstance(w, QGroupBox):
        found.append(w.title())
    if isinstance(w, (QLineEdit, QPlainTextEdit)):
        found.append(w.placeholderText())
    if isinstance(w, QComboBox):
        found += [w.itemText(i) for i in range(w.count())]
    if isinstance(w, QAbstractSpinBox):
        found += [w.specialValueText(), getattr(w, "suffix", lambda: "")(),
                  getattr(w, "prefix", lambda: "")()]
    if isinstance(w, QTabWidget):
        found += [w.tabText(i) for i in range(w.count())]
    if isinstance(w, QListWidget):
        found += [w.item(i).text() for i in range(w.count())]
    if isinstance(w, QHeaderView) and w.model() is not None:
        found += [str(w.model().headerData(i, w.orientation()) or "") for i in range(w.count())]
    if isinstance(w, QMainWindow):
        for action in w.menuBar().actions():
            found.append(action.text())
            if action.menu():
                found += [a.text() for a in action.menu().actions()]
    if w.isWindow():
        found.append(w.windowTitle())
    return found


def is_untranslated(text: str) -> bool:
    """Chinese left in an English string. Allowed: stored category values (themes, target
    groups: data) and a
    Chinese term in brackets after English words, e.g. "Learner-hours (学时)"."""
    if not CJK.search(text) or text in CATEGORY_VALUES:
        return False
    outside = re.sub(r"[(（][^()（）]*[)）]", "", text)
    return bool(CJK.search(outside)) or not re.search(r"[A-Za-z]", outside)


def untranslated(root: QWidget) -> set[str]:
    """Visible strings that still contain Chinese (the test data is all ASCII)."""
    bad = set()
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisible() or w.property("ccschool_untranslated"):
            continue
        bad.update(t for t in _texts(w) if t and is_untranslated(t))
    return bad


def test_english_main_window_and_every_page(english, make_window):
    window = make_window()
    problems = {}
    for spec in PAGES:
        assert window.show_page(spec.key)
        problems[spec.key] = untranslated(window)
    window.lock()
    problems["lock screen"] = untranslated(window)
    assert not {k: v for k, v in problems.items() if v}
    assert window.nav_item("checkin").text() == "Check-in"


def test_english_login_and_first_run(english, qtbot, shell_db, data_dir):
    from ccschool.db import open_database
    from ccschool.ui.shell.first_run import FirstRunWizard
    from ccschool.ui.shell.login import LoginDialog

    from ccschool.ui.shell.login import FirstAdminDialog

    for dialog in (LoginDialog(shell_db, site_name="Test Township School", hint=""),
                   FirstAdminDialog(shell_db)):
        qtbot.addWidget(dialog)
        dialog.show()
        assert not untranslated(dialog)
    empty = open_database(data_dir / "empty")
    wizard = FirstRunWizard(empty, lambda fn, on_done=None, on_error=None: None)
    qtbot.addWidget(wizard)
    wizard.show()
    seen = set()
    for choose_demo in (False, True):
        wizard.restart()
        wizard.choice.demo.setChecked(choose_demo)
        while True:
            page = wizard.currentPage()
            seen |= untranslated(wizard) | {t for t in (page.title(), page.subTitle())
                                            if is_untranslated(t)}
            if wizard.nextId() == -1:
                break
            wizard.next()
    empty.close()
    assert not seen


def test_english_error_dialog_text(english, tmp_path):
    from ccschool.ui.shell.errors import error_message

    text, detail = error_message(RuntimeError("disk full"), tmp_path / "ccschool.log")
    assert not CJK.search(text + detail)
    assert "disk full" in detail and str(tmp_path) in detail


def test_switching_to_english_in_settings_applies_at_next_start(qtbot, qapp, ctx, make_window):
    from ccschool.errors import ValidationError
    from ccschool.ui.shell.app import install_translators, read_prefs
    from ccschool.ui.settings.page import SettingsPage

    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    page.language.setCurrentIndex(page.language.findData("en"))
    page.save_button.click()
    assert read_prefs(ctx.db).language == "en"
    try:  # what app.run does at start-up
        install_translators(qapp, read_prefs(ctx.db).language)
        window = make_window()
        assert [window.nav.item(i).text() for i in range(3)] == ["Check-in", "Learners",
                                                                "Classes"]
        assert window.menuBar().actions()[0].text() == "&File"
        assert str(ValidationError("请填写", "Please enter")) == "Please enter"  # services too
    finally:
        install_translators(qapp, "zh_CN")
    assert not i18n.is_english()


def _tool(name: str) -> str:
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        pytest.skip(f"{name} not installed")
    return found


def test_every_ui_string_has_an_english_translation(tmp_path):
    """lupdate over today's UI code finds no string the .ts does not translate."""
    ts = tmp_path / "check_en.ts"
    shutil.copyfile(I18N / "ccschool_en.ts", ts)
    sources = sorted(str(p) for p in (ROOT / "ccschool" / "ui").rglob("*.py"))
    subprocess.run([_tool("pyside6-lupdate"), *sources, "-no-obsolete", "-locations", "none",
                    "-ts", str(ts)],
                   check=True, capture_output=True)
    text = ts.read_text(encoding="utf-8")
    missing = re.findall(r"<source>(.*?)</source>\s*<translation type=\"unfinished\"", text)
    assert not missing, f"run scripts/build-translations.sh and translate: {missing}"


def test_shipped_qm_matches_the_ts(tmp_path):
    qm = tmp_path / "ccschool_en.qm"
    subprocess.run([_tool("pyside6-lrelease"), "-nounfinished", str(I18N / "ccschool_en.ts"),
                    "-qm", str(qm)], check=True, capture_output=True)
    assert qm.read_bytes() == (I18N / "ccschool_en.qm").read_bytes(), \
        "run scripts/build-translations.sh"


def test_the_check_sees_chinese_when_chinese_is_on(make_window):
    window = make_window()
    window.show_page("settings")
    assert {"签到", "保存设置", "界面"} <= untranslated(window)


def test_bracketed_terms_and_category_values_are_allowed():
    assert not is_untranslated("Learner-hours (学时)")
    assert not is_untranslated("乡村振兴")
    assert is_untranslated("学时 (hours)") and is_untranslated("（学时）")
