"""班级: one offering of a course, with its teacher, venue, term, capacity and target groups."""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlmodel import Session

from ccschool import audit, settings
from ccschool.errors import Conflict, NotFound, ValidationError
from ccschool.models import ClassSession, CourseClass, Enrollment, Instructor, Person, Venue
from ccschool.models.course import THEMES
from ccschool.models.person import TARGET_GROUPS
from ccschool.i18n import L
from ccschool.services import venues as venue_svc
from ccschool.services import volunteers as pool

# Stored values stay Chinese (they are the official list); English is for showing only.
THEME_EN = dict(zip(THEMES, (
    "Science literacy and online learning", "Vocational skills", "Smart living for seniors",
    "Family education", "Rural revitalisation", "Intangible heritage", "Ethics and law",
    "Humanities and arts", "Health and fitness", "Community governance and emergencies", "Other")))
GROUP_EN = dict(zip(TARGET_GROUPS, (
    "Seniors", "Youth", "New citizens / migrant workers", "New-type farmers",
    "People with disabilities", "Left-behind women and children", "Employees", "Parents")))


def theme_label(theme: str) -> str:
    return L(theme, THEME_EN.get(theme, theme))


def group_label(group: str) -> str:
    return L(group, GROUP_EN.get(group, group))


def themes(session: Session) -> tuple[str, ...]:
    """The course themes: the county's list once a county version is in force (issue 19.5)."""
    county = settings.county_rules_in_force(session)
    return tuple(county["themes"]) if county else THEMES


def _theme(theme: str | None, allowed: tuple[str, ...]) -> str:
    theme = (theme or "").strip()
    if not theme:  # no preset: a class filed under the first theme by default is filed wrongly
        raise ValidationError("请选择课程主题", "Choose the course theme", field="theme")
    if theme not in allowed:
        raise ValidationError("课程主题“{theme}”不在列表中，可选：{themes}",
                              "Theme “{theme}” is not in the list: {themes}",
                              theme=theme, themes="、".join(allowed), field="theme")
    return theme


def _groups(groups) -> str:
    if isinstance(groups, str):
        groups = [g for g in groups.replace("，", ",").split(",") if g.strip()]
    groups = [g.strip() for g in groups or ()]
    for g in groups:
        if g not in TARGET_GROUPS:
            raise ValidationError("培训对象“{g}”不在列表中，可选：{all}",
                                  "Target group “{g}” is not in the list: {all}",
                                  g=g, all="、".join(TARGET_GROUPS), field="target_groups")
    return ",".join(groups)


def _check_numbers(hours: float, capacity: int | None, rate: float) -> None:
    if hours is None or not 0 < hours <= 12:  # written so that NaN is refused too
        raise ValidationError("每次课学时应在0到12之间", "Hours per session must be between 0 and 12",
                              field="hours_per_session")
    if capacity is not None and capacity <= 0:
        raise ValidationError("班级人数上限应大于0", "Capacity must be above 0", field="capacity")
    if not 0 <= rate <= 1:
        raise ValidationError("结业出勤率应在0%到100%之间", "Attendance rate is 0–100%",
                              field="min_attendance_rate")


def add_class(session: Session, *, name: str, theme: str, hours_per_session: float = 1.0,
              venue: str | None = None, teacher: str | None = None, capacity: int | None = None,
              term_start: date | None = None, term_end: date | None = None,
              target_groups=(), min_attendance_rate: float | None = None,
              online: bool = False) -> CourseClass:
    """Create a class; venue and teacher are ids or names. Capacity defaults to the venue's;
    the certificate attendance to the certificate_threshold setting (the county's when set)."""
    if min_attendance_rate is None:
        min_attendance_rate = settings.get(session, "certificate_threshold")
    name = (name or "").strip()
    if not name:
        raise ValidationError("请填写课程名称", "Enter the course name", field="name")
    _check_numbers(hours_per_session, capacity, min_attendance_rate)
    if term_start and term_end and term_end < term_start:
        raise ValidationError("结束日期早于开始日期", "The term ends before it starts", field="end")
    venue_row = venue_svc.get_venue(session, venue) if venue else None
    teacher_row = pool.get_instructor(session, teacher) if teacher else None
    if capacity is None and venue_row is not None and not online:
        capacity = venue_row.capacity
    klass = CourseClass(course_name=name, theme=_theme(theme, themes(session)),
                        hours_per_session=hours_per_session,
                        venue_id=venue_row.id if venue_row else None,
                        instructor_id=teacher_row.id if teacher_row else None, capacity=capacity,
                        term_start=term_start, term_end=term_end, target_groups=_groups(target_groups),
                        min_attendance_rate=min_attendance_rate, online=online)
    session.add(klass)
    audit.record(session, "class.add", "course_class", klass.id, after={"name": name, "theme": theme})
    return klass


def get_class(session: Session, class_id: str) -> CourseClass:
    klass = session.get(CourseClass, class_id)
    if klass is None or klass.deleted_at is not None:
        raise NotFound("找不到班级 {id}", "No class {id}", id=class_id, field="class")
    return klass


def update_class(session: Session, *, class_id: str, **changes) -> CourseClass:
    """Change a class's fields (name, theme, capacity, venue, teacher, term, groups, rate)."""
    klass = get_class(session, class_id)
    before = {"capacity": klass.capacity, "name": klass.course_name}
    if "name" in changes:
        klass.course_name = (changes.pop("name") or "").strip() or klass.course_name
    if "theme" in changes:
        theme = changes.pop("theme")  # a class filed before the county's list keeps its theme
        klass.theme = klass.theme if theme == klass.theme else _theme(theme, themes(session))
    if "target_groups" in changes:
        klass.target_groups = _groups(changes.pop("target_groups"))
    if "venue" in changes:
        ref = changes.pop("venue")
        klass.venue_id = venue_svc.get_venue(session, ref).id if ref else None
    if "teacher" in changes:
        ref = changes.pop("teacher")
        klass.instructor_id = pool.get_instructor(session, ref).id if ref else None
    for key, value in changes.items():
        if not hasattr(klass, key) or key in ("id", "version", "deleted_at"):
            raise ValidationError("不能修改字段 {key}", "Field {key} cannot be changed", key=key)
        setattr(klass, key, value)
    _check_numbers(klass.hours_per_session, klass.capacity, klass.min_attendance_rate)
    session.add(klass)
    audit.record(session, "class.update", "course_class", klass.id, before=before,
                 after={"capacity": klass.capacity, "name": klass.course_name})
    return klass


def delete_class(session: Session, *, class_id: str) -> None:
    """Soft-delete a class that never met; one with attendance is kept for the records."""
    from ccschool.models import Attendance, utcnow

    klass = get_class(session, class_id)
    has_attendance = session.scalar(
        select(func.count()).select_from(Attendance).join(
            ClassSession, ClassSession.id == Attendance.session_id)
        .where(ClassSession.class_id == class_id, Attendance.deleted_at.is_(None)))
    if has_attendance:
        raise Conflict("班级“{name}”已有考勤记录，不能删除",
                       "Class “{name}” has attendance; it cannot be deleted",
                       name=klass.course_name)
    klass.deleted_at = utcnow()
    session.add(klass)
    audit.record(session, "class.delete", "course_class", klass.id)


def list_classes(session: Session, *, theme: str | None = None, venue_id: str | None = None,
                 term_on: date | None = None, search: str | None = None) -> list[dict]:
    """Classes with teacher, venue and enrolled/waitlisted counts, aggregated in SQL."""
    enrolled = _count_subquery("enrolled")
    waiting = _count_subquery("waitlisted")
    q = (select(CourseClass, Venue.name, Person.name, enrolled.c.n, waiting.c.n)
         .outerjoin(Venue, Venue.id == CourseClass.venue_id)
         .outerjoin(Instructor, Instructor.id == CourseClass.instructor_id)
         .outerjoin(Person, Person.id == Instructor.person_id)
         .outerjoin(enrolled, enrolled.c.class_id == CourseClass.id)
         .outerjoin(waiting, waiting.c.class_id == CourseClass.id)
         .where(CourseClass.deleted_at.is_(None))
         .order_by(CourseClass.term_start.desc(), CourseClass.course_name))
    if theme:
        q = q.where(CourseClass.theme == theme)
    if venue_id:
        q = q.where(CourseClass.venue_id == venue_id)
    if term_on:  # classes whose term includes this day
        q = q.where(func.coalesce(CourseClass.term_start, term_on) <= term_on,
                    func.coalesce(CourseClass.term_end, term_on) >= term_on)
    if search:
        q = q.where(CourseClass.course_name.contains(search.strip()))
    return [class_dict(k, venue=v, teacher=t, enrolled=n or 0, waitlisted=w or 0)
            for k, v, t, n, w in session.execute(q)]


def class_choices(session: Session) -> list[tuple[str, str, date | None]]:
    """(id, name, term start) of every class, newest term first: for a class picker."""
    return [tuple(r) for r in session.execute(
        select(CourseClass.id, CourseClass.course_name, CourseClass.term_start)
        .where(CourseClass.deleted_at.is_(None))
        .order_by(CourseClass.term_start.desc(), CourseClass.course_name))]


def _count_subquery(state: str):
    return (select(Enrollment.class_id, func.count().label("n"))
            .where(Enrollment.state == state, Enrollment.deleted_at.is_(None))
            .group_by(Enrollment.class_id).subquery())


def class_dict(k: CourseClass, *, venue: str | None = None, teacher: str | None = None,
               enrolled: int | None = None, waitlisted: int | None = None) -> dict:
    out = {"id": k.id, "name": k.course_name, "theme": k.theme, "venue_id": k.venue_id,
           "teacher_id": k.instructor_id, "capacity": k.capacity,
           "term_start": k.term_start.isoformat() if k.term_start else None,
           "term_end": k.term_end.isoformat() if k.term_end else None,
           "target_groups": k.target_groups, "hours_per_session": k.hours_per_session,
           "min_attendance_rate": k.min_attendance_rate, "online": k.online}
    if venue is not None or enrolled is not None:
        out.update(venue=venue, teacher=teacher, enrolled=enrolled, waitlisted=waitlisted)
    return out


def find_class(session: Session, ref: str) -> CourseClass:
    """A class by id, or by course name when exactly one live class has it (for the CLI)."""
    klass = session.get(CourseClass, ref)
    if klass is not None and klass.deleted_at is None:
        return klass
    matches = session.scalars(select(CourseClass).where(
        CourseClass.course_name == (ref or "").strip(), CourseClass.deleted_at.is_(None))).all()
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise Conflict("有{n}个班级叫“{ref}”，请用编号指定", "{n} classes are named “{ref}”; use the id",
                       n=len(matches), ref=ref, field="class")
    raise NotFound("找不到班级“{ref}”", "No class “{ref}”", ref=ref, field="class")
