"""County rules over real HTTP: admins add versions with an effective date, sites pull them
with their upload token; bad values are named, viewers cannot change them."""
from __future__ import annotations

import httpx
import pytest

from tests.county.web_helpers import VIEWER_PW, build_platform, csrf_of, login

FORM = {"effective_from": "2024-05-01", "hour_minutes": "45", "credit_hours": "2",
        "late_after_minutes": "15", "certificate_threshold": "0.75",
        "themes": "老年智慧生活，职业技能, 其他", "holidays": "2024-05-01, 2024-05-02",
        "participation_targets": "0.6, 0.8"}


@pytest.fixture
def platform(county_engine):
    server = build_platform(county_engine)
    yield server
    server.stop()


def test_rules_are_versioned_and_served_to_sites(platform):
    token = platform.built["tokens"]["T001V01"]
    api = f"{platform.url}/api/v1/rules"
    assert httpx.get(api).status_code == 401
    first = httpx.get(api, headers={"Authorization": f"Bearer {token}"}).json()
    assert first["versions"] == [] and first["in_force"]["hour_minutes"] == 60
    client = login(platform.url)
    csrf = csrf_of(client.get("/rules").text)
    r = client.post("/rules", data={**FORM, "csrf": csrf, "hour_minutes": "450"})
    assert r.status_code == 400 and "hour_minutes" in r.text and "30" in r.text
    r = client.post("/rules", data={**FORM, "csrf": csrf, "holidays": "2024-02-30"})
    assert r.status_code == 400 and "节假日" in r.text
    assert client.post("/rules", data={**FORM, "csrf": csrf}).status_code == 303
    later = {**FORM, "effective_from": "2099-01-01", "hour_minutes": "40"}
    assert client.post("/rules", data={**later, "csrf": csrf}).status_code == 303
    got = httpx.get(api, headers={"Authorization": f"Bearer {token}"}).json()
    assert [v["effective_from"] for v in got["versions"]] == ["2024-05-01", "2099-01-01"]
    v = got["versions"][0]["rules"]
    assert v["hour_minutes"] == 45 and v["credit_hours"] == 2.0
    assert v["themes"] == ["老年智慧生活", "职业技能", "其他"]
    assert v["holidays"] == ["2024-05-01", "2024-05-02"]
    assert got["in_force"]["hour_minutes"] == 45  # 2099 is not yet
    # the dashboard measures participation against the targets in force for the period
    page = client.get("/", params={"p": "2024-05"}).text
    assert "60% / 80%" in page
    assert "50% / 75%" in client.get("/", params={"p": "2024-04"}).text
    assert "rules.set" in client.get("/audit").text


def test_viewers_read_the_rules_but_cannot_change_them(platform):
    viewer = login(platform.url, "viewer", VIEWER_PW)
    page = viewer.get("/rules")
    assert page.status_code == 200 and "save-rules" not in page.text
    r = viewer.post("/rules", data={**FORM, "csrf": csrf_of(page.text)})
    assert r.status_code == 403
    staff_only = httpx.get(f"{platform.url}/api/v1/rules", cookies=viewer.cookies)
    assert staff_only.status_code == 401  # the API is for sites' tokens, not for cookies
