"""Fixtures for the learner tests: a migrated site database copied from one template.

Migrating and creating the admin account costs ~1 s; copying the finished file costs ~1 ms,
and the learner tests open a fresh database a hundred times.
"""
from __future__ import annotations


import pytest
from tests.dbcopy import open_copy


@pytest.fixture(scope="session")
def _template_db(tmp_path_factory):
    from ccschool.db import open_database
    from ccschool.services import site

    folder = tmp_path_factory.mktemp("template")
    database = open_database(folder)
    with database.transaction(actor="admin") as s:
        site.init_site(s, code="TEST01", name="测试镇社区学校")
    database.engine.dispose()
    return folder / "ccschool.db"


@pytest.fixture
def db(_template_db, data_dir):
    """Like tests/conftest.py's db (site TEST01) but without the slow admin password hash."""
    database = open_copy(_template_db, data_dir)
    yield database
    database.close()


@pytest.fixture
def cli(data_dir):
    """`ccschool ARGS --data-dir <data_dir>` in this process (the same main() as the console
    script): most CLI tests use this, a few run the real process via run_cli."""
    import contextlib
    import io
    import subprocess

    from ccschool.cli import main

    def run(*args, data=None):
        out, err = io.StringIO(), io.StringIO()
        argv = [*map(str, args), "--data-dir", str(data or data_dir)]
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as exc:  # argparse usage errors
                code = exc.code
        return subprocess.CompletedProcess(argv, code, out.getvalue(), err.getvalue())

    return run
