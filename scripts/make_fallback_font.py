"""Build resources/fonts/ccs-rare-han.ttf: the fallback font for name characters that
WenQuanYi Micro Hei lacks (CJK Extension A, the newest unified ideographs, and the
supplementary-plane characters listed below that appear in names and place names).

The whole of Hanazono's Extension B alone is 22 MB, so only Extension A (3 MB) is taken whole;
anything rarer is looked up at print time in the machine's own fonts (ccschool.printing.fonts).

Run from the repository root (needs Debian's fonts-hanazono and `pip install fonttools`):
    python scripts/make_fallback_font.py
The Hanazono licence lets a modified version be shipped under the Hanazono Font License or
the OFL; the OFL reserves the names "HanaMinA"/"HanaMinB", so the subset is renamed.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

HANAZONO = Path("/usr/share/fonts/truetype/hanazono")
OUT = Path(__file__).resolve().parents[1] / "resources" / "fonts" / "ccs-rare-han.ttf"
FAMILY = "CCSchool Rare Han"

BMP_RANGES = [(0x3400, 0x4DBF),   # CJK Extension A (䶮 ...)
              (0x9FA6, 0x9FFF),   # unified ideographs added after Unicode 4.1
              (0xF900, 0xFAFF),   # compatibility ideographs
              (0x2E80, 0x2FDF)]   # radicals, as people sometimes type them in names

# Supplementary-plane characters seen in Chinese personal and place names, among them the
# Extension B-E characters of the 2013 通用规范汉字表. Extend freely: re-run the script.
NAME_CHARS = (
    "𠮷𪚥𡎚𡐓𠙶𨚕𨐈𦰡𥻗𥕢𤩽𤧛𤞤𣲗𣲘𣸣𤇈𤋮𦈡𦭜𧿹𨙸𨟠𨭉𨱇𨱏𨱑𨱔𨺙𩽾𩾃𩾌𪟝𪣻𪤗𪨰𪨶𪩘𪾢"
    "𫄧𫄨𫄷𫄸𫇭𫌀𫍣𫍯𫍲𫍽𫐄𫐐𫐓𫑡𫓧𫓯𫓶𫓹𫔍𫔎𫔶𫖮𫖯𫖳𫗧𫗴𫘜𫘝𫘣𫘤𫘨𫚔𫚕𫚖𫛭𫛶𫞩𫟅𫟦𫟹"
    "𫟼𫠆𫠊𫠜𫢸𫫇𫭟𫭢𫭼𫮃𫰛𫶇𫷷𫸩𬀩𬀪𬂩𬃊𬇕𬇙𬈈𬈊𬊈𬊤𬌗𬍛𬍡𬍤𬒈𬒔𬒗𬕂𬘓𬘘𬘡𬘩𬘫𬘬"
    "𬘭𬘯𬙂𬙊𬙋𬜬𬜯𬞋𬞟𬟀𬟁𬟽𬠖𬣙𬣞𬣳𬤇𬤊𬤝𬨂𬨎𬩽𬪩𬬭𬬮𬬱𬬻𬬿𬭁𬭊𬭎𬭚𬭛𬭤𬭩𬭬𬭯𬭳"
    "𬭶𬭸𬭼𬮱𬮿𬯀𬱖𬱟𬲋𬳵𬳶𬳽𬳿𬴂𬴊𬶋𬶍𬶏𬶐𬶟𬶠𬶨𬶭𬶮𬷕𬸘𬸚𬸣𬸦𬸪𬸯𬹼𬺈𬺓"
)


def wanted_codepoints() -> set[int]:
    cps = {c for lo, hi in BMP_RANGES for c in range(lo, hi + 1)}
    return cps | {ord(ch) for ch in NAME_CHARS}


def subset_one(src: Path, codepoints: set[int]) -> TTFont:
    font = TTFont(src)
    have = set(font.getBestCmap())
    options = subset.Options()
    options.layout_features = []   # no shaping is needed for ideographs
    options.hinting = False        # hints only matter on screens at small sizes
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]
    options.notdef_outline = True
    sub = subset.Subsetter(options)
    sub.populate(unicodes=codepoints & have)
    sub.subset(font)
    return font


def merge(primary: TTFont, extra: TTFont) -> TTFont:
    from fontTools.merge import Merger
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, f in enumerate((primary, extra)):
            p = Path(tmp) / f"{i}.ttf"
            f.save(p)
            paths.append(str(p))
        return Merger().merge(paths)


def rename(font: TTFont) -> None:
    names = font["name"]
    for rec in list(names.names):
        if rec.nameID in (1, 3, 4, 6, 16, 17):
            names.removeNames(nameID=rec.nameID)
    names.setName(FAMILY, 1, 3, 1, 0x409)
    names.setName("Regular", 2, 3, 1, 0x409)
    names.setName(f"{FAMILY}; subset of Hanazono (GlyphWiki)", 3, 3, 1, 0x409)
    names.setName(FAMILY, 4, 3, 1, 0x409)
    names.setName(FAMILY.replace(" ", ""), 6, 3, 1, 0x409)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--hanazono", type=Path, default=HANAZONO)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    cps = wanted_codepoints()
    a = subset_one(args.hanazono / "HanaMinA.ttf", cps)
    covered = set(a.getBestCmap())
    b = subset_one(args.hanazono / "HanaMinB.ttf", cps - covered)
    font = merge(a, b)
    rename(font)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    font.save(args.out)
    have = set(font.getBestCmap())
    print(f"{args.out}: {len(have & cps)} of {len(cps)} characters, "
          f"{args.out.stat().st_size / 1e6:.1f} MB; missing: "
          + "".join(chr(c) for c in sorted({ord(ch) for ch in NAME_CHARS} - have)))


if __name__ == "__main__":
    main()
