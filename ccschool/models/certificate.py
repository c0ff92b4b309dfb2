"""结业证书 and satisfaction scores (满意度测评)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, text
from sqlmodel import Field

from ccschool.models.base import Record, UTCDateTime


class Certificate(Record, table=True):
    __tablename__ = "certificate"
    __sync_kind__ = "certificate"
    # Partial (live rows only): a twin issued on another device is merged, not refused.
    __table_args__ = (Index("ux_certificate_live", "class_id", "learner_id", unique=True,
                            sqlite_where=text("deleted_at IS NULL")),)

    cert_no: str = Field(unique=True, max_length=24)
    learner_id: str = Field(foreign_key="learner.id", index=True, max_length=32)
    class_id: str = Field(foreign_key="course_class.id", max_length=32)
    hours: float
    issued_at: datetime = Field(sa_type=UTCDateTime, index=True)


class SatisfactionScore(Record, table=True):
    __tablename__ = "satisfaction_score"
    __sync_kind__ = "satisfaction_score"
    __table_args__ = (Index("ux_satisfaction_live", "class_id", "learner_id", unique=True,
                            sqlite_where=text("deleted_at IS NULL")),)

    class_id: str = Field(foreign_key="course_class.id", max_length=32)
    learner_id: str = Field(foreign_key="learner.id", max_length=32)
    score: int  # 1..5; 4-5 满意, 3 基本满意, 1-2 不满意
    comment: str | None = None
    at: datetime = Field(sa_type=UTCDateTime)
