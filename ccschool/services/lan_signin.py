"""Sign-ins that arrive over the laptop's own network: a learner's phone, a staff second desk.

The check-in rules (one live row, 已签到 for a second try, the late rule, cards of other sites
and revoked cards refused) are those of services.attendance.checkin; this module only finds the learner a
phone names and adds what a network sign-in needs on top: the masked name a learner confirms,
and an audit entry saying which device signed whom in, how.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ccschool import audit
from ccschool.db import sqlite_connection
from ccschool.errors import NotFound, ValidationError
from ccschool.services import cards
from ccschool.services.attendance.checkin import CheckinResult, check_in, check_in_learner

if TYPE_CHECKING:
    from sqlmodel import Session

METHODS = ("phone", "desk")  # attendance.method of a sign-in from a learner's phone / a desk
_CARD_NO = re.compile(r"[A-Z0-9-]{1,20}")
_TAIL = re.compile(r"[0-9]{4}")
_CARD_SQL = ("SELECT c.learner_id, c.state, l.card_no, l.deleted_at, p.name "
             "FROM learning_card c JOIN learner l ON l.id = c.learner_id "
             "JOIN person p ON p.id = l.person_id WHERE c.card_no = ? AND c.deleted_at IS NULL")
_NAME_TAIL_SQL = ("SELECT l.id, p.name FROM person p JOIN learner l ON l.person_id = p.id "
                  "WHERE p.phone_tail = ? AND p.name = ? AND p.deleted_at IS NULL "
                  "AND l.deleted_at IS NULL LIMIT 2")


@dataclass(frozen=True)
class Found:
    learner_id: str
    masked_name: str


def mask_name(name: str) -> str:
    """张* / 王*英 / 欧阳**: enough for a learner to recognise themselves, not to identify
    someone else on a phone passed around the room."""
    name = (name or "").strip()
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def _clean(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def find_for_phone(s: Session, *, card: str = "", name: str = "", phone_tail: str = "") -> Found:
    """The learner a phone names by card number (or pasted card code), or by name and the last
    four digits of their phone. Raises a ValidationError/NotFound the learner can act on."""
    card = cards.normalise_scan(card)
    if card:
        return _by_card(s, card)
    name, tail = _clean(name), _clean(phone_tail)
    if not name or not _TAIL.fullmatch(tail):
        raise ValidationError("请填写卡号，或填写姓名和手机号后四位",
                              "Enter your card number, or your name and the last four digits "
                              "of your phone", field="card")
    rows = sqlite_connection(s).execute(_NAME_TAIL_SQL, (tail, name)).fetchall()
    if not rows:
        raise NotFound("没有找到姓名和手机尾号都相符的学员，请核对或改用卡号",
                       "No learner with that name and phone ending; check them or use your "
                       "card number", field="name")
    if len(rows) > 1:
        raise ValidationError("有多位学员姓名和手机尾号相同，请改用卡号签到",
                              "Several learners share that name and phone ending; use your "
                              "card number", field="name")
    return Found(rows[0][0], mask_name(rows[0][1]))


def _by_card(s: Session, card: str) -> Found:
    conn = sqlite_connection(s)
    if card.startswith(cards.CARD_PREFIX + ":"):  # a card code pasted from a scanning app
        card = _number_from_payload(conn, card)
    elif card.isdigit():  # only the digits printed under the QR were typed
        prefix = conn.execute("SELECT card_prefix FROM site LIMIT 1").fetchone()[0] or ""
        card = prefix + card.zfill(6)
    if not _CARD_NO.fullmatch(card):
        raise ValidationError("卡号格式不对：请核对学习卡上的卡号", "That is not a card number; "
                              "check the number on your learning card", field="card")
    row = conn.execute(_CARD_SQL, (card,)).fetchone()
    if row is None:
        raise NotFound("卡号 {card} 未在本站登记", "Card {card} is not registered here",
                       card=card, field="card")
    learner_id, state, current_no, deleted, name = row
    if deleted is not None or state != "active" or current_no != card:
        raise ValidationError("卡号 {card} 已挂失或作废：请用新卡或姓名加手机尾号签到",
                              "Card {card} was reported lost or revoked; use your new card or "
                              "your name and phone ending", card=card, field="card")
    return Found(learner_id, mask_name(name))


def _number_from_payload(conn, payload: str) -> str:
    code = cards.parse_payload(payload)
    site_code, secret = conn.execute(
        "SELECT code, secret FROM site WHERE deleted_at IS NULL LIMIT 1").fetchone()
    if code.kind != "card":
        raise ValidationError("这是结业证书二维码，不是学习卡", "This is a certificate code, "
                              "not a learning card", field="card")
    if code.site_code != site_code:
        raise ValidationError("这是其他站点（{site}）的学习卡", "This card belongs to another "
                              "site ({site})", site=code.site_code, field="card")
    if not code.verify(secret):
        raise ValidationError("卡号 {card} 的校验码不对", "Card {card}: the check code is wrong",
                              card=code.number, field="card")
    return code.number


def sign_in(s: Session, *, session_id: str, method: str, device: str,
            learner_id: str | None = None, payload: str | None = None,
            walk_in: bool = False) -> CheckinResult:
    """Sign a learner in (by id, or by a scanned card code) and audit the device that did it."""
    if method not in METHODS:
        raise ValidationError("签到方式应为 phone 或 desk", "Method is phone or desk",
                              field="method")
    if payload is not None:
        result = check_in(s, session_id=session_id, payload=payload, method=method,
                          enroll_walk_ins=walk_in)
    elif learner_id is not None:
        result = check_in_learner(s, session_id=session_id, learner_id=learner_id,
                                  method=method, enroll_walk_ins=walk_in)
    else:
        raise ValidationError("请扫描学习卡或选择学员", "Scan a learning card or pick a learner",
                              field="card")
    if result.signed_in:
        audit.record(s, "attendance.lan_signin", "attendance", result.attendance_id,
                     after={"method": method, "device": device, "status": result.outcome,
                            "learner": result.learner_name, "walk_in": result.walk_in})
    return result


def excuse(s: Session, *, session_id: str, learner_id: str, reason: str, device: str) -> str:
    """请假 from the staff desk: the staff rule (a reason is required) plus the device audited.
    Returns the learner's name for the desk's message."""
    from ccschool.services.attendance import marking

    row = marking.mark(s, session_id=session_id, learner_id=learner_id, status="excused",
                          reason=reason, method="desk")
    audit.record(s, "attendance.lan_excuse", "attendance", row.id,
                 after={"method": "desk", "device": device, "reason": row.reason})
    return marking.learner_name(s, learner_id)
