"""Check-in by learning card: one scanned payload → one outcome, at most one attendance row.

This is the desk's hot path (a queue of learners at the door), so the look-ups and inserts are
plain SQL on the caller's transaction connection instead of ORM objects: the ORM would cost
several times the statements themselves (bench/bench_checkin.py measures both side by side).
The attendance row and its outbox row are written in the caller's transaction; the caller's
commit (synchronous=FULL) is what makes a sign-in confirmed.
"""
from __future__ import annotations

import json
import re

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from ccschool.clock import CHINA
from ccschool.db import sqlite_connection
from ccschool import settings
from ccschool.sync import hlc

from ccschool.services import cards
from ccschool.sync.changes import outbox_row
from ccschool.errors import CCSError, ValidationError
from ccschool.i18n import Text
from ccschool.stamps import from_micros, new_id, to_micros, utcnow
from ccschool.services.attended import ATTENDED

if TYPE_CHECKING:
    from sqlmodel import Session

OUTCOMES = ("ok", "late", "duplicate", "not_enrolled", "revoked", "foreign", "invalid",
            "no_session")
SIGNED_IN = ("ok", "late")  # outcomes that wrote an attendance row
# Banner colour per outcome: green = in, amber = look at it, red = refused.
SEVERITY = {"ok": "ok", "late": "warn", "duplicate": "warn", "not_enrolled": "warn",
            "revoked": "error", "foreign": "error", "invalid": "error", "no_session": "error"}

_SESSION_SQL = (
    "SELECT s.class_id, s.date, s.start_time, s.state, s.closed_at "
    "FROM class_session s JOIN course_class c ON c.id = s.class_id "
    "WHERE s.id = ? AND s.deleted_at IS NULL")
_CARD_SQL = (
    "SELECT c.learner_id, c.state, l.card_no, l.deleted_at, p.name "
    "FROM learning_card c JOIN learner l ON l.id = c.learner_id "
    "JOIN person p ON p.id = l.person_id WHERE c.card_no = ? AND c.deleted_at IS NULL")
_LEARNER_SQL = ("SELECT l.card_no, l.deleted_at, p.name FROM learner l "
                "JOIN person p ON p.id = l.person_id WHERE l.id = ?")
_LIVE_SQL = ("SELECT id, at, status FROM attendance "
             "WHERE session_id = ? AND learner_id = ? AND deleted_at IS NULL")
_TWIN_SQL = _LIVE_SQL  # the same look-up, after losing an insert race (kept apart for the test)
_ENROLLED_SQL = ("SELECT state FROM enrollment "
                 "WHERE class_id = ? AND learner_id = ? AND deleted_at IS NULL")
_SETTING_SQL = "SELECT value FROM setting WHERE key = ?"  # settings.get without the ORM
_ATT_COLS = ("id", "created_at", "updated_at", "version", "deleted_at", "session_id",
             "learner_id", "session_date", "status", "method", "at", "by_user", "reason")
# The partial unique index ux_attendance_live is the conflict target: a twin scan racing this
# one inserts nothing instead of failing the transaction, and is then answered "duplicate".
_INSERT_SQL = (f"INSERT INTO attendance ({', '.join(_ATT_COLS)}) "
               f"VALUES ({', '.join('?' * len(_ATT_COLS))}) "
               "ON CONFLICT (session_id, learner_id) WHERE deleted_at IS NULL DO NOTHING")
_OUTBOX_COLS = ("kind", "record_id", "version", "op", "period", "payload", "created_at")
_OUTBOX_SQL = (f"INSERT INTO outbox_entry ({', '.join(_OUTBOX_COLS)}) "
               f"VALUES ({', '.join('?' * len(_OUTBOX_COLS))})")


@dataclass
class CheckinResult:
    payload: str
    outcome: str
    text: Text
    session_id: str | None = None
    card_no: str | None = None
    learner_id: str | None = None
    learner_name: str | None = None
    at: datetime | None = None  # time of the sign-in (for "duplicate": the first one)
    attendance_id: str | None = None
    walk_in: bool = False

    @property
    def message(self) -> str:
        return str(self.text)

    @property
    def signed_in(self) -> bool:
        return self.outcome in SIGNED_IN

    @property
    def severity(self) -> str:
        return SEVERITY[self.outcome]

    def as_dict(self) -> dict:
        return {"payload": self.payload, "outcome": self.outcome, "learner": self.learner_name,
                "learner_id": self.learner_id, "card": self.card_no,
                "at": self.at.isoformat() if self.at else None, "session": self.session_id,
                "attendance_id": self.attendance_id, "walk_in": self.walk_in,
                "message": self.message}


@dataclass(frozen=True)
class _Card:
    learner_id: str
    name: str
    card_no: str


def session_start(day: date, start: time) -> datetime:
    """The start of a session as an instant: session times are China wall-clock times."""
    return datetime.combine(day, start, CHINA)


_COMPLETE = re.compile(r"^CCS1C?:[A-Z0-9-]{1,32}:[A-Z0-9-]{1,32}:[A-Z2-7]{8}$")


def looks_complete(text: str) -> bool:
    """True when typed text is a whole payload: scanners that send no Enter are taken at a pause."""
    return bool(_COMPLETE.match(cards.normalise_scan(text)))


_CARD_NUMBER = re.compile(r"[A-Z0-9][A-Z0-9-]{0,31}")


def typed_card_number(text: str) -> str | None:
    """The card number when the scan box holds a bare number (T0010001), not a QR payload.

    Staff type the number printed under the code when a card will not scan; it has no check
    code, so the sign-in is recorded as manual.
    """
    norm = cards.normalise_scan(text)
    return norm if _CARD_NUMBER.fullmatch(norm) else None


def check_in(s: Session, *, session_id: str | None, payload: str, method: str = "scan",
             now: datetime | None = None, enroll_walk_ins: bool = False) -> CheckinResult:
    """Sign in the learner whose card was scanned; returns the outcome, never raises for a bad card.

    Writes nothing unless the outcome is ok/late. `now` is injectable for tests.
    """
    now = now or utcnow()
    conn = sqlite_connection(s)  # raw sqlite3: cheaper than the look-ups' ORM bookkeeping
    result = CheckinResult(payload=payload, outcome="invalid", text=Text("", ""),
                           session_id=session_id)
    typed = typed_card_number(payload)
    if typed is not None:  # staff typed the number printed on the card: a manual sign-in
        method = "manual"
        result.card_no = typed
        card = _lookup_card(conn, typed, result)
    else:
        card = _card_from_payload(s, conn, payload, result)
    if card is None:
        return result
    return _check_in_card(s, conn, result, card, method, now, enroll_walk_ins)


def check_in_learner(s: Session, *, session_id: str | None, learner_id: str, method: str,
                     now: datetime | None = None, enroll_walk_ins: bool = False) -> CheckinResult:
    """Sign in a learner found another way (name search on a second desk, a phone): the same
    rules as a scanned card, from the session check on."""
    now = now or utcnow()
    conn = sqlite_connection(s)
    result = CheckinResult(payload="", outcome="invalid", text=Text("", ""),
                           session_id=session_id)
    row = conn.execute(_LEARNER_SQL, (learner_id,)).fetchone()
    if row is None:
        return _answer(result, "invalid", "找不到这位学员", "No such learner")
    card_no, deleted, name = row
    result.card_no, result.learner_id, result.learner_name = card_no, learner_id, name
    if deleted is not None:
        return _answer(result, "revoked", "{name} 的学员档案已注销",
                       "{name}'s learner record was removed")
    return _check_in_card(s, conn, result, _Card(learner_id, name, card_no), method, now,
                          enroll_walk_ins)


def _check_in_card(s: Session, conn, result: CheckinResult, card: _Card, method: str,
                   now: datetime, enroll_walk_ins: bool) -> CheckinResult:
    """The rules after the learner is known: open session, duplicate, enrolled, late."""
    session_id = result.session_id
    result.card_no, result.learner_id, result.learner_name = card.card_no, card.learner_id, card.name
    sess = _open_session(conn, session_id, now)
    if sess is None:
        return _answer(result, "no_session", "{name}：现在没有开放签到的课次（卡号 {card}）",
                       "{name}: no session is open for sign-in now (card {card})")
    class_id, day, start = sess
    live = conn.execute(_LIVE_SQL, (session_id, card.learner_id)).fetchone()
    if live is not None and live[2] in ATTENDED:
        return _duplicate(result, live)
    if not _is_enrolled(conn, class_id, card.learner_id):
        if not enroll_walk_ins:
            return _answer(result, "not_enrolled", "{name} 未报名本班（卡号 {card}），可登记为插班生",
                           "{name} is not enrolled in this class (card {card}); enrol as a walk-in?")
        if not _walk_in(s, result, class_id, card.learner_id):
            return result
    status = arrival_status(s, day=day, start=start, now=now)
    if live is not None:  # marked 请假 beforehand, then came after all
        _upgrade_excused(s, live[0], status, method, now)
        return _signed_in(result, status, live[0], now)
    return _insert(s, conn, result, (session_id, card.learner_id, day), status, method, now)


def _card_from_payload(s: Session, conn, payload: str, result: CheckinResult) -> _Card | None:
    """Parse and verify the code and look up its card; on failure fill `result` and return None."""
    try:
        code = cards.parse_payload(payload)
    except ValidationError as exc:
        _answer(result, "invalid", exc.zh, exc.en)
        return None
    result.card_no = code.number
    if code.kind != "card":
        _answer(result, "invalid", "这是结业证书二维码，不是学习卡（{card}）",
                "This is a certificate code, not a learning card ({card})")
        return None
    site_code, secret = conn.execute(
        "SELECT code, secret FROM site WHERE deleted_at IS NULL LIMIT 1").fetchone()
    if code.site_code != site_code:
        _answer(result, "foreign", "这是其他站点（{site}）的学习卡，卡号 {card}",
                "This card belongs to another site ({site}), card {card}", site=code.site_code)
        return None
    if not code.verify(secret):
        _answer(result, "invalid", "卡号 {card} 的校验码不对：伪造或损坏的二维码",
                "Card {card}: the check code is wrong (forged or damaged code)")
        return None
    return _lookup_card(conn, code.number, result)


def _lookup_card(conn, card_no: str, result: CheckinResult) -> _Card | None:
    row = conn.execute(_CARD_SQL, (card_no,)).fetchone()
    if row is None:
        _answer(result, "invalid", "卡号 {card} 未在本站登记", "Card {card} is not registered here")
        return None
    learner_id, state, current_no, learner_deleted, name = row
    result.learner_id, result.learner_name = learner_id, name
    if learner_deleted is not None:
        _answer(result, "revoked", "{name} 的学员档案已注销（卡号 {card}）",
                "{name}'s learner record was removed (card {card})")
        return None
    if state != "active" or current_no != card_no:
        _answer(result, "revoked", "卡号 {card} 已挂失或作废（{name}），请使用新卡或手工签到",
                "Card {card} was reported lost or revoked ({name}); use the new card or sign in "
                "by name")
        return None
    return _Card(learner_id, name, card_no)


def _open_session(conn, session_id: str | None, now: datetime) -> tuple | None:
    """(class_id, date, start) of the session if it is open for scanning now, else None.

    Open means: it exists, is not cancelled or closed (a session already marked held on the
    classes page is still open until the desk closes it), and takes place today (local time).
    """
    if not session_id:
        return None
    row = conn.execute(_SESSION_SQL, (session_id,)).fetchone()
    if row is None or row[3] == "cancelled" or row[4] is not None:
        return None
    day = date.fromisoformat(row[1])
    if day != now.astimezone(CHINA).date():
        return None
    return row[0], day, time.fromisoformat(row[2])


def _is_enrolled(conn, class_id: str, learner_id: str) -> bool:
    row = conn.execute(_ENROLLED_SQL, (class_id, learner_id)).fetchone()
    return row is not None and row[0] == "enrolled"


def arrival_status(s: Session, *, day: date, start: time, now: datetime) -> str:
    """出勤 or 迟到 for someone signing in at `now`: the one rule for scans and sign-ins by name.

    Late means more than the `late_after_minutes` setting after the start, on the session's own
    day; an entry made on a later day (a paper sheet typed in afterwards) cannot know the
    arrival time and counts as present.
    """
    if now.astimezone(CHINA).date() != day:
        return "present"
    conn = sqlite_connection(s)
    county = conn.execute(_SETTING_SQL, ("county_rules",)).fetchone()
    # the county's late window once its version is in force on the session's day (issue 19.5)
    ruled = settings.county_value(json.loads(county[0]), "late_after_minutes", day) if county else None
    row = None if ruled else conn.execute(_SETTING_SQL, ("late_after_minutes",)).fetchone()
    late_after = (ruled[0] if ruled else json.loads(row[0]) if row
                  else settings.OPTIONS["late_after_minutes"].default)
    minutes = (now - session_start(day, start)).total_seconds() / 60
    return "late" if minutes > late_after else "present"


def _insert(s: Session, conn, result: CheckinResult, key: tuple, status: str, method: str,
            now: datetime) -> CheckinResult:
    session_id, learner_id, day = key
    values = {"id": new_id(), "created_at": now, "updated_at": now,
              "version": hlc.next_version(conn),
              "deleted_at": None, "session_id": session_id, "learner_id": learner_id,
              "session_date": day, "status": status, "method": method, "at": now,
              "by_user": s.info.get("actor"), "reason": None}
    params = tuple(to_micros(v) if isinstance(v, datetime) else
                   v.isoformat() if isinstance(v, date) else v for v in values.values())
    inserted = conn.execute(_INSERT_SQL, params).rowcount
    if inserted == 0:  # lost the race to a twin scan from another window/process
        return _duplicate(result, conn.execute(_TWIN_SQL, (session_id, learner_id)).fetchone())
    box = outbox_row("attendance", values)
    conn.execute(_OUTBOX_SQL, tuple(to_micros(box[c]) if c == "created_at" else box[c]
                                   for c in _OUTBOX_COLS))
    return _signed_in(result, status, values["id"], now)


def _upgrade_excused(s: Session, attendance_id: str, status: str, method: str,
                     now: datetime) -> None:
    from ccschool import audit
    from ccschool.models import Attendance

    row = s.get(Attendance, attendance_id)
    assert row is not None, "the caller found this live row in the same transaction"
    before = {"status": row.status, "reason": row.reason}
    row.status, row.method, row.at, row.by_user = status, method, now, s.info.get("actor")
    s.add(row)
    audit.record(s, "attendance.excused_arrived", "attendance", row.id, before=before,
                 after={"status": status})
    s.flush()


def _walk_in(s: Session, result: CheckinResult, class_id: str, learner_id: str) -> bool:
    # (deferred: the enrollment service loads the record classes, which a scan never needs)
    from ccschool.services.enrollment import enroll_walk_in

    try:
        enroll_walk_in(s, class_id=class_id, learner_id=learner_id)
    except CCSError as exc:
        _answer(result, "not_enrolled", "{name}：" + exc.zh, "{name}: " + exc.en)
        return False
    result.walk_in = True
    return True


def _signed_in(result: CheckinResult, status: str, attendance_id: str,
               now: datetime) -> CheckinResult:
    result.attendance_id, result.at = attendance_id, now
    local = now.astimezone(CHINA).strftime("%H:%M")
    if status == "late":
        return _answer(result, "late", "{name} 签到成功（迟到）{t}", "{name} signed in (late) at {t}",
                       t=local)
    return _answer(result, "ok", "{name} 签到成功 {t}", "{name} signed in at {t}", t=local)


def _duplicate(result: CheckinResult, live) -> CheckinResult:
    first = from_micros(live[1])
    result.attendance_id, result.at = live[0], first
    return _answer(result, "duplicate", "{name} 已签到过（{t}），无需重复签到",
                   "{name} already signed in at {t}", t=first.astimezone(CHINA).strftime("%H:%M"))


def _answer(result: CheckinResult, outcome: str, zh: str, en: str, **fmt) -> CheckinResult:
    """Set the outcome and its message; the message may name {name} and {card}."""
    fmt = {"name": result.learner_name or "", "card": result.card_no or "", **fmt}
    result.outcome = outcome
    result.text = Text(zh, en).format(**fmt)
    return result
