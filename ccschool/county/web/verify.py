"""Certificate verification: is this certificate genuine, uploaded, revoked? For anyone with
the QR, so it shows only what the certificate itself shows, the holder's name masked."""
from __future__ import annotations

import json

from sqlalchemy import and_, insert, select
from sqlalchemy.engine import Connection, Engine

from ccschool.county import schema as t
from ccschool.county.store import now_iso
from ccschool.county.web import tables as wt
from ccschool.county.web.jsonfield import jfield
from ccschool.sync import certcheck

VALID, REVOKED, NOT_UPLOADED, UNKNOWN = "valid", "revoked", "not_uploaded", "unknown"


def mask(name: str | None) -> str | None:
    """张三 -> 张*, 欧阳娜娜 -> 欧***: enough to match the paper, not to identify a stranger."""
    if not name:
        return None
    return name[0] + "*" * max(1, len(name) - 1)


def retire_key(conn: Connection, code: str) -> None:
    """Keep the site's current signing key before its token is replaced."""
    key = conn.execute(select(t.site.c.sign_key).where(t.site.c.code == code)).scalar()
    known = conn.execute(select(wt.retired_key.c.site).where(
        wt.retired_key.c.site == code, wt.retired_key.c.sign_key == key)).first()
    if key and not known:
        conn.execute(insert(wt.retired_key).values(site=code, sign_key=key,
                                                   retired_at=now_iso()))


def _keys(conn: Connection, site: str) -> list[bytes]:
    current = conn.execute(select(t.site.c.sign_key).where(t.site.c.code == site)).scalar()
    old = conn.execute(select(wt.retired_key.c.sign_key).where(wt.retired_key.c.site == site))
    return [bytes.fromhex(k) for k in [current, *(r[0] for r in old)] if k]


def check(engine: Engine, site: str, cert_no: str, code: str) -> dict:
    """{"state": valid | revoked | not_uploaded | unknown, ...what the certificate shows}."""
    if not (certcheck.NUMBER_RE.fullmatch(site) and certcheck.NUMBER_RE.fullmatch(cert_no)
            and certcheck.CODE_RE.fullmatch(code.upper())):
        return {"state": UNKNOWN}
    with engine.connect() as conn:
        if not any(certcheck.matches(k, site, cert_no, code) for k in _keys(conn, site)):
            return {"state": UNKNOWN}
        cert = _certificate(conn, site, cert_no)
        if cert is None:
            return {"state": NOT_UPLOADED, "site": site, "cert_no": cert_no}
        return _shown(conn, site, cert_no, cert)


def _certificate(conn: Connection, site: str, cert_no: str):
    c = t.record_current
    return conn.execute(select(c.c.deleted, c.c.data).where(
        c.c.site == site, c.c.kind == "certificate",
        jfield(c.c.data, "cert_no") == cert_no)).first()


def _record(conn: Connection, rid: str | None) -> dict:
    if not rid:
        return {}
    c = t.record_current
    data = conn.execute(select(c.c.data).where(and_(c.c.record_id == rid))).scalar()
    return json.loads(data) if data else {}


def _shown(conn: Connection, site: str, cert_no: str, cert) -> dict:
    data = json.loads(cert.data)
    learner = _record(conn, data.get("learner_id"))
    person = _record(conn, learner.get("person_id"))
    klass = _record(conn, data.get("class_id"))
    site_name = conn.execute(select(t.site.c.name).where(t.site.c.code == site)).scalar()
    revoked = cert.deleted or bool(data.get("deleted_at"))
    return {"state": REVOKED if revoked else VALID, "site": site, "site_name": site_name,
            "cert_no": cert_no, "holder": mask(person.get("name")),
            "course": klass.get("course_name"), "hours": data.get("hours"),
            "issued": str(data.get("issued_at") or "")[:10]}
