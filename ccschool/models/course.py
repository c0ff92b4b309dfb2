"""Venues, classes (one offering of a course), their sessions and enrollments."""
from __future__ import annotations

import datetime as dt
from datetime import datetime, time

from sqlalchemy import Index, text
from sqlmodel import Field

from ccschool.models.base import Record, UTCDateTime

THEMES = ("科学素质与互联网学习", "职业技能", "老年智慧生活", "家庭教育指导", "乡村振兴", "非遗传承",
          "道德与法治", "人文艺术", "康养健身", "社区治理与应急管理", "其他")
VENUE_KINDS = ("school_room", "village_hall", "culture_hall", "farm_library", "online", "other")
SESSION_STATES = ("planned", "held", "cancelled")
ENROLLMENT_STATES = ("enrolled", "waitlisted", "withdrawn")


class Venue(Record, table=True):
    __tablename__ = "venue"
    __sync_kind__ = "venue"

    name: str
    address: str | None = None
    capacity: int | None = None
    kind: str = "school_room"


class CourseClass(Record, table=True):
    """班级: one offering of a course with its teacher, venue, term and target groups."""

    __tablename__ = "course_class"
    __sync_kind__ = "course_class"

    course_name: str
    theme: str = Field(index=True)
    instructor_id: str | None = Field(default=None, foreign_key="instructor.id", max_length=32)
    venue_id: str | None = Field(default=None, foreign_key="venue.id", max_length=32)
    term_start: dt.date | None = None
    term_end: dt.date | None = None
    capacity: int | None = None
    target_groups: str = ""
    hours_per_session: float = 1.0
    min_attendance_rate: float = 0.8
    online: bool = False


class ClassSession(Record, table=True):
    """课次 (named ClassSession because SQLAlchemy owns the word Session)."""

    __tablename__ = "class_session"
    __sync_kind__ = "class_session"
    __table_args__ = (Index("ix_session_date", "date", "start_time"),)

    class_id: str = Field(foreign_key="course_class.id", index=True, max_length=32)
    date: dt.date
    start_time: time
    end_time: time
    hours: float
    topic: str | None = None
    state: str = "planned"
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Enrollment(Record, table=True):
    __tablename__ = "enrollment"
    __sync_kind__ = "enrollment"
    # One live enrollment per learner and class; partial so that when two devices enrolled the
    # same learner, the merged twin can be kept as a soft-deleted row (sync/merge.py).
    __table_args__ = (Index("ux_enrollment_live", "class_id", "learner_id", unique=True,
                            sqlite_where=text("deleted_at IS NULL")),
                      Index("ix_enrollment_learner", "learner_id"))

    class_id: str = Field(foreign_key="course_class.id", max_length=32)
    learner_id: str = Field(foreign_key="learner.id", max_length=32)
    state: str = "enrolled"
    walk_in: bool = False
    enrolled_at: datetime = Field(sa_type=UTCDateTime)
    withdrawn_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
