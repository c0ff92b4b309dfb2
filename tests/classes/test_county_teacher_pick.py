"""新建班级 offers the county's teachers (县师资库) next to the site's own; choosing one makes
the class's teacher a member of the site's pool, once, and leaves the county's entry as it was."""
from __future__ import annotations

import uuid
from datetime import date

from ccschool.services import classes, county_pick, volunteers
from ccschool.sync import county_teachers
from tests.classes.test_classes_pages import ctx, problems  # noqa: F401  (fixtures)

ZHANG = uuid.uuid4().hex
LIST = {"revision": 3, "updated_at": "2026-08-01T00:00:00+00:00",
        "teachers": [{"id": ZHANG, "name": "张明", "subjects": ["书法", "人文艺术"],
                      "phone": "13800138009", "township": "东湖镇", "source": "pool"},
                     {"id": uuid.uuid4().hex, "name": "李芳", "subjects": ["家庭教育指导"],
                      "phone": None, "township": "西山镇", "source": "manual"}]}


def _dialog(qtbot, ctx):  # noqa: F811
    from ccschool.ui.classes.dialog import AddClassDialog

    dlg = AddClassDialog(ctx, today=date(2026, 9, 1))
    qtbot.addWidget(dlg)
    dlg.name.setText("书法入门")
    dlg.theme.setCurrentIndex(dlg.theme.findData("人文艺术"))
    dlg.schedule.setChecked(False)
    return dlg


def test_the_class_dialog_offers_county_teachers_and_adopts_the_one_chosen(qtbot, ctx, db, problems):  # noqa: F811
    with db.transaction(actor="admin") as s:
        volunteers.add_instructor(s, name="王老师", kind="teacher")
        assert county_teachers.adopt(s, LIST)
    dlg = _dialog(qtbot, ctx)
    items = [dlg.teacher.itemText(i) for i in range(dlg.teacher.count())]
    assert items[:2] == ["（暂不指定）", "王老师"]
    assert "张明（县师资库）" in items and "李芳（县师资库）" in items
    at = items.index("张明（县师资库）")
    assert "书法、人文艺术" in dlg.teacher.itemData(at, 3)  # the tooltip: subjects · township
    dlg.teacher.setCurrentIndex(at)
    dlg.save()
    assert dlg.created_id
    with db.read() as s:
        k = classes.list_classes(s)[0]
        pool = {p.name: (i, p) for i, p in volunteers.list_instructors(s, kind="teacher")}
        assert k["teacher"] == "张明" and k["teacher_id"] == pool["张明"][0].id
        assert pool["张明"][1].phone == "13800138009" and pool["张明"][0].skills == "书法、人文艺术"
        held = sorted(county_pick.listing(s), key=lambda t: t["id"])
        assert held == sorted(LIST["teachers"], key=lambda t: t["id"])  # the county's: untouched
    second = _dialog(qtbot, ctx)  # choosing the same county teacher again: no second person
    second.name.setText("书法提高")
    second.teacher.setCurrentIndex(at)
    second.save()
    assert second.created_id and problems == []
    with db.read() as s:
        names = [p.name for _i, p in volunteers.list_instructors(s, kind="teacher")]
    assert names.count("张明") == 1
