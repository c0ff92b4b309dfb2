"""The floor for the monthly report figures: one bare pass over the month's attendance.

A plain sqlite3 program, as someone would write it to get the report's attendance figures and
nothing else: one SELECT over the month's attendance rows (the session_date index range),
added up in a single Python loop per session, class and learner; then the facts (gender, birth
date, village, groups) of the learners who attended, in one look-up. The month's sessions and
classes and the small tables (enrolments, volunteers, certificates, satisfaction, new learners)
are read as they are. Joining the learner's facts into every attendance row instead costs
three times as much here (0.8 s for 92,000 rows): that would be a slow floor. `comparable` takes
the same figures out of the service's report, so the benchmark checks that floor and report agree
before it compares their times.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import date, timedelta

from ccschool.reports import queries as q

ONE_PASS = """SELECT session_id, status, learner_id FROM attendance
WHERE deleted_at IS NULL AND session_date BETWEEN :start AND :end"""
GONE = "SELECT id FROM learner WHERE deleted_at IS NOT NULL"
FACTS = """SELECT l.id, p.gender, p.birth_date, p.village, l.target_groups
FROM learner l JOIN person p ON p.id = l.person_id WHERE l.id IN (SELECT value FROM json_each(?))"""

SESSIONS = """SELECT s.id, s.date, s.hours, s.state, c.id, c.theme, v.name, c.online
FROM class_session s JOIN course_class c ON c.id = s.class_id AND c.deleted_at IS NULL
LEFT JOIN venue v ON v.id = c.venue_id AND v.deleted_at IS NULL
WHERE s.date BETWEEN :start AND :end AND s.deleted_at IS NULL"""

SMALL = {"new_learners": q.NEW_LEARNERS, "volunteers": q.VOLUNTEERS,
         "certificates": q.CERTIFICATES, "satisfaction": q.SATISFACTION, "enrolled": q.ENROLLED}
UNKNOWN = "未知"


def one_pass(raw, bind: dict) -> dict:
    sessions = {r[0]: r[1:] for r in raw.execute(SESSIONS, bind)}
    attended = Counter()  # per session
    classes = {cid: [0, 0, set()] for _d, _h, _s, cid, *_ in sessions.values()}
    people = Counter()  # learner -> person-times
    gone = {r[0] for r in raw.execute(GONE)}
    late = online = 0
    for sid, status, lid in raw.execute(ONE_PASS, bind):
        s = sessions.get(sid)
        if s is None or s[2] == "cancelled" or lid in gone:
            continue
        c = classes[s[3]]
        c[1] += 1  # roll-call rows
        if status != "present" and status != "late":
            continue
        attended[sid] += 1
        late += status == "late"
        online += bool(s[6])
        c[0] += 1
        c[2].add(lid)
        people[lid] += 1
    out = _session_figures(sessions, attended, bind)
    out.update(late_times=late, online_person_times=online, distinct_learners=len(people))
    out["classes"] = {cid: (pt, roll, len(who), round(out["class_hours"][cid], 2))
                      for cid, (pt, roll, who) in classes.items()}
    facts = raw.execute(FACTS, (json.dumps(list(people)),)).fetchall()
    out.update(_people_figures([(people[lid], *rest) for lid, *rest in facts], bind))
    out["small"] = {k: raw.execute(sql, bind).fetchall() for k, sql in SMALL.items()}
    return out


def _session_figures(sessions: dict, attended: Counter, bind: dict) -> dict:
    held = cancelled = person_times = 0
    hours = 0.0
    theme, venue, week = (defaultdict(lambda: [set(), 0, 0, 0.0]) for _ in range(3))
    class_hours = defaultdict(float)
    for sid, (day, s_hours, state, cid, c_theme, c_venue, _online) in sessions.items():
        n = attended[sid]
        is_held = state != "cancelled" and (state == "held" or n > 0)
        held += is_held
        cancelled += state == "cancelled"
        person_times += n
        hours += n * s_hours
        class_hours[cid] += n * s_hours
        for key, table in ((c_theme or UNKNOWN, theme), (c_venue or UNKNOWN, venue)):
            if n or is_held:
                row = table[key]
                row[0].add(cid)
                row[1] += is_held
                row[2] += n
                row[3] += n * s_hours
        monday = date.fromisoformat(day) - timedelta(days=date.fromisoformat(day).weekday())
        week[monday.isoformat()][2] += n
        week[monday.isoformat()][3] += n * s_hours

    def rolled(table):
        return {k: (len(v[0]), v[1], v[2], round(v[3], 2)) for k, v in table.items()}
    return {"sessions_held": held, "sessions_cancelled": cancelled, "person_times": person_times,
            "learner_hours": round(hours, 2), "by_theme": rolled(theme), "by_venue": rolled(venue),
            "by_week": {k: (v[2], round(v[3], 2)) for k, v in week.items() if v[2]},
            "class_hours": class_hours}


def _people_figures(people: list[tuple], bind: dict) -> dict:
    gender, band, group, village = (defaultdict(lambda: [0, 0]) for _ in range(4))
    for n, g, born, v, groups in people:
        names = [x.strip() for x in (groups or "").split(",") if x.strip()] or ["未分类"]
        for key, table in [(g or UNKNOWN, gender), (_band(born, bind), band),
                           (v or UNKNOWN, village), *[(x, group) for x in dict.fromkeys(names)]]:
            table[key][0] += 1
            table[key][1] += n
    return {"by_gender": {k: tuple(v) for k, v in gender.items()},
            "by_age_band": {k: tuple(v) for k, v in band.items()},
            "by_target_group": {k: tuple(v) for k, v in group.items()},
            "villages": {k: v[0] for k, v in village.items()}}


def _band(born, bind: dict) -> str:
    if not born:
        return UNKNOWN
    return ("<18" if born > bind["c18"] else "18-59" if born > bind["c60"]
            else "60-69" if born > bind["c70"] else "70+")


def comparable(report: dict) -> dict:
    """The same figures taken from the service's report, shaped as one_pass gives them."""
    def split(key, *cols):
        return {k: tuple(v[c] for c in cols) for k, v in report[key].items()
                if any(v[c] for c in cols)}
    out = {k: report[k] for k in ("sessions_held", "sessions_cancelled", "person_times",
                                  "learner_hours", "late_times", "online_person_times",
                                  "distinct_learners")}
    out["by_theme"] = split("by_theme", "classes", "sessions_held", "person_times",
                            "learner_hours")
    out["by_venue"] = split("by_venue", "classes", "sessions_held", "person_times",
                            "learner_hours")
    out["by_week"] = {w["week_start"]: (w["person_times"], w["learner_hours"])
                      for w in report["by_week"] if w["person_times"]}
    out["classes"] = {c["id"]: (c["person_times"], c["roll"], c["distinct_learners"],
                                c["learner_hours"]) for c in report["classes"]}
    for key in ("by_gender", "by_age_band", "by_target_group"):
        out[key] = split(key, "learners", "person_times")
    out["villages"] = {v["village"]: v["learners"] for v in report["participation"]["villages"]
                       if v["learners"]}
    return out


def agrees(floor: dict, report: dict) -> list[str]:
    """Names of the figures where the floor and the report differ (empty: they agree)."""
    ours = comparable(report)
    return [k for k in ours if ours[k] != floor[k]]
