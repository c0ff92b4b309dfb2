"""The font chain: rare name characters get a glyph, and the printing package needs no Qt."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ccschool.services.cards import card_payload
from ccschool.printing import CardData, write_cards
from ccschool.printing.fonts import PRIMARY, RARE, font_chain
from tests.printing.conftest import pdf_flat_text

ROOT = Path(__file__).resolve().parents[2]


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


HANAMIN_B = Path("/usr/share/fonts/truetype/hanazono/HanaMinB.ttf")


@pytest.mark.skipif(not HANAMIN_B.exists(), reason="needs Debian's fonts-hanazono")
def test_characters_beyond_the_shipped_subset_use_the_machines_fonts(tmp_path):
    """U+2A6D6 (Extension B) is not in the shipped subset; HanaMinB on the machine has it."""
    name = "张\U0002A6D6"
    chain = font_chain()
    assert chain.runs(name)[1][0] == "CCS-System-HanaMinB"
    pdf = tmp_path / "c.pdf"
    write_cards([CardData("测试镇社区学校", name, "T1", card_payload("k", "TEST01", "T1"))], pdf)
    assert name in pdf_flat_text(pdf)


def test_fonts_are_found_inside_a_pyinstaller_bundle(tmp_path):
    bundle = tmp_path / "bundle"
    shutil.copytree(ROOT / "resources" / "fonts", bundle / "resources" / "fonts")
    code = ("import sys; sys._MEIPASS = sys.argv[1]\n"
            "from reportlab.pdfbase import pdfmetrics\n"
            "from ccschool.printing.fonts import font_chain\n"
            "print(pdfmetrics.getFont(font_chain().primary).face.filename)")
    out = subprocess.run([sys.executable, "-c", code, str(bundle)], check=True, cwd=ROOT,
                         capture_output=True, text=True).stdout.strip()
    assert out == str(bundle / "resources" / "fonts" / "wqy-microhei.ttc")
