"""The lifelong learning archive (终身学习档案): one resident's records from every site,
joined by ID number, for residents who consented to upload (erased persons never match).

Only complete ID numbers are matched (a masked 3303**********123X could be anyone): the county
sees them when its sites send full numbers (site setting county_requires_id).
"""
from __future__ import annotations

import json
import re
from datetime import date

from sqlalchemy import and_, func, select
from sqlalchemy.engine import Engine

from ccschool.county import schema as t
from ccschool.county.web import rules
from ccschool.county.web.jsonfield import jfield
from ccschool.services.attended import ATTENDED

ID_RE = re.compile(r"[0-9]{17}[0-9X]")


def normalise_id(text: str) -> str | None:
    text = (text or "").strip().upper()
    return text if ID_RE.fullmatch(text) else None


def mask_id(id_number: str) -> str:
    return id_number[:4] + "*" * 10 + id_number[-4:]


def find(engine: Engine, id_number: str, today: date | None = None) -> dict | None:
    """{"name", "id_masked", "rows": [per site and class], "certificates", totals} or None."""
    c = t.record_current
    with engine.connect() as conn:
        persons = conn.execute(select(c.c.record_id, c.c.site, c.c.data).where(
            c.c.kind == "person", c.c.deleted.is_(False),
            jfield(c.c.data, "id_number") == id_number)).all()
        people = {rid: (site, json.loads(data)) for rid, site, data in persons}
        people = {rid: v for rid, v in people.items()
                  if v[1].get("consent_upload") and not v[1].get("erased_at")}
        if not people:
            return None
        learners: dict[str, str] = dict(conn.execute(select(c.c.record_id, c.c.site).where(
            c.c.kind == "learner", c.c.deleted.is_(False),
            jfield(c.c.data, "person_id").in_(list(people)))).all())
        rows = _classes(conn, list(learners)) if learners else []
        certs = _certificates(conn, list(learners)) if learners else []
        names: dict[str, str] = dict(conn.execute(select(t.site.c.code, t.site.c.name)).all())
    credit_hours = rules.in_force(engine, today or date.today())["credit_hours"]
    total = round(sum(r["hours"] for r in rows), 2)
    name = next(iter(people.values()))[1].get("name") or ""
    for r in rows:
        r["site_name"] = names.get(r["site"], r["site"])
    for cert in certs:
        cert["site_name"] = names.get(cert["site"], cert["site"])
    return {"name": name, "id_masked": mask_id(id_number), "rows": rows, "certificates": certs,
            "sites": sorted({names.get(s, s) for s, _d in people.values()}),
            "total_hours": total, "credit_hours": credit_hours,
            "credits": round(total / credit_hours, 2) if credit_hours else None}


def _classes(conn, learner_ids: list[str]) -> list[dict]:
    a, s, k = (t.record_current.alias(x) for x in ("a", "s", "k"))
    cls = jfield(s.c.data, "class_id")
    q = (select(a.c.site, cls, func.count(), func.coalesce(func.sum(s.c.hours), 0.0),
                func.min(a.c.day), func.max(a.c.day))
         .select_from(a.join(s, and_(s.c.record_id == a.c.ref_id, s.c.kind == "class_session")))
         .where(a.c.kind == "attendance", a.c.deleted.is_(False), a.c.status.in_(ATTENDED),
                a.c.subject_id.in_(learner_ids))
         .group_by(a.c.site, cls))
    found = conn.execute(q).all()
    info = {rid: json.loads(data) for rid, data in conn.execute(
        select(k.c.record_id, k.c.data).where(k.c.record_id.in_([r[1] for r in found])))}
    return sorted(({"site": site, "course": info.get(cid, {}).get("course_name", ""),
                    "theme": info.get(cid, {}).get("theme", ""), "sessions": n,
                    "hours": round(float(h), 2), "first": lo, "last": hi}
                   for site, cid, n, h, lo, hi in found), key=lambda r: (r["first"], r["site"]))


def _certificates(conn, learner_ids: list[str]) -> list[dict]:
    c = t.record_current
    out = []
    for site, data in conn.execute(select(c.c.site, c.c.data).where(
            c.c.kind == "certificate", c.c.deleted.is_(False),
            jfield(c.c.data, "learner_id").in_(learner_ids))):
        d = json.loads(data)
        out.append({"site": site, "cert_no": d.get("cert_no"), "hours": d.get("hours"),
                    "issued": str(d.get("issued_at") or "")[:10]})
    return sorted(out, key=lambda x: x["issued"])
