"""The SQL behind every report figure: aggregates, never ORM objects (MACHINE-NOTES pitfall 4).

What counts, everywhere in this module:
- attendance rows that are not soft-deleted, of a learner who is not deleted, at a session that
  is neither deleted nor cancelled, in a class that is not deleted (the records of a cancelled
  session are kept for the audit trail, but the session did not take place);
- "attended" means present (出勤) or late (迟到): those rows are person-times (人次);
- `session_date` is filtered on the attendance table itself (copied from the session), so a
  month's figures read one range of the partial date index `ix_attendance_date`, then the
  month's rows, which sit together in the table (check-ins write a session's rows together).
Attendance counts only at a session dated inside the period (its `session_date` copy agrees).
Dates are ISO text in SQLite, so BETWEEN on them compares correctly.
"""
from __future__ import annotations

from sqlalchemy import text
from sqlmodel import Session

from ccschool.reports.period import Period, age_cutoff
from ccschool.services.attended import ATTENDED_SQL

ATTENDED = ATTENDED_SQL
LIVE_LEARNER = "a.learner_id NOT IN (SELECT id FROM learner WHERE deleted_at IS NOT NULL)"

# The period's sessions that count: live, not cancelled, of a live class. MATERIALIZED and
# joined with CROSS JOIN so SQLite walks the attendance date index and probes this
# small table (automatic index), instead of fetching 100,000 attendance rows by session.
PERIOD_SESSIONS = """sm AS MATERIALIZED (
    SELECT s.id, s.class_id, s.hours, s.state
    FROM class_session s JOIN course_class c ON c.id = s.class_id
    WHERE s.date BETWEEN :start AND :end AND s.deleted_at IS NULL AND s.state != 'cancelled'
      AND c.deleted_at IS NULL)"""

COUNTED = f"""{PERIOD_SESSIONS},
counted AS NOT MATERIALIZED (
    SELECT sm.class_id, sm.hours, a.session_id, a.learner_id, a.status
    FROM attendance a CROSS JOIN sm ON sm.id = a.session_id
    WHERE a.deleted_at IS NULL AND a.session_date BETWEEN :start AND :end AND {LIVE_LEARNER})"""

# Per session: attended, late, roll-call rows. Only the attendance index is read; which
# sessions count is decided against the SESSIONS rows in Python (a few thousand).
PER_SESSION = f"""SELECT a.session_id, sum(a.status IN {ATTENDED}), sum(a.status = 'late'), count(*)
FROM attendance a
WHERE a.deleted_at IS NULL AND a.session_date BETWEEN :start AND :end AND {LIVE_LEARNER}
GROUP BY a.session_id"""

SESSIONS = """SELECT s.id, s.class_id, s.date, s.hours, s.state FROM class_session s
JOIN course_class c ON c.id = s.class_id
WHERE s.date BETWEEN :start AND :end AND s.deleted_at IS NULL AND c.deleted_at IS NULL"""

CLASSES = """SELECT c.id, c.course_name, c.theme, v.name, c.online, c.min_attendance_rate,
       c.term_start, c.term_end, c.target_groups
FROM course_class c LEFT JOIN venue v ON v.id = c.venue_id AND v.deleted_at IS NULL
WHERE c.deleted_at IS NULL"""

ENROLLED = """SELECT e.class_id, count(*) FROM enrollment e
WHERE e.deleted_at IS NULL AND e.state = 'enrolled'
  AND e.learner_id NOT IN (SELECT id FROM learner WHERE deleted_at IS NOT NULL)
GROUP BY e.class_id"""

# One pass over the attended rows gives (class, learner) pairs; from them both the distinct
# learners per class ('class' rows) and one row per combination of the learner facts the report
# splits by ('profile' rows: gender, age band, village, target groups — a learner in two groups
# is one row here and is split in Python, as target_groups is comma-separated).
LEARNER_SPLITS = f"""WITH {COUNTED},
cl AS MATERIALIZED (SELECT class_id, learner_id, count(*) AS n FROM counted
                    WHERE status IN {ATTENDED} GROUP BY class_id, learner_id),
pl AS (SELECT learner_id, sum(n) AS n FROM cl GROUP BY learner_id)
SELECT 'class', class_id, '', '', '', count(*), sum(n) FROM cl GROUP BY class_id
UNION ALL
SELECT 'profile', coalesce(p.gender, ''),
       CASE WHEN p.birth_date IS NULL THEN ''
            WHEN p.birth_date > :c18 THEN '<18'
            WHEN p.birth_date > :c60 THEN '18-59'
            WHEN p.birth_date > :c70 THEN '60-69'
            ELSE '70+' END,
       coalesce(p.village, ''), l.target_groups, count(*), sum(pl.n)
FROM pl JOIN learner l ON l.id = pl.learner_id JOIN person p ON p.id = l.person_id
GROUP BY 2, 3, 4, 5"""

NEW_LEARNERS = """SELECT count(*) FROM learner
WHERE deleted_at IS NULL AND registered_on BETWEEN :start AND :end"""

VOLUNTEERS = """SELECT i.id, p.name, i.kind, i.org_type, count(*), sum(r.hours)
FROM service_record r JOIN instructor i ON i.id = r.instructor_id
JOIN person p ON p.id = i.person_id
WHERE r.deleted_at IS NULL AND i.deleted_at IS NULL AND r.date BETWEEN :start AND :end
GROUP BY i.id ORDER BY sum(r.hours) DESC, p.name"""

CERTIFICATES = """SELECT count(*), coalesce(sum(hours), 0) FROM certificate
WHERE deleted_at IS NULL AND issued_at >= :lo AND issued_at < :hi
  AND learner_id NOT IN (SELECT id FROM learner WHERE deleted_at IS NOT NULL)"""

SATISFACTION = """SELECT class_id, score, count(*) FROM satisfaction_score
WHERE deleted_at IS NULL AND at >= :lo AND at < :hi
  AND learner_id NOT IN (SELECT id FROM learner WHERE deleted_at IS NOT NULL)
GROUP BY class_id, score"""

# The learners' written comments (no names: a survey is reported without who wrote what).
SATISFACTION_COMMENTS = """SELECT c.course_name, sc.score, sc.comment FROM satisfaction_score sc
JOIN course_class c ON c.id = sc.class_id
WHERE sc.deleted_at IS NULL AND sc.comment IS NOT NULL AND sc.comment != ''
  AND sc.at >= :lo AND sc.at < :hi
  AND sc.learner_id NOT IN (SELECT id FROM learner WHERE deleted_at IS NOT NULL)
ORDER BY c.course_name, sc.at"""

LEARNER_ROWS = f"""WITH {COUNTED},
per_learner AS (
    SELECT learner_id, count(DISTINCT class_id) AS k, count(*) AS n, sum(hours) AS h
    FROM counted WHERE status IN {ATTENDED} GROUP BY learner_id)
SELECT l.id, l.card_no, p.name, p.gender, p.birth_date, p.village, l.target_groups,
       pl.k, pl.n, pl.h
FROM per_learner pl JOIN learner l ON l.id = pl.learner_id JOIN person p ON p.id = l.person_id
ORDER BY pl.h DESC, l.card_no"""


def params(period: Period) -> dict:
    lo, hi = period.utc_bounds()
    end = period.end
    return {"start": period.start.isoformat(), "end": end.isoformat(), "lo": lo, "hi": hi,
            "c18": age_cutoff(end, 18).isoformat(), "c60": age_cutoff(end, 60).isoformat(),
            "c70": age_cutoff(end, 70).isoformat()}


def rows(session: Session, sql: str, bind: dict) -> list[tuple]:
    return [tuple(r) for r in session.execute(text(sql), bind)]
