"""1,000 learning cards: ccschool's card writer against a bare reportlab loop.

The bare loop draws what a card needs and nothing else: the same segno matrix (fixed mask) as
one path of rectangles, and the site name, learner name and card number in the same embedded
CJK font, ten to a page. Prints medians of 5 runs, the ratio (target <= 1.5x) and file sizes
(target well under 5 MB). Run: python bench/bench_cards.py [--runs 5] [--cards 1000]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import segno  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from ccschool.services.cards import card_payload  # noqa: E402
from ccschool.printing.cards import CardData, card_position, write_cards  # noqa: E402
from ccschool.printing.fonts import PRIMARY, font_chain  # noqa: E402
from ccschool.printing.qr import MASK  # noqa: E402

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
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


def bare_loop(cards: list[CardData], out: Path, rects=run_rects) -> None:
    canvas = Canvas(str(out), pagesize=A4, pageCompression=1, initialFontName=PRIMARY)
    for i, card in enumerate(cards):
        x, y = card_position(i % 10)
        matrix = segno.make_qr(card.payload, error="m", mask=MASK, boost_error=False).matrix
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


if __name__ == "__main__":
    main()
