"""A roster import holds SQLite's write lock only for its inserts (issue 16, item 5): a check-in
stream in another program can write while the import checks the file and builds its rows, and
the import still lands whole, checked again if someone wrote meanwhile."""
from __future__ import annotations

import sqlite3
from datetime import datetime, timezone

from sqlalchemy import func, select

from ccschool.models import Learner, OutboxEntry, Person, Setting
from ccschool.roster import read_roster
from ccschool.services import learner_import as imp
from ccschool.services import learners as svc
from tests.learners.rosters import write_rows


def _roster(tmp_path, n: int):
    rows = [[f"学员{i:04d}", f"139{i:08d}"] for i in range(n)]
    return read_roster(write_rows(tmp_path / "many.xlsx", ["姓名", "手机号码"], rows))


def _other_program_writes(db_path, key: str) -> None:
    """What a check-in stream in another process does: take the write lock at once or fail."""
    conn = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")  # "database is locked" if the import held the lock
        conn.execute("INSERT INTO setting (key, value) VALUES (?, '1')", (key,))
        conn.execute("COMMIT")
    finally:
        conn.close()


def test_another_program_writes_while_the_import_builds_its_rows(db, tmp_path, monkeypatch):
    monkeypatch.setattr(imp, "WRITE_CHUNK", 10)
    with db.read() as s:
        plan = imp.plan_import(s, _roster(tmp_path, 35))
    written = []

    def progress(done, total):  # called while the rows are being built
        _other_program_writes(db.path, f"desk_{done}")
        written.append(done)

    plan, imported = imp.import_roster(db, plan, actor="王老师", progress=progress)
    assert written == [10, 20, 30, 35] and imported == 35
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Learner)) == 35
        assert s.scalar(select(func.count()).select_from(OutboxEntry)
                        .where(OutboxEntry.kind == "learner")) == 35
        assert all(s.get(Setting, f"desk_{n}") for n in written)


def test_a_learner_registered_meanwhile_is_not_imported_twice(db, tmp_path):
    roster = _roster(tmp_path, 5)
    with db.read() as s:
        plan = imp.plan_import(s, roster)
    assert len(plan.new) == 5
    first = {}

    def progress(done, total):  # someone at the desk registers row 2's person meanwhile
        if not first:
            with db.transaction(actor="前台") as s:
                first["id"] = svc.create_learner(s, name="学员0000", phone="13900000000").id

    plan, imported = imp.import_roster(db, plan, actor="王老师", progress=progress)
    assert imported == 4 and len(plan.duplicates) == 1 and plan.duplicates[0].row == 2
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Person)
                        .where(Person.phone == "13900000000")) == 1
        assert s.scalar(select(func.count()).select_from(Learner)) == 5
        cards = sorted(s.scalars(select(Learner.card_no)))
    assert len(set(cards)) == 5  # the card counter moved too: no number handed out twice


def test_check_ins_meanwhile_do_not_make_the_import_check_again(db, tmp_path, monkeypatch):
    """Other records (sign-ins, settings) leave the plan valid: it is not rebuilt inside the
    write transaction, where rebuilding would hold the lock for the whole import again."""
    with db.read() as s:
        plan = imp.plan_import(s, _roster(tmp_path, 3))
    rebuilt = []
    real = imp.plan_import
    monkeypatch.setattr(imp, "plan_import", lambda s, r: rebuilt.append(1) or real(s, r))
    plan, imported = imp.import_roster(
        db, plan, actor="王老师",
        progress=lambda d, t: _other_program_writes(db.path, f"x{datetime.now(timezone.utc)}"))
    assert imported == 3 and rebuilt == []
