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

from ccschool.errors import PermissionDenied
from ccschool.i18n import L
from ccschool.idcard import mask_id, mask_phone
from ccschool.models import AuditEntry
from ccschool.safety.sheet import write_sheet

_MASKERS = {"id_number": mask_id, "phone": mask_phone}


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
    return datetime.combine(day, time.min).astimezone(timezone.utc)


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
    """Entries newest first, as dicts with before/after decoded (and masked)."""
    require_admin(role)
    rows = session.scalars(_query(flt).limit(limit).offset(offset))
    return [{"id": e.id, "at": e.at.astimezone().isoformat(timespec="seconds"), "actor": e.actor,
             "action": e.action, "entity": e.entity, "entity_id": e.entity_id,
             "before": _decode(e.before, unmasked), "after": _decode(e.after, unmasked)}
            for e in rows]


def _json(value) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, default=str)


def export_xlsx(session: Session, out: str | Path, *, role: str,
                flt: AuditFilter = AuditFilter(), unmasked: bool = False) -> int:
    """Write the matching entries to an xlsx file (atomically); return how many."""
    require_admin(role)
    headers = [L("时间", "Time"), L("操作人", "By"), L("操作", "Action"), L("对象", "Record"),
               L("对象编号", "Record id"), L("修改前", "Before"), L("修改后", "After")]

    def rows():
        for e in session.scalars(_query(flt).execution_options(yield_per=1000)):
            yield [e.at.astimezone().strftime("%Y-%m-%d %H:%M:%S"), e.actor, e.action, e.entity,
                   e.entity_id, _json(_decode(e.before, unmasked)),
                   _json(_decode(e.after, unmasked))]

    return write_sheet(out, L("操作日志", "Audit log"), headers, rows())
