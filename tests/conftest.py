"""Shared fixtures: a data folder in tmp_path, an opened site database, the CLI as a process.

No test may touch the user's real data folder: CCSCHOOL_DATA_DIR is pointed at a temporary
folder for the whole run, and every fixture passes --data-dir explicitly.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from hypothesis import HealthCheck, settings as hypothesis_settings

ROOT = Path(__file__).resolve().parent.parent

# A test that leaves a file, socket or process pipe open fails at its teardown (tests/leakcheck.py).
pytest_plugins = ["tests.leakcheck"]

# Property tests check correctness, not speed: on a loaded 2-core CI machine the first examples
# (imports, workbook set-up) can take seconds, which Hypothesis would report as a failure.
hypothesis_settings.register_profile(
    "ccschool", deadline=None, suppress_health_check=[HealthCheck.too_slow])
hypothesis_settings.load_profile("ccschool")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["CCSCHOOL_LANG"] = "zh_CN"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("CCSCHOOL_DATA_DIR", str(home / "default-data"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "xdg-config"))
    from ccschool import i18n
    i18n.set_language("zh_CN")


@pytest.fixture
def data_dir(tmp_path) -> Path:
    d = tmp_path / "data"
    d.mkdir()
    return d


@pytest.fixture
def db(data_dir):
    """An opened database with site TEST01 and an admin account (admin / 1234)."""
    from ccschool.db import open_database
    from ccschool.services import site, staff

    database = open_database(data_dir)
    with database.transaction(actor="admin") as s:
        site.init_site(s, code="TEST01", name="测试镇社区学校")
        staff.create_user(s, name="admin", password="1234", role="admin",
                          allow_weak=True)  # an admin PIN made before the 8-character rule
    yield database
    database.close()


# The `db` fixture's admin, for commands that need an admin's credentials (issue 16.9).
ADMIN_ENV = {"CCSCHOOL_STAFF": "admin", "CCSCHOOL_PASSWORD": "1234"}


@pytest.fixture
def run_cli(data_dir):
    """Run `python -m ccschool ARGS --data-dir <data_dir>` as a real process."""

    def run(*args, input: str | None = None, timeout: float = 120, data: Path | None = None,
            env: dict | None = None):
        cmd = [sys.executable, "-m", "ccschool", *map(str, args), "--data-dir",
               str(data or data_dir)]
        return subprocess.run(cmd, cwd=ROOT, input=input, capture_output=True, text=True,
                              timeout=timeout,
                              env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})

    return run


@pytest.fixture(scope="session")
def pg_server():
    """A private PostgreSQL server on 127.0.0.1 for this test run (see tests/pgserver.py)."""
    from tests.pgserver import PgServer, find_bindir

    bindir = find_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL is not installed (Debian package postgresql)")
    pytest.importorskip("psycopg")
    server = PgServer(bindir).start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def county_db(request, tmp_path):
    """Where the county receiver keeps its data: a SQLite file, then a real PostgreSQL
    database, so every receiver test runs on both."""
    if request.param == "sqlite":
        return str(tmp_path / "county.db")
    return request.getfixturevalue("pg_server").new_database()
