"""One report's figures as a plain dict with stable keys (the CLI's --json prints it as is).

The SQL in `queries` aggregates to one row per session, per class, per learner-profile and per
volunteer; this module rolls those few thousand rows up by theme, venue, week, age band...

学时: a session's `hours` field is already in 学时 (the class credits so many 学时 per session,
whatever one 学时 lasts at this site), so `learner_hours` is the plain sum of session hours over
attended rows. `learner_clock_hours` converts it to clock hours with the site's `hour_minutes`
(45 or 60 minutes per 学时) for tables that ask for 时长; `credits` divides by `credit_hours`.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta

from sqlmodel import Session

from ccschool import settings
from ccschool.i18n import L
from ccschool.models.course import THEMES
from ccschool.models.person import TARGET_GROUPS
from ccschool.reports import queries as q
from ccschool.reports.period import Period

AGE_BANDS = ("<18", "18-59", "60-69", "70+")
GENDERS = ("男", "女")
UNKNOWN = "未知"
UNGROUPED = "未分类"  # the target-group key of learners in no group
SATISFACTION_LEVELS = (("satisfied", "满意", 4, 5), ("basically_satisfied", "基本满意", 3, 3),
                       ("dissatisfied", "不满意", 1, 2))


def age_label(band: str) -> str:
    """How an age band is shown (the JSON keeps the short keys)."""
    return {"<18": L("18岁以下", "under 18"), "18-59": L("18–59岁", "18–59"),
            "60-69": L("60–69岁", "60–69"), "70+": L("70岁及以上", "70 and over"),
            UNKNOWN: L("未知", "unknown")}.get(band, band)


def satisfaction_level(score: int) -> str:
    """The county's three levels: 满意 4–5, 基本满意 3, 不满意 1–2."""
    return next(key for key, _zh, lo, hi in SATISFACTION_LEVELS if lo <= score <= hi)


def _d(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def _r(x: float) -> float:
    return round(x + 0.0, 2)


def build_report(session: Session, period: Period) -> dict:
    """Every figure of the monthly (or any-range) report."""
    bind = q.params(period)
    classes = {r[0]: r for r in q.rows(session, q.CLASSES, {})}
    sessions = _sessions(session, bind, classes)
    per_session = {r[0]: r[1:] for r in q.rows(session, q.PER_SESSION, bind)
                   if r[0] in sessions and sessions[r[0]][4] != "cancelled"}
    splits = q.rows(session, q.LEARNER_SPLITS, bind)
    class_learners = {r[1]: r[5] for r in splits if r[0] == "class"}
    demographics = [r[1:] for r in splits if r[0] == "profile"]
    # a closed month keeps the 学时/学分 rule it was closed with (settings.for_month); a range
    # over several months takes the rule of its first month
    month = period.start.strftime("%Y-%m")
    hour_minutes = settings.for_month(session, "hour_minutes", month)
    credit_hours = settings.for_month(session, "credit_hours", month)

    totals = _session_totals(sessions, per_session, classes)
    report = {
        "period": period.as_dict(),
        "units": {"learner_hours": "学时", "hour_minutes": hour_minutes,
                  "credit_hours": credit_hours},
        **totals,
        "distinct_learners": sum(r[4] for r in demographics),
        "learner_clock_hours": _r(totals["learner_hours"] * hour_minutes / 60),
        "credits": _r(totals["learner_hours"] / credit_hours) if credit_hours else None,
        "new_learners": q.rows(session, q.NEW_LEARNERS, bind)[0][0],
        "by_theme": _by_class_field(sessions, per_session, classes, 2, THEMES),
        "by_venue": _by_class_field(sessions, per_session, classes, 3, ()),
        **_by_demographics(demographics),
        "by_week": _by_week(sessions, per_session, period),
        "by_month": _by_month(sessions, per_session),
        "volunteers": _volunteers(q.rows(session, q.VOLUNTEERS, bind)),
        "certificates_issued": q.rows(session, q.CERTIFICATES, bind)[0][0],
    }
    scores = [r for r in q.rows(session, q.SATISFACTION, bind) if r[0] in classes]
    report["satisfaction"] = satisfaction_summary(scores)
    report["comments"] = [
        {"course_name": name, "score": score, "comment": comment}
        for name, score, comment in q.rows(session, q.SATISFACTION_COMMENTS, bind)]
    report["classes"] = _classes(sessions, per_session, classes, class_learners,
                                 dict(q.rows(session, q.ENROLLED, {})), scores)
    report["participation"] = _participation(session, demographics, report["distinct_learners"],
                                          month)
    return report


def _sessions(session: Session, bind: dict, classes: dict) -> dict[str, tuple]:
    return {r[0]: r for r in q.rows(session, q.SESSIONS, bind) if r[1] in classes}


def _is_held(state: str, attended: int) -> bool:
    # A session took place if staff closed it as held, or anyone signed in at it (a session
    # still 'planned' whose sign-ins were taken but never closed did happen).
    return state != "cancelled" and (state == "held" or attended > 0)


def _session_totals(sessions: dict, per_session: dict, classes: dict) -> dict:
    held = cancelled = person_times = late = online = 0
    hours = 0.0
    for sid, (_id, class_id, _day, s_hours, state) in sessions.items():
        attended, late_n, _roll = per_session.get(sid, (0, 0, 0))
        held += _is_held(state, attended)
        cancelled += state == "cancelled"
        person_times += attended
        late += late_n
        hours += attended * s_hours
        online += attended if classes[class_id][4] else 0
    return {"sessions_held": held, "sessions_cancelled": cancelled, "person_times": person_times,
            "late_times": late, "learner_hours": _r(hours), "online_person_times": online,
            "offline_person_times": person_times - online}


def _ordered(data: dict, order: tuple) -> dict:
    keys = [k for k in order if k in data] + sorted(k for k in data if k not in order)
    return {k: data[k] for k in keys}


def _by_class_field(sessions, per_session, classes, index: int, order: tuple) -> dict:
    out: dict[str, dict] = defaultdict(lambda: {"classes": set(), "sessions_held": 0,
                                                "person_times": 0, "learner_hours": 0.0})
    for sid, (_id, class_id, _day, s_hours, state) in sessions.items():
        attended = per_session.get(sid, (0, 0, 0))[0]
        if not attended and not _is_held(state, attended):
            continue
        row = out[classes[class_id][index] or UNKNOWN]
        row["classes"].add(class_id)
        row["sessions_held"] += _is_held(state, attended)
        row["person_times"] += attended
        row["learner_hours"] += attended * s_hours
    for row in out.values():
        row["classes"] = len(row["classes"])
        row["learner_hours"] = _r(row["learner_hours"])
    return _ordered(dict(out), order)


def _by_demographics(demographics: list[tuple]) -> dict:
    groups, bands, genders = (defaultdict[str, dict[str, int]](lambda: {"learners": 0, "person_times": 0})
                              for _ in range(3))
    for gender, band, _village, target_groups, learners, person_times in demographics:
        names = [g.strip() for g in (target_groups or "").split(",") if g.strip()] or [UNGROUPED]
        for key, bucket in [(gender or UNKNOWN, genders), (band or UNKNOWN, bands),
                            *[(g, groups) for g in dict.fromkeys(names)]]:
            bucket[key]["learners"] += learners
            bucket[key]["person_times"] += person_times
    zero = {"learners": 0, "person_times": 0}
    return {
        "by_target_group": _ordered({**{g: dict(zero) for g in TARGET_GROUPS}, **groups},
                                    TARGET_GROUPS),
        "by_age_band": _ordered({**{b: dict(zero) for b in AGE_BANDS}, **bands}, AGE_BANDS),
        "by_gender": _ordered({**{g: dict(zero) for g in GENDERS}, **genders}, GENDERS),
    }


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _by_week(sessions: dict, per_session: dict, period: Period) -> list[dict]:
    """Person-times and 学时 per week (weeks start on Monday), empty weeks included."""
    weeks: dict[date, list] = {}
    monday = _monday(period.start)
    while monday <= period.end:
        weeks[monday] = [0, 0.0]
        monday += timedelta(days=7)
    for sid, (_id, _class_id, day, s_hours, _state) in sessions.items():
        attended = per_session.get(sid, (0, 0, 0))[0]
        week = weeks.setdefault(_monday(_d(day)), [0, 0.0])
        week[0] += attended
        week[1] += attended * s_hours
    return [{"week_start": w.isoformat(), "person_times": n, "learner_hours": _r(h)}
            for w, (n, h) in sorted(weeks.items())]


def _by_month(sessions: dict, per_session: dict) -> list[dict]:
    months: dict[str, list] = defaultdict(lambda: [0, 0.0])
    for sid, (_id, _class_id, day, s_hours, _state) in sessions.items():
        attended = per_session.get(sid, (0, 0, 0))[0]
        month = _d(day).strftime("%Y-%m")
        months[month][0] += attended
        months[month][1] += attended * s_hours
    return [{"month": m, "person_times": n, "learner_hours": _r(h)}
            for m, (n, h) in sorted(months.items())]


def _volunteers(rows: list[tuple]) -> dict:
    people = [{"id": i, "name": name, "kind": kind, "org_type": org, "records": n,
               "hours": _r(h)} for i, name, kind, org, n, h in rows]
    return {"count": len(people), "records": sum(p["records"] for p in people),
            "service_hours": _r(sum(p["hours"] for p in people)), "people": people}


def satisfaction_summary(scores: list[tuple]) -> dict:
    levels: Counter[str] = Counter()
    total = n = 0
    for _class_id, score, count in scores:
        levels[satisfaction_level(score)] += count
        total += score * count
        n += count
    return {"responses": n, "average": _r(total / n) if n else None,
            **{key: levels[key] for key, *_ in SATISFACTION_LEVELS},
            "satisfied_rate": _r(levels["satisfied"] / n) if n else None}


def _classes(sessions, per_session, classes, class_learners, enrolled, scores) -> list[dict]:
    acc: dict[str, dict] = {}
    for sid, (_id, class_id, _day, s_hours, state) in sessions.items():
        attended, _late, roll = per_session.get(sid, (0, 0, 0))
        row = acc.setdefault(class_id, {"sessions_held": 0, "sessions_cancelled": 0,
                                        "person_times": 0, "roll": 0, "learner_hours": 0.0})
        row["sessions_held"] += _is_held(state, attended)
        row["sessions_cancelled"] += state == "cancelled"
        row["person_times"] += attended
        row["roll"] += roll
        row["learner_hours"] += attended * s_hours
    by_class = defaultdict(list)
    for class_id, score, count in scores:
        by_class[class_id].append((score, count))
    out = [_class_row(classes[cid], row, class_learners.get(cid, 0), enrolled.get(cid, 0),
                      by_class.get(cid, [])) for cid, row in acc.items()]
    return sorted(out, key=lambda c: (THEMES.index(c["theme"]) if c["theme"] in THEMES
                                      else len(THEMES), c["course_name"], c["id"]))


def _class_row(klass: tuple, row: dict, learners: int, enrolled: int, scores: list) -> dict:
    class_id, name, theme, venue, online, *_ = klass
    n = sum(c for _s, c in scores)
    return {"id": class_id, "course_name": name, "theme": theme, "venue": venue or UNKNOWN,
            "online": bool(online), "enrolled": enrolled, "distinct_learners": learners,
            **row, "learner_hours": _r(row["learner_hours"]),
            # 出勤率 = attended rows ÷ roll-call rows (出勤+迟到+请假+缺勤); closing a session
            # writes the absent rows, so the roll is everyone expected at the held sessions.
            "attendance_rate": _r(row["person_times"] / row["roll"]) if row["roll"] else None,
            "satisfaction": _r(sum(s * c for s, c in scores) / n) if n else None}


def _participation(session: Session, demographics: list[tuple], learners: int,
                   month: str) -> dict:
    """参与率 = distinct learners ÷ resident population, per village and for the whole site."""
    population = settings.get(session, "village_population") or {}
    target = settings.for_month(session, "participation_target", month)
    per_village: Counter[str] = Counter()
    for _g, _b, village, _t, n, _pt in demographics:
        per_village[village or UNKNOWN] += n
    villages = [_rate_row(v, per_village.get(v, 0), population.get(v), target)
                for v in list(population) + sorted(set(per_village) - set(population))]
    total_population = sum(int(p) for p in population.values()) or None
    return {"target": target, "site": _rate_row(None, learners, total_population, target),
            "villages": villages}


def _rate_row(village, learners: int, population, target: float) -> dict:
    rate = learners / population if population else None
    row = {"learners": learners, "population": population,
           "rate": None if rate is None else round(rate, 4),
           "meets_target": None if rate is None else rate >= target}
    return row if village is None else {"village": village, **row}
