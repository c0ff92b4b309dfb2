"""Fixtures for the data-safety tests: a filled database, counts, a tiny disk."""
from __future__ import annotations

import contextlib
import sqlite3
import subprocess
import uuid
from pathlib import Path

import pytest
from tests.dbcopy import open_copy


def counts(path: Path) -> dict:
    """Row counts straight from the file (no app code in between)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("person", "learner", "attendance", "outbox_entry", "audit_entry")}
    finally:
        conn.close()


def integrity(path: Path) -> list:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA integrity_check").fetchall()
    finally:
        conn.close()


@pytest.fixture(scope="session")
def filled_template(tmp_path_factory) -> Path:
    """Built once: site TEST01, an admin, 40 demo learners with a month of attendance."""
    from ccschool.db import open_database
    from ccschool.services.demo import build_demo
    from ccschool.services import site, staff

    folder = tmp_path_factory.mktemp("filled")
    database = open_database(folder)
    with database.transaction(actor="admin") as s:
        site.init_site(s, code="TEST01", name="测试镇社区学校")
        staff.create_user(s, name="admin", password="1234", role="admin",
                          allow_weak=True)  # an admin PIN made before the 8-character rule
        # made today: the month-close tests need one open month holding many records (every
        # registration waits in it, as at a site that has just imported its roster)
        build_demo(s, learners=40, months=1, seed=7, made_today=True)
    database.close()  # the last connection folds the WAL into the file
    return folder / "ccschool.db"


@pytest.fixture
def filled(data_dir, filled_template):
    """An opened copy of the filled template in this test's data folder."""
    database = open_copy(filled_template, data_dir)
    yield database
    database.close()


@pytest.fixture
def tiny_fs(tmp_path):
    """A 2 MB tmpfs folder (a nearly full USB stick); skipped where mounting is not allowed."""
    mount = tmp_path / f"tiny-{uuid.uuid4().hex[:6]}"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root); see test_sqlite_full_simulated")
    try:
        yield mount
    finally:
        with contextlib.suppress(Exception):
            subprocess.run(["umount", "-l", str(mount)], check=False)
