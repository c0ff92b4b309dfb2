"""Weekly patterns and the dates they make: month ends, leap days, holidays, bad input."""
from __future__ import annotations

from datetime import date, time

import pytest

from ccschool.errors import ValidationError
from ccschool.services.weekly import parse_dates, parse_weekly, pattern_dates


def test_tue_thu_pattern_reads_days_and_times():
    p = parse_weekly("tue,thu 14:00-15:30")
    assert p.weekdays == (1, 3) and p.start == time(14) and p.end == time(15, 30)
    assert p.describe() == "周二、周四 14:00–15:30"


@pytest.mark.parametrize("text", ["周二,周四 14:00-15:30", "星期二、星期四 14:00~15:30",
                                  "ｔｕｅ，ｔｈｕ　１４：００－１５：３０", "Thursday Tuesday 14:00 - 15:30"])
def test_chinese_fullwidth_and_spelled_out_patterns(text):
    assert parse_weekly(text) == parse_weekly("tue,thu 14:00-15:30")


@pytest.mark.parametrize("text", ["", "tue", "tue 14:00", "xyz 14:00-15:00", "mon 15:00-14:00",
                                  "mon 25:00-26:00"])
def test_bad_patterns_are_refused_with_the_field(text):
    with pytest.raises(ValidationError) as err:
        parse_weekly(text)
    assert err.value.field == "weekly"


def test_dates_cross_month_ends_and_skip_holidays():
    p = parse_weekly("tue,thu 14:00-15:30")
    days = pattern_dates(p, date(2026, 9, 22), date(2026, 10, 8), {date(2026, 10, 1)})
    assert days == [date(2026, 9, 22), date(2026, 9, 24), date(2026, 9, 29),
                    date(2026, 10, 6), date(2026, 10, 8)]  # 10-01 (National Day) skipped


def test_full_term_count_and_leap_day():
    p = parse_weekly("tue,thu 14:00-15:30")
    days = pattern_dates(p, date(2026, 9, 1), date(2026, 12, 31))
    assert len(days) == 36 and days[0] == date(2026, 9, 1) and days[-1] == date(2026, 12, 31)
    assert all(d.weekday() in (1, 3) for d in days)
    sun = pattern_dates(parse_weekly("sun 09:00-10:00"), date(2032, 2, 20), date(2032, 3, 10))
    assert date(2032, 2, 29) in sun  # a leap-day Sunday


def test_skip_list_parsing():
    assert parse_dates("2026-10-01, 2026-10-02，2026-10-03") == {
        date(2026, 10, 1), date(2026, 10, 2), date(2026, 10, 3)}
    with pytest.raises(ValidationError):
        parse_dates("2026-13-01")
