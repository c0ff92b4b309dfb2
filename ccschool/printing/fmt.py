"""How dates and hours read on paper, in the current language."""
from __future__ import annotations

import datetime as dt

from ccschool.i18n import is_english


def date_text(day: dt.date | None) -> str:
    if day is None:
        return ""
    if is_english():
        return day.strftime("%d %b %Y").lstrip("0")
    return f"{day.year}年{day.month}月{day.day}日"


def hours_text(hours: float) -> str:
    """12.0 → "12", 7.5 → "7.5": hours are usually whole and read better without ".0"."""
    return f"{hours:.2f}".rstrip("0").rstrip(".")
