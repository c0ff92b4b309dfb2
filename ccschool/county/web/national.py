"""社区教育机构统计表 (the national statistics table of community education institutions, after
attachment 5 of the 2023 县域社区学习中心建设指南) for any date range.

Each column is either known from the county's data (computed) or asked for (entered by the
county staff in the page, carried in the address so the export has them too).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ccschool.county.web.dashboard import build
from ccschool.county.web.figures import Scope


@dataclass(frozen=True)
class Column:
    key: str
    zh: str
    en: str
    source: str | None  # a key of the computed figures, or None: entered by staff


COLUMNS = (
    Column("towns", "镇(街道)数", "Towns (subdistricts)", None),
    Column("township_schools", "乡镇(街道)社区教育学校数", "Township community schools",
           "township_schools"),
    Column("villages", "村(社区)数", "Villages (communities)", None),
    Column("village_points", "村(社区)学习点数", "Village learning points", "village_points"),
    Column("full_time_staff", "专职人员数", "Full-time staff", None),
    Column("part_time_teachers", "兼职教师数", "Part-time teachers", None),
    Column("volunteers", "志愿者数", "Volunteers", "volunteers"),
    Column("sessions", "开展培训次数", "Training sessions held", "sessions"),
    Column("person_times", "线上线下培训总数(人次)", "Training, online and offline (person-times)",
           "person_times"),
    Column("online", "其中：线上培训(人次)", "of which online (person-times)", "online"),
    Column("offline", "其中：线下培训(人次)", "of which offline (person-times)", "offline"),
    Column("persons", "参训人数", "Learners", "persons"),
    Column("hours", "培训学时", "Learner hours", "hours"),
    Column("population", "常住人口数", "Resident population", "population"),
    Column("funding", "经费投入(万元)", "Funding (10,000 yuan)", None),
)
_ENTERED = re.compile(r"[0-9]{1,12}(\.[0-9]{1,2})?")


def computed(engine, scope: Scope) -> dict:
    d = build(engine, scope)
    total = d["total"]
    levels = [s["level"] for s in d["sites"]]
    return {**total, "township_schools": levels.count("township"),
            "village_points": levels.count("village")}


def entered(values: dict[str, str]) -> dict[str, float | int | None]:
    """The staff's figures for the columns the data does not know; anything else is dropped."""
    out = {}
    for col in COLUMNS:
        if col.source is None:
            raw = (values.get(col.key) or "").strip()
            out[col.key] = (float(raw) if "." in raw else int(raw)) \
                if _ENTERED.fullmatch(raw) else None
    return out


def row(figures: dict, typed: dict) -> list:
    return [figures.get(c.source) if c.source else typed.get(c.key) for c in COLUMNS]
