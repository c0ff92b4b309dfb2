"""The audit log: who did what, when, with the values before and after."""
from __future__ import annotations

import json

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlmodel import Session

    from ccschool.models import AuditEntry


def _dump(value) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, default=str)


def record(session: Session, action: str, entity: str | None = None, entity_id: str | None = None,
           before=None, after=None) -> AuditEntry:
    from ccschool.models import AuditEntry  # here: plain-SQL services import this module too

    entry = AuditEntry(actor=session.info.get("actor"), action=action, entity=entity,
                       entity_id=entity_id, before=_dump(before), after=_dump(after))
    session.add(entry)
    return entry
