"""Staff login: the password check with growing waits after failures, every attempt audited.

A 4-digit PIN has 10,000 values; without a brake someone at the unlocked login screen (or a
script on the command line) tries them all in an afternoon. After FREE_FAILURES wrong passwords
in a row for one name, the next try must wait WAIT_AFTER seconds, doubling with each further
failure up to MAX_WAIT (15 minutes), so the 10,000 PINs take months. A right password resets
the count. The count lives in the audit log (action staff.login_failed, entity "login", entity
id the typed name), which also answers "who tried to get in, and when"; no schema change.

The slow password hash (~0.2 s) runs outside any transaction: the write lock is held only for
the one audit row.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from ccschool import audit
from ccschool.errors import PermissionDenied
from ccschool.models import AuditEntry, StaffUser, utcnow

FREE_FAILURES = 3
WAIT_AFTER = 30  # seconds, after the 3rd failure in a row; doubles with each further one
MAX_WAIT = 15 * 60
_RECENT = 20  # audit rows looked at: enough to reach MAX_WAIT


@dataclass(frozen=True)
class LoginResult:
    name: str
    role: str
    must_change: bool  # an admin with a password older than the 8-character rule


def _key(name: str) -> str:
    return (name or "").strip()[:64]


def wait_seconds(failures: int) -> int:
    """How long after the last failure the next try must wait."""
    if failures < FREE_FAILURES:
        return 0
    return min(MAX_WAIT, WAIT_AFTER * 2 ** (failures - FREE_FAILURES))


def _failures(session, key: str) -> tuple[int, datetime | None]:
    """(failures in a row since the last success, time of the last one)."""
    rows = session.execute(
        select(AuditEntry.action, AuditEntry.at)
        .where(AuditEntry.entity == "login", AuditEntry.entity_id == key,
               AuditEntry.action.in_(("staff.login", "staff.login_failed")))
        .order_by(AuditEntry.id.desc()).limit(_RECENT)).all()
    count, last = 0, None
    for action, at in rows:
        if action == "staff.login":
            break
        count += 1
        last = last or at
    return count, last


def _record(db, key: str, action: str, now: datetime, after: dict | None = None) -> None:
    # Stamped with the same clock the wait is measured on: a slow machine (three password
    # hashes under load take seconds) must not shorten or lengthen the brake.
    with db.transaction(actor=key or None) as s:
        audit.record(s, action, "login", key, after=after).at = now


def _wait_message(seconds: int) -> PermissionDenied:
    minutes = max(1, round(seconds / 60)) if seconds >= 90 else 0
    return PermissionDenied(
        "密码错误次数过多，请{n}{unit}后再试", "Too many wrong passwords; try again in {n} {unit_en}",
        n=minutes or seconds, unit="分钟" if minutes else "秒",
        unit_en="minutes" if minutes else "seconds", field="password")


def login(db, *, name: str, password: str, now: datetime | None = None,
          record_success: bool = True) -> LoginResult:
    """Check name and password; raise PermissionDenied (wrong, or wait first). Audited.

    now: the clock (tests pass a later time instead of waiting). record_success=False for an
    action that must leave the file as it was unless it succeeds (a restore records itself)."""
    from ccschool.services.staff import password_problem, verify_password

    key, now = _key(name), now or utcnow()
    with db.read() as s:
        failures, last = _failures(s, key)
        user = s.scalars(select(StaffUser).where(StaffUser.name == key,
                                                 StaffUser.active.is_(True))).first()
    wait = wait_seconds(failures)
    # A clock set back (elapsed < 0) never makes the wait longer than the rule says.
    left = wait - max(0.0, (now - last).total_seconds()) if wait and last else 0
    if left > 0:  # not checked, not counted: waiting out the brake is the only way on
        _record(db, key, "staff.login_refused", now, {"wait_seconds": int(left + 0.999)})
        raise _wait_message(int(left + 0.999))
    if user is None or not verify_password(password or "", user.password_hash):
        _record(db, key, "staff.login_failed", now)
        wait = wait_seconds(failures + 1)
        if wait:
            raise _wait_message(wait)
        raise PermissionDenied("用户名或密码不对", "Wrong user name or password", field="password")
    if record_success:
        _record(db, key, "staff.login", now)
    return LoginResult(user.name, user.role,
                       must_change=password_problem(password, user.role) is not None)

