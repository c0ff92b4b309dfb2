"""The audit log for admins: who did what, when, before and after; listed and exported.

Entries are written by `ccschool.audit.record` inside each action's transaction; this module
only reads them. Non-admins never see it (PermissionDenied), and even for admins the ID numbers
and phones inside before/after are masked unless `unmasked=True`.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

from sqlalchemy import select
from sqlmodel import Session

from ccschool import clock
from ccschool.errors import PermissionDenied
from ccschool.i18n import L
from ccschool.idcard import mask_id, mask_phone
from ccschool.models import AuditEntry
from ccschool.services import audit_text
from ccschool.exports.table import write_table
from ccschool.services.audit_labels import json_text, action_label

_MASKERS = {"id_number": mask_id, "phone": mask_phone}

def actors(session: Session, *, role: str) -> list[str]:
    """Everyone who appears in the log, for the filter."""
    require_admin(role)
    return [a for a in session.scalars(select(AuditEntry.actor).distinct()
                                       .order_by(AuditEntry.actor)) if a]


@dataclass(frozen=True)
class AuditFilter:
    since: date | None = None
    until: date | None = None  # inclusive
    actor: str | None = None
    action: str | None = None  # prefix: "learner." matches learner.create, learner.update
    entity_id: str | None = None


def require_admin(role: str) -> None:
    if role != "admin":
        raise PermissionDenied("只有管理员可以查看操作日志", "Only an admin can see the audit log")


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, clock.CHINA).astimezone(timezone.utc)


def _query(flt: AuditFilter):
    q = select(AuditEntry)
    if flt.since:
        q = q.where(AuditEntry.at >= _day_start(flt.since))
    if flt.until:
        q = q.where(AuditEntry.at < _day_start(flt.until + timedelta(days=1)))
    if flt.actor:
        q = q.where(AuditEntry.actor == flt.actor)
    if flt.action:
        q = q.where(AuditEntry.action.startswith(flt.action, autoescape=True))
    if flt.entity_id:
        q = q.where(AuditEntry.entity_id == flt.entity_id)
    return q.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())


def _mask(value):
    if isinstance(value, dict):
        return {k: (_MASKERS[k](v) if k in _MASKERS and isinstance(v, str) and v else _mask(v))
                for k, v in value.items()}
    if isinstance(value, list):
        return [_mask(v) for v in value]
    return value


def _decode(text: str | None, unmasked: bool):
    if text is None:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return text
    return value if unmasked else _mask(value)


def entries(session: Session, *, role: str, flt: AuditFilter = AuditFilter(), limit: int = 200,
            offset: int = 0, unmasked: bool = False) -> list[dict]:
    """Entries newest first, as dicts with before/after decoded (and masked), each with the
    readable "sentence", "subject" and "changes" of services.audit_text."""
    require_admin(role)
    rows = session.scalars(_query(flt).limit(limit).offset(offset))
    return audit_text.describe(session, [_entry(e, unmasked) for e in rows])


def _entry(e: AuditEntry, unmasked: bool) -> dict:
    return {"id": e.id, "at": clock.iso(e.at), "actor": e.actor, "action": e.action,
            "entity": e.entity, "entity_id": e.entity_id,
            "before": _decode(e.before, unmasked), "after": _decode(e.after, unmasked)}


def _export_rows(described: list[dict]):
    for r in described:
        yield [clock.stamp(r["at"], seconds=True), r["actor"], r["action"], r["entity"],
               r["entity_id"], json_text(r["before"]), json_text(r["after"]), action_label(r["action"]),
               r["sentence"]]


def export_xlsx(session: Session, out: str | Path, *, role: str,
                flt: AuditFilter = AuditFilter(), unmasked: bool = False) -> int:
    """Write the matching entries to an xlsx file (atomically); return how many."""
    require_admin(role)
    headers = [L("时间", "Time"), L("操作人", "By"), L("操作", "Action"), L("对象", "Record"),
               L("对象编号", "Record id"), L("修改前", "Before"), L("修改后", "After"),
               L("说明", "Meaning"), L("经过", "What happened")]

    def rows():
        batch = []
        for e in session.scalars(_query(flt).execution_options(yield_per=500)):
            batch.append(_entry(e, unmasked))
            if len(batch) == 500:
                yield from _export_rows(audit_text.describe(session, batch))
                batch = []
        yield from _export_rows(audit_text.describe(session, batch))

    return write_table(out, title=L("操作日志", "Audit log"), headers=headers, rows=rows(),
                       heading=False, numbers_from_text=False)
