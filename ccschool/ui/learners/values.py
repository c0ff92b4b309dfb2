"""Stored values shown in the UI language: 男/女 and the target groups are kept in Chinese in the
database (the county platform and the roster export expect them so), but an English screen
should read "Male" or "Seniors". Only display goes through here; widgets keep the stored value
as item data, so what is saved never depends on the language. The group names are the classes
area's (services.classes.GROUP_EN), so a learner and a class say the same thing.
"""
from __future__ import annotations

from ccschool import i18n
from ccschool.services.classes import group_label

_GENDER_EN = {"男": "Male", "女": "Female"}


def shown(value: str | None) -> str:
    """A stored gender or target group as the current UI language shows it."""
    if not value:
        return ""
    if value in _GENDER_EN:
        return i18n.L(value, _GENDER_EN[value])
    return group_label(value)  # unknown values come back as stored


def shown_groups(stored: str | None) -> str:
    """"老年人,家长" (as stored) → "老年人、家长", or "Seniors, Parents" in English."""
    groups = [shown(g) for g in (stored or "").split(",") if g]
    return (", " if i18n.is_english() else "、").join(groups)
