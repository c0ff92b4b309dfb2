"""报名: learners in classes, the capacity rule, the waitlist, walk-ins and withdrawal.

One Enrollment row per (class, learner) — the table is unique on the pair — so withdrawing and
enrolling again reuses the row, and its `version` tells the county what happened.
"""
from __future__ import annotations

from sqlalchemy import func, select
from sqlmodel import Session

from ccschool import audit
from ccschool.errors import Conflict, NotFound
from ccschool.models import CourseClass, Enrollment, Learner, Person, utcnow
from ccschool.services.classes import get_class
from ccschool.services.learners import get_learner


def enrolled_count(session: Session, class_id: str) -> int:
    return session.scalar(select(func.count()).select_from(Enrollment).where(
        Enrollment.class_id == class_id, Enrollment.state == "enrolled",
        Enrollment.deleted_at.is_(None))) or 0


def is_full(session: Session, klass: CourseClass) -> bool:
    return klass.capacity is not None and enrolled_count(session, klass.id) >= klass.capacity


def full_error(session: Session, klass: CourseClass) -> Conflict:
    return Conflict("班级“{name}”已满（{n}/{cap}）", "Class “{name}” is full ({n}/{cap})",
                    name=klass.course_name, n=enrolled_count(session, klass.id), cap=klass.capacity,
                    field="capacity")


def _row(session: Session, class_id: str, learner_id: str) -> Enrollment | None:
    return session.scalars(select(Enrollment).where(Enrollment.class_id == class_id,
                                                    Enrollment.learner_id == learner_id)).first()


def _learner_name(session: Session, learner: Learner) -> str:
    person = session.get(Person, learner.person_id)
    return person.name if person else learner.id


def _set_state(session: Session, row: Enrollment | None, *, class_id: str, learner_id: str,
               state: str, walk_in: bool) -> Enrollment:
    if row is None:
        row = Enrollment(class_id=class_id, learner_id=learner_id, enrolled_at=utcnow())
    elif row.state == "withdrawn" or row.deleted_at is not None:
        row.enrolled_at, row.withdrawn_at, row.deleted_at = utcnow(), None, None
    row.state, row.walk_in = state, walk_in
    session.add(row)
    session.flush()
    return row


def enroll(session: Session, *, class_id: str, learner_id: str, waitlist: bool = False,
           walk_in: bool = False) -> Enrollment:
    """Enroll a learner. A full class refuses with 班级“书法”已满（40/40）, or with
    `waitlist=True` puts the learner on its waitlist (state "waitlisted")."""
    klass = get_class(session, class_id)
    learner = get_learner(session, learner_id)
    row = _row(session, class_id, learner_id)
    if row is not None and row.deleted_at is None and row.state == "enrolled":
        raise Conflict("{name}已报名“{cls}”", "{name} is already enrolled in “{cls}”",
                       name=_learner_name(session, learner), cls=klass.course_name, field="learner")
    if is_full(session, klass):
        if not waitlist:
            raise full_error(session, klass)
        state = "waitlisted"
    else:
        state = "enrolled"
    row = _set_state(session, row, class_id=class_id, learner_id=learner_id, state=state,
                     walk_in=walk_in)
    audit.record(session, f"enrollment.{state}", "enrollment", row.id,
                 after={"class_id": class_id, "learner_id": learner_id})
    return row


def enroll_walk_in(session: Session, *, class_id: str, learner_id: str) -> Enrollment:
    """A learner not on the list turns up at the check-in desk. Stable signature (check-in
    calls it). Already enrolled: returns the row unchanged. Full: raises Conflict."""
    row = _row(session, class_id, learner_id)
    if row is not None and row.deleted_at is None and row.state == "enrolled":
        return row
    return enroll(session, class_id=class_id, learner_id=learner_id, waitlist=False, walk_in=True)


def withdraw(session: Session, *, class_id: str, learner_id: str) -> Enrollment | None:
    """Withdraw a learner (enrolled or waitlisted). Frees a place: the first learner on the
    waitlist is enrolled and returned, else None."""
    klass = get_class(session, class_id)
    row = _row(session, class_id, learner_id)
    if row is None or row.deleted_at is not None or row.state == "withdrawn":
        raise NotFound("该学员未报名此班", "The learner is not enrolled in this class", field="learner")
    was = row.state
    row.state, row.withdrawn_at = "withdrawn", utcnow()
    session.add(row)
    session.flush()
    audit.record(session, "enrollment.withdraw", "enrollment", row.id, before={"state": was})
    return promote_waitlisted(session, klass) if was == "enrolled" else None


def promote_waitlisted(session: Session, klass: CourseClass) -> Enrollment | None:
    """Enroll the longest-waiting learner if the class has room."""
    if is_full(session, klass):
        return None
    first = session.scalars(select(Enrollment).where(
        Enrollment.class_id == klass.id, Enrollment.state == "waitlisted",
        Enrollment.deleted_at.is_(None)).order_by(Enrollment.enrolled_at, Enrollment.id)).first()
    if first is None:
        return None
    first.state = "enrolled"
    session.add(first)
    session.flush()
    audit.record(session, "enrollment.promote", "enrollment", first.id)
    return first


def roster(session: Session, *, class_id: str, states=("enrolled", "waitlisted")) -> list[dict]:
    """The class's learners with name and card, enrolled first, then the waitlist in order."""
    q = (select(Enrollment, Learner.card_no, Person.name, Person.phone)
         .join(Learner, Learner.id == Enrollment.learner_id)
         .join(Person, Person.id == Learner.person_id)
         .where(Enrollment.class_id == class_id, Enrollment.deleted_at.is_(None),
                Enrollment.state.in_(states))
         .order_by(Enrollment.state, Enrollment.enrolled_at, Person.name))
    return [enrollment_dict(e, name=n, card_no=c, phone=p) for e, c, n, p in session.execute(q)]


def enrollment_dict(e: Enrollment, **extra) -> dict:
    return {"id": e.id, "class_id": e.class_id, "learner_id": e.learner_id, "state": e.state,
            "walk_in": e.walk_in, "enrolled_at": e.enrolled_at.isoformat(), **extra}


def search_learners(session: Session, text: str, *, limit: int = 50) -> list[dict]:
    """Learners by card number, name, pinyin initials (zs → 张三) or phone tail, for pickers."""
    from sqlalchemy import or_

    text = (text or "").strip()
    q = (select(Learner.id, Learner.card_no, Person.name, Person.phone)
         .join(Person, Person.id == Learner.person_id)
         .where(Learner.deleted_at.is_(None), Person.deleted_at.is_(None))
         .order_by(Person.pinyin_full, Person.name).limit(limit))
    if text:
        q = q.where(or_(Learner.card_no == text.upper(), Person.name.startswith(text),
                        Person.pinyin_initials.startswith(text.lower()),
                        Person.pinyin_full.startswith(text.lower()),
                        Person.phone_tail == text[-4:] if text.isdigit() and len(text) == 4
                        else Person.phone == text))
    return [{"id": i, "card_no": c, "name": n, "phone": p} for i, c, n, p in session.execute(q)]
