"""课次: a class's meetings — generated from a weekly pattern, added, edited, held, cancelled.

Session dates and times are local wall-clock times of the school (China, UTC+8), as written
on the timetable. Which session the check-in desk opens on is services.attendance.desk's
`current_session`.
"""
from __future__ import annotations

from datetime import date, time, timedelta

from sqlalchemy import case, func, select
from sqlmodel import Session

from ccschool import audit, datespan
from ccschool.errors import Conflict, NotFound, ValidationError
from ccschool.models import Attendance, ClassSession, CourseClass, utcnow
from ccschool.services import classes as class_svc
from ccschool.services import service_hours
from ccschool.services.weekly import parse_weekly, pattern_dates
from ccschool.services.attended import ATTENDED

STATE_LABELS = {"planned": ("计划", "Planned"), "held": ("已上课", "Held"),
                "cancelled": ("已取消", "Cancelled")}


def state_label(state: str) -> str:
    from ccschool.i18n import L

    zh, en = STATE_LABELS.get(state, (state, state))
    return L(zh, en)


def get_session(session: Session, session_id: str) -> ClassSession:
    row = session.get(ClassSession, session_id)
    if row is None or row.deleted_at is not None:
        raise NotFound("找不到课次 {id}", "No session {id}", id=session_id, field="session")
    return row


def _check_times(start: time, end: time, hours: float) -> None:
    if end <= start:
        raise ValidationError("下课时间应晚于上课时间", "The end time must be after the start",
                              field="end")
    if hours is None or not 0 <= hours <= 12:  # NaN fails every comparison
        raise ValidationError("学时应在0到12之间", "Hours must be between 0 and 12", field="hours")


def _clash(session: Session, class_id: str, day: date, start: time,
           exclude: str | None = None) -> ClassSession | None:
    q = select(ClassSession).where(ClassSession.class_id == class_id, ClassSession.date == day,
                                   ClassSession.start_time == start,
                                   ClassSession.deleted_at.is_(None))
    if exclude:
        q = q.where(ClassSession.id != exclude)
    return session.scalars(q).first()


def add_session(session: Session, *, class_id: str, day: date, start: time, end: time,
                hours: float | None = None, topic: str | None = None) -> ClassSession:
    klass = class_svc.get_class(session, class_id)
    hours = klass.hours_per_session if hours is None else hours
    _check_times(start, end, hours)
    if _clash(session, class_id, day, start):
        raise Conflict("该班 {day} {start:%H:%M} 已有课次",
                       "The class already meets on {day} at {start:%H:%M}",
                       day=day, start=start, field="date")
    row = ClassSession(class_id=class_id, date=day, start_time=start, end_time=end, hours=hours,
                       topic=(topic or "").strip() or None)
    session.add(row)
    audit.record(session, "session.add", "class_session", row.id, after={"date": day})
    return row


def generate_sessions(session: Session, *, class_id: str, weekly: str, start: date, end: date,
                      skip=frozenset(), hours: float | None = None) -> list[ClassSession]:
    """A term's sessions from a weekly pattern, skipping holidays and dates already scheduled."""
    klass = class_svc.get_class(session, class_id)
    pattern = parse_weekly(weekly)
    hours = klass.hours_per_session if hours is None else hours
    _check_times(pattern.start, pattern.end, hours)
    taken = set(session.scalars(select(ClassSession.date).where(  # one query, not one per day
        ClassSession.class_id == class_id, ClassSession.start_time == pattern.start,
        ClassSession.date >= start, ClassSession.date <= end, ClassSession.deleted_at.is_(None))))
    from ccschool.sync import county_rules  # (loads the HTTP client: only when scheduling)

    skip = set(skip) | county_rules.holidays(session, start, end)  # the county's (issue 19.5)
    days = [d for d in pattern_dates(pattern, start, end, skip) if d not in taken]
    if not days:
        raise ValidationError("{start} 至 {end} 之间按“{weekly}”没有可排的课次",
                              "No sessions fall on “{weekly}” between {start} and {end}",
                              start=start, end=end, weekly=weekly, field="weekly")
    rows = [ClassSession(class_id=class_id, date=d, start_time=pattern.start,
                         end_time=pattern.end, hours=hours) for d in days]
    session.add_all(rows)
    klass.term_start = min(klass.term_start or start, start)
    klass.term_end = max(klass.term_end or end, end)
    session.add(klass)
    audit.record(session, "session.generate", "course_class", class_id,
                 after={"weekly": weekly, "count": len(rows), "skip": sorted(map(str, skip))})
    return rows


def attendance_count(session: Session, session_id: str) -> int:
    return session.scalar(select(func.count()).select_from(Attendance).where(
        Attendance.session_id == session_id, Attendance.deleted_at.is_(None))) or 0


def update_session(session: Session, *, session_id: str, day: date | None = None,
                   start: time | None = None, end: time | None = None,
                   hours: float | None = None, topic: str | None = None) -> ClassSession:
    """Edit one session; the others of the class are untouched."""
    row = get_session(session, session_id)
    if day is not None and day != row.date and attendance_count(session, session_id):
        raise Conflict("该课次已有考勤记录，不能改日期（可取消后另加课次）",
                       "The session has attendance; its date cannot change (cancel it and add another)",
                       field="date")
    new_start, new_end = start or row.start_time, end or row.end_time
    new_hours = row.hours if hours is None else hours
    _check_times(new_start, new_end, new_hours)
    new_day = day or row.date
    if (new_day, new_start) != (row.date, row.start_time) and _clash(
            session, row.class_id, new_day, new_start, exclude=row.id):
        raise Conflict("该班 {day} {start:%H:%M} 已有课次",
                       "The class already meets on {day} at {start:%H:%M}",
                       day=new_day, start=new_start, field="date")
    before = {"date": row.date, "start": row.start_time, "hours": row.hours}
    row.date, row.start_time, row.end_time, row.hours = new_day, new_start, new_end, new_hours
    if topic is not None:
        row.topic = topic.strip() or None
    session.add(row)
    service_hours.sync_credits(session, row)  # credited hours follow the session
    audit.record(session, "session.update", "class_session", row.id, before=before,
                 after={"date": row.date, "start": row.start_time, "hours": row.hours})
    return row


def cancel_session(session: Session, *, session_id: str, confirm: bool = False) -> ClassSession:
    """Cancel one session. If learners already signed in, `confirm=True` is required; their
    attendance rows are kept (they were there), only the session's state changes."""
    row = get_session(session, session_id)
    if row.state == "cancelled":
        return row
    n = attendance_count(session, session_id)
    if n and not confirm:
        raise Conflict("该课次已有{n}条考勤记录。取消后考勤记录仍保留；确需取消请确认（命令行加 --force）",
                       "The session has {n} attendance records. They are kept if it is cancelled; "
                       "confirm to cancel (--force on the command line)", n=n, field="confirm")
    before = row.state
    row.state = "cancelled"
    session.add(row)
    service_hours.sync_credits(session, row)  # no session, no service credited for it
    audit.record(session, "session.cancel", "class_session", row.id,
                 before={"state": before}, after={"state": "cancelled", "attendance_kept": n})
    return row


def restore_session(session: Session, *, session_id: str) -> ClassSession:
    row = get_session(session, session_id)
    if row.state == "cancelled":
        row.state = "planned"
        session.add(row)
        audit.record(session, "session.restore", "class_session", row.id)
    return row


def mark_held(session: Session, *, session_id: str) -> ClassSession:
    """The session took place: its assigned helpers are credited its hours (once)."""
    row = get_session(session, session_id)
    if row.state == "cancelled":
        raise Conflict("已取消的课次不能标记为已上课", "A cancelled session cannot be marked held",
                       field="session")
    if row.state != "held":
        row.state = "held"
        session.add(row)
        audit.record(session, "session.held", "class_session", row.id)
    service_hours.sync_credits(session, row)
    return row


def delete_session(session: Session, *, session_id: str) -> None:
    """Remove a session typed by mistake; one with attendance must be cancelled instead."""
    row = get_session(session, session_id)
    if attendance_count(session, session_id):
        raise Conflict("该课次已有考勤记录，只能取消，不能删除",
                       "The session has attendance; cancel it instead")
    row.deleted_at = utcnow()
    row.state = "cancelled"
    session.add(row)
    service_hours.sync_credits(session, row)
    audit.record(session, "session.delete", "class_session", row.id)


def list_sessions(session: Session, *, class_id: str | None = None, day: date | None = None,
                  start: date | None = None, end: date | None = None,
                  include_cancelled: bool = True) -> list[ClassSession]:
    q = (select(ClassSession).where(ClassSession.deleted_at.is_(None))
         .order_by(ClassSession.date, ClassSession.start_time))
    if class_id:
        q = q.where(ClassSession.class_id == class_id)
    if day:
        q = q.where(ClassSession.date == day)
    if start:
        q = q.where(ClassSession.date >= start)
    if end:
        q = q.where(ClassSession.date <= end)
    if not include_cancelled:
        q = q.where(ClassSession.state != "cancelled")
    return list(session.scalars(q))


def sessions_on(session: Session, day: date) -> list[ClassSession]:
    """The day's sessions that are not cancelled, by start time (for the check-in desk)."""
    return list_sessions(session, day=day, include_cancelled=False)


def session_dict(cs: ClassSession, **extra) -> dict:
    return {"id": cs.id, "class_id": cs.class_id, "date": cs.date.isoformat(),
            "start": cs.start_time.strftime("%H:%M"), "end": cs.end_time.strftime("%H:%M"),
            "hours": cs.hours, "topic": cs.topic, "state": cs.state, **extra}


def class_of(session: Session, cs: ClassSession) -> CourseClass:
    """The session's class, even if since deleted: `class_id` is a foreign key and classes are
    only soft-deleted."""
    klass = session.get(CourseClass, cs.class_id)
    assert klass is not None, "session.class_id is a foreign key"
    return klass


def class_sessions_overview(session: Session, *, class_id: str) -> list[dict]:
    """A class's sessions with their attendance count and helpers' names (for the class page)."""
    from ccschool.models import Instructor, Person, ServiceRecord, SessionVolunteer

    # all records (a closed session also holds 缺勤/请假 rows) and the actual sign-ins
    signed = func.sum(case((Attendance.status.in_(ATTENDED), 1), else_=0))
    counts = {sid: (n, m) for sid, n, m in session.execute(
        select(Attendance.session_id, func.count(), signed).join(
            ClassSession, ClassSession.id == Attendance.session_id)
        .where(ClassSession.class_id == class_id, Attendance.deleted_at.is_(None))
        .group_by(Attendance.session_id))}
    helpers: dict[str, list[str]] = {}
    for sid, name in session.execute(
            select(SessionVolunteer.session_id, Person.name)
            .join(Instructor, Instructor.id == SessionVolunteer.instructor_id)
            .join(Person, Person.id == Instructor.person_id)
            .join(ClassSession, ClassSession.id == SessionVolunteer.session_id)
            .where(ClassSession.class_id == class_id, SessionVolunteer.deleted_at.is_(None))):
        helpers.setdefault(sid, []).append(name)
    # Helpers credited without an assignment (imported or typed records) are shown too.
    for sid, name in session.execute(
            select(ServiceRecord.session_id, Person.name)
            .join(Instructor, Instructor.id == ServiceRecord.instructor_id)
            .join(Person, Person.id == Instructor.person_id)
            .join(ClassSession, ClassSession.id == ServiceRecord.session_id)
            .where(ClassSession.class_id == class_id, ServiceRecord.deleted_at.is_(None))):
        if name not in helpers.setdefault(sid, []):
            helpers[sid].append(name)
    return [session_dict(cs, attendance=counts.get(cs.id, (0, 0))[0],
                         signed_in=counts.get(cs.id, (0, 0))[1], helpers=helpers.get(cs.id, []))
            for cs in list_sessions(session, class_id=class_id)]


def month_bounds(year: int, month: int) -> tuple[date, date]:
    if not (1 <= month <= 12 and datespan.FIRST.year <= year <= datespan.LAST.year):
        raise ValidationError("月份无效：{year}-{month}", "Not a valid month: {year}-{month}",
                              year=year, month=month, field="month")
    first = date(year, month, 1)
    after = date(year + (month == 12), month % 12 + 1, 1)
    return first, after - timedelta(days=1)


def month_overview(session: Session, *, year: int, month: int, venue_id: str | None = None,
                   theme: str | None = None) -> list[dict]:
    """Every session of one month across classes, for the timetable calendar: one query.

    Sign-ins are counted in a subquery over the month's attendance (the attendance date
    index), so the cost follows the month, not the whole history.
    """
    from ccschool.models import Venue

    first, last = month_bounds(year, month)
    signed = (select(Attendance.session_id, func.count().label("n"))
              .where(Attendance.session_date >= first, Attendance.session_date <= last,
                     Attendance.status.in_(ATTENDED), Attendance.deleted_at.is_(None))
              .group_by(Attendance.session_id).subquery())
    cs = ClassSession
    # plain columns, not ORM objects: a busy month has ~3,000 sessions and building that
    # many entities costs more than the query itself
    q = (select(cs.id, cs.class_id, cs.date, cs.start_time, cs.end_time, cs.hours, cs.topic,
                cs.state, CourseClass.course_name, CourseClass.theme, CourseClass.online,
                Venue.name, signed.c.n)
         .join(CourseClass, CourseClass.id == cs.class_id)
         .outerjoin(Venue, Venue.id == CourseClass.venue_id)
         .outerjoin(signed, signed.c.session_id == cs.id)
         .where(cs.date >= first, cs.date <= last, cs.deleted_at.is_(None),
                CourseClass.deleted_at.is_(None))
         .order_by(cs.date, cs.start_time, CourseClass.course_name))
    if theme:
        q = q.where(CourseClass.theme == theme)
    if venue_id:
        q = q.where(CourseClass.venue_id == venue_id)
    return [_month_row(*row) for row in session.execute(q)]


def _month_row(sid, class_id, day, start, end, hours, topic, state, name, theme, online,
               venue, signed_in) -> dict:
    return {"id": sid, "class_id": class_id, "date": day.isoformat(),
            "start": start.strftime("%H:%M"), "end": end.strftime("%H:%M"), "hours": hours,
            "topic": topic, "state": state, "class_name": name, "theme": theme,
            "online": bool(online), "venue": venue, "signed_in": signed_in or 0}
