"""The county's rules and teacher list travel between laptops (issue 19 items 5 and 8 over the
carriers of issue 18): a laptop that never reaches the county gets them from a sibling by USB
bundle or LAN, the newest wins, an older bundle never takes them back, a bad list is refused."""
from __future__ import annotations

import uuid

from ccschool.county.web import rules as county_rules
from ccschool.county.web import teachers as county_teachers
from ccschool.sync import bundle
from ccschool.sync.devicesync import FORMAT
from tests.devices.conftest import opened
from tests.devices.test_devices import Serving

RULES = {**county_rules.DEFAULTS, "hour_minutes": 45}


def _publish(county, name: str) -> None:
    county_teachers.add(county.engine, {"id": uuid.uuid4().hex, "name": name,
                                        "subjects": ["书法"], "phone": None, "township": "东湖镇",
                                        "source": "manual"}, "王老师")


def _state(laptop) -> tuple:
    """(minutes in one 学时 today, the county teachers' names) as the laptop holds them."""
    from ccschool import settings
    from ccschool.services.county_pick import listing

    with opened(laptop) as db, db.read() as s:
        return settings.get(s, "hour_minutes"), sorted(t["name"] for t in listing(s))


def test_rules_and_teachers_reach_an_offline_laptop_and_never_go_back(laptops, county,
                                                                     tmp_path):
    a, b, c = laptops
    county_rules.add(county.engine, "2024-05-01", RULES, "王老师")
    _publish(county, "张明")
    a.cli("sync", "pull")  # only a reaches the county
    old = tmp_path / "old.ccssync"
    a.cli("devices", "bundle", "--out", old)
    got = b.cli("devices", "apply", old)  # USB: b has never reached the county
    assert got["county"] == {"rules": True, "teachers": True} and got["applied"] > 0
    assert _state(b) == (45, ["张明"])
    assert "张明  书法  东湖镇" in b.run("teachers", "list").stdout

    county_rules.add(county.engine, "2024-09-01", {**RULES, "hour_minutes": 40}, "王老师")
    _publish(county, "李芳")
    a.cli("sync", "rules")
    with Serving(a) as served:  # LAN: c connects to a and is given the newer ones
        lan = c.cli("devices", "sync", served.address)
    assert lan["county"] == {"rules": True, "teachers": True}
    assert _state(c) == (40, ["张明", "李芳"])

    replay = c.cli("devices", "apply", old)  # the old stick again: harmless
    assert replay["county"] == {"rules": False, "teachers": False} and replay["applied"] == 0
    assert _state(c) == (40, ["张明", "李芳"])
    with Serving(b) as served:  # b (older) meets c (newer): c keeps its own, b catches up
        lan = c.cli("devices", "sync", served.address)
    assert lan["county"] == {"rules": False, "teachers": False}
    assert lan["county_sent"] == {"rules": True, "teachers": True}
    assert _state(b) == _state(c) == (40, ["张明", "李芳"])


def test_a_bundle_with_a_bad_teacher_list_is_refused_whole(laptops, county, tmp_path):
    a, b, _c = laptops
    _publish(county, "张明")
    a.cli("sync", "rules")
    before = b.cli("teachers", "list")
    with opened(a) as db, db.read() as s:  # a sibling that wrote a list no county would send
        from ccschool.services.site import get_site
        site = get_site(s)
        secret, code = site.secret, site.code
    bad = {"revision": 9, "updated_at": "2026-01-01T00:00:00+00:00",
           "teachers": [{"id": uuid.uuid4().hex, "name": "王五", "subjects": ["书法"],
                         "phone": "12345", "township": "东湖镇", "source": "manual"}]}
    path = tmp_path / "bad.ccssync"
    header = {"format": FORMAT, "site": code, "device": 1, "bundle_id": uuid.uuid4().hex,
              "created_at": "2026-01-01T00:00:00+00:00", "knowledge": {}, "cutoffs": {}}
    with open(path, "wb") as f:
        bundle.write(f, header, secret, [{"kind": "county_teachers", "id": "county_teachers",
                                          "version": 0, "data": bad}])
    message = b.refused("devices", "apply", path)
    assert "师资名单无效（第1位，phone）" in message
    assert b.cli("teachers", "list") == before
