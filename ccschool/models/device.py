"""终端: the laptops of one site, and what this laptop knows of each."""
from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from ccschool.models.base import Record, UTCDateTime


class Device(Record, table=True):
    """One laptop of the site. Travels to every device and to the county, so a retirement made
    on one laptop reaches the county, which then refuses the retired laptop's uploads."""

    __tablename__ = "device"
    __sync_kind__ = "device"

    number: int = Field(unique=True)  # 1, 2, 3 … within the site; inside card numbers
    name: str = Field(default="", max_length=64)
    joined_at: datetime = Field(sa_type=UTCDateTime)
    retired_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class DeviceState(SQLModel, table=True):
    """What this laptop knows about a device (itself included); never leaves the laptop.

    `known_version`: every version that device made up to this one is held here (or a newer
    version of the same record). `peer_knowledge`: that device's own vector of known versions,
    as it last told us (JSON {number: version}); a sync bundle leaves out what all peers hold.
    """

    __tablename__ = "device_state"

    number: int = Field(primary_key=True)
    known_version: int = 0
    peer_knowledge: str = "{}"
    last_heard_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
