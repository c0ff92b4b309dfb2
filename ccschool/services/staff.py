"""Staff accounts: admin and staff roles, passwords/PINs hashed with a slow KDF."""
from __future__ import annotations

import hashlib
import hmac
import secrets

from sqlalchemy import func, select
from sqlmodel import Session

from ccschool import audit
from ccschool.errors import Conflict, PermissionDenied, ValidationError
from ccschool.models import StaffUser
from ccschool.models.staff import ROLES

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


def create_user(session: Session, *, name: str, password: str, role: str = "staff") -> StaffUser:
    name = (name or "").strip()
    if not name:
        raise ValidationError("请填写用户名", "Enter a user name", field="name")
    if role not in ROLES:
        raise ValidationError("角色应为 admin 或 staff", "Role is admin or staff", field="role")
    if len(password or "") < 4:
        raise ValidationError("密码至少4位", "A password needs at least 4 characters",
                              field="password")
    if session.scalars(select(StaffUser).where(StaffUser.name == name)).first():
        raise Conflict("用户“{name}”已存在", "User “{name}” already exists", name=name, field="name")
    user = StaffUser(name=name, role=role, password_hash=hash_password(password))
    session.add(user)
    audit.record(session, "staff.create", "staff_user", user.id, after={"name": name, "role": role})
    return user


def authenticate(session: Session, *, name: str, password: str) -> StaffUser:
    user = session.scalars(select(StaffUser).where(StaffUser.name == (name or "").strip(),
                                                   StaffUser.active.is_(True))).first()
    if user is None or not verify_password(password or "", user.password_hash):
        raise PermissionDenied("用户名或密码不对", "Wrong user name or password")
    return user


def count_users(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(StaffUser))
