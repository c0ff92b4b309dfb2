"""Teacher and venue pools (师资库、场地资源库) from every site's uploads.

A teacher's name appears only when the person consented to upload (otherwise the site sent
no name, and the pool says so); skills, organisation and kind are not personal data.
"""
from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.engine import Engine

from ccschool.county import schema as t
from ccschool.county.web.jsonfield import jfield


def teachers(engine: Engine) -> list[dict]:
    c, p = t.record_current.alias("c"), t.record_current.alias("p")
    q = (select(c.c.site, c.c.data, p.c.data, c.c.record_id)
         .select_from(c.outerjoin(p, p.c.record_id == jfield(c.c.data, "person_id")))
         .where(c.c.kind == "instructor", c.c.deleted.is_(False)).order_by(c.c.site))
    out = []
    with engine.connect() as conn:
        for site, data, person, record_id in conn.execute(q):
            d, who = json.loads(data), json.loads(person) if person else {}
            named = who.get("consent_upload") and not who.get("erased_at")
            out.append({"site": site, "record_id": record_id,
                        "name": who.get("name") if named else None,
                        "phone": who.get("phone") if named else None,
                        "kind": d.get("kind"), "org_type": d.get("org_type"),
                        "organisation": d.get("organisation"), "skills": d.get("skills")})
    return out


def venues(engine: Engine) -> list[dict]:
    c = t.record_current
    with engine.connect() as conn:
        rows = conn.execute(select(c.c.site, c.c.data).where(
            c.c.kind == "venue", c.c.deleted.is_(False)).order_by(c.c.site)).all()
    out = []
    for site, data in rows:
        d = json.loads(data)
        out.append({"site": site, "name": d.get("name"), "address": d.get("address"),
                    "capacity": d.get("capacity"), "kind": d.get("kind")})
    return out


def tables(engine: Engine, t_) -> dict[str, tuple[str, list[str], list[list]]]:
    hidden = t_("（未授权上传姓名）", "(name not shared)")
    return {
        "teachers": (t_("师资库", "Teacher pool"),
                     [t_("站点", "Site"), t_("姓名", "Name"), t_("类别", "Kind"),
                      t_("单位类型", "Organisation type"), t_("单位", "Organisation"),
                      t_("专长", "Skills")],
                     [[r["site"], r["name"] or hidden, r["kind"], r["org_type"],
                       r["organisation"], r["skills"]] for r in teachers(engine)]),
        "venues": (t_("场地资源库", "Venue pool"),
                   [t_("站点", "Site"), t_("场地", "Venue"), t_("地址", "Address"),
                    t_("容量", "Capacity"), t_("类型", "Kind")],
                   [[r["site"], r["name"], r["address"], r["capacity"], r["kind"]]
                    for r in venues(engine)]),
    }
