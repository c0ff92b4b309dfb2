"""Personal data (PIPL): erase a learner on request, mask for non-admins, protected hand-over.

Erasing keeps the learner record and its attendance rows (anonymous counts stay right in every
report) but removes everything that names the person. The Person update travels to the county
through the outbox like any other change; local copies of the old values in unsent outbox rows
and in the audit log are scrubbed, since a lost laptop must not still hold them.
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pyzipper
from sqlalchemy import and_, func, or_, select
from sqlmodel import Session

from ccschool import audit
from ccschool.errors import Conflict, PermissionDenied, ValidationError
from ccschool.exports.table import table_bytes
from ccschool.fileio import atomic_path
from ccschool.i18n import L
from ccschool.idcard import mask_id, mask_phone
from ccschool.models import (Attendance, AuditEntry, Learner, LearningCard, OutboxEntry, Person,
                             UploadBatch, utcnow)
from ccschool.services.attended import ATTENDED
from ccschool.services.learners import find_learner, get_learner, person_of
from ccschool.sync import wire
from ccschool.sync.privacy import strip_personal

ERASED_NAME = "已注销"
# Cleared on erasure. Gender and village stay: they are what the anonymous statistics group by.
ERASED_VALUES = {"name": ERASED_NAME, "birth_date": None, "phone": None, "phone_tail": None,
                 "id_number": None, "notes": None, "pinyin_initials": "", "pinyin_full": ""}
MIN_PASSWORD = 8


def mask_person(values: dict, *, role: str) -> dict:
    """A copy of a person's fields fit for this role's screen or export."""
    if role == "admin":
        return dict(values)
    out = dict(values)
    if out.get("id_number"):
        out["id_number"] = mask_id(out["id_number"])
    if out.get("phone"):
        out["phone"] = mask_phone(out["phone"])
    return out


def _scrub_json(text: str) -> str:
    if not text:
        return text
    try:
        value = json.loads(text)
    except ValueError:
        return text
    if isinstance(value, dict):
        value.update({k: v for k, v in ERASED_VALUES.items() if k in value})
    return json.dumps(value, ensure_ascii=False, default=str)


def _scrub_local_copies(session: Session, person: Person, learner: Learner) -> None:
    """No copy of the old values stays on the laptop: unsent outbox rows, sealed ones (already
    sent or waiting: what was sent is the county's to erase, the erasure upsert follows), and
    the audit log."""
    rows = session.scalars(select(OutboxEntry).where(or_(
        and_(OutboxEntry.kind == "person", OutboxEntry.record_id == person.id),
        and_(OutboxEntry.kind == "learner", OutboxEntry.record_id == learner.id))))
    _erase_pruned_hashes(session, person.id)
    sealed = set()
    for entry in rows:
        if not entry.payload:  # pruned (sync/prune.py): only hashes are left, nothing personal
            if entry.erased_digest:  # what the county keeps of this version once it erases
                entry.digest, entry.erased_digest = entry.erased_digest, None
            continue
        if entry.batch_id is None:
            entry.payload = _scrub_json(entry.payload) if entry.kind == "person" else entry.payload
        else:  # sealed payloads hold wire data: drop what a non-consenting person's would lack
            entry.payload = _dumps_wire(strip_personal(entry.kind, json.loads(entry.payload)))
            sealed.add(entry.batch_id)
    session.flush()
    for batch_id in sealed:
        _rehash(session, batch_id)
    logged = session.scalars(select(AuditEntry).where(
        or_(AuditEntry.entity_id == person.id, AuditEntry.entity_id == learner.id)))
    for logged_entry in logged:
        logged_entry.before = logged_entry.before and _scrub_json(logged_entry.before)
        logged_entry.after = logged_entry.after and _scrub_json(logged_entry.after)


def _erase_pruned_hashes(session: Session, person_id: str) -> None:
    """A person's pruned rows (sync/prune.py) hold only hashes: each version's hash becomes
    that of its erased form, as the county keeps it once it erases."""
    from ccschool.sync.prune import kind_code, record_key

    session.connection().exec_driver_sql(
        "UPDATE outbox_pruned SET digest = erased_digest, erased_digest = NULL "
        "WHERE kind = ? AND record_id = ? AND erased_digest IS NOT NULL",
        (kind_code("person"), record_key(person_id)))


def _rehash(session: Session, batch_id: str) -> None:
    """The batch's content hash follows its scrubbed records (the USB file is built from them)."""
    from ccschool.sync.batching import batch_was_pruned, whole_batch

    batch = session.get(UploadBatch, batch_id)
    assert batch is not None, "outbox_entry.batch_id is a foreign key; batches are never deleted"
    if batch_was_pruned(session, batch) or session.scalar(select(func.count()).select_from(OutboxEntry).where(
            OutboxEntry.batch_id == batch_id, OutboxEntry.payload == "")):
        return  # acknowledged and pruned: never sent again, so its hash stays as the county has it
    batch.content_hash = wire.content_hash(whole_batch(session, batch)["records"])
    session.add(batch)


def _dumps_wire(data: dict) -> str:
    return wire.dumps(data).decode()


def _revoke_cards(session: Session, learner: Learner) -> None:
    now = utcnow()
    learner.card_state = "revoked"
    for card in session.scalars(select(LearningCard).where(
            LearningCard.learner_id == learner.id, LearningCard.state == "active")):
        card.state, card.revoked_at, card.revoke_reason = "revoked", now, "erased"


def erase_learner(session: Session, *, card_no: str | None = None,
                  learner_id: str | None = None, reason: str = "本人申请") -> dict:
    """Remove the personal fields of a learner's Person; attendance rows stay, anonymous."""
    # a deleted learner's personal data can still be erased
    learner = (get_learner(session, learner_id, include_deleted=True) if learner_id
               else find_learner(session, card_no, include_deleted=True))
    person = person_of(session, learner.person_id)
    if person.erased_at is not None:
        raise Conflict("该学员的个人信息已于 {at} 注销", "This learner was already erased on {at}",
                       at=person.erased_at.date())
    _scrub_local_copies(session, person, learner)
    for key, value in ERASED_VALUES.items():
        setattr(person, key, value)
    person.erased_at = utcnow()
    _revoke_cards(session, learner)
    session.flush()  # the change hook writes the Person's outbox row here
    attended = session.scalar(select(func.count()).select_from(Attendance).where(
        Attendance.learner_id == learner.id, Attendance.deleted_at.is_(None)))
    audit.record(session, "learner.erase", "person", person.id,
                 after={"card_no": learner.card_no, "reason": reason})
    return {"person_id": person.id, "learner_id": learner.id, "card_no": learner.card_no,
            "attendance_kept": attended}


# -- password-protected hand-over --------------------------------------------------------------

def _learner_rows(session: Session):
    counts = (select(Attendance.learner_id, func.count().label("n"))
              .where(Attendance.deleted_at.is_(None),
                     Attendance.status.in_(ATTENDED))
              .group_by(Attendance.learner_id).subquery())
    q = (select(Learner.card_no, Person.name, Person.gender, Person.birth_date, Person.id_number,
                Person.phone, Person.village, Learner.target_groups, Learner.registered_on,
                func.coalesce(counts.c.n, 0))
         .join(Person, Person.id == Learner.person_id)
         .outerjoin(counts, counts.c.learner_id == Learner.id)
         .where(Learner.deleted_at.is_(None), Person.erased_at.is_(None))
         .order_by(Learner.card_no))
    return session.execute(q.execution_options(yield_per=2000))


def _workbook_bytes(session: Session) -> tuple[bytes, int]:
    headers = [L("卡号", "Card"), L("姓名", "Name"), L("性别", "Gender"),
               L("出生日期", "Birth date"), L("身份证号", "ID number"), L("电话", "Phone"),
               L("村（社区）", "Village"), L("人群", "Groups"), L("登记日期", "Registered"),
               L("出勤次数", "Sessions attended")]
    rows = ([v.isoformat() if isinstance(v, date) else v for v in row]
            for row in _learner_rows(session))
    return table_bytes(title=L("学员", "Learners"), headers=headers, rows=rows, heading=False,
                       numbers_from_text=False)


def export_protected(session: Session, out: str | Path, *, password: str, role: str) -> int:
    """Learners with full personal fields, as an xlsx inside an AES-256 zip (7-Zip, WinRAR).

    Returns the number of learners written. Admins only; the password is never stored.
    """
    if role != "admin":
        raise PermissionDenied("只有管理员可以导出完整的个人信息",
                               "Only an admin can export full personal data")
    if len(password or "") < MIN_PASSWORD:
        raise ValidationError("密码至少 {n} 位", "The password needs at least {n} characters",
                              n=MIN_PASSWORD, field="password")
    data, n = _workbook_bytes(session)
    with atomic_path(out) as tmp:
        with pyzipper.AESZipFile(tmp, "w", compression=pyzipper.ZIP_DEFLATED,
                                 encryption=pyzipper.WZ_AES) as zf:
            zf.setpassword(password.encode("utf-8"))
            zf.setencryption(pyzipper.WZ_AES, nbits=256)
            zf.writestr(L("学员信息.xlsx", "learners.xlsx"), data)
    return n
