"""The county's teacher list reaches the site (issue 19 item 8): published at a real county on
127.0.0.1, pulled by `ccschool sync pull` together with the rules, listed by
`ccschool teachers list`, refused whole when one field is bad, never replaced by an older list."""
from __future__ import annotations

import json
import uuid

from sqlalchemy import insert

from ccschool.county.web import rules as county_rules
from ccschool.county.web import tables as wt
from ccschool.county.web import teachers as county_teachers
from ccschool.services import county_pick
from ccschool.sync import county_teachers as site_teachers

RULES = {**county_rules.DEFAULTS, "hour_minutes": 45}


def _publish(county, name: str, **extra) -> dict:
    teacher = {"id": uuid.uuid4().hex, "name": name, "subjects": ["书法"], "phone": None,
               "township": "东湖镇", "source": "manual", **extra}
    county_teachers.add(county.engine, teacher, "王老师")
    return teacher


def test_sync_pull_brings_the_rules_and_the_teacher_list(site, county, run_cli):
    county_rules.add(county.engine, "2024-05-01", RULES, "王老师")
    _publish(county, "张明")
    _publish(county, "李芳", phone="13800138000", subjects=["家庭教育指导", "老年智慧生活"])
    assert "尚未收到" in run_cli("teachers", "list").stdout
    r = run_cli("sync", "pull", "--json")
    assert r.returncode == 0, r.stderr
    county_part = json.loads(r.stdout)["county"]
    assert county_part["errors"] == []
    assert county_part["rules"]["in_force"]["rules"]["hour_minutes"] == 45
    assert county_part["teachers"] == {"changed": True, "revision": 2, "count": 2,
                                       "updated_at": county_part["teachers"]["updated_at"]}
    listed = run_cli("teachers", "list")
    assert listed.returncode == 0 and "李芳  家庭教育指导、老年智慧生活  东湖镇  13800138000" \
        in listed.stdout
    again = run_cli("sync", "pull")
    assert again.returncode == 0 and "县师资库：2 位教师（第 2 版）" in again.stdout
    assert "已更新" not in again.stdout.split("县师资库")[1]


def test_a_bad_teacher_is_named_and_the_list_is_kept_whole(site, county, run_cli):
    _publish(county, "张明")
    assert run_cli("sync", "rules").returncode == 0
    before = run_cli("teachers", "list", "--json").stdout
    _publish(county, "李芳")
    with county.engine.begin() as conn:  # a phone the county's own form would refuse
        conn.execute(insert(wt.published_teacher).values(
            teacher_id=uuid.uuid4().hex, name="王五", subjects='["书法"]', phone="12345",
            township="东湖镇", source="manual", published_at="2026-01-01T00:00:00+00:00",
            published_by="x"))
    r = run_cli("sync", "rules")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "县平台下发的师资名单无效（第3位，phone）" in r.stdout and "本机名单未改动" in r.stdout
    assert run_cli("teachers", "list", "--json").stdout == before


def test_an_older_or_equal_list_never_replaces_a_newer_one(site):
    newer = {"revision": 5, "updated_at": "2026-06-01T00:00:00+00:00",
             "teachers": [{"id": uuid.uuid4().hex, "name": "张明", "subjects": ["书法"],
                           "phone": None, "township": "东湖镇", "source": "pool"}]}
    older = {**newer, "revision": 4, "teachers": []}
    with site.transaction(actor="sync") as s:
        assert site_teachers.adopt(s, newer) is True
        assert site_teachers.adopt(s, older) is False
        assert site_teachers.adopt(s, newer) is False
    with site.read() as s:
        assert [t["name"] for t in county_pick.listing(s)] == ["张明"]
