"""Personal data on the laptop and what leaves it (issue 16.11): erased learners leave no copy
in sealed outbox rows, SQL errors and the log carry no ID or phone numbers, target groups go
only with consent, control characters and non-ASCII digits are refused."""
from __future__ import annotations

import json
import logging
import traceback

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ccschool.errors import ValidationError
from ccschool.idcard import make_id, mask_id
from ccschool.models import Learner, OutboxEntry, Person
from ccschool.services import learners, privacy
from ccschool.sync import batching
from tests.sync.factory import PERIOD, small_month


def _sealed(db, kind: str, record_id: str) -> list[dict]:
    with db.read() as s:
        rows = s.scalars(select(OutboxEntry.payload).where(
            OutboxEntry.kind == kind, OutboxEntry.record_id == record_id,
            OutboxEntry.batch_id.is_not(None))).all()
    return [json.loads(p) for p in rows]


def _close(db) -> None:
    with db.transaction(actor="admin") as s:
        batching.close_month(s, period=PERIOD)


def test_erasure_scrubs_sealed_outbox_rows(db):
    ids = small_month(db, learners=2, consent=True)
    with db.transaction(actor="admin") as s:
        s.get(Learner, ids["learners"][0]).target_groups = "残疾人"
    _close(db)
    person = ids["people"][0]
    [before] = _sealed(db, "person", person)
    assert before["name"] == "张一" and before["village"] == "七里村"  # consented: it was sealed
    with db.transaction(actor="admin") as s:
        privacy.erase_learner(s, learner_id=ids["learners"][0])
    for data in _sealed(db, "person", person):
        for field in ("name", "phone", "phone_tail", "birth_date", "id_number", "village"):
            assert field not in data, field
    assert all("target_groups" not in d for d in _sealed(db, "learner", ids["learners"][0]))
    [other] = _sealed(db, "person", ids["people"][1])  # nobody else's record changes
    assert other["name"] == "张二"


def test_target_groups_leave_only_with_consent(db):
    ids = small_month(db, learners=2, consent=True)
    yes, no = ids["learners"]
    with db.transaction(actor="admin") as s:
        s.get(Person, ids["people"][1]).consent_upload = False
        for learner in (yes, no):
            s.get(Learner, learner).target_groups = "残疾人,老年人"
    _close(db)
    assert _sealed(db, "learner", yes)[-1]["target_groups"] == "残疾人,老年人"
    assert all("target_groups" not in d for d in _sealed(db, "learner", no))


ID_NUMBER = make_id("330302", date(1956, 3, 2), 11)


def test_sql_errors_do_not_quote_id_or_phone_numbers(db):
    with db.transaction(actor="admin") as s:
        s.add(Person(id="p1", name="甲", id_number=ID_NUMBER, phone="13800138000"))
    with pytest.raises(IntegrityError) as err:
        with db.transaction(actor="admin") as s:
            s.add(Person(id="p1", name="乙", id_number=ID_NUMBER, phone="13800138000"))
    text = "".join(traceback.format_exception(err.value))
    assert ID_NUMBER not in text and "13800138000" not in text and "UNIQUE" in text


def test_the_log_masks_id_and_phone_numbers(tmp_path):
    from ccschool.logs import setup_cli_logging

    path = setup_cli_logging(tmp_path)
    try:
        raise ValueError(f"bad row {ID_NUMBER} 13800138000")
    except ValueError:
        logging.getLogger("test").exception("import of %s failed", "13912345678")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert "ValueError" in text and mask_id(ID_NUMBER) in text and "139****5678" in text
    assert ID_NUMBER not in text and "13800138000" not in text and "13912345678" not in text


@pytest.mark.parametrize("bad", ["张\x1b[31m三", "李\x07四", "王\x00五", "赵\x9b六"])
def test_control_characters_are_refused_in_names_and_text(db, bad):
    with pytest.raises(ValidationError) as err:
        with db.transaction(actor="admin") as s:
            learners.create_learner(s, name=bad)
    assert "控制字符" in str(err.value)
    with pytest.raises(ValidationError):
        with db.transaction(actor="admin") as s:
            learners.create_learner(s, name="张三", village=bad)
    from ccschool.services import classes, venues

    with pytest.raises(ValidationError):  # any text a service stores, checked at the write
        with db.transaction(actor="admin") as s:
            classes.add_class(s, name=bad, theme="人文艺术", hours_per_session=1.5)
    with pytest.raises(ValidationError):
        with db.transaction(actor="admin") as s:
            venues.add_venue(s, name=bad)
    with db.read() as s:
        assert s.scalar(select(Person.id).where(Person.name.contains(bad[1]))) is None


def test_id_and_phone_numbers_in_other_scripts_digits_are_refused(db):
    from ccschool.idcard import check_mobile, parse_id

    # Ends in X, so the look-alike's check character is the real one too.
    id_x = next(i for i in (make_id("330302", date(1960, 1, 1), n) for n in range(1, 999))
                if i.endswith("X"))
    devanagari = id_x.translate(str.maketrans("0123456789", "०१२३४५६७८९"))
    with pytest.raises(ValidationError):
        parse_id(devanagari)
    with pytest.raises(ValidationError):
        check_mobile("1" + "3800138000".translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")))
    full_width = id_x.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
    assert parse_id(full_width)[0] == id_x  # what a Chinese input method types still works
    with db.transaction(actor="admin") as s:
        learners.create_learner(s, name="张三", id_number=id_x)
    with pytest.raises(ValidationError):  # the look-alike cannot register the same person again
        with db.transaction(actor="admin") as s:
            learners.create_learner(s, name="张三", id_number=devanagari)
