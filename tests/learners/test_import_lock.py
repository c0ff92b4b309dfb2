"""A roster import holds SQLite's write lock only for its steps (issue 16, item 5): a check-in
stream in another program can write while the import checks the file and builds its rows, and
the import still lands whole, checked again if someone wrote meanwhile. The steps themselves:
test_import_steps.py."""
from __future__ import annotations

import sqlite3
from datetime import datetime, timezone

from sqlalchemy import func, select

from ccschool.models import Learner, OutboxEntry, Person, Setting
from ccschool.roster import read_roster
from ccschool.services import import_steps as steps
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


def test_another_program_writes_while_the_import_builds_its_rows(db, tmp_path):
    with db.read() as s:
        plan = imp.plan_import(s, _roster(tmp_path, 35))
    written = []

    def progress(done, total):  # called while the rows are built, and between the steps
        _other_program_writes(db.path, f"desk_{done}")
        written.append(done)

    plan, imported = steps.import_roster(db, plan, actor="王老师", progress=progress, step=10)
    # building the rows (first half), then writing them in steps (second half)
    assert written == [10, 20, 30, 35, 45, 55, 65, 70] and imported == 35
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

    plan, imported = steps.import_roster(db, plan, actor="王老师", progress=progress)
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
    plan, imported = steps.import_roster(
        db, plan, actor="王老师",
        progress=lambda d, t: _other_program_writes(db.path, f"x{datetime.now(timezone.utc)}"))
    assert imported == 3 and rebuilt == []


def _fresh_db(folder):
    from ccschool.db import open_database
    from ccschool.services import site

    folder.mkdir()
    database = open_database(folder)
    with database.transaction(actor="admin") as s:
        site.init_site(s, code="TEST01", name="测试镇社区学校")
    return database


def test_staged_rows_land_as_row_by_row_inserts_would(tmp_path):
    """Same values and the same storage types as the row-by-row path, and the version drawn
    in the write is in every row and in its outbox payload."""
    import json
    from datetime import date

    from ccschool.idcard import make_id

    roster = read_roster(write_rows(tmp_path / "r.xlsx", ["姓名", "手机号码", "出生日期", "身份证号码"],
                                    [["张三", "13900000001", "1950-03-04",
                                      make_id("330302", date(1950, 3, 4), 1)],
                                     ["李四", "13900000002", "1961-12-30", None]]))
    typed = []
    for staged in (True, False):
        database = _fresh_db(tmp_path / str(staged))
        try:
            with database.read() as s:
                plan = imp.plan_import(s, roster)
            if staged:
                assert steps.import_roster(database, plan, actor="王老师")[1] == 2
            else:
                with database.transaction(actor="王老师") as s:
                    assert imp.apply_import(s, plan) == 2  # the row-by-row path
            typed.append(_typed_rows(database))
            with database.read() as s:
                for kind, version, payload in s.connection().exec_driver_sql(
                        "SELECT kind, version, payload FROM outbox_entry "
                        "WHERE kind IN ('person', 'learner', 'learning_card')"):
                    assert json.loads(payload)["version"] == version, kind
                assert s.connection().exec_driver_sql(
                    "SELECT count(DISTINCT version) FROM learner").scalar() == 1
        finally:
            database.close()
    assert typed[0] == typed[1] and typed[0]["person"]


def _typed_rows(db) -> dict:
    """Per table, the sorted rows as (type, value) of every column but ids, times, versions."""
    skip = {"id", "person_id", "learner_id", "record_id", "created_at", "updated_at", "version",
            "issued_at", "seq", "payload", "registered_on", "card_no", "hlc"}
    conn = sqlite3.connect(db.path)
    try:
        out = {}
        for table in ("person", "learner", "learning_card", "person_name_char"):
            cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] not in skip]
            picks = ", ".join(f"typeof({c}), {c}" for c in cols)
            out[table] = sorted(map(repr, conn.execute(f"SELECT {picks} FROM {table}")))
        out["outbox"] = sorted(conn.execute(
            "SELECT kind, op, period, typeof(payload), length(payload) FROM outbox_entry "
            "WHERE kind IN ('person', 'learner', 'learning_card')"))
        return out
    finally:
        conn.close()
