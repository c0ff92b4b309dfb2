"""People (one record per resident, whatever roles they have), learners and learning cards."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index, text
from sqlmodel import Field, SQLModel

from ccschool.models.base import Record, UTCDateTime

GENDERS = ("男", "女")
TARGET_GROUPS = ("老年人", "青少年", "新市民/进城务工人员", "新型职业农民", "残疾人", "留守妇女儿童",
                 "在岗职工", "家长")
CARD_STATES = ("active", "lost", "revoked")


class Person(Record, table=True):
    """A resident. Learner, volunteer and teacher are roles that point here (DESIGN.md)."""

    __tablename__ = "person"
    __sync_kind__ = "person"
    __table_args__ = (
        Index("ix_person_name", text("name COLLATE NOCASE")),
        Index("ix_person_initials", text("pinyin_initials COLLATE NOCASE")),
        Index("ix_person_pinyin", text("pinyin_full COLLATE NOCASE")),
        Index("ix_person_phone_tail", "phone_tail"),
        Index("ux_person_id_number", "id_number", unique=True,
              sqlite_where=text("id_number IS NOT NULL AND deleted_at IS NULL")),
    )

    name: str = Field(max_length=64)
    gender: str | None = None
    birth_date: date | None = None
    phone: str | None = Field(default=None, max_length=20)
    phone_tail: str | None = Field(default=None, max_length=4)
    id_number: str | None = Field(default=None, max_length=18)
    village: str | None = None
    notes: str | None = None
    # Precomputed for search: pinyin per name is 20 µs, far too slow to do per query.
    pinyin_initials: str = ""
    pinyin_full: str = ""
    consent_upload: bool = False  # personal fields leave the laptop only when this is set
    erased_at: datetime | None = Field(default=None, sa_type=UTCDateTime)  # PIPL erasure


class Learner(Record, table=True):
    __tablename__ = "learner"
    __sync_kind__ = "learner"
    # The few deleted learners, so reports exclude their rows without scanning every learner.
    __table_args__ = (Index("ix_learner_deleted", "deleted_at",
                            sqlite_where=text("deleted_at IS NOT NULL")),)

    person_id: str = Field(foreign_key="person.id", unique=True, max_length=32)
    card_no: str | None = Field(default=None, index=True, max_length=20)  # the active card
    card_state: str = "active"
    venue_id: str | None = Field(default=None, foreign_key="venue.id", max_length=32)
    target_groups: str = ""  # comma-separated members of TARGET_GROUPS
    registered_on: date = Field(default_factory=date.today, index=True)
    last_card_print_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class LearningCard(Record, table=True):
    """Every card ever issued; a lost card is revoked and a new number issued."""

    __tablename__ = "learning_card"
    __sync_kind__ = "learning_card"

    card_no: str = Field(unique=True, max_length=20)
    learner_id: str = Field(foreign_key="learner.id", index=True, max_length=32)
    state: str = "active"
    issued_at: datetime = Field(sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    revoke_reason: str | None = None


class PersonNameChar(SQLModel, table=True):
    """One row per character of a person's name, kept by SQLite triggers (migration
    learners_0001) so "三" finds 张三 without scanning every name. Never written by the app."""

    __tablename__ = "person_name_char"
    __table_args__ = {"sqlite_with_rowid": False}

    ch: str = Field(primary_key=True, max_length=1)
    person_id: str = Field(primary_key=True, max_length=32)


class PersonNameCharPos(SQLModel, table=True):
    """The numbers 1..64, used by those triggers to walk a name's characters."""

    __tablename__ = "person_name_char_pos"

    n: int = Field(primary_key=True)
