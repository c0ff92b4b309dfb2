"""Backups: online, consistent while the desk keeps writing, verified, rotated, recorded."""
from __future__ import annotations

import json
import sqlite3
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path


from ccschool.safety import backup, rotation
from tests.safety.conftest import counts, integrity
from tests.conftest import ADMIN_ENV


def test_backup_is_verified_and_has_every_record(filled, data_dir):
    result = backup.make_backup(data_dir)
    path = Path(result.path)
    assert path.parent == data_dir / "backups"
    assert integrity(path) == [("ok",)]
    assert counts(path) == counts(filled.path)
    assert not Path(f"{path}-wal").exists()  # a stand-alone file for a USB stick
    status = json.loads((data_dir / "last_backup.json").read_text(encoding="utf-8"))
    assert status["ok"] is True and status["path"] == str(path)
    datetime.fromisoformat(status["at"])


def test_backup_includes_sign_ins_still_in_the_wal(filled, data_dir):
    # The app keeps its connection open: recent commits live only in ccschool.db-wal,
    # which a plain file copy of ccschool.db would miss.
    conn = sqlite3.connect(filled.path)
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("INSERT INTO setting (key, value) VALUES ('wal_probe', '1')")
    conn.commit()
    result = backup.make_backup(data_dir)
    copy = sqlite3.connect(result.path)
    assert copy.execute("SELECT value FROM setting WHERE key='wal_probe'").fetchone() == ("1",)
    copy.close()
    conn.close()


def test_backup_while_another_connection_writes_is_one_snapshot(filled, data_dir, tmp_path):
    stop = threading.Event()
    written = []

    def writer():
        conn = sqlite3.connect(filled.path, timeout=10)
        i = 0
        while not stop.is_set():
            conn.execute("INSERT INTO setting (key, value) VALUES (?, '1')", (f"w{i}",))
            conn.commit()
            written.append(i)
            i += 1
        conn.close()

    steps = []

    def progress(done, total):
        steps.append((done, total))
        if len(steps) <= 6:  # between these steps the writer commits at least once more
            seen = len(written)
            deadline = time.monotonic() + 60
            while len(written) <= seen and time.monotonic() < deadline:
                time.sleep(0.001)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        out = tmp_path / "b.db"
        pages = backup.copy_database(filled.path, out, step_pages=8, pause=0.001,
                                     progress=progress)
    finally:
        stop.set()
        thread.join()
    assert len(written) > 5, "the writer kept writing during the backup"
    # The copy never restarted (done only grows) and is one consistent snapshot.
    done = [d for d, _ in steps]
    assert done == sorted(done) and len(steps) <= pages // 8 + 2
    backup.verify_backup(out)


def test_backup_to_a_folder_like_a_usb_stick(filled, data_dir, tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    result = backup.make_backup(data_dir, out=usb, password="长城-2468-backup")
    assert Path(result.path).parent == usb and Path(result.path).name.startswith("ccschool-")
    assert Path(result.path).suffix == ".ccsbak" and list(usb.iterdir()) == [Path(result.path)]
    from ccschool.safety.restore import inspect_backup
    copy, facts = inspect_backup(result.path, tmp_path, "长城-2468-backup")
    assert facts["counts"]["attendance"] == counts(filled.path)["attendance"]


def test_daily_backup_once_a_day(filled, data_dir):
    first = backup.backup_if_due(data_dir)
    assert first is not None and first.reason == "daily"
    assert backup.backup_if_due(data_dir) is None
    tomorrow = datetime.now() + timedelta(days=1)
    assert backup.backup_if_due(data_dir, now=tomorrow) is not None


def test_no_backup_without_a_database(data_dir):
    assert backup.backup_if_due(data_dir) is None
    assert backup.backup_before(data_dir, "month-close") is None
    assert not (data_dir / "ccschool.db").exists()


def test_backup_before_month_close(filled, data_dir):
    result = backup.backup_before(data_dir, "month-close")
    assert Path(result.path).name.endswith("-before-month-close.db")
    assert backup.list_backups(data_dir)[0]["reason"] == "before-month-close"


def test_upgrade_of_an_existing_database_backs_it_up_first(data_dir):
    from ccschool.db import make_engine
    from ccschool.migrate import upgrade_to_head

    path = data_dir / "ccschool.db"
    raw = sqlite3.connect(path)  # an older database whose schema Alembic must bring forward
    raw.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    raw.execute("INSERT INTO notes (text) VALUES ('kept')")
    raw.commit()
    raw.close()
    engine = make_engine(path)
    upgrade_to_head(engine)
    engine.dispose()
    saved = backup.list_backups(data_dir)
    assert [b["reason"] for b in saved] == ["before-upgrade"]
    old = sqlite3.connect(saved[0]["path"])
    assert old.execute("SELECT text FROM notes").fetchall() == [("kept",)]
    assert old.execute("SELECT name FROM sqlite_master WHERE name='person'").fetchone() is None
    old.close()


def test_a_new_database_is_not_backed_up_on_creation(db, data_dir):
    assert backup.list_backups(data_dir) == []


def test_rotation_keeps_7_daily_4_weekly_12_monthly(tmp_path):
    start = datetime(2025, 1, 1, 9, 0)
    items = []
    for day in range(400):  # two backups a day for 400 days
        for hour in (9, 17):
            at = start + timedelta(days=day, hours=hour - 9)
            path = tmp_path / f"ccschool-{at:%Y%m%d-%H%M%S}-daily.db"
            path.write_bytes(b"x")
            items.append((at, path))
    removed = rotation.rotate(items)
    kept = sorted(at for at, p in items if p.exists())
    assert len(kept) + len(removed) == 800
    newest = max(at for at, _ in items)
    days = {at.date() for at in kept if newest - at < timedelta(days=7)}
    assert len(days) == 7  # one per day for the last week
    months = {(at.year, at.month) for at in kept}
    assert len(months) == 12
    assert len(kept) <= 3 + 7 + 4 + 12
    assert newest in kept


def test_rotation_after_a_long_pause_keeps_old_backups(tmp_path):
    # Backups from last spring only: months without use must not prune them all away.
    items = [(datetime(2025, 4, d, 9), tmp_path / f"b{d}.db") for d in range(1, 11)]
    for _, p in items:
        p.write_bytes(b"x")
    rotation.rotate(items)
    assert sum(p.exists() for _, p in items) >= 7


def test_backup_command_line(filled, data_dir, run_cli, tmp_path, monkeypatch):
    filled.close()
    monkeypatch.setenv("CCSCHOOL_BACKUP_PASSWORD", "correct horse")
    done = run_cli("backup", "--out", tmp_path / "usb.db", "--json", env=ADMIN_ENV)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["ok"] and out["path"] == str(tmp_path / "usb.db")
    assert (tmp_path / "usb.db").read_bytes()[:6] == b"CCSBAK"  # encrypted, not SQLite
    done = run_cli("backup")
    assert done.returncode == 0 and "已校验" in done.stdout


def test_backup_of_missing_database_is_a_clear_error(run_cli):
    done = run_cli("backup")
    assert done.returncode == 1
    assert "没有数据库" in done.stderr
