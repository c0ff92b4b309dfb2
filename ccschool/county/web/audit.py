"""Who did what on the county platform: logins (and failed ones), tokens, rules, exports, and
every view of a resident's personal data."""
from __future__ import annotations

import json

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection, Engine

from ccschool.county.store import now_iso
from ccschool.county.web import tables as t


def record(db: Engine | Connection, actor: str, action: str, target: str | None = None, *,
           ip: str | None = None, **detail) -> None:
    row = {"at": now_iso(), "actor": actor[:64], "action": action, "target": target,
           "ip": ip, "detail": json.dumps(detail, ensure_ascii=False) if detail else None}
    if isinstance(db, Connection):
        db.execute(insert(t.audit).values(**row))
        return
    with db.begin() as conn:
        conn.execute(insert(t.audit).values(**row))


def recent(engine: Engine, limit: int = 200) -> list[dict]:
    with engine.connect() as conn:
        rows = conn.execute(select(t.audit).order_by(t.audit.c.pk.desc()).limit(limit))
        return [dict(r._mapping) for r in rows]
