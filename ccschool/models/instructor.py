"""Teachers and volunteers (师资库/志愿者) and their dated service hours."""
from __future__ import annotations

import datetime as dt

from sqlmodel import Field

from ccschool.models.base import Record

INSTRUCTOR_KINDS = ("teacher", "volunteer", "both")
ORG_TYPES = ("中小学教师", "大中专学生", "医务人员", "科技人员", "退休人员", "其他")


class Instructor(Record, table=True):
    __tablename__ = "instructor"
    __sync_kind__ = "instructor"

    person_id: str = Field(foreign_key="person.id", unique=True, max_length=32)
    kind: str = "volunteer"
    org_type: str = "其他"
    organisation: str | None = None
    skills: str | None = None


class ServiceRecord(Record, table=True):
    __tablename__ = "service_record"
    __sync_kind__ = "service_record"

    instructor_id: str = Field(foreign_key="instructor.id", index=True, max_length=32)
    date: dt.date = Field(index=True)
    hours: float
    activity: str
    session_id: str | None = Field(default=None, foreign_key="class_session.id", max_length=32)


class SessionVolunteer(Record, table=True):
    """A teacher or volunteer assigned to help at one session (planned or held).

    Local planning only (no sync kind): what the county receives is the ServiceRecord that a
    held session credits to each assigned helper.
    """

    __tablename__ = "session_volunteer"

    session_id: str = Field(foreign_key="class_session.id", index=True, max_length=32)
    instructor_id: str = Field(foreign_key="instructor.id", index=True, max_length=32)
