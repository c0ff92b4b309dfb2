"""The dates the program works with: 1900 to 2999.

A date the user types (a report range, a term, a session) is checked against this span once,
where it is parsed: date arithmetic near year 9999 (the day after a period, the month after)
would otherwise overflow deep inside a report instead of giving a message.
"""
from __future__ import annotations

from datetime import date

from ccschool.errors import ValidationError

FIRST = date(1900, 1, 1)
LAST = date(2999, 12, 31)


def check(day: date, field: str = "date") -> date:
    if not FIRST <= day <= LAST:
        raise ValidationError("日期{day}超出范围（{first}至{last}）",
                              "The date {day} is out of range ({first} to {last})",
                              day=day.isoformat(), first=FIRST.year, last=LAST.year, field=field)
    return day
