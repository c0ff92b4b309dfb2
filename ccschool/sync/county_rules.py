"""The county's rules at the site: pulled on each sync, checked field by field, then stored.

The county serves every version it has set with its effective date (PROTOCOL.md, County
rules). The site keeps all of them in the `county_rules` setting, so a version dated in the
future takes over on its day without another sync (ccschool.settings.county_value picks the one
in force). Nothing is stored unless the whole answer is valid: a bad field keeps the rules the
site had and names the version and the field.
"""
from __future__ import annotations

import math
import re
from datetime import date

from ccschool import clock, settings
from ccschool.errors import ValidationError
from ccschool.i18n import L
from ccschool.sync.transport import Transport, TransportError

ACTOR = "county"  # the audit log shows the county, not a staff member, changed the rules
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_THEME = re.compile(r"[^\x00-\x1f\x7f,，]{1,40}")  # one line, no list separators
_STAMP = re.compile(r"[0-9T:.+\- Z]{0,40}")
# field: (whole number?, lowest, highest): the ranges the county's own form accepts
_NUMBERS = {"hour_minutes": (True, 30, 120), "credit_hours": (False, 0.1, 100),
            "late_after_minutes": (True, 0, 120), "certificate_threshold": (False, 0.1, 1)}
MAX_VERSIONS, MAX_THEMES, MAX_HOLIDAYS = 500, 50, 400


class RulesError(ValidationError):
    """The county's answer breaks the protocol; the message names the version and field."""


def _bad(where: str, field: str, why_zh: str, why_en: str) -> RulesError:
    return RulesError("县平台下发的规则无效（{w}，{f}）：{z}，本机规则未改动",
                      "The county's rules are invalid ({w}, {f}): {e}; the site's rules are "
                      "unchanged", w=where, f=field, z=why_zh, e=why_en, field=field)


def _day(value, where: str, field: str) -> str:
    if isinstance(value, str) and _DAY.fullmatch(value):
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise _bad(where, field, "应为日期 2026-01-01", "must be a date like 2026-01-01")


def _number(value, where: str, field: str, whole: bool, lo: float, hi: float):
    ok = (not isinstance(value, bool) and isinstance(value, int if whole else (int, float))
          and math.isfinite(value) and lo <= value <= hi)
    if not ok:
        kind_zh, kind_en = ("整数", "a whole number") if whole else ("数", "a number")
        raise _bad(where, field, f"应为 {lo:g} 到 {hi:g} 之间的{kind_zh}",
                   f"must be {kind_en} from {lo:g} to {hi:g}")
    return int(value) if whole else float(value)


def _list(value, where: str, field: str, most: int, least: int = 0) -> list:
    if not isinstance(value, list) or not least <= len(value) <= most:
        raise _bad(where, field, f"应为 {least} 到 {most} 项的列表",
                   f"must be a list of {least} to {most} items")
    return value


def _rules(raw, where: str) -> dict:
    if not isinstance(raw, dict):
        raise _bad(where, "rules", "缺少规则", "missing")
    out = {k: _number(raw.get(k), where, k, *spec) for k, spec in _NUMBERS.items()}
    themes = _list(raw.get("themes"), where, "themes", MAX_THEMES, 1)
    if not all(isinstance(t, str) and _THEME.fullmatch(t) for t in themes):
        raise _bad(where, "themes", "每个主题应为一行、至多40字", "each theme is one line of "
                   "at most 40 characters")
    out["themes"] = themes
    out["holidays"] = sorted({_day(d, where, "holidays")
                              for d in _list(raw.get("holidays"), where, "holidays", MAX_HOLIDAYS)})
    out["participation_targets"] = sorted(
        _number(t, where, "participation_targets", False, 0.01, 1)
        for t in _list(raw.get("participation_targets"), where, "participation_targets", 5, 1))
    return out


def validate(document) -> list[dict]:
    """The versions of a /api/v1/rules answer, oldest first, each field checked in full."""
    if not isinstance(document, dict):
        raise _bad(L("答复", "answer"), "versions", "不是规则文档", "not a rules document")
    versions = _list(document.get("versions"), L("答复", "answer"), "versions", MAX_VERSIONS)
    out: list[dict] = []
    for n, v in enumerate(versions, start=1):
        where = L("第{n}版", "version {n}", n=n)
        if not isinstance(v, dict):
            raise _bad(where, "version", "格式不对", "malformed")
        set_at = v.get("set_at", "")
        if not isinstance(set_at, str) or not _STAMP.fullmatch(set_at):
            raise _bad(where, "set_at", "应为时间", "must be a time stamp")
        version = v.get("version", 0)  # the county's number for it (older counties: none)
        if isinstance(version, bool) or not isinstance(version, int) \
                or not 0 <= version <= 2**31 - 1:
            raise _bad(where, "version", "应为非负整数", "must be a whole number from 0")
        out.append({"effective_from": _day(v.get("effective_from"), where, "effective_from"),
                    "set_at": set_at, "version": version, "rules": _rules(v.get("rules"), where)})
    days: list[str] = [v["effective_from"] for v in out]
    if days != sorted(days):
        raise _bad(L("答复", "answer"), "versions", "版本未按生效日期排序",
                   "versions are not in order of effective date")
    return out


def pull(db, transport: Transport, *, today: date | None = None) -> dict:
    """Fetch, check and store the county's rules in one transaction; say what is in force."""
    document = transport.rules()
    if document is None:
        raise TransportError(L("此县平台不下发规则", "This county platform serves no rules"),
                             retry=False)
    versions = validate(document)
    with db.transaction(actor=ACTOR) as s:
        before = settings.get(s, "county_rules")
        # The county is the source, yet an answer older than rules a sibling device already
        # brought (a county restored from an old backup) does not take them back.
        changed = before.get("versions") != versions \
            and newness({"versions": versions}) >= newness(before)
        if changed:
            settings.set(s, "county_rules", {"versions": versions})
        return summary(s, changed=changed, today=today)


def newness(stored: dict) -> tuple:
    """How new a set of versions is: the latest effective date, then the county's highest
    version number, then how many versions (the county never deletes one)."""
    versions = stored.get("versions") or []
    return (max((v["effective_from"] for v in versions), default=""),
            max((v.get("version", 0) for v in versions), default=0), len(versions))


def adopt(s, document) -> bool:
    """Rules carried from a sibling device ({"versions": [...]}, checked in full): stored in
    the caller's transaction when newer than the ones held, else nothing changes."""
    versions = validate(document)
    if newness({"versions": versions}) <= newness(settings.get(s, "county_rules")):
        return False
    settings.set(s, "county_rules", {"versions": versions})
    return True


def summary(s, *, changed: bool = False, today: date | None = None) -> dict:
    """What the county decides today and what is still to come (for `sync rules` and 设置)."""
    day = today or clock.today()
    versions = settings.get(s, "county_rules").get("versions", [])
    current = [v for v in versions if v["effective_from"] <= day.isoformat()]
    return {"changed": changed, "versions": len(versions),
            "in_force": current[-1] if current else None,
            "upcoming": [v for v in versions if v["effective_from"] > day.isoformat()]}


def holidays(s, start: date, end: date) -> set[date]:
    """Days from start to end that the county's version in force on that day lists as holidays:
    weekly scheduling skips them as it skips a holiday file's dates."""
    versions = settings.get(s, "county_rules").get("versions", [])
    out = set()
    for n, version in enumerate(versions):
        until = versions[n + 1]["effective_from"] if n + 1 < len(versions) else "9999-12-31"
        out |= {date.fromisoformat(d) for d in version["rules"]["holidays"]
                if version["effective_from"] <= d < until
                and start.isoformat() <= d <= end.isoformat()}
    return out
