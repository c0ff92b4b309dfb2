"""County rules reach the site (issue 19 item 5): set at a real county receiver on 127.0.0.1,
pulled by `ccschool sync rules` or after a push, in force from their date, refused whole when
bad, and kept by months already closed."""
from __future__ import annotations

import json
from datetime import date

import pytest

from ccschool import settings
from ccschool.county.web import rules as county_rules
from ccschool.errors import ValidationError
from ccschool.reports import figures
from ccschool.reports.period import month
from ccschool.sync.batching import close_month
from ccschool.sync.county_rules import pull
from ccschool.sync.uploader import transport_for_site
from tests.sync.factory import PERIOD, small_month

RULES = {**county_rules.DEFAULTS, "hour_minutes": 45, "credit_hours": 2.0,
         "late_after_minutes": 15, "certificate_threshold": 0.75,
         "participation_targets": [0.6, 0.8]}


def _set_at_county(county, effective: str, **changes) -> None:
    county_rules.add(county.engine, effective, {**RULES, **changes}, "王老师")


def _values(db) -> dict:
    with db.read() as s:
        return {k: settings.get(s, k) for k in settings.COUNTY_KEYS}


def test_sync_rules_sets_the_county_values_and_the_site_cannot_change_them(site, county,
                                                                          run_cli):
    _set_at_county(county, "2024-05-01")
    r = run_cli("sync", "rules", "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["changed"] and out["in_force"]["effective_from"] == "2024-05-01"
    assert _values(site) == {"hour_minutes": 45, "credit_hours": 2.0, "late_after_minutes": 15,
                             "certificate_threshold": 0.75, "participation_target": 0.6}
    with (pytest.raises(ValidationError, match="由县平台设定（生效日期 2024-05-01）"),
          site.transaction(actor="admin") as s):
        settings.set(s, "hour_minutes", 60)
    assert _values(site)["hour_minutes"] == 45
    again = run_cli("sync", "rules")
    assert again.returncode == 0 and "无变化" in again.stdout and "45" in again.stdout


def test_a_future_rule_waits_for_its_day(site, county, run_cli):
    _set_at_county(county, "2024-05-01")
    _set_at_county(county, "2099-01-01", hour_minutes=40)
    r = run_cli("sync", "rules")
    assert r.returncode == 0, r.stderr
    assert "待生效：2099-01-01" in r.stdout
    assert _values(site)["hour_minutes"] == 45  # not 40 yet
    with site.read() as s:
        assert settings.county_set(s, "hour_minutes",
                                   date(2099, 1, 1)) == (40, "2099-01-01")
        assert settings.for_month(s, "hour_minutes", "2099-02") == 40


BAD = [({"hour_minutes": 450}, "hour_minutes"),
       ({"credit_hours": "2"}, "credit_hours"),
       ({"certificate_threshold": True}, "certificate_threshold"),
       ({"late_after_minutes": 2.5}, "late_after_minutes"),
       ({"themes": ["职业技能\n其他"]}, "themes"),
       ({"holidays": ["2024-02-30"]}, "holidays"),
       ({"participation_targets": []}, "participation_targets")]


def test_bad_rules_from_the_county_are_refused_and_nothing_changes(site, county, run_cli):
    _set_at_county(county, "2024-05-01")
    assert run_cli("sync", "rules").returncode == 0
    stored = _stored(site)
    _set_at_county(county, "2024-06-01", hour_minutes=450)
    r = run_cli("sync", "rules")  # as a user sees it: one line, no traceback
    assert r.returncode != 0 and "Traceback" not in r.stderr
    assert "县平台下发的规则无效（第2版，hour_minutes）" in r.stderr and "本机规则未改动" in r.stderr
    assert _stored(site) == stored and _values(site)["hour_minutes"] == 45


@pytest.mark.parametrize("bad, field", BAD)
def test_each_bad_field_is_named(site, county, bad, field):
    _set_at_county(county, "2024-05-01", **bad)
    transport = transport_for_site(site)
    try:
        with pytest.raises(ValidationError, match=f"第1版，{field}"):
            pull(site, transport)
    finally:
        transport.close()
    assert _stored(site) == {}


def _stored(db) -> dict:
    with db.read() as s:
        return settings.get(s, "county_rules")


def test_a_push_pulls_the_rules_and_a_closed_month_keeps_its_rule(site, county, run_cli):
    small_month(site)
    with site.transaction(actor="admin") as s:
        close_month(s, period=PERIOD)
    with site.read() as s:
        before = figures.build_report(s, month(PERIOD))
    _set_at_county(county, "2000-01-01", credit_hours=4.0)  # even a rule dated before it
    r = run_cli("sync", "push", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["rules_error"] is None
    assert _values(site)["credit_hours"] == 4.0
    with site.read() as s:
        after = figures.build_report(s, month(PERIOD))
        assert settings.for_month(s, "credit_hours", "2000-01") == 4.0
    assert after["units"] == before["units"] and after["credits"] == before["credits"]


def test_new_classes_follow_the_countys_certificate_rate_and_holidays(site, county, run_cli):
    from ccschool.services import classes, sessions

    _set_at_county(county, "2024-05-01", holidays=["2024-10-01", "2024-10-03"])
    assert run_cli("sync", "rules").returncode == 0
    with site.transaction(actor="admin") as s:
        k = classes.add_class(s, name="智能手机入门", theme="老年智慧生活")
        rows = sessions.generate_sessions(s, class_id=k.id, weekly="tue,thu 14:00-15:00",
                                          start=date(2024, 9, 30), end=date(2024, 10, 13))
        rate, days = k.min_attendance_rate, [r.date for r in rows]
    assert rate == 0.75
    assert days == [date(2024, 10, 8), date(2024, 10, 10)]  # 1 and 3 Oct are county holidays


def test_the_countys_course_themes_replace_the_list(site, county, run_cli):
    from ccschool.services import classes

    with site.transaction(actor="admin") as s:
        old = classes.add_class(s, name="非遗剪纸", theme="非遗传承")
    _set_at_county(county, "2024-05-01", themes=["数字素养", "老年智慧生活"])
    assert run_cli("sync", "rules").returncode == 0
    with pytest.raises(ValidationError, match="可选：数字素养、老年智慧生活"), \
            site.transaction(actor="admin") as s:
        classes.add_class(s, name="剪纸", theme="非遗传承")
    with site.transaction(actor="admin") as s:
        assert classes.themes(s) == ("数字素养", "老年智慧生活")
        assert classes.add_class(s, name="手机支付", theme="数字素养").theme == "数字素养"
        # a class filed before keeps its theme when other fields change
        assert classes.update_class(s, class_id=old.id, theme="非遗传承",
                                    capacity=20).theme == "非遗传承"
