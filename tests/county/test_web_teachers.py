"""The county's shared teacher list over real HTTP (issue 19 item 8): admins publish pool
teachers or add one by hand, bad fields are named, viewers only read, sites pull it with their
upload token and every change raises the list's revision."""
from __future__ import annotations

import httpx
import pytest

from ccschool.county.web import teachers
from ccschool.sync.county_teachers import validate
from tests.county.web_helpers import VIEWER_PW, build_platform, csrf_of, login

BY_HAND = {"name": "李芳", "subjects": "家庭教育指导，老年智慧生活", "township": "西山镇",
           "phone": "13800138000", "phone_consent": "yes"}


@pytest.fixture
def platform(county_engine):
    server = build_platform(county_engine)
    yield server
    server.stop()


def _api(platform, token=None) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.get(f"{platform.url}/api/v1/teachers", headers=headers, timeout=30)


def test_publish_from_the_pool_and_by_hand_then_sites_pull_it(platform):
    token = platform.built["tokens"]["T001V01"]
    assert _api(platform).status_code == 401
    assert _api(platform, "not-a-token").status_code == 401
    empty = _api(platform, token).json()
    assert empty["teachers"] == [] and empty["revision"] == 0
    client = login(platform.url)
    page = client.get("/teachers")
    pick = teachers.candidates(platform.engine)[0]
    assert pick["name"] in page.text and "13800138000" not in page.text
    csrf = csrf_of(page.text)
    r = client.post("/teachers/publish", data={"csrf": csrf, "record": pick["record_id"],
                                               "subjects": "书法、绘画", "township": "东湖镇"})
    assert r.status_code == 303
    assert pick["record_id"] not in {c["record_id"] for c in teachers.candidates(platform.engine)}
    assert client.post("/teachers/add", data={**BY_HAND, "csrf": csrf}).status_code == 303
    got = _api(platform, token).json()
    assert validate(got)["teachers"] == got["teachers"]  # what a site accepts, field by field
    names = {t["name"]: t for t in got["teachers"]}
    assert names[pick["name"]]["subjects"] == ["书法", "绘画"]
    assert names[pick["name"]]["source"] == "pool" and names[pick["name"]]["phone"] is None
    assert names["李芳"] == {**names["李芳"], "phone": "13800138000", "township": "西山镇",
                            "subjects": ["家庭教育指导", "老年智慧生活"], "source": "manual"}
    assert got["revision"] == 2
    withdraw = client.post(f"/teachers/{names['李芳']['id']}/withdraw", data={"csrf": csrf})
    assert withdraw.status_code == 303
    after = _api(platform, token).json()
    assert [t["name"] for t in after["teachers"]] == [pick["name"]] and after["revision"] == 3
    audit = client.get("/audit").text
    assert "teachers.publish" in audit and "teachers.withdraw" in audit


BAD = [({"name": "李,芳"}, "姓名"), ({"name": ""}, "姓名"), ({"subjects": ""}, "科目"),
       ({"subjects": "书法\n绘画"}, "科目"), ({"phone": "1380013800"}, "电话"),
       ({"phone": "13800138000", "phone_consent": ""}, "公开电话须勾选"),
       ({"township": "<b>西山</b>"}, "乡镇"), ({"name": "x" * 31}, "姓名")]


@pytest.mark.parametrize("bad, named", BAD)
def test_a_bad_field_is_named_and_nothing_is_published(platform, bad, named):
    client = login(platform.url)
    csrf = csrf_of(client.get("/teachers").text)
    r = client.post("/teachers/add", data={**BY_HAND, **bad, "csrf": csrf})
    assert r.status_code == 400 and named in r.text
    assert teachers.published(platform.engine) == []


def test_viewers_read_the_list_but_cannot_publish(platform):
    viewer = login(platform.url, "viewer", VIEWER_PW)
    page = viewer.get("/teachers")
    assert page.status_code == 200 and "add-teacher" not in page.text
    r = viewer.post("/teachers/add", data={**BY_HAND, "csrf": csrf_of(page.text)})
    assert r.status_code == 403 and teachers.published(platform.engine) == []
    assert httpx.get(f"{platform.url}/api/v1/teachers", cookies=viewer.cookies).status_code == 401
    assert httpx.get(f"{platform.url}/teachers", follow_redirects=False).status_code in (302, 303)


def test_a_form_without_its_csrf_token_is_refused(platform):
    client = login(platform.url)
    r = client.post("/teachers/add", data=BY_HAND)
    assert r.status_code in (400, 403) and teachers.published(platform.engine) == []
