"""The county's shared teacher list (县师资库): chosen from the pool or entered by hand, pulled
by every site (GET /api/v1/teachers; PROTOCOL.md, County teacher list).

Every field is checked by the same rules the sites apply (ccschool.sync.county_teachers), so
nothing the county publishes is refused at a site. A phone number is published only when the
admin confirms the person agreed to share it with the sites.
"""
from __future__ import annotations

import json
import re
import uuid

from sqlalchemy import func, select, update
from sqlalchemy.engine import Engine

from ccschool.county import schema as t
from ccschool.county.store import now_iso
from ccschool.county.web import pools
from ccschool.county.web import tables as wt
from ccschool.sync.county_teachers import FieldProblem, check_teacher

_SPLIT = re.compile(r"[,，、;；]")
_RECORD = re.compile(r"[0-9a-f]{32}")
_TOWN = re.compile(r".+?(?:街道|镇|乡)")


class TeacherFormError(ValueError):
    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh, self.en = zh, en


_FIELDS_ZH = {"name": "姓名", "subjects": "科目/主题", "phone": "电话", "township": "乡镇（街道）",
              "teacher": "教师", "id": "编号", "source": "来源"}


def _checked(raw: dict) -> dict:
    try:
        return check_teacher(raw)
    except FieldProblem as p:
        raise TeacherFormError(f"{_FIELDS_ZH.get(p.field, p.field)}：{p.zh}",
                               f"{p.field}: {p.en}") from None


def _subjects(text: str) -> list[str]:
    return [x.strip() for x in _SPLIT.split(text or "") if x.strip()]


def _phone(form: dict[str, str], known: str | None) -> str | None:
    """The phone to publish: only with the consent box ticked; a phone without it is refused
    rather than silently dropped, so the admin knows it was not published."""
    phone = (form.get("phone") or "").strip() or known
    consent = form.get("phone_consent") == "yes"
    if phone and not consent and form.get("phone"):
        raise TeacherFormError("公开电话须勾选“本人同意向各站点公开电话”",
                               "Tick “agreed to share the phone with the sites” to publish it")
    return phone if consent else None


def parse(form: dict[str, str]) -> dict:
    """A teacher typed in by hand, checked field by field (TeacherFormError names the field)."""
    return _checked({"id": uuid.uuid4().hex, "name": (form.get("name") or "").strip(),
                     "subjects": _subjects(form.get("subjects", "")),
                     "phone": _phone(form, None), "township": (form.get("township") or "").strip(),
                     "source": "manual"})


def candidates(engine: Engine) -> list[dict]:
    """Pool teachers the county may publish: named (the person consented), not yet published."""
    live = {r for r in _live_sources(engine)}
    towns = _townships(engine)
    out = []
    for p in pools.teachers(engine):
        if p["name"] and p["kind"] in ("teacher", "both") and p["record_id"] not in live:
            out.append({**p, "township": towns.get(p["site"], p["site"])})
    return out


def _live_sources(engine: Engine) -> list[str]:
    p = wt.published_teacher
    with engine.connect() as conn:
        return list(conn.execute(select(p.c.source_record).where(
            p.c.withdrawn_at.is_(None), p.c.source_record.is_not(None))).scalars())


def _townships(engine: Engine) -> dict[str, str]:
    """{site code: the name of its township} (a village point's township school's name)."""
    with engine.connect() as conn:
        names: dict[str, str] = dict(conn.execute(select(t.site.c.code, t.site.c.name)).all())
        parents: dict[str, str | None] = dict(conn.execute(select(wt.site_profile.c.code,
                                           wt.site_profile.c.township)).all())
    out = {}
    for code, name in names.items():
        school = names.get(parents.get(code) or code, name)
        town = _TOWN.match(school)  # 东山镇社区学校 → 东山镇; the admin may still edit it
        out[code] = (town.group(0) if town else school)[:40]
    return out


def publish_from_pool(engine: Engine, record_id: str, form: dict[str, str], by: str) -> dict:
    """Publish one pool teacher with the subjects and township the admin confirmed."""
    if not _RECORD.fullmatch(record_id or ""):
        raise TeacherFormError("师资库中没有这位教师", "No such teacher in the pool")
    found = [c for c in candidates(engine) if c["record_id"] == record_id]
    if not found:
        raise TeacherFormError("这位教师不在可发布的名单中（未授权上传姓名或已发布）",
                               "This teacher cannot be published (name not shared, or "
                               "already published)")
    c = found[0]
    teacher = _checked({"id": uuid.uuid4().hex, "name": c["name"],
                        "subjects": _subjects(form.get("subjects") or c["skills"] or ""),
                        "phone": _phone(form, c["phone"]),
                        "township": (form.get("township") or c["township"]).strip(),
                        "source": "pool"})
    _insert(engine, teacher, by, source_record=record_id)
    return teacher


def add(engine: Engine, teacher: dict, by: str) -> None:
    _insert(engine, teacher, by)


def _insert(engine: Engine, teacher: dict, by: str, source_record: str | None = None) -> None:
    p = wt.published_teacher
    with engine.begin() as conn:
        if source_record and conn.execute(select(p.c.pk).where(
                p.c.source_record == source_record, p.c.withdrawn_at.is_(None))).first():
            raise TeacherFormError("这位教师已经发布", "This teacher is already published")
        conn.execute(p.insert().values(
            teacher_id=teacher["id"], name=teacher["name"], township=teacher["township"],
            subjects=json.dumps(teacher["subjects"], ensure_ascii=False), phone=teacher["phone"],
            source=teacher["source"], source_record=source_record, published_at=now_iso(),
            published_by=by[:64]))


def withdraw(engine: Engine, teacher_id: str) -> bool:
    p = wt.published_teacher
    with engine.begin() as conn:
        done = conn.execute(update(p).where(p.c.teacher_id == teacher_id,
                                             p.c.withdrawn_at.is_(None))
                            .values(withdrawn_at=now_iso()))
    return done.rowcount == 1


def published(engine: Engine) -> list[dict]:
    p = wt.published_teacher
    with engine.connect() as conn:
        rows = conn.execute(select(p).where(p.c.withdrawn_at.is_(None))
                            .order_by(p.c.township, p.c.name, p.c.pk)).all()
    return [{"id": r.teacher_id, "name": r.name, "subjects": json.loads(r.subjects),
             "phone": r.phone, "township": r.township, "source": r.source,
             "published_at": r.published_at, "published_by": r.published_by} for r in rows]


def document(engine: Engine) -> dict:
    """What sites pull: the live list and its revision, which grows with every publish and
    every withdrawal (rows are never deleted), so the newer of two lists is plain to see."""
    p = wt.published_teacher
    with engine.connect() as conn:
        rows, gone, last = conn.execute(select(
            func.count(), func.count(p.c.withdrawn_at),
            func.max(func.coalesce(p.c.withdrawn_at, p.c.published_at)))).one()
    keys = ("id", "name", "subjects", "phone", "township", "source")
    return {"revision": rows + gone, "updated_at": last or "",
            "teachers": [{k: x[k] for k in keys} for x in published(engine)]}
