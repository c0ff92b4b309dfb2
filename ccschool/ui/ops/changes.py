"""What an operation changed, typed (Anki's OpChanges): pages refresh from it, not from labels.

The runner (ui/ops/op.py) records which kinds of record each operation wrote — the change
tracking hook in ccschool/sync/changes.py notes every record it queues for the county and every
local table a flush touches — and emits one `OpChanges` on `AppSignals.records_changed`. Work
that leaves no database trace (a backup file, an upload) declares its kind to the runner.
"""
from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


class Change(enum.Enum):
    """A kind of thing a page may show. Values are the sync kinds / table names they come from."""

    SITE = "site"
    VENUE = "venue"
    CLASS = "course_class"
    SESSION = "class_session"
    ENROLLMENT = "enrollment"
    ATTENDANCE = "attendance"
    PERSON = "person"
    LEARNER = "learner"
    CARD = "learning_card"
    CERTIFICATE = "certificate"
    SATISFACTION = "satisfaction_score"
    INSTRUCTOR = "instructor"
    SERVICE = "service_record"
    DEVICE = "device"
    SETTINGS = "setting"
    BACKUP = "backup"  # a backup file was written (no table holds it)
    SYNC = "sync"  # upload, pull, month closed: what the sync page and status bar show


_BY_VALUE = {c.value: c for c in Change}
# A person's name is shown as a learner's or an instructor's; a volunteer on a session is the
# session's detail.
_ALSO = {"person": (Change.LEARNER, Change.INSTRUCTOR), "session_volunteer": (Change.SESSION,)}


@dataclass(frozen=True)
class OpChanges:
    kinds: frozenset[Change] = frozenset()
    # the widget that ran the operation: it has shown its own result already (compare=False so
    # two change sets with the same kinds are equal)
    initiator: object = field(default=None, compare=False)

    @classmethod
    def of(cls, *kinds: Change, initiator: object = None) -> OpChanges:
        return cls(frozenset(kinds), initiator)

    @classmethod
    def everything(cls, initiator: object = None) -> OpChanges:
        """A restored backup or a merged device bundle: any page may be out of date."""
        return cls(frozenset(Change), initiator)

    @classmethod
    def from_written(cls, names: Iterable[str], initiator: object = None) -> OpChanges:
        """From the kinds/table names noted by ccschool.sync.changes.recording()."""
        kinds: set[Change] = set()
        for name in names:
            if name in _BY_VALUE:
                kinds.add(_BY_VALUE[name])
            kinds.update(_ALSO.get(name, ()))
        return cls(frozenset(kinds), initiator)

    def __bool__(self) -> bool:
        return bool(self.kinds)

    def __or__(self, other: OpChanges) -> OpChanges:
        return OpChanges(self.kinds | other.kinds, self.initiator or other.initiator)

    def touches(self, *kinds: Change) -> bool:
        return any(k in self.kinds for k in kinds)

    def made_by(self, widget: object) -> bool:
        """The operation ran from `widget` or from a dialog inside it: it has shown its own
        result, so refreshing again would only repeat the work."""
        found: Any = self.initiator
        while found is not None:
            if found is widget:
                return True
            found = found.parent() if callable(getattr(found, "parent", None)) else None
        return False
