"""The learner registry through the services: validation, cards, re-issue, masking, one person."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from ccschool.errors import Conflict, PermissionDenied, ValidationError
from ccschool.models import AuditEntry, Learner, LearningCard, OutboxEntry, Person
from ccschool.services import learners as svc
from tests.learners.rosters import ZHANG, pid


def _add(db, **kw):
    with db.transaction(actor="admin") as s:
        return svc.detail(s, svc.create_learner(s, **kw).id)


def test_create_issues_site_card_numbers_and_derives_from_id(db):
    a = _add(db, name="张三", id_number=ZHANG.lower(), phone="138 0013 8000",
             target_groups=["老年人", "家长"], consent_upload=True)
    b = _add(db, name="李四")
    assert (a["card_no"], b["card_no"]) == ("ST01000001", "ST01000002")
    assert (a["gender"], a["birth_date"]) == ("男", date(1956, 3, 2))
    assert a["id_number"] == "3303**********" + ZHANG[-4:]  # masked by default
    assert a["phone"] == "13800138000" and a["target_groups"] == ("老年人", "家长")
    with db.read() as s:
        person = s.scalars(select(Person).where(Person.name == "张三")).one()
        assert (person.id_number, person.pinyin_initials, person.phone_tail) == (ZHANG, "zs", "8000")
        kinds = set(s.scalars(select(OutboxEntry.kind)))
        assert {"person", "learner", "learning_card"} <= kinds


@pytest.mark.parametrize("fields, field, text", [
    ({"name": ""}, "name", "姓名: 不能为空"),
    ({"name": "张三", "id_number": ZHANG[:17] + "0"}, "id_number", "身份证号最后一位不对，请核对"),
    ({"name": "张三", "id_number": ZHANG, "gender": "女"}, "gender",
     "性别: 与身份证号不一致（身份证号为男）"),
    ({"name": "张三", "phone": "12345"}, "phone", "手机号码: 手机号应为以1开头的11位数字"),
    ({"name": "张三", "birth_date": "1956.13.40"}, "birth_date", "出生日期: 无法识别日期"),
])
def test_invalid_input_is_refused_naming_the_field(db, fields, field, text):
    with pytest.raises(ValidationError) as info, db.transaction() as s:
        svc.create_learner(s, **fields)
    assert info.value.field == field and str(info.value).startswith(text)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Learner)) == 0


def test_check_fields_reports_every_field_at_once():
    values, problems = svc.check_fields({"name": "", "phone": "1", "id_number": "123"})
    assert set(problems) == {"name", "phone", "id_number"}


def test_same_person_twice_is_a_conflict(db):
    _add(db, name="张三", id_number=ZHANG)
    with pytest.raises(Conflict, match="已登记为学员"), db.transaction() as s:
        svc.create_learner(s, name="张三", id_number=ZHANG)
    _add(db, name="李四", phone="13900139000")
    with pytest.raises(Conflict), db.transaction() as s:
        svc.create_learner(s, name="李四", phone="13900139000")


def test_existing_person_becomes_a_learner_without_a_twin(db):
    with db.transaction() as s:
        s.add(Person(name="王五", id_number=pid(date(1970, 1, 1), True)))  # e.g. a volunteer
    _add(db, name="王五", id_number=pid(date(1970, 1, 1), True))
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == 1


def test_reissue_revokes_old_card(db):
    a = _add(db, name="张三")
    with db.transaction(actor="admin") as s:
        card = svc.reissue_card(s, a["id"])
    with db.read() as s:
        cards = {c.card_no: c.state for c in s.scalars(select(LearningCard))}
        assert cards == {"ST01000001": "revoked", card.card_no: "active"}
        assert s.get(Learner, a["id"]).card_no == card.card_no == "ST01000002"
        assert s.scalars(select(AuditEntry.action).where(
            AuditEntry.action == "learner.card_reissue")).one()


def test_full_id_only_for_admin_and_audited(db):
    a = _add(db, name="张三", id_number=ZHANG)
    with pytest.raises(PermissionDenied), db.transaction() as s:
        svc.reveal_id(s, a["id"], is_admin=False)
    with db.transaction(actor="admin") as s:
        assert svc.reveal_id(s, a["id"], is_admin=True) == ZHANG
    with db.read() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "learner.reveal_id")).one()
        assert entry.actor == "admin"


def test_update_rechecks_and_corrected_id_brings_birth_date(db):
    a = _add(db, name="张三", id_number=ZHANG, phone="13800138000")
    new_id = pid(date(1957, 4, 5), False)
    with db.transaction() as s:
        svc.update_learner(s, a["id"], id_number=new_id, village="东村")
        d = svc.detail(s, a["id"], reveal_id=True)
    assert (d["id_number"], d["birth_date"], d["gender"], d["village"]) == (
        new_id, date(1957, 4, 5), "女", "东村")
    with pytest.raises(ValidationError), db.transaction() as s:
        svc.update_learner(s, a["id"], phone="555")
    with db.read() as s:
        audit_after = s.scalars(select(AuditEntry.after).where(
            AuditEntry.action == "learner.update")).one()
        assert new_id not in audit_after  # the audit log holds masked IDs only


def test_county_rule_requires_id_numbers(db):
    from ccschool import settings
    with db.transaction() as s:
        settings.set(s, "county_requires_id", True)
    with pytest.raises(ValidationError) as info, db.transaction() as s:
        svc.create_learner(s, name="张三")
    assert info.value.field == "id_number"
    assert _add(db, name="张三", id_number=ZHANG)["card_no"] == "ST01000001"
