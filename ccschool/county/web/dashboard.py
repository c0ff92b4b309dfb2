"""The dashboard as one dict: per-site rows, totals and breakdowns for a period and sites."""
from __future__ import annotations

import calendar
import re
from collections import defaultdict
from datetime import date

from sqlalchemy.engine import Engine

from ccschool.county.web import figures as f
from ccschool.county.web import rules
from ccschool.county.web.figures import Scope

_MONTH = re.compile(r"([0-9]{4})-(0[1-9]|1[0-2])")
_QUARTER = re.compile(r"([0-9]{4})-Q([1-4])")
_YEAR = re.compile(r"([0-9]{4})")


class PeriodError(ValueError):
    pass


def parse_period(text: str) -> tuple[date, date]:
    """2024-05, 2024-Q2 or 2024 -> (first day, last day)."""
    text = (text or "").strip()
    if m := _MONTH.fullmatch(text):
        y, mo = int(m[1]), int(m[2])
        return date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1])
    if m := _QUARTER.fullmatch(text):
        y, q = int(m[1]), int(m[2])
        last = 3 * q
        return date(y, last - 2, 1), date(y, last, calendar.monthrange(y, last)[1])
    if (m := _YEAR.fullmatch(text)) and 2000 <= int(m[1]) <= 2100:
        return date(int(m[1]), 1, 1), date(int(m[1]), 12, 31)
    raise PeriodError(text)


def last_closed_month(today: date) -> str:
    y, m = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    return f"{y:04d}-{m:02d}"


def scope_sites(all_sites: list[dict], site: str | None, township: str | None):
    """The site codes a filter selects: one site, a township with its village points, or all."""
    if site:
        return tuple(s["code"] for s in all_sites if s["code"] == site)
    if township:
        return tuple(s["code"] for s in all_sites
                     if s["code"] == township or s["township"] == township)
    return None


def build(engine: Engine, scope: Scope, *, today: date | None = None) -> dict:
    with engine.connect() as conn:
        f.short_reads(conn)
        sites = f.sites(conn, scope.sites)
        class_info = f.classes(conn, scope)
        per_class = f.per_class(conn, scope)
        held, (persons, profiles) = f.sessions_held(conn, scope), f.learners(conn, scope)
        vols, sat = f.volunteers(conn, scope), f.satisfaction(conn, scope)
        trend = f.trend(conn, scope)
        missing = f.not_uploaded(conn, last_closed_month(today or date.today()))
    rows = {s["code"]: _site_row(s) for s in sites}
    themes: dict[str, dict] = defaultdict(lambda: {"person_times": 0, "hours": 0.0})
    for site, class_id, n, hours in per_class:
        n = int(n)  # a SUM of counts is NUMERIC on PostgreSQL
        theme, online = class_info.get(class_id, ("其他", False))
        row = rows.get(site)
        if row is None:
            continue
        row["person_times"] += n
        row["online" if online else "offline"] += n
        row["hours"] += float(hours)
        themes[theme]["person_times"] += n
        themes[theme]["hours"] += float(hours)
    for code, row in rows.items():
        row["sessions"] = held.get(code, 0)
        row["persons"] = persons.get(code, 0)
        row["volunteers"], row["volunteer_hours"] = vols.get(code, (0, 0.0))
        row.update(sat.get(code, {k: 0 for k, _lo, _hi in f.LEVELS}))
        row["rate"] = row["persons"] / row["population"] if row["population"] else None
    table = list(rows.values())
    return {"sites": table, "total": _total(table), "by_theme": _rounded(themes),
            **_profiles(profiles), "trend": trend, "not_uploaded": missing,
            "targets": rules.in_force(engine, scope.end)["participation_targets"],
            "last_closed": last_closed_month(today or date.today())}


def _site_row(s: dict) -> dict:
    return {**s, "person_times": 0, "online": 0, "offline": 0, "hours": 0.0}


SUMMED = ("sessions", "person_times", "online", "offline", "persons", "hours", "volunteers",
          "volunteer_hours", "satisfied", "basic", "dissatisfied")


def _total(rows: list[dict]) -> dict:
    total = {k: sum(r[k] for r in rows) for k in SUMMED}
    population = sum(r["population"] or 0 for r in rows if r["population"])
    counted = sum(r["persons"] for r in rows if r["population"])
    total["population"] = population or None
    total["rate"] = counted / population if population else None
    total["hours"] = round(total["hours"], 2)
    total["volunteer_hours"] = round(total["volunteer_hours"], 2)
    return total


def _rounded(themes: dict) -> dict:
    return {k: {"person_times": v["person_times"], "hours": round(v["hours"], 2)}
            for k, v in sorted(themes.items(), key=lambda kv: -kv[1]["person_times"])}


def _profiles(rows: list[tuple]) -> dict:
    groups: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    ages = {b: [0, 0] for b in f.AGE_BANDS}
    for target_groups, band, learners, person_times in rows:
        names = [g.strip() for g in (target_groups or "").split(",") if g.strip()] or ["未分类"]
        for g in dict.fromkeys(names):
            groups[g][0] += learners
            groups[g][1] += int(person_times or 0)
        ages[band][0] += learners
        ages[band][1] += int(person_times or 0)
    return {"by_group": dict(sorted(groups.items(), key=lambda kv: -kv[1][0])),
            "by_age": ages}
