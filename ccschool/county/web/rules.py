"""County rules for every site, each version in force from its date.

A new version never rewrites an old one: a month is judged by the version in force on its
first day, so months already closed keep the rule they had. Keys that name a site setting
(ccschool/settings.py) replace that setting at the site, shown there as 由县平台设定.
"""
from __future__ import annotations

import json
import re
from datetime import date

from sqlalchemy import insert, select
from sqlalchemy.engine import Engine

from ccschool.county.store import now_iso
from ccschool.county.web import tables as wt

DEFAULTS = {
    "hour_minutes": 60,            # one 学时 in minutes (Fujian: 45)
    "credit_hours": 1.0,           # 学时 per 学分
    "late_after_minutes": 10,      # the late window
    "certificate_threshold": 0.8,  # attendance needed for a certificate
    "themes": ["科学素质与互联网学习", "职业技能", "老年智慧生活", "家庭教育指导", "乡村振兴",
               "非遗传承", "道德与法治", "人文艺术", "康养健身", "社区治理与应急管理", "其他"],
    "holidays": [],
    "participation_targets": [0.5, 0.75],
}
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class RuleError(ValueError):
    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh, self.en = zh, en


def _day(text: str, what: str) -> str:
    try:
        if _DAY.fullmatch(text):
            return date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    raise RuleError(f"{what}应为日期 2026-01-01：{text}", f"{what} must be a date 2026-01-01")


def _number(raw: str, lo: float, hi: float, key: str, whole: bool = False):
    try:
        value = int(raw) if whole else float(raw)
    except ValueError:
        value = None
    if value is None or not lo <= value <= hi:  # NaN fails the range too
        raise RuleError(f"{key} 应在 {lo:g} 到 {hi:g} 之间", f"{key} must be from {lo:g} to {hi:g}")
    return value


def parse(form: dict[str, str]) -> tuple[str, dict]:
    """(effective date, rules) from the page's form; RuleError names the field."""
    effective = _day(form.get("effective_from", "").strip(), "生效日期")
    themes = [x.strip() for x in form.get("themes", "").replace("，", ",").split(",") if x.strip()]
    if not themes or any(len(x) > 40 for x in themes):
        raise RuleError("请填写课程主题（逗号分隔，每个至多40字）",
                        "Enter the course themes (comma-separated, 40 characters each)")
    holidays = sorted({_day(x.strip(), "节假日") for x in
                       form.get("holidays", "").replace("，", ",").split(",") if x.strip()})
    targets = sorted(_number(x.strip(), 0.01, 1, "participation_targets")
                     for x in form.get("participation_targets", "").split(",") if x.strip())
    return effective, {
        "hour_minutes": _number(form.get("hour_minutes", ""), 30, 120, "hour_minutes", True),
        "credit_hours": _number(form.get("credit_hours", ""), 0.1, 100, "credit_hours"),
        "late_after_minutes": _number(form.get("late_after_minutes", ""), 0, 120,
                                      "late_after_minutes", True),
        "certificate_threshold": _number(form.get("certificate_threshold", ""), 0.1, 1,
                                         "certificate_threshold"),
        "themes": themes, "holidays": holidays,
        "participation_targets": targets or DEFAULTS["participation_targets"]}


def add(engine: Engine, effective: str, rules: dict, by: str) -> None:
    with engine.begin() as conn:
        conn.execute(insert(wt.county_rule).values(
            effective_from=effective, rules=json.dumps(rules, ensure_ascii=False),
            set_at=now_iso(), set_by=by))


def versions(engine: Engine) -> list[dict]:
    """Every version, oldest first; a later setting for the same date wins."""
    with engine.connect() as conn:
        rows = conn.execute(select(wt.county_rule).order_by(
            wt.county_rule.c.effective_from, wt.county_rule.c.pk)).all()
    # `version`: the county's own increasing number, so a site (or a sibling laptop carrying
    # the rules) can tell the newer of two sets with the same latest date.
    return [{"effective_from": r.effective_from, "set_at": r.set_at, "set_by": r.set_by,
             "version": r.pk, "rules": {**DEFAULTS, **json.loads(r.rules)}} for r in rows]


def in_force(engine: Engine, day: date) -> dict:
    current = dict(DEFAULTS)
    for v in versions(engine):
        if v["effective_from"] <= day.isoformat():
            current = v["rules"]
    return current
