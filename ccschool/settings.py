"""Site settings: declared once with a type, a default and a title in both languages.

Stored as JSON in the `setting` table (plain values only), so they travel with backups and are
changed inside the same transaction as the action that changes them.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from ccschool.errors import ValidationError

if TYPE_CHECKING:
    from sqlmodel import Session

# The record models are imported inside the functions: the desktop app reads its start-up
# settings (OPTIONS, defaults) before the ORM classes are built, after its first paint.


@dataclass(frozen=True)
class Option:
    key: str
    type: type
    default: Any
    zh: str
    en: str


OPTIONS = {o.key: o for o in (
    Option("hour_minutes", int, 60, "一学时的分钟数", "Minutes in one study hour (学时)"),
    Option("credit_hours", float, 1.0, "每学分所需学时", "Study hours per credit"),
    Option("late_after_minutes", int, 10, "开课后多少分钟算迟到", "Minutes after start counted late"),
    Option("certificate_threshold", float, 0.8, "结业证书默认出勤率", "Default attendance for a certificate"),
    Option("village_population", dict, {}, "各村（社区）常住人口", "Resident population per village"),
    Option("participation_target", float, 0.5, "参与率目标", "Participation-rate target"),
    Option("language", str, "zh_CN", "界面语言", "Interface language"),
    Option("idle_lock_minutes", int, 10, "空闲锁定（分钟）", "Lock after idle minutes"),
    Option("county_requires_id", bool, False, "县平台要求完整身份证号", "County requires full ID numbers"),
    Option("large_text", bool, False, "大字模式", "Large text"),
    Option("prune_after_days", int, 35, "县平台确认多少天后清除上传内容（保留编号、版本和校验值）",
           "Days after the county's acknowledgement before upload payloads are dropped "
           "(id, version and hash are kept)"),
    # Written only by ccschool.sync.county_rules (the county's versions as last pulled) and by
    # month close (the values each closed month was closed with); never edited by hand.
    Option("county_rules", dict, {}, "县平台规则", "County rules"),
    # The revision of the county's teacher list held in the county_teacher table (written only
    # by ccschool.sync.county_teachers; names and phones stay out of settings and their audit).
    Option("county_teachers", dict, {}, "县师资库名单版本", "County teacher list revision"),
    Option("closed_month_rules", dict, {}, "已月结月份的规则", "Rules of closed months"),
)}

# Site settings the county decides once a county version is in force (PROTOCOL.md, County rules).
COUNTY_KEYS = ("hour_minutes", "credit_hours", "late_after_minutes", "certificate_threshold",
               "participation_target")


def county_value(stored: dict, key: str, day: date) -> tuple[Any, str] | None:
    """(value, effective date) of the county version in force on `day`, or None.

    `stored` is the county_rules setting; its versions are oldest first, each already
    validated when pulled. The site's participation_target is the county's first target.
    """
    found = None
    for version in stored.get("versions", []):
        if version["effective_from"] <= day.isoformat():
            found = version
    if found is None or key not in COUNTY_KEYS:
        return None
    rules = found["rules"]
    value = rules["participation_targets"][0] if key == "participation_target" else rules[key]
    return value, found["effective_from"]


def _stored(session: Session, key: str) -> Any:
    from ccschool.models import Setting

    row = session.get(Setting, key)
    return OPTIONS[key].default if row is None else json.loads(row.value)


def county_set(session: Session, key: str, day: date | None = None) -> tuple[Any, str] | None:
    """(value, effective date) when the county decides `key` on `day` (default today)."""
    if key not in COUNTY_KEYS:
        return None
    from ccschool import clock

    return county_value(_stored(session, "county_rules"), key, day or clock.today())


def county_rules_in_force(session: Session, day: date | None = None) -> dict | None:
    """The rules of the county version in force on `day` (default today), or None."""
    from ccschool import clock

    when = (day or clock.today()).isoformat()
    found = [v for v in _stored(session, "county_rules").get("versions", [])
             if v["effective_from"] <= when]
    return found[-1]["rules"] if found else None


def get(session: Session, key: str) -> Any:
    """The value in force today: the county's where a county version is in force."""
    county = county_set(session, key)
    return _stored(session, key) if county is None else county[0]


def for_month(session: Session, key: str, period: str) -> Any:
    """The value a month's figures use: a closed month keeps the values it was closed with;
    another month takes the county version in force on its first day (as the county judges
    it), else the site's own setting."""
    closed = _stored(session, "closed_month_rules").get(period)
    if closed and key in closed:
        return closed[key]
    county = county_set(session, key, date.fromisoformat(period[:7] + "-01"))
    return _stored(session, key) if county is None else county[0]


def seal_month(session: Session, periods) -> None:
    """Record the values in force for months being closed (a correction keeps the first)."""
    sealed = dict(_stored(session, "closed_month_rules"))
    new = {p: {k: for_month(session, k, p) for k in COUNTY_KEYS}
           for p in periods if p not in sealed}
    if new:
        set(session, "closed_month_rules", {**sealed, **new})


def update(session: Session, values: dict[str, Any]) -> int:
    """Store each value that differs from the current one (each checked and audited by `set`);
    returns how many changed."""
    changed = [key for key, value in values.items() if get(session, key) != value]
    for key in changed:
        set(session, key, values[key])
    return len(changed)


def set(session: Session, key: str, value: Any) -> None:  # noqa: A001  (settings.set reads well)
    option = OPTIONS.get(key)
    if option is None:
        raise ValidationError("未知设置项：{key}", "Unknown setting: {key}", key=key, field=key)
    if option.type is float and isinstance(value, int):
        value = float(value)
    if not isinstance(value, option.type):
        raise ValidationError("设置“{title}”的值类型不对", "Wrong type for setting “{title}”",
                              title=option.zh, field=key)
    county = county_set(session, key)
    if county is not None and county[0] != value:
        raise ValidationError("“{title}”由县平台设定（生效日期 {d}），本机不能修改",
                              "“{title_en}” is set by the county platform (effective {d}); it "
                              "cannot be changed here", title=option.zh, title_en=option.en, d=county[1],
                              field=key)
    from ccschool import audit
    from ccschool.models import Setting

    before = _stored(session, key)
    row = session.get(Setting, key) or Setting(key=key, value="")
    audit.record(session, "setting.change", "setting", key, before=before, after=value)
    row.value = json.dumps(value, ensure_ascii=False)
    session.add(row)
