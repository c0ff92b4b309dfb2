"""Fixtures for printing tests: render PDFs as a printer would and read them back."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

SECRET = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
SITE = "TEST01"
RARE_NAMES = ["李䶮", "吉𠮷"]  # Extension A and B: not in WenQuanYi Micro Hei


def render(pdf: Path, out_dir: Path, dpi: int = 150) -> list[Path]:
    """Pages as PNG at `dpi` (pdftoppm), in page order."""
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(out_dir / "page")],
                   check=True)
    return sorted(out_dir.glob("page-*.png"), key=lambda p: int(re.findall(r"\d+", p.stem)[-1]))


def decode(png: Path) -> list[str]:
    """Every QR code zxing-cpp finds on the page."""
    with Image.open(png) as img:
        found = zxingcpp.read_barcodes(img.convert("L"), formats=zxingcpp.BarcodeFormat.QRCode)
    return [b.text for b in found]


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout


def pdf_flat_text(pdf: Path) -> str:
    """The text with all white space removed, so wrapped lines and spacing do not matter."""
    return re.sub(r"\s+", "", pdf_text(pdf))


def pdf_fonts(pdf: Path) -> list[dict]:
    """pdffonts rows as dicts: name, type, emb, sub, uni."""
    out = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True,
                         text=True).stdout.splitlines()[2:]
    rows = []
    for line in out:
        parts = line.split()
        # name type [type2] encoding emb sub uni num gen
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    """Page sizes in millimetres, to 0.1 mm."""
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], check=True,
                          capture_output=True, text=True).stdout
    return [(round(float(w) / 72 * 25.4, 1), round(float(h) / 72 * 25.4, 1)) for w, h in
            re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)]


def assert_cjk_embedded(pdf: Path) -> None:
    """Every font is an embedded subset, and the CJK font is among them."""
    fonts = pdf_fonts(pdf)
    assert fonts, "no fonts in the PDF"
    for f in fonts:
        assert (f["emb"], f["sub"], f["uni"]) == ("yes", "yes", "yes"), f
    assert any("WenQuanYi" in f["name"] and "+" in f["name"] for f in fonts), fonts


@pytest.fixture
def out_dir(tmp_path) -> Path:
    d = tmp_path / "png"
    d.mkdir()
    return d
