"""师资库/志愿者: the pool of teachers and volunteers, each a role of a shared Person."""
from __future__ import annotations

from sqlalchemy import or_, select
from sqlmodel import Session

from ccschool import audit
from ccschool.errors import Conflict, NotFound, ValidationError
from ccschool.i18n import L
from ccschool.idcard import check_mobile, normalise_phone
from ccschool.models import Instructor, Person
from ccschool.models.instructor import ORG_TYPES
from ccschool.pinyin import name_keys

ORG_EN = dict(zip(ORG_TYPES, ("School teacher", "College student", "Medical worker",
                             "Science and technology worker", "Retired", "Other")))
KIND_LABELS = {"teacher": ("教师", "Teacher"), "volunteer": ("志愿者", "Volunteer"),
               "both": ("教师兼志愿者", "Teacher and volunteer")}


def kind_label(kind: str) -> str:
    zh, en = KIND_LABELS.get(kind, (kind, kind))
    return L(zh, en)


def org_label(org_type: str) -> str:
    return L(org_type, ORG_EN.get(org_type, org_type))


def _kind(kind: str | None) -> str:
    kind = (kind or "volunteer").strip()
    for code, (zh, en) in KIND_LABELS.items():
        if kind in (code, zh, en.lower(), en):
            return code
    raise ValidationError("类别应为 teacher（教师）、volunteer（志愿者）或 both（兼任）",
                          "Kind is teacher, volunteer or both", field="kind")


def _org_type(org_type: str | None) -> str:
    org_type = (org_type or "其他").strip()
    if org_type not in ORG_TYPES:
        raise ValidationError("单位类型应为：{types}", "Organisation type is one of: {types}",
                              types="、".join(ORG_TYPES), field="org_type")
    return org_type


def find_person(session: Session, *, name: str, phone: str) -> Person | None:
    """The resident with this name and phone, whatever roles they already have."""
    return session.scalars(select(Person).where(
        Person.name == name, Person.phone == phone, Person.deleted_at.is_(None))).first()


def _person(session: Session, name: str, phone: str | None) -> Person:
    if phone:
        found = find_person(session, name=name, phone=phone)
        if found is not None:
            return found  # a learner who also volunteers stays one person
    initials, full = name_keys(name)
    person = Person(name=name, phone=phone or None, phone_tail=phone[-4:] if phone else None,
                    pinyin_initials=initials, pinyin_full=full)
    session.add(person)
    return person


def _merged_kind(old: str, new: str) -> str:
    return old if old == new or old == "both" else "both"


def add_instructor(session: Session, *, name: str, phone: str | None = None,
                   kind: str | None = "volunteer", org_type: str | None = None,
                   organisation: str | None = None, skills: str | None = None) -> Instructor:
    """Add someone to the pool; a person already there as teacher who now volunteers becomes both."""
    name = (name or "").strip()
    if not name:
        raise ValidationError("请填写姓名", "Enter the name", field="name")
    phone = check_mobile(phone) if normalise_phone(phone) else None
    kind, org_type = _kind(kind), _org_type(org_type)
    person = _person(session, name, phone)
    session.flush()
    existing = _by_person(session, person.id)
    if existing is not None:
        if _merged_kind(existing.kind, kind) == existing.kind:
            raise Conflict("{name}（{phone}）已在师资库中", "{name} ({phone}) is already in the pool",
                           name=name, phone=phone or "-", field="name")
        existing.kind = _merged_kind(existing.kind, kind)
        session.add(existing)
        audit.record(session, "instructor.kind", "instructor", existing.id, after={"kind": existing.kind})
        return existing
    inst = Instructor(person_id=person.id, kind=kind, org_type=org_type,
                      organisation=(organisation or "").strip() or None,
                      skills=(skills or "").strip() or None)
    session.add(inst)
    audit.record(session, "instructor.add", "instructor", inst.id, after={"name": name, "kind": kind})
    return inst


def _by_person(session: Session, person_id: str) -> Instructor | None:
    return session.scalars(select(Instructor).where(Instructor.person_id == person_id,
                                                    Instructor.deleted_at.is_(None))).first()


def list_instructors(session: Session, *, kind: str | None = None,
                     search: str | None = None) -> list[tuple[Instructor, Person]]:
    """The pool, by name; kind "teacher" also lists those who are both (and so for volunteers)."""
    q = (select(Instructor, Person).join(Person, Person.id == Instructor.person_id)
         .where(Instructor.deleted_at.is_(None)).order_by(Person.pinyin_full, Person.name))
    if kind:
        q = q.where(Instructor.kind.in_((_kind(kind), "both")))
    if search:
        text = search.strip()
        q = q.where(or_(Person.name.contains(text), Person.pinyin_initials.startswith(text.lower()),
                        Person.phone.endswith(text)))
    return [tuple(row) for row in session.execute(q)]


def get_instructor(session: Session, ref: str) -> Instructor:
    """By id, or by name when exactly one person in the pool has it."""
    inst = session.get(Instructor, ref)
    if inst is not None and inst.deleted_at is None:
        return inst
    matches = session.scalars(select(Instructor).join(Person, Person.id == Instructor.person_id)
                              .where(Person.name == (ref or "").strip(),
                                     Instructor.deleted_at.is_(None))).all()
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise Conflict("师资库中有{n}位“{ref}”，请用编号指定", "{n} people named “{ref}”; use the id",
                       n=len(matches), ref=ref, field="teacher")
    raise NotFound("师资库中找不到“{ref}”", "No teacher or volunteer “{ref}”", ref=ref, field="teacher")


def instructor_name(session: Session, instructor_id: str | None) -> str:
    if not instructor_id:
        return ""
    inst = session.get(Instructor, instructor_id)
    person = session.get(Person, inst.person_id) if inst else None
    return person.name if person else ""


def instructor_dict(inst: Instructor, person: Person) -> dict:
    return {"id": inst.id, "person_id": person.id, "name": person.name, "phone": person.phone,
            "kind": inst.kind, "org_type": inst.org_type, "organisation": inst.organisation,
            "skills": inst.skills}
