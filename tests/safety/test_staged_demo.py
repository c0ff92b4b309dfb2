"""Demo generation is all-or-nothing without holding the live file's write lock (issue 16,
item 5): it is built in a private copy and swapped in."""
from __future__ import annotations

import hashlib
import json

import pytest

from ccschool.errors import CCSError
from ccschool.safety.staged import staged_copy
from ccschool.services.demo import build_demo, ensure_demo_site
from tests.safety.conftest import counts
from tests.safety.test_short_locks import _statements_in_write_transactions


def test_demo_writes_nothing_under_the_live_files_write_lock(db, data_dir):
    inside = _statements_in_write_transactions(db)
    with staged_copy(db) as staged:
        with staged.transaction(actor="demo") as s:
            ensure_demo_site(s)
            build_demo(s, learners=60, months=1, seed=3, commit_steps=True)
    assert not [q for q in inside if q.lstrip().upper().startswith("INSERT")]
    assert counts(db.path)["learner"] == 60
    with db.read() as s:  # the app's Database goes on with the new file
        assert s.connection().exec_driver_sql("SELECT count(*) FROM learner").scalar() == 60
    assert not list(data_dir.glob(".staging-*"))


def test_a_demo_that_fails_half_way_changes_nothing(db, data_dir):
    db.engine.dispose()
    before = hashlib.sha256(db.path.read_bytes()).hexdigest()

    def fail_half_way(done, total):
        if done > total // 2:
            raise RuntimeError("power cut")

    with pytest.raises(RuntimeError):
        with staged_copy(db) as staged:
            with staged.transaction(actor="demo") as s:
                build_demo(s, learners=60, months=1, seed=3, commit_steps=True,
                           progress=fail_half_way)
    db.engine.dispose()
    assert hashlib.sha256(db.path.read_bytes()).hexdigest() == before
    assert not list(data_dir.glob(".staging-*"))


def test_a_change_by_another_program_meanwhile_is_not_lost(db, data_dir):
    with pytest.raises(CCSError, match="另一个程序修改"):
        with staged_copy(db):
            with db.transaction(actor="desk") as s:  # someone else writes to the live file
                from ccschool.services import staff
                staff.create_user(s, name="张老师", password="24682468", role="staff")
    assert counts(db.path)["learner"] == 0
    with db.read() as s:
        assert s.connection().exec_driver_sql(
            "SELECT count(*) FROM staff_user WHERE name='张老师'").scalar() == 1


def test_demo_command(run_cli, data_dir):
    done = run_cli("demo", "--learners", 50, "--months", 1, "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["learners"] == 50
    assert counts(data_dir / "ccschool.db")["learner"] == 50
    assert not list(data_dir.glob(".staging-*"))
