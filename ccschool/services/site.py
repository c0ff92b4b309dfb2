"""This installation's site: creation, look-up, numbered sequences and a summary."""
from __future__ import annotations

import re
import secrets

from sqlalchemy import func, select
from sqlmodel import Session

from ccschool import audit
from ccschool.errors import Conflict, NotFound, ValidationError
from ccschool.models import SYNCED_MODELS, Counter, OutboxEntry, Site, StaffUser
from ccschool.sync.sealing import unsealed  # a close in steps: its rows still wait

_CODE = re.compile(r"^[A-Z0-9]{2,20}$")


def get_site(session: Session) -> Site:
    site = session.scalars(select(Site).where(Site.deleted_at.is_(None))).first()
    if site is None:
        raise NotFound("本机尚未设置站点，请先运行初始化（ccschool init）",
                       "No site is set up yet; run `ccschool init` first")
    return site


def has_site(session: Session) -> bool:
    return bool(session.scalar(select(func.count()).select_from(Site)))


def default_card_prefix(code: str) -> str:
    """Last four characters of the county's code: short enough to type, distinct in a county."""
    return code[-4:]


def init_site(session: Session, *, code: str, name: str, level: str = "township",
              county_url: str | None = None, upload_token: str | None = None,
              card_prefix: str | None = None) -> Site:
    code = (code or "").strip().upper()
    name = (name or "").strip()
    if not _CODE.match(code):
        raise ValidationError("站点代码应为2–20位大写字母或数字：{code}",
                              "A site code is 2–20 upper-case letters or digits: {code}",
                              code=code, field="site_code")
    if not name:
        raise ValidationError("请填写站点名称", "Enter the site name", field="site_name")
    if level not in ("township", "village"):
        raise ValidationError("站点级别应为 township 或 village", "Level is township or village",
                              field="level")
    if has_site(session):
        raise Conflict("本机已设置站点，不能重复初始化", "This database already has a site")
    site = Site(code=code, name=name, level=level, county_url=county_url,
                upload_token=upload_token, secret=secrets.token_hex(32),
                card_prefix=(card_prefix or default_card_prefix(code)).upper())
    session.add(site)
    make_first_device(session)
    audit.record(session, "site.init", "site", site.id, after={"code": code, "name": name})
    return site


def make_first_device(session: Session, number: int = 1) -> None:
    """This laptop becomes device `number` of the site (1 for `init`, the next for `join`)."""
    from ccschool.models import Device, DeviceState
    from ccschool.models.base import utcnow

    set_number(session, "device", number)
    session.add(DeviceState(number=number))
    if session.scalar(select(Device).where(Device.number == number)) is None:
        session.add(Device(number=number, joined_at=utcnow()))
    session.flush()


def this_device(session: Session) -> int:
    """This laptop's device number within its site (1 for a database made before devices)."""
    counter = session.get(Counter, "device")
    return counter.value if counter is not None and counter.value else 1


def card_number(prefix: str, device: int, n: int) -> str:
    """Device 1 keeps the first release's numbers (T001000302); other devices carry their
    number between dashes (T001-2-00302), so two laptops never issue the same number and a
    number is still short enough to type when a card will not scan."""
    return f"{prefix}{n:06d}" if device == 1 else f"{prefix}-{device}-{n:05d}"


def certificate_number(prefix: str, device: int, n: int) -> str:
    return f"{prefix}-C{n:06d}" if device == 1 else f"{prefix}-C{device}-{n:05d}"


def next_number(session: Session, name: str) -> int:
    """The next value of a named sequence, taken inside the caller's transaction.

    The UPDATE takes SQLite's write lock, so two writers can never draw the same number.
    """
    counter = session.get(Counter, name, with_for_update=True)
    if counter is None:
        counter = Counter(name=name, value=0)
    counter.value += 1
    session.add(counter)
    session.flush()
    return counter.value


def peek_next_number(session: Session, name: str) -> int:
    """The value `next_number` would give now, taking nothing: what a preview shows."""
    counter = session.get(Counter, name)
    return (counter.value if counter else 0) + 1


def info(session: Session) -> dict:
    from ccschool.migrate import revisions_seen_by

    site = session.scalars(select(Site)).first()
    counts = {m.__sync_kind__: session.scalar(select(func.count()).select_from(m).where(
        m.deleted_at.is_(None))) or 0 for m in SYNCED_MODELS if m is not Site}
    pending = session.scalar(select(func.count()).select_from(OutboxEntry).where(unsealed())) or 0
    return {
        "site": None if site is None else {"code": site.code, "name": site.name,
                                           "level": site.level, "county_url": site.county_url},
        "counts": counts,
        "staff_users": session.scalar(select(func.count()).select_from(StaffUser)) or 0,
        "outbox_pending": pending,
        "schema_revision": list(revisions_seen_by(session.connection())),
    }


def set_number(session: Session, name: str, value: int) -> None:
    """Move a sequence forward after a bulk allocation (demo data, large imports)."""
    counter = session.get(Counter, name) or Counter(name=name, value=0)
    counter.value = max(counter.value, value)
    session.add(counter)
    session.flush()
