"""The county platform's pages over real HTTP: login, roles, CSRF, the dashboard's numbers
against what the sites uploaded, and every table exported to Excel."""
from __future__ import annotations

import io

import httpx
import pytest
from openpyxl import load_workbook

from tests.county.web_helpers import (ADMIN_PW, VIEWER_PW, build_platform, csrf_of, expected,
                                      login, new_client)


@pytest.fixture
def platform(county_engine):
    server = build_platform(county_engine)
    yield server
    server.stop()


def test_without_login_only_health_and_the_site_api_answer(platform):
    tokens = platform.built["tokens"]
    assert httpx.get(f"{platform.url}/api/v1/health").status_code == 200
    for path in ("/", "/sites", "/national", "/national.xlsx", "/rules", "/audit", "/archive", "/pools",
                 "/export/sites.xlsx",
                 "/openapi.json"):
        r = httpx.get(platform.url + path)
        assert r.status_code == 303 and r.headers["location"].startswith("/login"), path
        # a site's upload token is no key to the pages
        r = httpx.get(platform.url + path,
                      headers={"Authorization": f"Bearer {tokens['T001']}"})
        assert r.status_code == 303 and "/login" in r.headers["location"], path
    assert httpx.get(f"{platform.url}/docs").status_code == 404
    auth = {"Authorization": f"Bearer {tokens['T001']}"}
    assert httpx.get(f"{platform.url}/api/v1/sites/T001/gaps", headers=auth).status_code == 200


def test_login_logout_and_the_session_cookie(platform):
    client = login(platform.url)
    cookie = next(c for c in client.cookies.jar if c.name == "ccs_session")
    assert cookie.has_nonstandard_attr("HttpOnly") and not cookie.secure
    page = client.get("/")
    assert page.status_code == 200 and "统计总览" in page.text
    assert "strict" in page.headers.get("set-cookie", "strict").lower()
    r = client.post("/logout", data={"csrf": csrf_of(page.text)})
    assert r.status_code == 303
    assert client.get("/").status_code == 303  # the server forgot the session


def test_set_cookie_flags(platform):
    client = new_client(platform.url)
    page = client.get("/login")
    r = client.post("/login", data={"csrf": csrf_of(page.text), "name": "admin",
                                    "password": ADMIN_PW})
    raw = [v for k, v in r.headers.multi_items() if k == "set-cookie" and "ccs_session" in v][0]
    assert "HttpOnly" in raw and "SameSite=strict" in raw.replace("Strict", "strict")


def test_wrong_passwords_are_throttled_and_audited(platform):
    client = new_client(platform.url)
    for i in range(6):
        page = client.get("/login")
        r = client.post("/login", data={"csrf": csrf_of(page.text), "name": "admin",
                                        "password": f"wrong{i}"})
        assert r.status_code == 401
    assert "请" in r.text and "秒后再试" in r.text
    page = client.get("/login")  # even the right password waits now
    r = client.post("/login", data={"csrf": csrf_of(page.text), "name": "admin",
                                    "password": ADMIN_PW})
    assert r.status_code == 401 and "秒后再试" in r.text
    audit = login(platform.url, "viewer", VIEWER_PW)
    assert audit.get("/audit").status_code == 403  # viewers do not read the audit log
    log = login_admin_elsewhere(platform).get("/audit").text
    assert log.count("login.failed") >= 5 and "login.throttled" in log


def login_admin_elsewhere(platform):
    # another address would not be throttled; here: clear by name through a fresh admin
    from ccschool.county.web.accounts import add_staff
    add_staff(platform.engine, "admin2", "another-admin-pw", "admin")
    return login(platform.url, "admin2", "another-admin-pw")


def test_posts_without_the_csrf_token_are_refused(platform):
    client = login(platform.url)
    r = client.post("/logout", data={"csrf": "forged"})
    assert r.status_code == 400 and "CSRF" in r.text
    assert client.get("/").status_code == 200  # still logged in
    bare = new_client(platform.url)
    r = bare.post("/login", data={"name": "admin", "password": ADMIN_PW})
    assert r.status_code == 400 and "CSRF" in r.text


def test_dashboard_numbers_equal_the_sums_of_the_uploads(platform):
    client = login(platform.url, "viewer", VIEWER_PW)
    want = expected(platform.built["records"], "2024-04-01", "2024-05-31")
    page = client.get("/", params={"p": "2024-Q2"})
    import re
    shown = {k: re.search(rf'id="t-{k}">([^<]+)<', page.text)[1]
             for k in ("sessions", "person-times", "persons", "hours")}
    assert int(shown["sessions"]) == want["sessions"]
    assert int(shown["person-times"]) == want["person_times"]
    assert int(shown["persons"]) == want["persons"]
    assert float(shown["hours"].replace(",", "")) == pytest.approx(want["hours"], abs=0.05)
    month = expected(platform.built["records"], "2024-05-01", "2024-05-31")
    wb = load_workbook(io.BytesIO(client.get("/export/sites.xlsx", params={"p": "2024-05"})
                                  .content))
    rows = list(wb.active.iter_rows(values_only=True))
    total = rows[-1]
    assert rows[1][3] == "开课次数" and total[0] == "合计"
    assert total[3] == month["sessions"] and total[4] == month["person_times"]
    assert total[7] == month["persons"] and isinstance(total[4], int)
    assert total[8] == pytest.approx(month["hours"], abs=0.01)
    assert total[10] == pytest.approx(month["volunteer_hours"], abs=0.01)


def test_every_dashboard_table_exports(platform):
    client = login(platform.url, "viewer", VIEWER_PW)
    for table in ("sites", "theme", "group", "age", "trend", "missing"):
        r = client.get(f"/export/{table}.xlsx", params={"p": "2024"})
        assert r.status_code == 200, table
        wb = load_workbook(io.BytesIO(r.content))
        assert wb.active.max_row >= 2
    assert client.get("/export/nothing.xlsx").status_code == 400
    assert client.get("/", params={"p": "2024-13"}).status_code == 400


def test_english_switch(platform):
    client = login(platform.url)
    client.get("/lang/en", params={"next": "/"})
    assert "Dashboard" in client.get("/", params={"p": "2024-05"}).text


def test_national_table_fills_what_the_data_knows_and_keeps_what_staff_enter(platform):
    client = login(platform.url, "viewer", VIEWER_PW)
    params = {"start": "2024-04", "end": "2024-05", "towns": "12", "villages": "230",
              "funding": "35.5", "full_time_staff": "=1+1"}
    page = client.get("/national", params=params)
    assert page.status_code == 200 and 'value="230"' in page.text
    want = expected(platform.built["records"], "2024-04-01", "2024-05-31")
    wb = load_workbook(io.BytesIO(client.get("/national.xlsx", params=params).content))
    rows = list(wb.active.iter_rows(values_only=True))
    values = dict(zip(rows[1], rows[2]))
    assert values["镇(街道)数"] == 12 and values["村(社区)数"] == 230
    assert values["乡镇(街道)社区教育学校数"] == 2 and values["村(社区)学习点数"] == 2
    assert values["线上线下培训总数(人次)"] == want["person_times"]
    assert values["经费投入(万元)"] == 35.5 and values["专职人员数"] is None  # no formula
    assert client.get("/national", params={"start": "2024-06", "end": "2024-05"}).status_code == 400
