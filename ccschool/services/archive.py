"""终身学习电子档案: one learner's classes, sessions, 学时, credits and certificates across years.

Counting follows the reports (ccschool/reports/queries.py): live rows at sessions that were not
cancelled, in classes that were not deleted; present and late rows earn the session's 学时.
Credits (学分银行) = 学时 ÷ the site's `credit_hours` setting.
"""
from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select, text
from sqlmodel import Session

from ccschool import settings
from ccschool.errors import NotFound
from ccschool.models import Learner, LearningCard
from ccschool.services.attended import ATTENDED
from ccschool.services.learners import find_learner, person_of
from ccschool.stamps import from_micros

_ROWS = """SELECT a.session_date, s.start_time, c.id, c.course_name, c.theme, s.topic, a.status,
       s.hours, c.term_start, c.term_end
FROM attendance a JOIN class_session s ON s.id = a.session_id
JOIN course_class c ON c.id = s.class_id
WHERE a.learner_id = :lid AND a.deleted_at IS NULL AND s.deleted_at IS NULL
  AND s.state != 'cancelled' AND c.deleted_at IS NULL
ORDER BY a.session_date, s.start_time"""

_CERTS = """SELECT t.cert_no, t.class_id, c.course_name, t.hours, t.issued_at
FROM certificate t JOIN course_class c ON c.id = t.class_id
WHERE t.learner_id = :lid AND t.deleted_at IS NULL ORDER BY t.issued_at"""

_SCORES = """SELECT class_id, score, comment FROM satisfaction_score
WHERE learner_id = :lid AND deleted_at IS NULL"""



def learner_archive(session: Session, *, card_no: str | None = None,
                    learner_id: str | None = None) -> dict:
    learner = (find_learner(session, card_no) if card_no else session.get(Learner, learner_id))
    if learner is None or learner.deleted_at is not None:
        raise NotFound("找不到学员 {id}", "No learner {id}", id=learner_id, field="learner")
    credit_hours = settings.get(session, "credit_hours")
    bind = {"lid": learner.id}
    rows = list(session.execute(text(_ROWS), bind))
    certs = [{"cert_no": no, "class_id": cid, "course_name": name, "hours": hours,
              "issued_at": from_micros(at).isoformat(timespec="microseconds")}
             for no, cid, name, hours, at in session.execute(text(_CERTS), bind)]
    scores = {cid: (score, comment) for cid, score, comment in session.execute(text(_SCORES), bind)}
    sessions = [{"date": str(day), "start": str(start)[:5], "class_id": cid, "course_name": name,
                 "theme": theme, "topic": topic, "status": status,
                 "hours": hours if status in ATTENDED else 0.0}
                for day, start, cid, name, theme, topic, status, hours, *_ in rows]
    total = round(sum(s["hours"] for s in sessions), 2)
    return {"learner": _learner_facts(session, learner),
            "classes": _classes(rows, certs, scores, credit_hours),
            "sessions": sessions, "certificates": certs,
            "by_year": _by_year(sessions, credit_hours),
            "totals": {"classes": len({s["class_id"] for s in sessions}),
                       "sessions": sum(s["status"] in ATTENDED for s in sessions),
                       "hours": total, "credits": _credits(total, credit_hours),
                       "certificates": len(certs)},
            "credit_hours": credit_hours}


def _credits(hours: float, credit_hours: float) -> float | None:
    return round(hours / credit_hours, 2) if credit_hours else None


def _learner_facts(session: Session, learner: Learner) -> dict:
    person = person_of(session, learner.person_id)
    cards = session.scalars(select(LearningCard.card_no).where(
        LearningCard.learner_id == learner.id).order_by(LearningCard.issued_at)).all()
    return {"id": learner.id, "card_no": learner.card_no, "cards": list(cards),
            "name": person.name, "gender": person.gender,
            "birth_date": person.birth_date.isoformat() if person.birth_date else None,
            "village": person.village, "target_groups": learner.target_groups,
            "registered_on": learner.registered_on.isoformat()}


def _classes(rows, certs, scores, credit_hours) -> list[dict]:
    by_class: dict[str, dict] = {}
    cert_of = {c["class_id"]: c["cert_no"] for c in certs}
    for day, _start, cid, name, theme, _topic, status, hours, term_start, term_end in rows:
        row = by_class.setdefault(cid, {
            "class_id": cid, "course_name": name, "theme": theme,
            "term_start": str(term_start) if term_start else None,
            "term_end": str(term_end) if term_end else None, "first": str(day),
            "sessions": 0, "roll": 0, "hours": 0.0})
        row["roll"] += 1
        if status in ATTENDED:
            row["sessions"] += 1
            row["hours"] += hours
    for cid, row in by_class.items():
        row["hours"] = round(row["hours"], 2)
        row["credits"] = _credits(row["hours"], credit_hours)
        row["attendance_rate"] = round(row["sessions"] / row["roll"], 4) if row["roll"] else None
        row["certificate"] = cert_of.get(cid)
        row["satisfaction"] = scores.get(cid, (None, None))[0]
    return list(by_class.values())


def _by_year(sessions: list[dict], credit_hours: float) -> list[dict]:
    years: dict[str, list] = defaultdict(lambda: [0, 0.0])
    for s in sessions:
        if s["status"] in ATTENDED:
            years[s["date"][:4]][0] += 1
            years[s["date"][:4]][1] += s["hours"]
    return [{"year": y, "sessions": n, "hours": round(h, 2),
             "credits": _credits(round(h, 2), credit_hours)} for y, (n, h) in sorted(years.items())]
