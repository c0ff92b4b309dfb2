"""A bounded mutation fuzz of real xlsx files: whatever the sheet XML says, reading a roster
ends in rows or one clear message, and the process reading it stays alive (issue 16.1)."""
from __future__ import annotations

import json
import random
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parents[2]
SHEET = "xl/worksheets/sheet1.xml"
FAR = b"XFD1048576"
LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                     for i in range(1, 10)) + b"]>")


def _base(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws.append(["姓名", "性别", "手机"])
    for i in range(30):
        ws.append([f"张{i}", "男" if i % 2 else "女", f"1380013{i:04d}"])
    wb.save(path)
    return path


def _with_dtd(xml: bytes) -> bytes:
    """The part with a billion-laughs DTD in front (after its XML declaration, if any)."""
    body = xml.split(b"?>", 1)[1] if xml.startswith(b"<?xml") else xml
    return LAUGHS + body


def _far_cell(xml: bytes, spell: bytes) -> bytes:
    """Append a value cell at XFD1048576, written as `spell` (a <row>…</row> fragment)."""
    return xml.replace(b"</sheetData>", spell + b"</sheetData>")


# Deterministic mutations of the sheet part (or another part): the spellings an attacker or an
# odd generator uses, each of which a regex-based guard once missed.
SHEET_MUTATIONS = {
    "attribute_order": lambda x: _far_cell(x, b'<row r="1048576"><c t="n" r="XFD1048576"><v>1</v></c></row>'),
    "single_quotes": lambda x: _far_cell(x, b"<row r='1048576'><c r='XFD1048576'><v>1</v></c></row>"),
    "spaces_round_equals": lambda x: _far_cell(
        x, b'<row r="1048576"><c r = "XFD1048576" ><v>1</v></c></row>'),
    "char_reference": lambda x: _far_cell(x, b'<row r="1048576"><c r="&#88;FD1048576"><v>1</v></c></row>'),
    "row_without_cell_refs": lambda x: _far_cell(
        x, b'<row r="1048576">' + b"<c><v>1</v></c>" * 3 + b"</row>"),
    "far_column_only": lambda x: _far_cell(x, b'<row r="2"><c r="XFD2"><v>1</v></c></row>'),
    "prefixed_namespace": lambda x: _far_cell(
        x, b'<x:row xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" r="1048576">'
           b'<x:c r="XFD1048576"><x:v>1</x:v></x:c></x:row>'),
    "lower_case_ref": lambda x: _far_cell(x, b'<row r="1048576"><c r="xfd1048576"><v>1</v></c></row>'),
    "dimension_lies": lambda x: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', x),
    "dtd_in_sheet": _with_dtd,
    "truncated_half": lambda x: x[: len(x) // 2],
    "truncated_in_tag": lambda x: x[: x.index(b"<c ") + 4],
    "cell_ref_garbage": lambda x: x.replace(b'r="B2"', b'r="\xff\xfe99999999999999999999"'),
    "huge_row_number": lambda x: _far_cell(x, b'<row r="99999999999"><c r="A99999999999"><v>1</v></c></row>'),
}
OTHER_PARTS = {
    "dtd_in_workbook": ("xl/workbook.xml", _with_dtd),
    "dtd_in_shared_strings": ("xl/sharedStrings.xml", _with_dtd),
    "dtd_in_styles": ("xl/styles.xml", _with_dtd),
    "workbook_truncated": ("xl/workbook.xml", lambda x: x[: len(x) // 3]),
    "rels_point_nowhere": ("xl/_rels/workbook.xml.rels",
                           lambda x: x.replace(b"worksheets/sheet1.xml", b"worksheets/none.xml")),
}


def _rewrite(src: Path, dst: Path, part: str, change) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            zout.writestr(info.filename, change(data) if info.filename == part else data)
    return dst


def _random_mutants(src: Path, folder: Path, count: int, seed: int) -> list[Path]:
    """Byte flips, deletions and a far cell reference spliced in at random places."""
    rng = random.Random(seed)
    with zipfile.ZipFile(src) as zf:
        xml = zf.read(SHEET)
    out = []
    for n in range(count):
        data = bytearray(xml)
        for _ in range(rng.randint(1, 4)):
            at = rng.randrange(len(data))
            op = rng.choice(("flip", "delete", "far_ref", "quote"))
            if op == "flip":
                data[at] = rng.randrange(256)
            elif op == "delete":
                del data[at: at + rng.randint(1, 40)]
            elif op == "far_ref":
                refs = [m.start(1) for m in re.finditer(rb'r="([A-Z]+\d+)"', bytes(data))]
                if refs:
                    start = rng.choice(refs)
                    end = data.index(b'"', start)
                    data[start:end] = FAR
            else:
                data = bytearray(bytes(data).replace(b'"', b"'", rng.randint(1, 200)))
        out.append(_rewrite(src, folder / f"random_{n}.xlsx", SHEET, lambda _x, d=bytes(data): d))
    return out


def test_mutated_workbooks_end_in_rows_or_one_message_and_the_process_lives(tmp_path):
    base = _base(tmp_path / "base.xlsx")
    files = [base]
    files += [_rewrite(base, tmp_path / f"{name}.xlsx", SHEET, change)
              for name, change in SHEET_MUTATIONS.items()]
    files += [_rewrite(base, tmp_path / f"{name}.xlsx", part, change)
              for name, (part, change) in OTHER_PARTS.items()]
    files += _random_mutants(base, tmp_path, count=12, seed=16)
    done = subprocess.run([sys.executable, "-m", "tests.learners.fuzz_read", *map(str, files)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stdout + done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert lines[-1] == {"alive": True} and len(lines) == len(files) + 1
    results = {Path(r["file"]).stem: r for r in lines[:-1]}
    assert results["base"] == {"file": str(base), "rows": 30}
    for name, result in results.items():
        if "error" in result:
            names = (Path(result["file"]).name, "工作表“花名册”")  # the file or its sheet
            assert "\n" not in result["error"] and any(n in result["error"] for n in names), result
    far = ("attribute_order", "single_quotes", "spaces_round_equals", "char_reference",
           "prefixed_namespace")
    for name in far:  # a value at XFD1048576 is never read as a roster of 30
        assert "error" in results[name], (name, results[name])
