"""满意度测评: each learner's 1–5 score for a class, typed from paper or taken at the desk.

A learner has one score per class; entering it again corrects it (the change is audited).
Reports map scores onto the county's three levels (ccschool.reports.figures.satisfaction_level).
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, text
from sqlmodel import Session

from ccschool import audit
from ccschool.errors import NotFound, ValidationError
from ccschool.models import (Attendance, ClassSession, CourseClass, Enrollment, SatisfactionScore,
                             utcnow)
from ccschool.services.learners import find_learner
from ccschool.services.classes import find_class


def _check_score(score) -> int:
    if isinstance(score, str):
        score = score.strip()
        score = int(score) if score.isdigit() else score
    if not isinstance(score, int) or isinstance(score, bool) or not 1 <= score <= 5:
        raise ValidationError("满意度评分应为1到5的整数：{score}",
                              "A satisfaction score is a whole number from 1 to 5: {score}",
                              score=score, field="score")
    return score


def _check_comment(comment: str) -> str | None:
    comment = comment.strip()
    if len(comment) > 500:
        raise ValidationError("意见太长（{n}字），请在500字以内", "The comment is too long ({n} "
                              "characters); keep it within 500", n=len(comment), field="comment")
    return comment or None


def _in_class(session: Session, class_id: str, learner_id: str) -> bool:
    enrolled = session.scalar(select(func.count()).select_from(Enrollment).where(
        Enrollment.class_id == class_id, Enrollment.learner_id == learner_id,
        Enrollment.deleted_at.is_(None)))
    if enrolled:
        return True
    return bool(session.scalar(select(func.count()).select_from(Attendance).join(
        ClassSession, ClassSession.id == Attendance.session_id).where(
        ClassSession.class_id == class_id, Attendance.learner_id == learner_id,
        Attendance.deleted_at.is_(None))))


def add_score(session: Session, *, class_id: str, card_no: str, score, comment: str | None = None,
              at: datetime | None = None) -> SatisfactionScore:
    """Record (or correct) one learner's score for a class (by id, or by its course name).

    `comment=None` keeps a comment entered before (correcting a score must not wipe what the
    learner wrote); an empty string clears it."""
    score = _check_score(score)
    klass = find_class(session, class_id)
    class_id = klass.id
    learner = find_learner(session, card_no)
    if not _in_class(session, class_id, learner.id):
        raise ValidationError("卡号 {card} 的学员没有参加“{name}”，不能评分",
                              "The learner with card {card} is not in “{name}”",
                              card=card_no, name=klass.course_name, field="card")
    row = session.scalars(select(SatisfactionScore).where(
        SatisfactionScore.class_id == class_id,
        SatisfactionScore.learner_id == learner.id)).first()
    before = None if row is None else {"score": row.score, "comment": row.comment}
    if row is None:
        row = SatisfactionScore(class_id=class_id, learner_id=learner.id, score=score,
                                comment=None, at=at or utcnow())
    row.score = score
    if comment is not None:
        row.comment = _check_comment(comment)
    row.at, row.deleted_at = at or utcnow(), None
    session.add(row)
    audit.record(session, "satisfaction.score", "satisfaction_score", row.id, before=before,
                 after={"class": class_id, "card": learner.card_no, "score": score,
                        "comment": row.comment})
    return row


def class_summary(session: Session, *, class_id: str) -> dict:
    """Responses, average and the three levels for one class (all its scores)."""
    from ccschool.reports.figures import satisfaction_summary

    rows = session.execute(select(SatisfactionScore.class_id, SatisfactionScore.score,
                                  func.count()).where(
        SatisfactionScore.class_id == class_id, SatisfactionScore.deleted_at.is_(None)).group_by(
        SatisfactionScore.score)).all()
    return satisfaction_summary([tuple(r) for r in rows])


def roster(session: Session, *, class_id: str) -> list[dict]:
    """The class's learners (enrolled, or who attended) with any score already entered."""
    klass = session.get(CourseClass, class_id)
    if klass is None or klass.deleted_at is not None:
        raise NotFound("找不到班级 {id}", "No class {id}", id=class_id, field="class")
    sql = text("""SELECT l.id, l.card_no, p.name, sc.score, sc.comment
        FROM learner l JOIN person p ON p.id = l.person_id
        LEFT JOIN satisfaction_score sc ON sc.learner_id = l.id AND sc.class_id = :cid
             AND sc.deleted_at IS NULL
        WHERE l.deleted_at IS NULL AND l.id IN (
            SELECT learner_id FROM enrollment WHERE class_id = :cid AND deleted_at IS NULL
               AND state != 'waitlisted'
            UNION SELECT a.learner_id FROM attendance a JOIN class_session s ON s.id = a.session_id
               WHERE s.class_id = :cid AND a.deleted_at IS NULL)
        ORDER BY l.card_no""")
    return [{"learner_id": lid, "card_no": card, "name": name, "score": score, "comment": comment}
            for lid, card, name, score, comment in session.execute(sql, {"cid": class_id})]


def save_sheet(session: Session, *, class_id: str, entries: list[dict]) -> int:
    """Enter a whole class's paper survey at once: [{"card_no", "score", "comment"}, …].

    Rows without a score are skipped. Every row is checked first, so one bad score (named by
    its row) leaves nothing half-entered. Returns how many scores were saved.
    """
    filled = [(n, e) for n, e in enumerate(entries, start=1)
              if e.get("score") not in (None, "")]
    for n, e in filled:
        try:
            _check_score(e["score"])
        except ValidationError as exc:
            raise ValidationError("第{n}行：{why_zh}", "Row {n}: {why_en}", n=n, why_zh=exc.zh,
                                  why_en=exc.en, row=n, field="score") from None
    for _n, e in filled:
        add_score(session, class_id=class_id, card_no=e["card_no"], score=e["score"],
                  comment=e.get("comment"))
    return len(filled)
