"""Learner export of the 100,000-learner demo against bare writers producing the same cells.

    python -m bench export       (or: python -m bench.bench_export [--rounds 3])

ours:  `services.learner_export.export_learners`, the whole user action of the learners page
       and `ccschool learners export`: the ids, the rows read from the database, every cell
       escaped and typed, the file written atomically, the audit entry.
floors: the cells of our file (read back once, so the very same strings, dates and blanks)
       handed from memory to a bare writer: openpyxl write-only, and xlsxwriter with
       constant_memory; each bare file is read back and compared with ours cell by cell.
The faster floor is the one the ratio is against (target <= 1.5x). One of each runs per round
(interleaved, so load on the shared machine falls on all alike); medians of wall and CPU time.
Works on a private copy of the large demo database (the export writes its audit entry).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import copy_of_big, interleaved, load_note, work_dir  # noqa: E402
from ccschool.db import DB_FILENAME, open_database  # noqa: E402
from ccschool.services.learner_export import export_learners  # noqa: E402


def sheet_cells(path: Path) -> list[list]:
    import python_calamine

    wb = python_calamine.CalamineWorkbook.from_path(str(path))
    rows = wb.get_sheet_by_index(0).to_python(skip_empty_area=False)
    wb.close()
    return [list(r) for r in rows]


def bare_openpyxl(cells: list[list], out: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Learners")
    for row in cells:
        ws.append([v if v != "" else None for v in row])  # dates get openpyxl's date format
    wb.save(out)


def bare_xlsxwriter(cells: list[list], out: Path) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(out), {"constant_memory": True})
    ws = wb.add_worksheet("Learners")
    day = wb.add_format({"num_format": "yyyy-mm-dd"})
    for r, row in enumerate(cells):
        for c, v in enumerate(row):
            if isinstance(v, str):
                if v:
                    ws.write_string(r, c, v)
            elif isinstance(v, date):
                ws.write_datetime(r, c, v, day)
            else:
                ws.write_number(r, c, v)
    wb.close()


def same_cells(a: list[list], b: list[list]) -> bool:
    def norm(v):
        return v.date() if isinstance(v, datetime) and v.time() == datetime.min.time() else v
    return len(a) == len(b) and all([norm(v) for v in x] == [norm(v) for v in y]
                                    for x, y in zip(a, b))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    folder = work_dir("export")
    if not (folder / DB_FILENAME).exists():
        copy_of_big(folder)
    db = open_database(folder)
    tmp = Path(tempfile.mkdtemp(prefix="bench-export-"))
    ours_file, opx_file, xw_file = tmp / "ours.xlsx", tmp / "openpyxl.xlsx", tmp / "xw.xlsx"
    n = export_learners(db, ours_file, actor="bench")  # warm-up; its file gives the cells
    cells = sheet_cells(ours_file)
    print(f"{n:,} learners, {sum(len(r) for r in cells):,} cells; {load_note()}", flush=True)
    fns = {"ours": lambda: export_learners(db, ours_file, actor="bench"),
           "openpyxl": lambda: bare_openpyxl(cells, opx_file),
           "xlsxwriter": lambda: bare_xlsxwriter(cells, xw_file)}
    figures = interleaved(fns, args.rounds)
    for name, path in [("openpyxl", opx_file), ("xlsxwriter", xw_file)]:
        assert same_cells(cells, sheet_cells(path)), f"the {name} floor wrote other cells"
    floor = min(("openpyxl", "xlsxwriter"), key=lambda k: figures[k][0])
    print(f"median of {args.rounds} interleaved rounds, wall / CPU seconds; {load_note()}")
    for name, (wall, cpu) in figures.items():
        size = {"ours": ours_file, "openpyxl": opx_file, "xlsxwriter": xw_file}[name]
        print(f"  {name:<36} {wall:7.2f} / {cpu:6.2f}   {size.stat().st_size / 1e6:5.1f} MB")
    (wall, cpu), (fwall, fcpu) = figures["ours"], figures[floor]
    print(f"  ratio ours / bare {floor:<18} {wall / fwall:5.2f}x / {cpu / fcpu:4.2f}x"
          "   (target <= 1.5x)")
    for p in tmp.iterdir():
        p.unlink()
    tmp.rmdir()
    db.close()


if __name__ == "__main__":
    main()
