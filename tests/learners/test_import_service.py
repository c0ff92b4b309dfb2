"""The import service: one transaction, other roles reused, county rules, venues by name."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from ccschool import settings
from ccschool.sync import hlc
from ccschool.models import Counter, Learner, OutboxEntry, Person, Venue
from ccschool.roster import read_roster
from ccschool.services import learner_import as imp
from tests.learners.rosters import ZHANG, messy_roster, pid, write_rows


def _counts(db) -> tuple:
    with db.read() as s:
        counts = tuple(s.scalar(select(func.count()).select_from(m)) for m in (Person, Learner, OutboxEntry))
        return counts + (s.get(Counter, "card_no"),)


def test_failure_half_way_leaves_database_as_before(db, tmp_path):
    roster = read_roster(messy_roster(tmp_path / "r.xlsx"))
    before = _counts(db)

    def crash(done, total):
        if done >= 4:  # two chunks of people, learners and cards written, more to come
            raise RuntimeError("power cut")

    with pytest.raises(RuntimeError), db.transaction() as s:
        imp.apply_import(s, imp.plan_import(s, roster), progress=crash, step=2)
    assert _counts(db) == before


def test_volunteer_on_file_becomes_learner_not_twin(db, tmp_path):
    with db.transaction() as s:
        s.add(Person(name="张三", id_number=ZHANG))
    roster = read_roster(write_rows(tmp_path / "r.xlsx", ["姓名", "身份证号"], [["张三", ZHANG]]))
    with db.transaction() as s:
        assert imp.apply_import(s, imp.plan_import(s, roster)) == 1
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == 1


def test_county_requiring_ids_makes_missing_id_an_error(db, tmp_path):
    with db.transaction() as s:
        settings.set(s, "county_requires_id", True)
    roster = read_roster(write_rows(tmp_path / "r.xlsx", ["姓名", "身份证号"],
                                    [["张三", ZHANG], ["李四", None]]))
    with db.read() as s:
        plan = imp.plan_import(s, roster)
    assert [p.message for p in plan.errors] == ["第3行 身份证号: 县平台要求填写身份证号"]
    assert [r.row for r in plan.new] == [2]


def test_venues_named_in_roster_are_added_once(db, tmp_path):
    roster = read_roster(write_rows(tmp_path / "r.xlsx", ["姓名", "教学点"], [
        ["张三", "东山村文化礼堂"], ["李四", "东山村文化礼堂"], ["王五", None]]))
    with db.transaction() as s:
        plan = imp.plan_import(s, roster)
        assert plan.result(imported=0)["new_venues"] == ["东山村文化礼堂"]
        imp.apply_import(s, plan)
    with db.read() as s:
        (venue,) = s.scalars(select(Venue)).all()
        assert s.scalar(select(func.count()).select_from(Learner).where(Learner.venue_id == venue.id)) == 2


def test_import_cards_continue_the_site_sequence(db, tmp_path):
    from ccschool.services import learners
    with db.transaction() as s:
        learners.create_learner(s, name="甲")
    roster = read_roster(write_rows(tmp_path / "r.xlsx", ["姓名", "身份证号"], [
        ["乙", pid(date(1960, 1, 1), True)], ["丙", None]]))
    with db.transaction() as s:
        imp.apply_import(s, imp.plan_import(s, roster))
    with db.transaction() as s:
        learners.create_learner(s, name="丁")
    with db.read() as s:
        assert list(s.scalars(select(Learner.card_no).order_by(Learner.card_no))) == [
            "ST01000001", "ST01000002", "ST01000003", "ST01000004"]


def test_learner_without_id_on_file_matches_roster_row_by_name_and_phone(db, tmp_path):
    from ccschool.services import learners
    with db.transaction() as s:
        learners.create_learner(s, name="张三", phone="13800138000")
        learners.create_learner(s, name="李四", phone="13900139000", id_number=pid(date(1960, 1, 1), True))
    roster = read_roster(write_rows(tmp_path / "r.xlsx", ["姓名", "身份证号", "手机"], [
        ["张三", ZHANG, 13800138000],  # the same person; the roster knows the ID, the file not yet
        ["李四", pid(date(1961, 1, 1), True), 13900139000]]))  # another 李四 sharing the phone
    with db.read() as s:
        plan = imp.plan_import(s, roster)
    assert [p.message for p in plan.duplicates] == ["第2行 身份证号: 已登记为学员（卡号ST01000001），已跳过"]
    assert [r.row for r in plan.new] == [3]


def test_bulk_written_rows_read_back_like_orm_rows(db, tmp_path):
    import json

    roster = read_roster(write_rows(tmp_path / "r.xlsx", ["姓名", "身份证号", "同意上传"],
                                    [["张三", ZHANG, "是"]]))
    with db.transaction() as s:
        imp.apply_import(s, imp.plan_import(s, roster))
    with db.read() as s:
        person = s.scalars(select(Person)).one()
        assert person.created_at.tzinfo is not None and person.birth_date == date(1956, 3, 2)
        assert person.consent_upload is True and person.version > hlc.CLOCK_FLOOR
        payloads = {e.kind: json.loads(e.payload) for e in s.scalars(select(OutboxEntry))
                    if e.kind in ("person", "learner", "learning_card")}
        assert payloads["person"]["id"] == person.id and payloads["person"]["consent_upload"] is True
        assert payloads["person"]["birth_date"] == "1956-03-02"
        assert payloads["learning_card"]["card_no"] == "ST01000001"
