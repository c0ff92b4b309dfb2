"""Misuses of the command line, each run as a real process: a non-zero exit with one line
saying what is wrong, and never a Python traceback (issue 16.12)."""
from __future__ import annotations

import os
import socket
import struct
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ADMIN = {"CCSCHOOL_STAFF": "管理员", "CCSCHOOL_PASSWORD": "1234"}  # the demo site's admin


def _cli(*args, data: Path, env: dict | None = None, stdin=subprocess.DEVNULL):
    cmd = [sys.executable, "-m", "ccschool", *map(str, args), "--data-dir", str(data)]
    return subprocess.run(cmd, cwd=ROOT, stdin=stdin, capture_output=True, text=True,
                          timeout=120, env={**os.environ, **(env or {})})


def _closed_port() -> int:
    with socket.socket() as s:  # bound, then closed: nothing listens there
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """A demo site with a county address that answers nothing."""
    data = tmp_path_factory.mktemp("misuse") / "data"
    assert _cli("demo", "--learners", "20", "--months", "1", data=data).returncode == 0
    done = _cli("sync", "setup", "--token", "t" * 40, "--url",
                f"http://127.0.0.1:{_closed_port()}", data=data, env=ADMIN)
    assert done.returncode == 0, done.stderr
    return data


# name: (arguments, words the one line must contain); {tmp} is a folder that exists
CASES = {
    "demo_twice": (["demo", "--learners", "5", "--months", "1"], "已有学员"),
    "hours_nan": (["classes", "add", "--name", "书法", "--theme", "人文艺术",
                   "--hours-per-session", "nan"], "学时"),
    "report_range_to_9999": (["report", "range", "--from", "2026-01-01", "--to", "9999-12-31"],
                             "超出范围"),
    "report_month_9999": (["report", "monthly", "--month", "9999-12"], "超出范围"),
    "sessions_month_9999": (["sessions", "list", "--month", "9999-12"], "超出范围"),
    "classes_term_9999": (["classes", "add", "--name", "书法", "--theme", "人文艺术",
                           "--hours-per-session", "1", "--start", "9999-12-01", "--end",
                           "9999-12-31", "--weekly", "tue 14:00-15:00"], "超出范围"),
    "report_out_is_folder": (["report", "monthly", "--month", "2026-11", "--out", "{tmp}"],
                             "是一个文件夹"),
    "report_out_unwritable": (["report", "monthly", "--month", "2026-11", "--out",
                               "/proc/ccschool/月报.xlsx"], "无法读写“/proc/ccschool/月报.xlsx”"),
    "export_out_is_folder": (["learners", "export", "{tmp}"], "是一个文件夹"),
    "cards_out_is_folder": (["print", "cards", "--all", "--out", "{tmp}"], "是一个文件夹"),
    "county_key_missing": (["sync", "setup", "--county-key", "{tmp}/county.pem"],
                           "找不到县平台公钥文件"),
    "reconcile_county_unreachable": (["sync", "reconcile", "--month", "2026-11"], "连不上县平台"),
    "zip_password_without_terminal": (["export-protected", "{tmp}/学员.zip"], "环境变量"),
    "admin_prompt_without_terminal": (["restore", "{tmp}/backup.db"], "CCSCHOOL_STAFF"),
    "roster_that_kills_the_parser": (["learners", "import", "{tmp}/花名册.xlsx"],
                                     "花名册"),
}
NEEDS_ADMIN = {"county_key_missing", "zip_password_without_terminal"}


def _far_cell_roster(path: Path) -> None:
    """A roster whose far cell is spelled with single quotes: the parser would abort."""
    import re
    import zipfile

    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "花名册"
    wb.active.append(["姓名", "手机"])
    wb.active.cell(1_048_576, 16_384).value = "x"
    plain = path.with_suffix(".plain.xlsx")
    wb.save(plain)
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(path, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.endswith("sheet1.xml"):
                data = re.sub(rb'r="([A-Z]+[0-9]+)"', rb"r='\1'", data)
            zout.writestr(info, data)


def _one_line_refusal(done, words: str) -> None:
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    assert done.returncode not in (0, None) and done.returncode < 128, done.returncode
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert words in lines[0], lines[0]


@pytest.mark.parametrize("name", sorted(CASES))
def test_misuse_ends_in_one_line(name, site, tmp_path):
    args, words = CASES[name]
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    if name == "roster_that_kills_the_parser":
        _far_cell_roster(tmp_path / "花名册.xlsx")
    env = ADMIN if name in NEEDS_ADMIN and name != "zip_password_without_terminal" else None
    _one_line_refusal(_cli(*args, data=site, env=env), words)


def test_a_data_folder_that_is_a_file(tmp_path):
    (tmp_path / "data").write_text("not a folder")
    _one_line_refusal(_cli("info", data=tmp_path / "data"), "是一个文件")
    _one_line_refusal(_cli("info", data=tmp_path / "data" / "below"), "不是文件夹")


def test_a_closed_pipe_ends_quietly(site):
    """`ccschool sync status | head`: the reader went away before anything was written."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # closed before the command starts: its first write finds no reader
    try:
        done = subprocess.run([sys.executable, "-m", "ccschool", "sync", "status", "--data-dir",
                               str(site)], cwd=ROOT, stdout=write_end, stderr=subprocess.PIPE,
                              stdin=subprocess.DEVNULL, text=True, timeout=120)
    finally:
        os.close(write_end)
    assert done.stderr == "" and done.returncode != 0


def _county(*args):
    return subprocess.run([sys.executable, "-m", "ccschool.county.cli", *map(str, args)],
                          cwd=ROOT, capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL)


def test_county_serve_on_an_impossible_port():
    done = _county("serve", "--port", "99999")
    assert "Traceback" not in done.stderr and done.returncode == 2
    last = done.stderr.strip().splitlines()[-1]
    assert "--port" in last and "99999" in last and "port must be" in last


def test_county_import_of_a_deeply_nested_manifest(tmp_path):
    from ccschool.sync.batchfile import MAGIC

    manifest = b"[" * 200_000 + b"]" * 200_000
    path = tmp_path / "nested.ccsbatch"
    path.write_bytes(MAGIC + struct.pack(">I", len(manifest)) + manifest + b"\0" * 64)
    done = _county("import", path, "--db", tmp_path / "county.db")
    assert "Traceback" not in done.stderr and done.returncode == 1
    assert done.stderr.strip().count("\n") == 0 and "manifest is unreadable" in done.stderr
