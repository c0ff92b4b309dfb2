"""考勤: one learner at one session."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index, text
from sqlmodel import Field

from ccschool.models.base import Record, UTCDateTime

STATUSES = ("present", "late", "excused", "absent")
METHODS = ("scan", "webcam", "manual", "import", "close", "paper", "phone", "desk")  # phone/desk: LAN


class Attendance(Record, table=True):
    __tablename__ = "attendance"
    __sync_kind__ = "attendance"
    __table_args__ = (
        # One live row per learner and session: a second scan can never make a twin. An undone
        # sign-in is soft-deleted, so the learner can still be signed in again.
        Index("ux_attendance_live", "session_id", "learner_id", unique=True,
              sqlite_where=text("deleted_at IS NULL")),
        Index("ix_attendance_learner", "learner_id", "session_date"),
        # A month's live rows for the report, the timetable and the status bar. Narrow on
        # purpose: a covering index was 95 bytes a row, this is 19 (migration storage_0002).
        Index("ix_attendance_date", "session_date", sqlite_where=text("deleted_at IS NULL")),
    )

    session_id: str = Field(foreign_key="class_session.id", max_length=32)
    learner_id: str = Field(foreign_key="learner.id", max_length=32)
    # Copied from the session so monthly reports aggregate one table without a join.
    session_date: date
    status: str = "present"
    method: str = "scan"
    at: datetime = Field(sa_type=UTCDateTime)
    by_user: str | None = None
    reason: str | None = None  # for 请假 and corrections
