"""This installation's site, its key/value settings and named counters."""
from __future__ import annotations

from sqlmodel import Field, SQLModel

from ccschool.models.base import Record


class Site(Record, table=True):
    __tablename__ = "site"
    __sync_kind__ = "site"
    # Never copied into the outbox: the card-signing secret and the county credentials.
    __local_fields__ = ("secret", "upload_token", "county_public_key")

    code: str = Field(unique=True, max_length=32)
    name: str
    level: str = Field(default="township")  # township | village
    card_prefix: str = Field(max_length=8)
    secret: str  # hex; signs card and certificate QR codes, never leaves the laptop
    county_url: str | None = None
    upload_token: str | None = None
    county_public_key: str | None = None  # PEM, for encrypting USB batch files


class Setting(SQLModel, table=True):
    """Site settings as JSON values; declared with types and defaults in ccschool/settings.py."""

    __tablename__ = "setting"
    key: str = Field(primary_key=True)
    value: str  # JSON


class Counter(SQLModel, table=True):
    """Per-site sequences (card numbers, certificate numbers), incremented inside the transaction."""

    __tablename__ = "counter"
    name: str = Field(primary_key=True)
    value: int = 0
