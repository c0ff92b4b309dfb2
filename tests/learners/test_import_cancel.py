"""Stopping an import half-way leaves the database exactly as before; a finished bulk import
leaves the name-search index and its trigger exactly as row-by-row inserts would."""
from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import func, select, text

from ccschool.models import Learner, LearningCard, OutboxEntry, Person
from ccschool.roster import read_roster
from ccschool.services import learner_import as imp
from ccschool.services import learners as svc
from ccschool.services.learner_search import search_ids
from tests.learners.rosters import messy_roster, write_rows

# What the insert trigger writes for every person (migration learners_0002), as a query
EXPECTED_CHARS = ("SELECT DISTINCT substr(p.name, n, 1), p.id FROM person p "
                  "JOIN person_name_char_pos ON n <= length(p.name) ORDER BY 1, 2")


def _state(db) -> tuple:
    with db.read() as s:
        counts = tuple(s.scalar(select(func.count()).select_from(m))
                       for m in (Person, Learner, LearningCard, OutboxEntry))
        triggers = s.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                                  "ORDER BY name")).all()
        chars = s.execute(text("SELECT count(*) FROM person_name_char")).scalar()
    return counts, triggers, chars


def _many(tmp_path, n: int):
    rows = [[f"学员{i:04d}", f"139{i:08d}"] for i in range(n)]
    return read_roster(write_rows(tmp_path / "many.xlsx", ["姓名", "手机号码"], rows))


def test_cancel_between_chunks_rolls_back_everything(db, tmp_path):
    roster = _many(tmp_path, 45)
    before = _state(db)
    asked = []

    def should_cancel() -> bool:
        asked.append(1)
        return len(asked) > 3  # two chunks written, then the user presses Cancel

    with pytest.raises(imp.ImportCancelled) as err, db.transaction() as s:
        imp.apply_import(s, imp.plan_import(s, roster), should_cancel=should_cancel, step=10)
    assert "导入已取消，没有导入任何数据" in str(err.value)
    assert _state(db) == before  # rows, outbox, name index and its trigger as they were
    with db.transaction() as s:  # and the same file imports fine afterwards
        assert imp.apply_import(s, imp.plan_import(s, roster)) == 45


def test_bulk_import_keeps_name_index_and_trigger(db, tmp_path, monkeypatch):
    from ccschool.services import learner_name_index

    _, triggers_before, _ = _state(db)
    roster = read_roster(messy_roster(tmp_path / "r.xlsx"))
    held_back = []
    real = learner_name_index.add_names
    monkeypatch.setattr(learner_name_index, "add_names", lambda s, people, *rows: (
        held_back.append(s.info.get("name_index_bulk")), real(s, people, *rows)))
    with db.transaction() as s:
        n = imp.apply_import(s, imp.plan_import(s, roster))
    assert n > 3 and held_back == [True]  # the import did write the index rows itself
    _, triggers_after, _ = _state(db)
    assert triggers_after == triggers_before
    raw = sqlite3.connect(db.path)
    assert raw.execute(EXPECTED_CHARS).fetchall() == raw.execute(
        "SELECT ch, person_id FROM person_name_char ORDER BY 1, 2").fetchall()
    raw.close()
    with db.transaction() as s:  # the trigger still serves people added one by one
        learner = svc.create_learner(s, name="欧阳明月", phone="13912345678")
    with db.read() as s:
        assert learner.id in search_ids(s, "明月")
