"""1,000 learning cards: ccschool's card writer against a bare reportlab loop; segno vs qrcode.

The bare loop draws what a card needs and nothing else: the qrcode matrix (fixed mask) as one path
of rectangles, and the site name, learner name and card number in the same embedded CJK font,
ten to a page. Prints medians of 5 runs, the ratio (target <= 1.5x) and file sizes (target
well under 5 MB). Run: python bench/bench_cards.py [--runs 5] [--cards 1000]

The two QR libraries are compared the fair way, side by side (issue 22): each with the mask
fixed (mask selection is most of an encoder's time, MACHINE-NOTES pitfall 5) and its matrix
drawn as one vector path by the same bare loop; and the encoding of the 1,000 payloads alone.
Both give the same matrix for our payloads (checked here).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import qrcode  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from ccschool.services.cards import card_payload  # noqa: E402
from ccschool.printing.cards import CardData, card_position, write_cards  # noqa: E402
from ccschool.printing.fonts import PRIMARY, font_chain  # noqa: E402
from ccschool.printing.qr import MASK  # noqa: E402

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许"
            "韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈")
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红春梅建国志文海云飞"


def make_cards(n: int) -> list[CardData]:
    cards = []
    for i in range(n):
        name = SURNAMES[i % len(SURNAMES)] + GIVEN[(i * 7) % len(GIVEN)] + GIVEN[(i * 13) % len(GIVEN)]
        no = f"QS{i:06d}"
        cards.append(CardData("青山镇社区学校", name, no, card_payload("secret", "QS01", no)))
    return cards


def module_rects(matrix):
    """One rectangle per dark module: (column, row, width)."""
    return [(c, r, 1) for r, row in enumerate(matrix) for c, dark in enumerate(row) if dark]


def run_rects(matrix):
    """One rectangle per horizontal run of dark modules."""
    out = []
    for r, row in enumerate(matrix):
        c = 0
        while c < len(row):
            if row[c]:
                start = c
                while c < len(row) and row[c]:
                    c += 1
                out.append((start, r, c - start))
            c += 1
    return out


def segno_matrix(payload: str):
    import segno  # the bench extra: pip install -e ".[bench]"

    return segno.make_qr(payload, error="m", mask=MASK, boost_error=False).matrix


def qrcode_matrix(payload: str):
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0,
                         mask_pattern=MASK)
    code.add_data(payload)
    code.make(fit=True)
    return code.modules


ENCODERS = {"segno": segno_matrix, "qrcode": qrcode_matrix}


def bare_loop(cards: list[CardData], out: Path, rects=run_rects, encode=qrcode_matrix) -> None:
    canvas = Canvas(str(out), pagesize=A4, pageCompression=1, initialFontName=PRIMARY)
    for i, card in enumerate(cards):
        x, y = card_position(i % 10)
        matrix = encode(card.payload)
        module = 31 * mm / (len(matrix) + 8)
        path = canvas.beginPath()
        for c, r, w in rects(matrix):
            path.rect(x + 50 * mm + (4 + c) * module, y + 36 * mm - (4 + r) * module,
                      w * module, module)
        canvas.drawPath(path, stroke=0, fill=1)
        canvas.setFont(PRIMARY, 10)
        canvas.drawString(x + 5 * mm, y + 46 * mm, card.site_name)
        canvas.setFont(PRIMARY, 22)
        canvas.drawString(x + 5 * mm, y + 27 * mm, card.name)
        canvas.setFont(PRIMARY, 12)
        canvas.drawString(x + 5 * mm, y + 14 * mm, card.card_no)
        if i % 10 == 9:
            canvas.showPage()
    canvas.save()


def timed(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def compare_encoders(cards: list[CardData], tmp: Path, runs: int) -> None:
    """segno and qrcode side by side: same fixed mask, same one-path drawing, interleaved."""
    import importlib.util

    from bench.common import interleaved, load_note

    if importlib.util.find_spec("segno") is None:
        print('QR libraries: segno is not installed (pip install -e ".[bench]"): not compared')
        return

    def same(a, b):
        return [[bool(v) for v in row] for row in a] == [[bool(v) for v in row] for row in b]
    assert all(same(segno_matrix(c.payload), qrcode_matrix(c.payload)) for c in cards[:50])
    fns = {}
    for name, encode in ENCODERS.items():
        fns[f"{name}: encode {len(cards)} payloads"] = (
            lambda e=encode: [e(c.payload) for c in cards])
        fns[f"{name}: bare loop, one path per code"] = (
            lambda e=encode, n=name: bare_loop(cards, tmp / f"{n}.pdf", run_rects, e))
    figures = interleaved(fns, runs)
    print(f"QR libraries, mask fixed, median of {runs} interleaved runs (wall / CPU s); "
          f"{load_note()}")
    for name, (wall, cpu) in figures.items():
        print(f"  {name:<40} {wall:6.3f} / {cpu:6.3f}")
    for what in ("encode", "bare loop"):
        seg, qrc = (next(v for k, v in figures.items() if k.startswith(lib) and what in k)
                    for lib in ("segno", "qrcode"))
        print(f"  {what}: qrcode / segno {qrc[0] / seg[0]:5.2f}x wall  {qrc[1] / seg[1]:5.2f}x CPU"
              "   (qrcode is used if within 1.10x)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--cards", type=int, default=1000)
    args = ap.parse_args()
    font_chain()  # font registration is paid once per process by both
    cards = make_cards(args.cards)
    with tempfile.TemporaryDirectory() as tmp:
        ours, bare, per_module = (Path(tmp) / f for f in ("ours.pdf", "bare.pdf", "mod.pdf"))
        t_mod = timed(lambda: bare_loop(cards, per_module, module_rects), args.runs)
        t_bare = timed(lambda: bare_loop(cards, bare, run_rects), args.runs)
        t_ours = timed(lambda: write_cards(cards, ours), args.runs)
        mb = lambda p: p.stat().st_size / 1e6  # noqa: E731
        print(f"{args.cards} cards, median of {args.runs} runs")
        print(f"  bare loop, a rect per module   : {t_mod:6.2f} s  {mb(per_module):5.2f} MB")
        print(f"  bare loop, a rect per dark run : {t_bare:6.2f} s  {mb(bare):5.2f} MB")
        print(f"  ccschool write_cards (full card): {t_ours:5.2f} s  {mb(ours):5.2f} MB")
        print(f"  ratio ours / faster bare loop  : {t_ours / min(t_bare, t_mod):6.2f}x"
              "  (target <= 1.5x)")
        compare_encoders(cards, Path(tmp), args.runs)


if __name__ == "__main__":
    main()
