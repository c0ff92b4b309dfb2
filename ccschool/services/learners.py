"""The learner registry: add, edit, look up, re-issue cards, search.

Typed values go through the same cleaning and checks as roster cells (ccschool.roster), so a
form, a script and an Excel import accept and refuse exactly the same things.
"""
from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from ccschool import clock
from ccschool import audit, settings
from ccschool.errors import Conflict, NotFound, PermissionDenied, ValidationError
from ccschool.i18n import Text
from ccschool.idcard import mask_id
from ccschool.models import Learner, LearningCard, Person, Venue, utcnow
# the choices the learner form offers (ui/learners/dialog.py)
from ccschool.models.person import GENDERS as GENDERS, TARGET_GROUPS as TARGET_GROUPS
from ccschool.pinyin import name_keys
from ccschool.roster.model import RosterRow, labelled
from ccschool.roster.validate import check_row
from ccschool.services import site as site_svc

PERSON_FIELDS = ("name", "gender", "birth_date", "phone", "id_number", "village", "notes",
                 "consent_upload")
EDITABLE = PERSON_FIELDS + ("venue_id", "target_groups")


def check_fields(raw: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Text]]:
    """Clean typed values; return (clean values, {field: problem}) for showing next to fields."""
    row = RosterRow(0, ())
    raw = {k: v for k, v in raw.items() if k in PERSON_FIELDS or k == "target_groups"}
    if isinstance(raw.get("target_groups"), (list, tuple, set)):
        raw["target_groups"] = "、".join(raw["target_groups"])
    check_row(row, raw)
    problems: dict[str, Text] = {}
    for p in row.problems:
        problems.setdefault(p.field, p.text)
    if "id_masked" in row.values:
        problems.setdefault("id_number", Text("请输入完整的身份证号", "enter the full ID number"))
    return row.values, problems


def _clean_or_raise(raw: dict[str, Any]) -> dict[str, Any]:
    values, problems = check_fields(raw)
    if problems:
        field, text = next(iter(problems.items()))
        text = labelled(field, text)
        raise ValidationError(text.zh, text.en, field=field)
    return values


def new_card_no(session: Session) -> str:
    """Site prefix, device and sequence (services/site.py card_number)."""
    site = site_svc.get_site(session)
    return site_svc.card_number(site.card_prefix, site_svc.this_device(session),
                                site_svc.next_number(session, "card_no"))


# Names repeat a lot in one township (张伟, 王芳...); pypinyin costs ~30 µs a name.
_name_keys = lru_cache(maxsize=65536)(name_keys)


def person_values(values: dict[str, Any]) -> dict[str, Any]:
    """Person columns from clean values, with the search keys precomputed."""
    initials, full = _name_keys(values["name"])
    out = {k: values.get(k) for k in PERSON_FIELDS}
    out["consent_upload"] = bool(values.get("consent_upload"))
    out["phone_tail"] = values["phone"][-4:] if values.get("phone") else None
    out["pinyin_initials"], out["pinyin_full"] = initials, full
    return out


def create_learner(session: Session, *, venue_id: str | None = None, **raw) -> Learner:
    """Register a learner and issue a card. A person already on file (e.g. as a volunteer) is
    reused: one person, several roles."""
    values = _clean_or_raise(raw)
    if settings.get(session, "county_requires_id") and not values.get("id_number"):
        raise ValidationError("身份证号: 县平台要求填写身份证号", "ID number: the county requires it",
                              field="id_number")
    _check_venue(session, venue_id)
    person = _existing_person(session, values)
    if person is None:
        person = Person(**person_values(values))
        session.add(person)
        session.flush()
    learner = Learner(person_id=person.id, venue_id=venue_id,
                      target_groups=",".join(values.get("target_groups") or ()))
    session.add(learner)
    session.flush()
    issue_card(session, learner)
    audit.record(session, "learner.create", "learner", learner.id,
                 after={"name": person.name, "card_no": learner.card_no})
    return learner


def _existing_person(session: Session, values: dict) -> Person | None:
    """The person with this ID (or name+phone), refusing if they are already a learner."""
    person = None
    if values.get("id_number"):
        person = session.scalars(select(Person).where(
            Person.id_number == values["id_number"], Person.deleted_at.is_(None))).first()
    elif values.get("phone"):
        person = session.scalars(select(Person).where(
            Person.phone == values["phone"], Person.name == values["name"],
            Person.deleted_at.is_(None))).first()
    if person is None:
        return None
    learner = learner_of(session, person.id)
    if learner is not None:
        raise Conflict("{name}已登记为学员（卡号{card}），不能重复登记",
                       "{name} is already registered (card {card})", name=person.name,
                       card=learner.card_no or "-", field="id_number" if values.get("id_number") else "name")
    return person


def person_of(session: Session, person_id: str) -> Person:
    """The Person behind a learner, teacher or volunteer (their `person_id`). It is always
    there: `person_id` is a foreign key (PRAGMA foreign_keys=ON) and a Person row is never
    deleted, only erased in place (services/privacy.py)."""
    person = session.get(Person, person_id)
    assert person is not None, f"person {person_id} is named by a foreign key"
    return person


def learner_of(session: Session, person_id: str) -> Learner | None:
    return session.scalars(select(Learner).where(Learner.person_id == person_id,
                                                 Learner.deleted_at.is_(None))).first()


def _check_venue(session: Session, venue_id: str | None) -> None:
    if venue_id and session.get(Venue, venue_id) is None:
        raise NotFound("找不到该教学点", "Venue not found", field="venue_id")


def get_learner(session: Session, learner_id: str, *, include_deleted: bool = False) -> Learner:
    """A learner by id. A deleted (注销) learner counts as not found unless `include_deleted`
    (erasing or exporting a person's data must still reach them)."""
    learner = session.get(Learner, learner_id) if learner_id else None
    if learner is None or (learner.deleted_at is not None and not include_deleted):
        raise NotFound("找不到学员 {id}", "No learner {id}", id=learner_id, field="learner")
    return learner


def find_learner(session: Session, card_no: str | None, *, earlier_cards: bool = True,
                 include_deleted: bool = False) -> Learner:
    """The learner holding this card number. With `earlier_cards`, a re-issued (revoked) card
    still names its learner: the archive and the survey belong to the person, not the card.
    A deleted learner counts as not found unless `include_deleted`."""
    card_no = (card_no or "").strip().upper()
    if not card_no:
        raise ValidationError("请填写卡号", "Enter a card number", field="card")
    query = select(Learner).where(Learner.card_no == card_no)
    if not include_deleted:
        query = query.where(Learner.deleted_at.is_(None))
    learner = session.scalars(query).first()
    if learner is None and earlier_cards:
        old = session.scalars(select(LearningCard).where(LearningCard.card_no == card_no)).first()
        learner = session.get(Learner, old.learner_id) if old else None
    if learner is None or (learner.deleted_at is not None and not include_deleted):
        raise NotFound("找不到卡号为 {card} 的学员", "No learner has card {card}", card=card_no,
                       field="card")
    return learner


def update_learner(session: Session, learner_id: str, **raw) -> Learner:
    """Change typed fields; everything passed is re-checked together (ID vs birth date...)."""
    learner = get_learner(session, learner_id)
    person = person_of(session, learner.person_id)
    before = detail(session, learner_id, reveal_id=True)
    merged = {k: before[k] for k in PERSON_FIELDS} | {"target_groups": before["target_groups"]}
    if raw.get("id_number") and raw["id_number"] != before["id_number"]:
        for derived in ("birth_date", "gender"):  # a corrected ID brings its own birth date and gender
            if derived not in raw:
                merged.pop(derived)
    merged.update({k: v for k, v in raw.items() if k in EDITABLE})
    values = _clean_or_raise({k: v for k, v in merged.items() if k != "venue_id"})
    if values.get("id_number") and values["id_number"] != person.id_number:
        other = session.scalars(select(Person).where(Person.id_number == values["id_number"],
                                                     Person.id != person.id)).first()
        if other is not None:
            raise Conflict("身份证号已属于{name}", "This ID number belongs to {name}",
                           name=other.name, field="id_number")
    for key, value in person_values(values).items():
        setattr(person, key, value)
    if "venue_id" in raw:
        _check_venue(session, raw["venue_id"])
        learner.venue_id = raw["venue_id"] or None
    learner.target_groups = ",".join(values.get("target_groups") or ())
    session.add_all([person, learner])
    session.flush()
    audit.record(session, "learner.update", "learner", learner.id,
                 before=_masked(before), after=_masked(detail(session, learner_id, reveal_id=True)))
    return learner


def _masked(d: dict) -> dict:
    return d | {"id_number": mask_id(d.get("id_number"))}  # the audit log holds no full IDs


def issue_card(session: Session, learner: Learner) -> LearningCard:
    card = LearningCard(card_no=new_card_no(session), learner_id=learner.id, state="active",
                        issued_at=utcnow())
    learner.card_no, learner.card_state = card.card_no, "active"
    session.add_all([card, learner])
    session.flush()
    return card


def reissue_card(session: Session, learner_id: str, *, reason: str = "lost") -> LearningCard:
    """A lost card: revoke the old number (check-in refuses it from now on), issue a new one."""
    learner = get_learner(session, learner_id)
    old_no = learner.card_no
    for card in session.scalars(select(LearningCard).where(LearningCard.learner_id == learner.id,
                                                           LearningCard.state == "active")):
        card.state, card.revoked_at, card.revoke_reason = "revoked", utcnow(), reason
        session.add(card)
    card = issue_card(session, learner)
    audit.record(session, "learner.card_reissue", "learner", learner.id,
                 before={"card_no": old_no}, after={"card_no": card.card_no, "reason": reason})
    return card


def detail(session: Session, learner_id: str, *, reveal_id: bool = False) -> dict[str, Any]:
    """Everything shown about one learner; the ID number masked unless reveal_id."""
    learner = get_learner(session, learner_id)
    person = person_of(session, learner.person_id)
    out = {k: getattr(person, k) for k in PERSON_FIELDS}
    out["id_number"] = person.id_number if reveal_id else mask_id(person.id_number)
    out.update(id=learner.id, person_id=person.id, card_no=learner.card_no,
               card_state=learner.card_state, venue_id=learner.venue_id,
               target_groups=tuple(filter(None, learner.target_groups.split(","))),
               registered_on=learner.registered_on)
    return out


def reveal_id(session: Session, learner_id: str, *, is_admin: bool) -> str:
    """The full ID number, for an admin who asks; each look is written to the audit log."""
    if not is_admin:
        raise PermissionDenied("只有管理员可以查看完整身份证号", "Only an admin can see full ID numbers")
    number = detail(session, learner_id, reveal_id=True)["id_number"]
    audit.record(session, "learner.reveal_id", "learner", learner_id)
    return number or ""


def age(birth: date | None, today: date | None = None) -> int | None:
    if birth is None:
        return None
    today = today or clock.today()
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
