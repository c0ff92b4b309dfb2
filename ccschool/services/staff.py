"""Staff accounts: admin and staff roles, passwords/PINs hashed with a slow KDF."""
from __future__ import annotations

import hashlib
import hmac
import secrets

from sqlalchemy import func, select
from sqlmodel import Session

from ccschool import audit
from ccschool.errors import Conflict, NotFound, PermissionDenied, ValidationError
from ccschool.models import StaffUser
from ccschool.models.staff import ROLES
from ccschool.plaintext import check_plain

# PBKDF2 from the standard library: slow enough (≈0.2 s) that a stolen laptop's database does not
# give away 4–6 digit PINs in seconds, with no compiled dependency for the installer.
_ITERATIONS = 240_000


def hash_password(password: str, *, iterations: int = _ITERATIONS) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations)
    return f"pbkdf2_sha256${iterations}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        _algo, iterations, salt, digest = stored.split("$")
        candidate = hashlib.pbkdf2_hmac("sha256", password.encode(), bytes.fromhex(salt),
                                        int(iterations))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(candidate.hex(), digest)


# Staff may keep a 4-digit PIN (they check learners in). An admin account reads full ID numbers,
# exports everything and restores backups, so a new or changed admin password needs 8 characters
# and not only digits: an 8-digit PIN is tried in minutes on a stolen database file. Older admin
# accounts with a short PIN (the demo site's 管理员/1234 among them) still log in and are asked
# to change it each time (LoginResult.must_change), so nobody is locked out by an upgrade.
MIN_LENGTH = {"staff": 4, "admin": 8}


def password_problem(password: str, role: str) -> ValidationError | None:
    """Why this password is too weak for the role, or None."""
    password = password or ""
    if len(password) < MIN_LENGTH[role]:
        return ValidationError("{role}密码至少{n}位", "A{role_en} password needs at least {n} characters",
                               role="管理员" if role == "admin" else "", n=MIN_LENGTH[role],
                               role_en="n admin" if role == "admin" else "", field="password")
    if role == "admin" and password.isdigit():
        return ValidationError("管理员密码不能全是数字，请加入字母", "An admin password cannot be only "
                               "digits; add letters", field="password")
    return None


def create_user(session: Session, *, name: str, password: str, role: str = "staff",
                allow_weak: bool = False) -> StaffUser:
    """A new account. allow_weak only for the demo site's published admin PIN (demo.py)."""
    name = (name or "").strip()
    if not name:
        raise ValidationError("请填写用户名", "Enter a user name", field="name")
    if role not in ROLES:
        raise ValidationError("角色应为 admin 或 staff", "Role is admin or staff", field="role")
    check_plain(name, field="name")
    problem = password_problem(password, "staff" if allow_weak else role)
    if problem:
        raise problem
    if session.scalars(select(StaffUser).where(StaffUser.name == name)).first():
        raise Conflict("用户“{name}”已存在", "User “{name}” already exists", name=name, field="name")
    user = StaffUser(name=name, role=role, password_hash=hash_password(password))
    session.add(user)
    audit.record(session, "staff.create", "staff_user", user.id, after={"name": name, "role": role})
    return user


def change_password(session: Session, *, name: str, new_password: str) -> StaffUser:
    """Set a new password (the caller has checked who asks); the role's rule applies in full."""
    user = _active(session, name)
    if user is None:
        raise NotFound("没有用户“{name}”", "No user “{name}”", name=name, field="name")
    problem = password_problem(new_password, user.role)
    if problem:
        raise problem
    user.password_hash = hash_password(new_password)
    session.add(user)
    audit.record(session, "staff.password", "staff_user", user.id, after={"name": user.name})
    return user


def _active(session: Session, name: str) -> StaffUser | None:
    return session.scalars(select(StaffUser).where(StaffUser.name == (name or "").strip(),
                                                   StaffUser.active.is_(True))).first()


def authenticate(session: Session, *, name: str, password: str) -> StaffUser:
    """Check a password without throttling or audit; logins go through login.login()."""
    user = _active(session, name)
    if user is None or not verify_password(password or "", user.password_hash):
        raise PermissionDenied("用户名或密码不对", "Wrong user name or password")
    return user


def list_users(session: Session) -> list[tuple[str, str]]:
    """(name, role) of every account, admins first, each by name."""
    return [tuple(r) for r in session.execute(
        select(StaffUser.name, StaffUser.role).order_by(StaffUser.role, StaffUser.name))]


def count_users(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(StaffUser)) or 0
