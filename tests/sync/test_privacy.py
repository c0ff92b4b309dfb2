"""Personal data leaves only with consent; ID numbers masked unless the county requires them."""
from __future__ import annotations

import json

from sqlalchemy import select

from ccschool import settings
from ccschool.county import schema as t
from ccschool.models import Person
from ccschool.sync import batching
from ccschool.sync.uploader import push, transport_for_site
from tests.sync.factory import PERIOD, small_month


def _county_data(engine, kind):
    with engine.connect() as conn:
        rows = conn.execute(select(t.record_current.c.record_id, t.record_current.c.data)
                            .where(t.record_current.c.kind == kind)).all()
    return {rid: json.loads(data) for rid, data in rows}


def _close_and_push(db, *, requires_id=False):
    with db.transaction(actor="admin") as s:
        settings.set(s, "county_requires_id", requires_id)
    with db.transaction(actor="admin") as s:
        batching.close_month(s, period=PERIOD)
    transport = transport_for_site(db)
    result = push(db, transport)
    transport.close()
    assert result.remaining_batches == 0 and result.rejected == 0


def test_without_consent_no_personal_field_leaves(site, county):
    ids = small_month(site, consent=False)
    _close_and_push(site)
    people = _county_data(county.engine, "person")
    assert set(ids["people"]) <= set(people)
    for pid in ids["people"]:
        data = people[pid]
        for field in ("name", "gender", "birth_date", "phone", "phone_tail", "id_number",
                      "village", "notes", "pinyin_initials"):
            assert field not in data, field
        assert data["consent_upload"] is False


def test_with_consent_names_go_and_id_numbers_are_masked(site, county):
    ids = small_month(site, consent=True)
    _close_and_push(site)
    people = _county_data(county.engine, "person")
    with site.read() as s:
        full = s.get(Person, ids["people"][0]).id_number
    data = people[ids["people"][0]]
    assert data["name"] == "张一" and data["phone"].startswith("1380000")
    assert data["id_number"] != full and data["id_number"][-4:] == full[-4:]
    assert "*" in data["id_number"] and "pinyin_initials" not in data


def test_full_id_numbers_only_when_the_county_requires_them(site, county):
    ids = small_month(site, consent=True)
    _close_and_push(site, requires_id=True)
    with site.read() as s:
        full = s.get(Person, ids["people"][1]).id_number
    assert _county_data(county.engine, "person")[ids["people"][1]]["id_number"] == full


def test_site_secret_and_token_never_leave(site, county):
    small_month(site)
    _close_and_push(site)
    [site_row] = _county_data(county.engine, "site").values()
    assert site_row["code"] == "TEST01"
    for field in ("secret", "upload_token", "county_public_key"):
        assert field not in site_row


def test_an_erasure_at_the_site_removes_the_person_from_the_county(site, county):
    """Uploaded with consent, then erased at the learner's request: after the next upload the
    county holds no version of that person's name, phone or ID number; attendance stays."""
    from sqlalchemy import text

    from ccschool.models import Learner
    from ccschool.services import privacy

    ids = small_month(site, consent=True)
    _close_and_push(site)
    with site.read() as s:
        card = s.get(Learner, ids["learners"][0]).card_no
    with site.transaction(actor="admin") as s:
        privacy.erase_learner(s, card_no=card, reason="本人申请")
    with site.transaction(actor="admin") as s:  # the month is closed: a correction batch
        assert batching.seal_corrections(s)
    transport = transport_for_site(site)
    assert push(site, transport).remaining_batches == 0
    transport.close()

    pid = ids["people"][0]
    with county.engine.connect() as conn:
        versions = [json.loads(d) for (d,) in conn.execute(text(
            "SELECT data FROM record_version WHERE record_id = :id"), {"id": pid})]
    assert len(versions) == 2 and all("name" not in v and "phone" not in v for v in versions)
    assert "张一" not in repr(versions)
    assert _county_data(county.engine, "person")[ids["people"][1]]["name"]  # others untouched
    assert set(ids["attendance"]) <= set(_county_data(county.engine, "attendance"))
