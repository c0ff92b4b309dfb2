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


def _pending(db_path: Path) -> int:
    """Ranges noted by an import still being written (sync/pending_import.py)."""
    raw = sqlite3.connect(db_path)
    try:
        return raw.execute("SELECT count(*) FROM import_pending WHERE tbl = 'learner'").fetchone()[0]
    finally:
        raw.close()


def _max_seq(db_path: Path) -> int:
    raw = sqlite3.connect(db_path)
    try:
        return raw.execute("SELECT max(seq) FROM outbox_entry").fetchone()[0]
    finally:
        raw.close()


def _visible(db) -> dict:
    """What shows (test_import_steps.visible), device sync's knowledge checked apart: it may
    rise to just below the pending import's version, never to it."""
    from tests.learners.test_import_steps import visible

    shown = visible(db)
    knowledge = shown.pop("knowledge")
    raw = sqlite3.connect(db.path)
    try:
        pending = raw.execute("SELECT min(version) FROM import_pending").fetchone()[0]
    finally:
        raw.close()
    assert pending is None or max(knowledge.values()) < pending
    return shown


def test_sigkill_mid_import_leaves_nothing_visible_and_a_second_run_imports_all(
        db, data_dir, tmp_path, cli):
    """kill -9 of the real `ccschool learners import` between its steps (some written, more to
    come): nothing of it shows — list, search, counts, status bar, outbox, device sync — and
    running it again removes the dead import's rows and imports every row once."""
    shown, raw_before = _visible(db), _state(db.path)
    db.close()
    top_seq = _max_seq(db.path)
    for attempt in range(ATTEMPTS):
        big = _big_roster(tmp_path / f"big{attempt}.xlsx", 3_000, attempt)
        proc = subprocess.Popen([sys.executable, "-m", "ccschool", "learners", "import", str(big),
                                 "--data-dir", str(data_dir)], cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.monotonic() + 120
            while not _pending(db.path) and proc.poll() is None:  # a first step is written
                assert time.monotonic() < deadline
                time.sleep(0.005)
        finally:
            proc.kill()
            proc.communicate(timeout=60)
        if _pending(db.path):
            break
        shown, raw_before = _visible(db), _state(db.path)  # it finished first: once more
        top_seq = _max_seq(db.path)
    else:
        raise AssertionError(f"no kill landed between the steps in {ATTEMPTS} tries")
    assert _visible(db) == shown
    assert _state(db.path)[1] == raw_before[1]  # the name-index trigger is there
    # The next command of any kind (the app likewise at start) removes the dead import's rows
    # first, so its outbox sequence numbers go back unused: no gap for the county to see.
    assert cli("learners", "list").returncode == 0
    assert _pending(db.path) == 0 and _max_seq(db.path) == top_seq
    assert _state(db.path)[0] == raw_before[0]
    done = cli("learners", "import", str(big))
    assert done.returncode == 0, done.stderr
    assert _pending(db.path) == 0
    counts = _state(db.path)[0]  # every table: the dead import's rows gone, these in once
    assert counts[1] == raw_before[0][1] + 3_000 and counts[2] == raw_before[0][2] + 3_000
    assert _visible(db)["list"] == shown["list"] + 3_000
