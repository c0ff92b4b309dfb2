"""The public certificate verification page over real HTTP: a real, a not-yet-uploaded, a
forged and a revoked certificate; codes keep verifying after the site's token is replaced."""
from __future__ import annotations

import httpx
import pytest

from ccschool.services.cards import check_code as card_check
from ccschool.sync import certcheck
from tests.county.conftest import envelope, put, rec
from tests.county.web_helpers import build_platform, csrf_of, login


@pytest.fixture
def platform(county_engine):
    server = build_platform(county_engine)
    yield server
    server.stop()


def _learner_of(records):
    people = {rid: d for _p, (k, rid, d) in records if k == "person"}
    for _p, (kind, rid, data) in records:
        if kind == "learner" and people[data["person_id"]].get("birth_date"):
            return rid, people[data["person_id"]]["name"]
    raise AssertionError("no consented learner")


def _certificate(platform, cert_no, *, version=1, op="upsert", rid="c" * 32):
    records = platform.built["records"]["T001"]
    learner, name = _learner_of(records)
    klass = next(rid for _p, (k, rid, _d) in records if k == "course_class")
    data = {"cert_no": cert_no, "learner_id": learner, "class_id": klass, "hours": 12.5,
            "issued_at": "2024-05-20T04:00:00+00:00"}
    if op == "delete":
        data["deleted_at"] = "2024-06-01T00:00:00+00:00"

    class Target:
        url = platform.url
    r = put(Target, envelope([rec(90000 + version, "certificate", rid=rid, version=version,
                                  op=op, **data)], site="T001"),
            token=platform.built["tokens"]["T001"])
    assert r.json()["summary"]["accepted"] == 1, r.text
    return name


def _check(platform, cert_no, token=None, code=None):
    token = token or platform.built["tokens"]["T001"]
    url = certcheck.verify_url(platform.url, token, "T001", cert_no)
    if code is not None:
        url = url.rsplit("/", 1)[0] + "/" + code
    return httpx.get(url)


def test_a_real_certificate_is_valid_with_the_name_masked(platform):
    name = _certificate(platform, "T001-C000001")
    r = _check(platform, "T001-C000001")
    assert r.status_code == 200 and "证书有效" in r.text
    assert name not in r.text and (name[0] + "*" * (len(name) - 1)) in r.text
    assert "12.5" in r.text and "东山镇社区学校" in r.text and "2024-05-20" in r.text
    upper = certcheck.verify_url(platform.url, platform.built["tokens"]["T001"], "T001",
                                 "T001-C000001").replace("/v/", "/V/")
    assert "证书有效" in httpx.get(upper).text  # as a QR in alphanumeric mode sends it


def test_not_yet_uploaded_forged_and_revoked(platform):
    assert "尚未把它上传" in _check(platform, "T001-C000077").text
    good = certcheck.check_code(bytes(32), "T001", "T001-C000077")
    for code in (good, "A" * 16, "short", card_check("secret", "T001", "T001-C000077") * 2):
        r = _check(platform, "T001-C000077", code=code)
        assert r.status_code == 404 and "查无此证书" in r.text, code
    _certificate(platform, "T001-C000002")
    _certificate(platform, "T001-C000002", version=2, op="delete")
    r = _check(platform, "T001-C000002")
    assert r.status_code == 200 and "证书已撤销" in r.text


def test_certificates_verify_after_the_token_is_replaced(platform):
    old = platform.built["tokens"]["T001"]
    _certificate(platform, "T001-C000003")
    client = login(platform.url)
    r = client.post("/sites/T001/token", data={"csrf": csrf_of(client.get("/sites").text)})
    assert r.status_code == 200
    assert "证书有效" in _check(platform, "T001-C000003", token=old).text
    new = r.json()["upload_token"]
    assert "尚未把它上传" in _check(platform, "T001-C000099", token=new).text


def test_card_and_certificate_codes_are_domain_separated():
    key = bytes(range(32))
    cert = certcheck.check_code(key, "T001", "T0010001")
    assert card_check(key, "T001", "T0010001") not in cert
    assert len(cert) == 16 and certcheck.CODE_RE.fullmatch(cert)
