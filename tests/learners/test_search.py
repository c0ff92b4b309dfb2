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
