"""Reports: the monthly statistics, any date range, year to date, learning-star candidates.

Plain functions over a session, as every service; they only read. Writers for Excel and PDF
take the dict these return (ccschool/reports/excel.py, pdf.py).
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import text
from sqlmodel import Session

from ccschool.errors import NotFound, ValidationError
from ccschool.models import CourseClass
from ccschool.reports import figures, period as periods, queries as q
from ccschool.reports.period import Period
from ccschool.services import site as site_svc


def report(session: Session, *, period: Period) -> dict:
    """All figures for a period, with the site it belongs to."""
    data = figures.build_report(session, period)
    site = site_svc.get_site(session)
    return {"site": {"code": site.code, "name": site.name}, **data}


def monthly(session: Session, *, month: str) -> dict:
    return report(session, period=periods.month(month))


def for_range(session: Session, *, start: date | str, end: date | str) -> dict:
    return report(session, period=periods.date_range(start, end))


def year_to_date(session: Session, *, today: date) -> dict:
    return report(session, period=periods.year(today.year, to_date=today))


def learner_rows(session: Session, *, period: Period) -> list[dict]:
    """Each learner who attended in the period: classes, sessions, 学时 and credits."""
    from ccschool import settings

    credit_hours = settings.for_month(session, "credit_hours", period.start.strftime("%Y-%m"))
    out = []
    for lid, card, name, gender, born, village, groups, k, n, h in q.rows(
            session, q.LEARNER_ROWS, q.params(period)):
        out.append({"id": lid, "card_no": card, "name": name, "gender": gender,
                    "birth_date": born, "village": village, "target_groups": groups,
                    "classes": k, "sessions": n, "hours": round(h, 2),
                    "credits": round(h / credit_hours, 2) if credit_hours else None})
    return out


_CLASS_SESSIONS = """SELECT s.id, s.date, s.start_time, s.end_time, s.topic, s.state, s.hours,
       sum(a.status = 'present'), sum(a.status = 'late'), sum(a.status = 'excused'),
       sum(a.status = 'absent')
FROM class_session s LEFT JOIN attendance a ON a.session_id = s.id AND a.deleted_at IS NULL
     AND a.learner_id NOT IN (SELECT id FROM learner WHERE deleted_at IS NOT NULL)
WHERE s.class_id = :cid AND s.deleted_at IS NULL AND s.date BETWEEN :start AND :end
GROUP BY s.id ORDER BY s.date, s.start_time"""


def class_detail(session: Session, *, class_id: str, period: Period) -> dict:
    """One class's sessions in the period with their roll-call counts (the drill-down)."""
    klass = session.get(CourseClass, class_id)
    if klass is None or klass.deleted_at is not None:
        raise NotFound("找不到班级 {id}", "No class {id}", id=class_id, field="class")
    bind = {"cid": class_id, **q.params(period)}
    sessions = [{"id": sid, "date": day, "start": str(start)[:5], "end": str(end)[:5],
                 "topic": topic, "state": state, "hours": hours, "present": p or 0,
                 "late": lt or 0, "excused": ex or 0, "absent": ab or 0}
                for sid, day, start, end, topic, state, hours, p, lt, ex, ab
                in session.execute(text(_CLASS_SESSIONS), bind)]
    return {"id": klass.id, "course_name": klass.course_name, "theme": klass.theme,
            "period": period.as_dict(), "sessions": sessions}


_STARS = f"""WITH {q.COUNTED},
lc AS (SELECT learner_id, class_id, sum(status IN {q.ATTENDED}) AS att, count(*) AS roll,
              sum(CASE WHEN status IN {q.ATTENDED} THEN hours ELSE 0 END) AS hrs
       FROM counted GROUP BY learner_id, class_id),
held AS (SELECT class_id, count(*) AS n FROM sm
         WHERE state = 'held' OR EXISTS (
             SELECT 1 FROM attendance a WHERE a.session_id = sm.id AND a.deleted_at IS NULL
                AND a.status IN {q.ATTENDED} AND {q.LIVE_LEARNER})  -- a probe, not a rescan
         GROUP BY class_id),
per AS (SELECT lc.learner_id, sum(lc.hrs) AS hours, sum(lc.att) AS att, sum(lc.roll) AS roll,
               count(*) AS classes,
               sum(lc.att >= held.n * c.min_attendance_rate
                   AND (c.term_end IS NULL OR c.term_end <= :end)) AS completed
        FROM lc JOIN held ON held.class_id = lc.class_id
        JOIN course_class c ON c.id = lc.class_id
        GROUP BY lc.learner_id HAVING sum(lc.att) > 0)
SELECT l.id, l.card_no, p.name, p.gender, p.village, per.hours, per.att, per.roll,
       per.classes, per.completed
FROM per JOIN learner l ON l.id = per.learner_id JOIN person p ON p.id = l.person_id
ORDER BY per.hours DESC, per.att * 1.0 / per.roll DESC, per.completed DESC, l.card_no
LIMIT :limit"""


def stars(session: Session, *, year: int, limit: int = 50) -> list[dict]:
    """百姓学习之星 candidates: ranked by 学时, then attendance rate, then classes completed.

    A class counts as completed when the class's term has ended within the year and the learner
    attended at least the class's minimum rate of its held sessions (the certificate rule).
    """
    if not 2000 <= year <= 2100:
        raise ValidationError("年份不对：{year}", "Not a valid year: {year}", year=year,
                              field="year")
    if limit < 1:
        raise ValidationError("名单人数至少为1", "The list needs at least one place", field="limit")
    bind = {**q.params(periods.year(year)), "limit": limit}
    return [{"rank": i + 1, "id": lid, "card_no": card, "name": name, "gender": gender,
             "village": village, "hours": round(hours, 2), "sessions": att,
             "attendance_rate": round(att / roll, 4) if roll else None, "classes": classes,
             "classes_completed": completed}
            for i, (lid, card, name, gender, village, hours, att, roll, classes, completed)
            in enumerate(session.execute(text(_STARS), bind))]
