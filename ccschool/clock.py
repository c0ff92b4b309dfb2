"""One clock for everything a person reads: China Standard Time (UTC+8, no daylight saving).

Records are stored in UTC (ccschool.stamps). Whatever a person reads or a file name shows —
sign-in times, backup names and lists, the audit log, Excel exports, printed dates, the sync
page — is China time, whatever zone the laptop's clock is set to: shared township laptops are
often left on UTC or a vendor's default, and a backup called 20261203-0215 for a sign-in at
10:15 makes nobody trust either.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

CHINA = timezone(timedelta(hours=8), "UTC+8")


def now() -> datetime:
    """The current moment, aware, in China time."""
    return datetime.now(CHINA)


def today() -> date:
    return now().date()


def local(moment: datetime) -> datetime:
    """An instant in China time. A naive value is taken as UTC (how the database stores them)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(CHINA)


def local_date(moment: datetime) -> date:
    return local(moment).date()


def stamp(moment: datetime | str | None, *, seconds: bool = False) -> str:
    """"2026-12-03 10:15" (or with seconds) for a person; "" for nothing. Takes ISO text too."""
    if moment is None or moment == "":
        return ""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return local(moment).strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def iso(moment: datetime | None = None) -> str:
    """ISO text with the +08:00 offset, to the second (status files a person may open)."""
    return local(moment or now()).isoformat(timespec="seconds")


def file_stamp(moment: datetime | None = None) -> str:
    """"20261203-101500": for file names, sortable, China time."""
    return local(moment or now()).strftime("%Y%m%d-%H%M%S")


def month(moment: datetime | None = None) -> str:
    """"2026-12": the China-time month of the moment (default: now)."""
    return local(moment or now()).strftime("%Y-%m")
