"""Weekly timetable patterns ("tue,thu 14:00-15:30") and the dates they produce."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, time, timedelta

from ccschool import datespan
from ccschool.errors import ValidationError

_DAYS = {
    "mon": 0, "monday": 0, "一": 0, "1": 0,
    "tue": 1, "tues": 1, "tuesday": 1, "二": 1, "2": 1,
    "wed": 2, "wednesday": 2, "三": 2, "3": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "四": 3, "4": 3,
    "fri": 4, "friday": 4, "五": 4, "5": 4,
    "sat": 5, "saturday": 5, "六": 5, "6": 5,
    "sun": 6, "sunday": 6, "日": 6, "天": 6, "7": 6,
}
_PATTERN = re.compile(r"^\s*(?P<days>.+?)\s+(?P<start>\d{1,2}:\d{2})\s*[-~–—至到]\s*"
                      r"(?P<end>\d{1,2}:\d{2})\s*$")
DAY_NAMES_ZH = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
DAY_NAMES_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def day_label(weekday: int) -> str:
    from ccschool.i18n import L

    return L(DAY_NAMES_ZH[weekday], DAY_NAMES_EN[weekday])


@dataclass(frozen=True)
class WeeklyPattern:
    weekdays: tuple[int, ...]  # Monday = 0
    start: time
    end: time

    def describe(self) -> str:
        days = "、".join(DAY_NAMES_ZH[d] for d in self.weekdays)
        return f"{days} {self.start:%H:%M}–{self.end:%H:%M}"


def _bad(text: str) -> ValidationError:
    return ValidationError("上课规律“{text}”看不懂，应写成如 tue,thu 14:00-15:30 或 周二,周四 14:00-15:30",
                           "Cannot read the weekly pattern “{text}”; write e.g. tue,thu 14:00-15:30",
                           text=text, field="weekly")


def parse_time(text: str, field: str = "time") -> time:
    text = unicodedata.normalize("NFKC", str(text or "")).strip()
    m = re.fullmatch(r"(\d{1,2}):(\d{2})", text)
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        raise ValidationError("时间“{text}”应写成 时:分，如 14:00", "Time “{text}” should be HH:MM",
                              text=text, field=field)
    return time(int(m.group(1)), int(m.group(2)))


def _weekday(token: str, whole: str) -> int:
    key = token.strip().lower()
    for prefix in ("星期", "周", "礼拜"):
        key = key.removeprefix(prefix)
    if key not in _DAYS:
        raise _bad(whole)
    return _DAYS[key]


def parse_weekly(text: str) -> WeeklyPattern:
    """Read "tue,thu 14:00-15:30" (also full-width, Chinese day names, 、 or space between days)."""
    norm = unicodedata.normalize("NFKC", str(text or "")).replace("、", ",").replace("，", ",")
    m = _PATTERN.match(norm)
    if not m:
        raise _bad(text)
    tokens = [t for t in re.split(r"[,\s]+", m.group("days")) if t]
    weekdays = tuple(sorted({_weekday(t, text) for t in tokens}))
    start, end = parse_time(m.group("start"), "weekly"), parse_time(m.group("end"), "weekly")
    if end <= start:
        raise ValidationError("下课时间应晚于上课时间：{text}",
                              "The end time must be after the start: {text}",
                              text=text, field="weekly")
    return WeeklyPattern(weekdays, start, end)


# A range of holidays: 2026-10-01..2026-10-07 (also ~, 至 or 到 between the two dates).
_RANGE = re.compile(r"(\d{4}-\d{1,2}-\d{1,2})\s*(?:\.\.|~|至|到)\s*(\d{4}-\d{1,2}-\d{1,2})")
MAX_RANGE_DAYS = 366  # a typo such as 2026..2062 must not make a million skipped days


def parse_dates(text: str | None) -> set[date]:
    """Holidays to skip: YYYY-MM-DD dates and FROM..TO ranges, separated by commas."""
    out: set[date] = set()
    for token in re.split(r"[,，、;；\s]+", _squeeze_ranges(text)):
        if token:
            out |= parse_day_or_range(token, "skip")
    return out


def _squeeze_ranges(text: str | None) -> str:
    """NFKC, and no spaces around a range's separator, so "a .. b" splits as one token."""
    norm = unicodedata.normalize("NFKC", text or "")
    return _RANGE.sub(lambda m: f"{m.group(1)}..{m.group(2)}", norm)


def parse_day_or_range(token: str, field: str = "skip") -> set[date]:
    """"2026-10-01" or "2026-10-01..2026-10-07" (inclusive) as a set of dates."""
    m = _RANGE.fullmatch(unicodedata.normalize("NFKC", token).strip())
    if not m:
        return {parse_date(token, field)}
    first, last = parse_date(m.group(1), field), parse_date(m.group(2), field)
    if last < first:
        raise ValidationError("日期范围“{text}”的结束早于开始", "The range “{text}” ends before it starts",
                              text=token, field=field)
    if (last - first).days >= MAX_RANGE_DAYS:
        raise ValidationError("日期范围“{text}”超过一年，请检查", "The range “{text}” is longer than a year",
                              text=token, field=field)
    return {first + timedelta(days=i) for i in range((last - first).days + 1)}


def dates_text(days) -> str:
    """The shortest way to write a set of dates: runs of consecutive days as FROM..TO."""
    out: list[str] = []
    run: list[date] = []
    for day in sorted(days):
        if run and day != run[-1] + timedelta(days=1):
            out.append(_run_text(run))
            run = []
        run.append(day)
    if run:
        out.append(_run_text(run))
    return ", ".join(out)


def _run_text(run: list[date]) -> str:
    return run[0].isoformat() if len(run) == 1 else f"{run[0].isoformat()}..{run[-1].isoformat()}"


def parse_date(text: str, field: str = "date") -> date:
    text = unicodedata.normalize("NFKC", str(text or "")).strip()
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise ValidationError("日期“{text}”应写成 年-月-日，如 2026-09-01",
                              "Date “{text}” should be YYYY-MM-DD", text=text, field=field) from None
    return datespan.check(day, field)


def pattern_dates(pattern: WeeklyPattern, start: date, end: date,
                  skip: set[date] | frozenset = frozenset()) -> list[date]:
    """Every date from start to end (inclusive) on the pattern's weekdays, minus skipped dates."""
    if end < start:
        raise ValidationError("结束日期 {end} 早于开始日期 {start}", "End date {end} is before start {start}",
                              start=start, end=end, field="end")
    out, day = [], start
    while day <= end:  # plain day steps: month ends and leap days need no special case
        if day.weekday() in pattern.weekdays and day not in skip:
            out.append(day)
        day += timedelta(days=1)
    return out
