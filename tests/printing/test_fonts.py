"""The font chain: rare name characters get a glyph, and the printing package needs no Qt."""
from __future__ import annotations

import subprocess
import sys

from ccschool.printing.fonts import PRIMARY, RARE, font_chain


def test_rare_characters_switch_to_the_fallback_font():
    chain = font_chain()
    assert chain.runs("张三") == [(PRIMARY, "张三")]
    assert chain.runs("李䶮吉𠮷明") == [(PRIMARY, "李"), (RARE, "䶮"), (PRIMARY, "吉"),
                                      (RARE, "𠮷"), (PRIMARY, "明")]
    assert all(chain.has_glyph(ch) for ch in "䶮𠮷𪚥")


def test_markup_wraps_only_the_fallback_runs():
    assert font_chain().markup("吉𠮷&") == f'吉<font name="{RARE}">𠮷</font>&amp;'


def test_fit_size_shrinks_long_names_only():
    chain = font_chain()
    assert chain.fit_size("张三", 22, 200) == 22
    long = "艾合买提·买买提·阿不都热合曼"
    assert chain.width(long, chain.fit_size(long, 22, 100)) <= 100.01


def test_printing_imports_no_qt():
    code = ("import sys, ccschool.printing, ccschool.printing.fonts; "
            "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'")
    subprocess.run([sys.executable, "-c", code], check=True)
