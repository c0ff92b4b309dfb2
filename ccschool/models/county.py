"""What the county publishes for every site and a site only reads (县平台下发).

Never a synced record kind: the county owns these, so nothing here goes into the outbox. They
reach a device from the county on sync, or from a sibling device inside a sync bundle.
"""
from __future__ import annotations

from sqlmodel import Field, SQLModel


class CountyTeacher(SQLModel, table=True):
    """One teacher of the county's shared list (县师资库), replaced whole on each newer list."""

    __tablename__ = "county_teacher"

    id: str = Field(primary_key=True, max_length=32)  # the county's id for the entry
    name: str = Field(max_length=30)
    subjects: str = "[]"  # JSON list of subjects or course themes
    phone: str | None = Field(default=None, max_length=11)  # only with the person's consent
    township: str = Field(max_length=40)
    source: str = Field(default="manual", max_length=8)  # pool | manual
