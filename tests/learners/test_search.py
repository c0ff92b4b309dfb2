"""Search: name substring, pinyin initials (multi-reading surnames too), full pinyin, card, phone."""
from __future__ import annotations

import pytest

from ccschool.services import learners as svc
from ccschool.services.learner_export import list_rows


@pytest.fixture
def people(db):
    with db.transaction() as s:
        for name, phone in (("张三", "13800138000"), ("张三丰", "13900131234"), ("李四", "13700135678"),
                            ("曾小明", None), ("单田芳", None), ("欧阳娜娜", None)):
            svc.create_learner(s, name=name, phone=phone)
    return db


@pytest.mark.parametrize("query, names", [
    ("张三", ["张三", "张三丰"]), ("三", ["张三", "张三丰"]), ("丰", ["张三丰"]),
    ("zs", ["张三", "张三丰"]), ("ZSF", ["张三丰"]), ("ｚｓ", ["张三", "张三丰"]),
    ("zhangsan", ["张三", "张三丰"]), ("zhangsanf", ["张三丰"]),
    ("zxm", ["曾小明"]), ("sh", ["单田芳"]), ("stf", ["单田芳"]), ("oynn", ["欧阳娜娜"]),
    ("1234", ["张三丰"]), ("13700135678", ["李四"]),
    ("ST01000003", ["李四"]), ("st01000003", ["李四"]), ("3", ["李四"]),
    ("nobody", []), ("%", []), ("_", []),
])
def test_search(people, query, names):
    with people.read() as s:
        assert [r["name"] for r in list_rows(s, search=query)] == names


def test_empty_search_lists_all_in_registration_order(people):
    with people.read() as s:
        assert [r["name"] for r in list_rows(s)][:3] == ["张三", "张三丰", "李四"]


def test_renamed_and_bulk_imported_names_are_found_by_substring(people, tmp_path):
    from sqlalchemy import select

    from ccschool.models import Learner
    from ccschool.roster import read_roster
    from ccschool.services import learner_import as imp
    from tests.learners.rosters import write_rows

    with people.transaction() as s:
        lid = s.scalars(select(Learner.id).where(Learner.card_no == "ST01000003")).one()
        svc.update_learner(s, lid, name="李思思")  # the triggers re-index the new name
        roster = read_roster(write_rows(tmp_path / "r.xlsx", ["姓名"], [["王思聪"]]))
        imp.apply_import(s, imp.plan_import(s, roster))  # Core bulk insert, no ORM events
    with people.read() as s:
        assert [r["name"] for r in list_rows(s, search="思")] == ["李思思", "王思聪"]
        assert list_rows(s, search="李四") == []


def test_names_on_file_before_the_upgrade_are_indexed(data_dir):
    import sqlite3

    from ccschool.db import make_engine, open_database
    from ccschool.migrate import upgrade_to_head

    engine = make_engine(data_dir / "ccschool.db")
    upgrade_to_head(engine, target="0001_initial")
    engine.dispose()
    raw = sqlite3.connect(data_dir / "ccschool.db")
    raw.execute("INSERT INTO site (id, created_at, updated_at, version, code, name, level, card_prefix,"
                " secret) VALUES ('s', '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00', 1, 'T1',"
                " '甲', 'township', 'T1', 'x')")
    raw.execute("INSERT INTO person (id, created_at, updated_at, version, name, pinyin_initials,"
                " pinyin_full, consent_upload) VALUES ('p1', '2026-01-01T00:00:00+00:00',"
                " '2026-01-01T00:00:00+00:00', 1, '欧阳娜娜', 'oynn', 'ouyangnana', 0)")
    raw.execute("INSERT INTO learner (id, created_at, updated_at, version, person_id, card_no,"
                " card_state, target_groups, registered_on) VALUES ('l1', '2026-01-01T00:00:00+00:00',"
                " '2026-01-01T00:00:00+00:00', 1, 'p1', 'T1000001', 'active', '', '2026-01-01')")
    raw.commit()
    raw.close()
    db = open_database(data_dir)
    with db.read() as s:
        assert [r["name"] for r in list_rows(s, search="阳娜")] == ["欧阳娜娜"]
    db.close()


def test_upgrade_from_first_character_index_keeps_search_working(data_dir):
    """A database made with learners_0001's triggers gets the faster ones and stays in step."""
    import sqlite3

    from ccschool.db import make_engine, open_database
    from ccschool.migrate import upgrade_to_head
    from ccschool.services import site

    new_year = 1_767_225_600_000_000  # 2026-01-01T00:00:00Z

    engine = make_engine(data_dir / "ccschool.db")
    upgrade_to_head(engine, target="learners_0001")
    engine.dispose()
    raw = sqlite3.connect(data_dir / "ccschool.db")
    raw.execute("INSERT INTO person (id, created_at, updated_at, version, name, pinyin_initials,"
                " pinyin_full, consent_upload) VALUES ('p1', '2026-01-01T00:00:00+00:00',"
                " '2026-01-01T00:00:00+00:00', 1, '欧阳娜娜', 'oynn', 'ouyangnana', 0)")
    raw.commit()
    raw.close()
    db = open_database(data_dir)
    with db.transaction() as s:
        site.init_site(s, code="T1", name="甲")
        s.connection().exec_driver_sql(
            "INSERT INTO learner (id, created_at, updated_at, version, person_id, card_no, card_state,"
            " target_groups, registered_on) VALUES ('l1', ?, ?, 1, 'p1', 'T1000001', 'active', '',"
            " '2026-01-01')", (new_year, new_year))  # stamps are microseconds now
    with db.transaction() as s:
        assert [r["name"] for r in list_rows(s, search="阳娜")] == ["欧阳娜娜"]
        svc.update_learner(s, "l1", name="欧阳菲菲")
    with db.read() as s:
        assert list_rows(s, search="娜") == []
        assert [r["name"] for r in list_rows(s, search="菲")] == ["欧阳菲菲"]
    db.close()
