"""Ctrl-C in the middle of `ccschool learners import` leaves the database exactly as before."""
from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import openpyxl

from tests.learners.rosters import write_rows

ROOT = Path(__file__).resolve().parents[2]


def _big_roster(path: Path, rows: int, attempt: int = 0) -> Path:
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("花名册")
    ws.append(["姓名", "性别", "手机号码", "村(社区)", "人群类别"])
    for i in range(rows):
        ws.append([f"学员{attempt}{i:05d}", "女" if i % 2 else "男",
                   13_900_000_000 + attempt * 100_000 + i, "东山村", "老年人"])
    wb.save(path)
    return path


def _state(db_path: Path) -> tuple:
    raw = sqlite3.connect(db_path)
    try:
        counts = tuple(raw.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in (
            "person", "learner", "learning_card", "outbox_entry", "person_name_char", "audit_entry"))
        triggers = raw.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name").fetchall()
        counter = raw.execute("SELECT value FROM counter WHERE name = 'card_no'").fetchall()
        return counts, triggers, counter, raw.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        raw.close()


def _writing(db_path: Path) -> bool:
    """True while another connection holds the write lock (the import's one transaction)."""
    raw = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    try:
        raw.execute("BEGIN IMMEDIATE")
        raw.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        raw.close()


def _import_and_signal(data_dir: Path, db_path: Path, roster: Path, signum: int):
    """Start the real import, send `signum` once it holds the write lock: (rc, stderr)."""
    proc = subprocess.Popen([sys.executable, "-m", "ccschool", "learners", "import", str(roster),
                             "--data-dir", str(data_dir)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while not _writing(db_path):  # wait until the rows are being written
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline
            time.sleep(0.005)
    finally:
        proc.send_signal(signum)
    _out, err = proc.communicate(timeout=60)
    return proc.returncode, err


ATTEMPTS = 4  # the write is short: a signal can land only after its commit; then again


def test_ctrl_c_mid_import_leaves_database_unchanged(db, data_dir, tmp_path, cli):
    small = write_rows(tmp_path / "small.xlsx", ["姓名", "手机号码"],
                       [["张三", "13800000001"], ["李四", "13800000002"]])
    assert cli("learners", "import", str(small)).returncode == 0
    big = _big_roster(tmp_path / "big.xlsx", 8_000)
    before = _state(db.path)
    assert before[0][1] == 2 and before[3] == "ok"
    db.close()
    proc = subprocess.Popen([sys.executable, "-m", "ccschool", "learners", "import", str(big),
                             "--data-dir", str(data_dir)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not _writing(db.path):  # wait until the rows are being written
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.01)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, (out, err)
    assert "导入已取消，没有导入任何数据" in err
    assert _state(db.path) == before  # counts, triggers, card counter; integrity_check "ok"


def test_sigkill_mid_write_leaves_database_unchanged_and_a_second_run_imports_all(
        db, data_dir, tmp_path, cli):
    """kill -9 of the real `ccschool learners import` while it holds the write lock (the rows
    staged, its INSERT … SELECTs running): nothing of it stays — or, if the kill came after
    the commit, all of it — and running it again imports every row once."""
    db.close()
    for attempt in range(ATTEMPTS):
        big = _big_roster(tmp_path / f"big{attempt}.xlsx", 8_000, attempt)
        before = _state(db.path)
        _import_and_signal(data_dir, db.path, big, signal.SIGKILL)
        after = _state(db.path)
        assert after[3] == "ok" and after[1] == before[1]  # integrity, the name-index trigger
        if after != before:  # the kill landed after the commit: all of it is in
            assert after[0][1] == before[0][1] + 8_000 and after[0][2] == before[0][2] + 8_000
            continue
        done = cli("learners", "import", str(big))
        assert done.returncode == 0, done.stderr
        counts = _state(db.path)[0]
        assert counts[1] == before[0][1] + 8_000 and counts[2] == before[0][2] + 8_000
        break
    else:
        raise AssertionError(f"no kill landed inside the write in {ATTEMPTS} tries")
