"""Which automatic backups to keep: 7 daily, 4 weekly, 12 monthly (grandfather-father-son).

Periods are counted among the days/weeks/months that *have* backups, not back from today, so a
laptop left in a cupboard for a season does not come back with its backups pruned away.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Callable, Iterable

KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_MONTHLY = 12
KEEP_NEWEST = 3  # whatever their date: a backup made before a restore is never pruned at once


def _newest_per_period(items: list[tuple[datetime, Path]], period: Callable, count: int) -> set:
    """The newest item in each of the `count` most recent periods (items sorted newest first)."""
    kept: dict = {}
    for at, path in items:
        key = period(at)
        if key not in kept:
            if len(kept) == count:
                break
            kept[key] = path
    return set(kept.values())


def to_keep(items: Iterable[tuple[datetime, Path]]) -> set[Path]:
    ordered = sorted(items, key=lambda item: item[0], reverse=True)
    keep = {path for _, path in ordered[:KEEP_NEWEST]}
    keep |= _newest_per_period(ordered, lambda at: at.date(), KEEP_DAILY)
    keep |= _newest_per_period(ordered, lambda at: at.isocalendar()[:2], KEEP_WEEKLY)
    keep |= _newest_per_period(ordered, lambda at: (at.year, at.month), KEEP_MONTHLY)
    return keep


def rotate(items: Iterable[tuple[datetime, Path]]) -> list[Path]:
    """Delete the backups the schedule does not keep; return what was deleted."""
    items = list(items)
    keep = to_keep(items)
    removed = []
    for _, path in items:
        if path not in keep:
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed
