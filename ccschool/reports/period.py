"""Report periods: a month, a year to date, or any date range (inclusive, local dates)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from ccschool import datespan
from ccschool.clock import CHINA
from ccschool.errors import ValidationError
from ccschool.stamps import to_micros

# Stored timestamps are UTC; period edges are China days (ccschool.clock), converted here.
_MONTH = re.compile(r"([0-9]{4})-([0-9]{1,2})")  # full match, ASCII digits


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive
    label: str

    def utc_bounds(self) -> tuple[int, int]:
        """[start, end) as UTCDateTime stores them (microseconds), for timestamp columns."""
        lo = datetime.combine(self.start, time(0), CHINA).astimezone(timezone.utc)
        hi = datetime.combine(self.end + timedelta(days=1), time(0), CHINA).astimezone(timezone.utc)
        return to_micros(lo), to_micros(hi)

    def as_dict(self) -> dict:
        return {"from": self.start.isoformat(), "to": self.end.isoformat(), "label": self.label}

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def month(text: str) -> Period:
    m = _MONTH.fullmatch((text or "").strip())
    if not m or not 1 <= int(m.group(2)) <= 12 or int(m.group(1)) < 1:
        raise ValidationError("月份应写作 YYYY-MM，例如 2026-03：{text}",
                              "A month is written YYYY-MM, e.g. 2026-03: {text}",
                              text=text, field="month")
    year, mon = int(m.group(1)), int(m.group(2))
    start = datespan.check(date(year, mon, 1), "month")
    end = (start.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    return Period(start, end, f"{year}-{mon:02d}")


def parse_date(text: str, field: str) -> date:
    try:
        day = date.fromisoformat((text or "").strip())
    except ValueError:
        raise ValidationError("日期应写作 YYYY-MM-DD：{text}", "A date is written YYYY-MM-DD: {text}",
                              text=text, field=field) from None
    return datespan.check(day, field)


def date_range(start: date | str, end: date | str) -> Period:
    start = parse_date(start, "from") if isinstance(start, str) else datespan.check(start, "from")
    end = parse_date(end, "to") if isinstance(end, str) else datespan.check(end, "to")
    if end < start:
        raise ValidationError("结束日期 {end} 早于开始日期 {start}",
                              "The end date {end} is before the start date {start}",
                              start=start, end=end, field="to")
    return Period(start, end, f"{start.isoformat()} ~ {end.isoformat()}")


def year(y: int, *, to_date: date | None = None) -> Period:
    """A calendar year, or the year to `to_date` (year-to-date)."""
    datespan.check(date(y, 1, 1), "year")
    end = date(y, 12, 31) if to_date is None else min(to_date, date(y, 12, 31))
    return Period(date(y, 1, 1), end, str(y) if to_date is None else f"{y}-01-01 ~ {end}")


def age_cutoff(on: date, years: int) -> date:
    """The latest birth date of someone who is at least `years` old on `on`."""
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # 29 February in a year without one
        return on.replace(year=on.year - years, day=28)
