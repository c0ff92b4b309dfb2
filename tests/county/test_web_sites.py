"""Sites over real HTTP: register, issue a token as a connection file the site can read,
revoke it; viewers cannot, and neither can a form without its CSRF token."""
from __future__ import annotations

import httpx
import pytest

from ccschool.county import admin
from ccschool.errors import ValidationError
from ccschool.sync.connection_file import read_connection_file
from tests.county.conftest import envelope, put, rec
from tests.county.web_helpers import VIEWER_PW, build_platform, csrf_of, login


@pytest.fixture
def platform(county_engine):
    admin.keygen(county_engine)
    server = build_platform(county_engine)
    yield server
    server.stop()


def _upload(platform, token, site):
    class Target:
        url = platform.url
    return put(Target, envelope([rec(1)], site=site), token=token)


def test_admin_registers_a_site_and_hands_it_a_connection_file(platform, tmp_path):
    client = login(platform.url)
    csrf = csrf_of(client.get("/sites").text)
    r = client.post("/sites", data={"csrf": csrf, "code": "T001V09", "name": "新村学习点",
                                    "level": "village", "township": "T001", "population": "800"})
    assert r.status_code == 303
    page = client.get("/sites").text
    assert "新村学习点" in page and "800" in page
    r = client.post("/sites", data={"csrf": csrf, "code": "T001V09", "name": "again",
                                    "level": "village", "township": "T001"})
    assert r.status_code == 400 and "已经登记过" in r.text
    r = client.post("/sites/T001V09/token", data={"csrf": csrf})
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    f = tmp_path / "conn.json"
    f.write_bytes(r.content)
    conn = read_connection_file(f)
    assert conn["url"] == platform.url and conn["site_code"] == "T001V09"
    assert "BEGIN PUBLIC KEY" in conn["county_public_key"]
    assert _upload(platform, conn["token"], "T001V09").status_code == 200
    # a second file replaces the token: the first stops working
    second = read_connection_file_bytes(client.post("/sites/T001V09/token",
                                                    data={"csrf": csrf}).content, tmp_path)
    assert _upload(platform, conn["token"], "T001V09").status_code == 401
    assert _upload(platform, second["token"], "T001V09").status_code == 200
    assert client.post("/sites/T001V09/revoke", data={"csrf": csrf}).status_code == 303
    assert _upload(platform, second["token"], "T001V09").status_code == 401
    log = client.get("/audit").text
    assert "token.issue" in log and "token.revoke" in log and "site.add" in log


def read_connection_file_bytes(data: bytes, tmp_path):
    f = tmp_path / "c2.json"
    f.write_bytes(data)
    return read_connection_file(f)


def test_viewer_cannot_issue_tokens_and_csrf_is_required(platform):
    token = platform.built["tokens"]["T001"]
    viewer = login(platform.url, "viewer", VIEWER_PW)
    page = viewer.get("/sites")
    assert page.status_code == 200 and "token-T001" not in page.text
    r = viewer.post("/sites/T001/token", data={"csrf": csrf_of(page.text)})
    assert r.status_code == 403 and "管理员" in r.text
    adm = login(platform.url)
    assert adm.post("/sites/T001/token", data={"csrf": "nope"}).status_code == 400
    assert adm.post("/sites/T001/revoke", data={}).status_code == 400
    auth = {"Authorization": f"Bearer {token}"}  # nothing changed: the old token still works
    assert httpx.get(f"{platform.url}/api/v1/sites/T001/gaps", headers=auth).status_code == 200


def test_a_bad_connection_file_gets_one_clear_message(tmp_path):
    cases = {b"not json": "JSON", b'{"format": "other"}': "格式",
             b'{"format": "ccschool-county-connection/1", "county_url": "ftp://x", '
             b'"upload_token": "a", "site_code": "S"}': "地址"}
    for data, words in cases.items():
        f = tmp_path / "x.json"
        f.write_bytes(data)
        with pytest.raises(ValidationError) as info:
            read_connection_file(f)
        assert words in info.value.zh and "县平台连接文件" in info.value.zh
