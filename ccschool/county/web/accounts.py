"""County staff accounts (admin, viewer) and the password check with throttled failures."""
from __future__ import annotations

import re
import time
from dataclasses import dataclass

from sqlalchemy import delete, func, insert, select
from sqlalchemy.engine import Engine

from ccschool.county.store import now_iso
from ccschool.county.web import audit
from ccschool.county.web import tables as t
from ccschool.i18n import L
from ccschool.services.staff import hash_password, verify_password

ROLES = ("admin", "viewer")
MIN_PASSWORD = {"admin": 12, "viewer": 10}
NAME_RE = re.compile(r"[\w.-]{1,64}")
# After FREE_FAILURES failed logins within WINDOW seconds for one name (or FREE_PER_ADDRESS from
# one address: an office behind one NAT shares it), each further try waits twice as long as
# the one before, up to MAX_WAIT.
FREE_FAILURES, FREE_PER_ADDRESS, WINDOW, BASE_WAIT, MAX_WAIT = 5, 20, 15 * 60, 30, 3600
# A throwaway hash to check against when the name is unknown, so both take equally long.
_DUMMY = hash_password("not a real password")


class AccountError(ValueError):
    pass


@dataclass(frozen=True)
class Staff:
    name: str
    role: str

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


def add_staff(engine: Engine, name: str, password: str, role: str) -> Staff:
    if not NAME_RE.fullmatch(name or ""):
        raise AccountError(L("用户名应为1-64个字母、数字、汉字或 . - _：{n}",
                             "A user name is 1-64 letters, digits, . - or _: {n}", n=name))
    if role not in ROLES:
        raise AccountError(L("角色应为 admin 或 viewer", "The role is admin or viewer"))
    if len(password or "") < MIN_PASSWORD[role]:
        raise AccountError(L("{r} 的密码至少{n}位", "A password for {r} needs at least {n} "
                             "characters", r=role, n=MIN_PASSWORD[role]))
    with engine.begin() as conn:
        if conn.execute(select(t.staff.c.name).where(t.staff.c.name == name)).first():
            raise AccountError(L("用户 {n} 已存在", "User {n} already exists", n=name))
        conn.execute(insert(t.staff).values(name=name, role=role, created_at=now_iso(),
                                            password_hash=hash_password(password)))
        audit.record(conn, "cli", "staff.add", name, role=role)
    return Staff(name, role)


def get_staff(engine: Engine, name: str) -> Staff | None:
    with engine.connect() as conn:
        row = conn.execute(select(t.staff.c.name, t.staff.c.role).where(
            t.staff.c.name == name, t.staff.c.disabled_at.is_(None))).first()
    return Staff(row.name, row.role) if row else None


def wait_seconds(engine: Engine, name: str, ip: str, now: float | None = None) -> int:
    """How long this name or address must wait before the next try (0: go ahead)."""
    now = time.time() if now is None else now
    worst = 0
    with engine.connect() as conn:
        for col, value, free in ((t.login_failure.c.name, name, FREE_FAILURES),
                                 (t.login_failure.c.ip, ip, FREE_PER_ADDRESS)):
            n, last = conn.execute(select(func.count(), func.max(t.login_failure.c.at)).where(
                col == value, t.login_failure.c.at > now - WINDOW)).one()
            if n >= free:
                wait = min(MAX_WAIT, BASE_WAIT * 2 ** min(n - free, 12))
                worst = max(worst, int(last + wait - now) + 1)
    return max(0, worst)


def authenticate(engine: Engine, name: str, password: str, ip: str) -> Staff:
    """The staff member, or AccountError with the message to show. Failures are recorded."""
    name = (name or "").strip()[:64]
    wait = wait_seconds(engine, name, ip)
    if wait:
        audit.record(engine, name or "?", "login.throttled", ip=ip)
        raise AccountError(L("登录失败次数过多，请 {s} 秒后再试",
                             "Too many failed logins; try again in {s} seconds", s=wait))
    with engine.connect() as conn:
        row = conn.execute(select(t.staff.c.role, t.staff.c.password_hash).where(
            t.staff.c.name == name, t.staff.c.disabled_at.is_(None))).first()
    ok = verify_password(password or "", row.password_hash if row else _DUMMY) and row is not None
    with engine.begin() as conn:
        if ok:
            conn.execute(delete(t.login_failure).where(t.login_failure.c.name == name))
            audit.record(conn, name, "login", ip=ip)
        else:  # committed before the refusal is raised: a failure must count
            conn.execute(insert(t.login_failure).values(name=name, ip=ip, at=time.time()))
            audit.record(conn, name or "?", "login.failed", ip=ip)
    if row is None or not ok:
        raise AccountError(L("用户名或密码不对", "Wrong user name or password"))
    return Staff(name, row.role)
