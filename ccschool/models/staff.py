"""Staff accounts and the audit log."""
from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from ccschool.models.base import UTCDateTime, new_id, utcnow

ROLES = ("admin", "staff")


class StaffUser(SQLModel, table=True):
    __tablename__ = "staff_user"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    name: str = Field(unique=True)
    role: str = "staff"
    password_hash: str
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class AuditEntry(SQLModel, table=True):
    """Who did what, when, with the values before and after."""

    __tablename__ = "audit_entry"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    actor: str | None = None
    action: str
    entity: str | None = None
    entity_id: str | None = Field(default=None, index=True)
    before: str | None = None  # JSON
    after: str | None = None  # JSON
