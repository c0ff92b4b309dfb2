"""Site settings: declared once with a type, a default and a title in both languages.

Stored as JSON in the `setting` table (plain values only), so they travel with backups and are
changed inside the same transaction as the action that changes them.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
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
)}


def get(session: Session, key: str) -> Any:
    from ccschool.models import Setting

    option = OPTIONS[key]
    row = session.get(Setting, key)
    return option.default if row is None else json.loads(row.value)


def set(session: Session, key: str, value: Any) -> None:  # noqa: A001  (settings.set reads well)
    option = OPTIONS.get(key)
    if option is None:
        raise ValidationError("未知设置项：{key}", "Unknown setting: {key}", key=key, field=key)
    if option.type is float and isinstance(value, int):
        value = float(value)
    if not isinstance(value, option.type):
        raise ValidationError("设置“{title}”的值类型不对", "Wrong type for setting “{title}”",
                              title=option.zh, field=key)
    from ccschool import audit
    from ccschool.models import Setting

    before = get(session, key)
    row = session.get(Setting, key) or Setting(key=key, value="")
    audit.record(session, "setting.change", "setting", key, before=before, after=value)
    row.value = json.dumps(value, ensure_ascii=False)
    session.add(row)
