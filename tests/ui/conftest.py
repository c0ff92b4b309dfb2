"""Fixtures for the shell's GUI tests: a site with ASCII names (so any Chinese left on screen in
English mode is an untranslated string), an admin and a staff account, an AppContext."""
from __future__ import annotations


import pytest

from ccschool.ui.ops.background import SyncRunner
from ccschool.ui.shell.context import AppContext, CurrentUser
from tests.dbcopy import open_copy


@pytest.fixture(scope="session")
def _template_db(tmp_path_factory):
    """Built once (migrations and two slow password hashes), copied for every test."""
    from ccschool.db import open_database
    from ccschool.services import site, staff

    folder = tmp_path_factory.mktemp("template")
    database = open_database(folder)
    with database.transaction(actor="setup") as s:
        site.init_site(s, code="TEST01", name="Test Township School")
        staff.create_user(s, name="admin", password="1234", role="admin",
                          allow_weak=True)  # an admin PIN made before the 8-character rule
        staff.create_user(s, name="clerk", password="5678", role="staff")
    with database.engine.connect() as conn:  # fold the WAL into the file before copying
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()
    return folder / "ccschool.db"


@pytest.fixture
def shell_db(data_dir, _template_db):
    database = open_copy(_template_db, data_dir)
    yield database
    database.close()


@pytest.fixture
def ctx(shell_db, data_dir):
    return AppContext(db=shell_db, run_in_background=SyncRunner(),
                      user=CurrentUser("admin", "admin"), data_dir=data_dir)


@pytest.fixture
def make_window(qtbot, ctx, qapp):
    """make_window(ctx=None, idle_ms=None) -> MainWindow, shown, with its idle watcher."""
    from ccschool.ui.shell import app as shell

    def make(context=None, idle_minutes: float | None = None):
        context = context or ctx
        prefs = shell.read_prefs(context.db)
        if idle_minutes is not None:
            prefs.idle_lock_minutes = idle_minutes
        window, idle = shell.start_window(qapp, context, prefs)
        window.idle = idle
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    yield make


@pytest.fixture
def english(qapp):
    from ccschool.ui.shell.app import install_translators

    install_translators(qapp, "en")
    yield
    install_translators(qapp, "zh_CN")
