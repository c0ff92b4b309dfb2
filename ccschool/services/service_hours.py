"""Volunteer service hours: helpers assigned to sessions, automatic credits, manual records.

Rule: a helper assigned to a session that is held has exactly one live ServiceRecord for it,
carrying the session's date and hours. Marking held, assigning, un-assigning, cancelling and
editing a session all go through `sync_credits`, so the rule holds whatever the order.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlmodel import Session

from ccschool import audit
from ccschool.errors import Conflict, NotFound, ValidationError
from ccschool.i18n import L
from ccschool.models import (ClassSession, CourseClass, Instructor, Person, ServiceRecord,
                             SessionVolunteer, utcnow)


def _session(session: Session, session_id: str) -> ClassSession:
    row = session.get(ClassSession, session_id)
    if row is None or row.deleted_at is not None:
        raise NotFound("找不到课次 {id}", "No session {id}", id=session_id, field="session")
    return row


def _instructor(session: Session, instructor_id: str) -> Instructor:
    row = session.get(Instructor, instructor_id)
    if row is None or row.deleted_at is not None:
        raise NotFound("师资库中找不到 {id}", "No teacher or volunteer {id}", id=instructor_id,
                       field="volunteer")
    return row


def assigned(session: Session, session_id: str) -> list[SessionVolunteer]:
    return list(session.scalars(select(SessionVolunteer).where(
        SessionVolunteer.session_id == session_id, SessionVolunteer.deleted_at.is_(None))))


def session_records(session: Session, session_id: str) -> list[ServiceRecord]:
    return list(session.scalars(select(ServiceRecord).where(
        ServiceRecord.session_id == session_id, ServiceRecord.deleted_at.is_(None))))


def _activity(session: Session, cs: ClassSession) -> str:
    klass = session.get(CourseClass, cs.class_id)
    name = klass.course_name if klass else ""
    return L("{name} 课堂服务", "{name}: class service", name=name)


def sync_credits(session: Session, cs: ClassSession) -> None:
    """Make the session's service records match its helpers and state (see module docstring)."""
    helpers = {a.instructor_id for a in assigned(session, cs.id)} if cs.state == "held" else set()
    # Only people ever assigned here are managed: a manual record that merely names the
    # session for someone else is the user's own entry and stays.
    managed = set(session.scalars(select(SessionVolunteer.instructor_id).where(
        SessionVolunteer.session_id == cs.id)))
    records = [r for r in session_records(session, cs.id) if r.instructor_id in managed]
    credited = set()
    for rec in records:
        if rec.instructor_id not in helpers or rec.instructor_id in credited:
            rec.deleted_at = utcnow()  # the county learns of the removal through the outbox
        else:
            credited.add(rec.instructor_id)
            if (rec.hours, rec.date) != (cs.hours, cs.date):
                rec.hours, rec.date = cs.hours, cs.date
        session.add(rec)
    for instructor_id in sorted(helpers - credited):
        session.add(ServiceRecord(instructor_id=instructor_id, date=cs.date, hours=cs.hours,
                                  activity=_activity(session, cs), session_id=cs.id))
    session.flush()


def assign(session: Session, *, session_id: str, instructor_id: str) -> SessionVolunteer:
    """Put a helper on a session; if it is already held, the hours are credited at once."""
    cs = _session(session, session_id)
    _instructor(session, instructor_id)
    if cs.state == "cancelled":
        raise Conflict("课次已取消，不能安排志愿者", "The session is cancelled", field="session")
    if any(a.instructor_id == instructor_id for a in assigned(session, session_id)):
        raise Conflict("已安排在该课次", "Already assigned to this session", field="volunteer")
    link = SessionVolunteer(session_id=session_id, instructor_id=instructor_id)
    session.add(link)
    session.flush()
    sync_credits(session, cs)
    audit.record(session, "session.assign", "class_session", session_id,
                 after={"instructor_id": instructor_id})
    return link


def unassign(session: Session, *, session_id: str, instructor_id: str) -> None:
    """Take a helper off a session; their automatic credit for it is soft-deleted."""
    cs = _session(session, session_id)
    links = [a for a in assigned(session, session_id) if a.instructor_id == instructor_id]
    if not links:
        raise NotFound("该志愿者未安排在此课次", "Not assigned to this session", field="volunteer")
    for link in links:
        link.deleted_at = utcnow()
        session.add(link)
    session.flush()
    sync_credits(session, cs)
    audit.record(session, "session.unassign", "class_session", session_id,
                 before={"instructor_id": instructor_id})


def add_record(session: Session, *, instructor_id: str, day: date, hours: float, activity: str,
               session_id: str | None = None) -> ServiceRecord:
    """A manual service record (lectures, library duty, anything outside a class session)."""
    _instructor(session, instructor_id)
    activity = (activity or "").strip()
    if not activity:
        raise ValidationError("请填写服务内容", "Enter the activity", field="activity")
    if hours is None or not 0 < hours <= 24:  # NaN fails every comparison
        raise ValidationError("服务时长应在0到24小时之间", "Hours must be between 0 and 24", field="hours")
    if session_id:
        _session(session, session_id)
    rec = ServiceRecord(instructor_id=instructor_id, date=day, hours=float(hours),
                        activity=activity, session_id=session_id)
    session.add(rec)
    audit.record(session, "service.add", "service_record", rec.id,
                 after={"instructor_id": instructor_id, "hours": hours, "date": day})
    return rec


def delete_record(session: Session, *, record_id: str) -> None:
    rec = session.get(ServiceRecord, record_id)
    if rec is None or rec.deleted_at is not None:
        raise NotFound("找不到服务记录 {id}", "No service record {id}", id=record_id)
    rec.deleted_at = utcnow()
    session.add(rec)
    audit.record(session, "service.delete", "service_record", rec.id)


def _month_range(month: str) -> tuple[date, date]:
    try:
        year, mon = (int(x) for x in month.split("-"))
        first = date(year, mon, 1)
    except (ValueError, AttributeError):
        raise ValidationError("月份应写成 年-月，如 2026-10", "Month should be YYYY-MM",
                              field="month") from None
    nxt = date(year + mon // 12, mon % 12 + 1, 1)
    return first, nxt


def list_records(session: Session, *, month: str | None = None,
                 instructor_id: str | None = None) -> list[dict]:
    q = (select(ServiceRecord, Person.name).join(Instructor, Instructor.id == ServiceRecord.instructor_id)
         .join(Person, Person.id == Instructor.person_id)
         .where(ServiceRecord.deleted_at.is_(None))
         .order_by(ServiceRecord.date.desc(), Person.name))
    if month:
        first, nxt = _month_range(month)
        q = q.where(ServiceRecord.date >= first, ServiceRecord.date < nxt)
    if instructor_id:
        q = q.where(ServiceRecord.instructor_id == instructor_id)
    return [{"id": r.id, "instructor_id": r.instructor_id, "name": name, "date": r.date.isoformat(),
             "hours": r.hours, "activity": r.activity, "session_id": r.session_id}
            for r, name in session.execute(q)]


def monthly_hours(session: Session, *, month: str) -> list[dict]:
    """Hours per person in the month (YYYY-MM), most first; summed in SQL."""
    first, nxt = _month_range(month)
    q = (select(Instructor.id, Person.name, Instructor.kind, func.sum(ServiceRecord.hours),
                func.count(ServiceRecord.id))
         .join(Instructor, Instructor.id == ServiceRecord.instructor_id)
         .join(Person, Person.id == Instructor.person_id)
         .where(ServiceRecord.deleted_at.is_(None), ServiceRecord.date >= first,
                ServiceRecord.date < nxt)
         .group_by(Instructor.id, Person.name, Instructor.kind)
         .order_by(func.sum(ServiceRecord.hours).desc(), Person.name))
    return [{"instructor_id": i, "name": n, "kind": k, "hours": round(h or 0, 2), "records": c}
            for i, n, k, h, c in session.execute(q)]


def year_records(session: Session, *, instructor_id: str, year: int) -> list[ServiceRecord]:
    """One person's live service records of a calendar year, oldest first."""
    if not 2000 <= int(year) <= 2100:
        raise ValidationError("年份应写成四位数，如 2026", "The year should be like 2026",
                              field="year")
    _instructor(session, instructor_id)
    return list(session.scalars(select(ServiceRecord).where(
        ServiceRecord.instructor_id == instructor_id, ServiceRecord.deleted_at.is_(None),
        ServiceRecord.date >= date(year, 1, 1), ServiceRecord.date <= date(year, 12, 31))
        .order_by(ServiceRecord.date, ServiceRecord.created_at)))
