"""场地资源库: the places where sessions are held."""
from __future__ import annotations

import re
import unicodedata

from sqlalchemy import select
from sqlmodel import Session

from ccschool import audit
from ccschool.errors import Conflict, NotFound, ValidationError
from ccschool.i18n import L
from ccschool.models import Venue

KIND_LABELS = {"school_room": ("学校教室", "School room"),
               "village_hall": ("村（社区）活动室", "Village hall"),
               "culture_hall": ("文化礼堂", "Culture hall"), "farm_library": ("农家书屋", "Farm library"),
               "online": ("线上", "Online"), "other": ("其他", "Other")}


def kind_label(kind: str) -> str:
    zh, en = KIND_LABELS.get(kind, (kind, kind))
    return L(zh, en)


def _plain(text: str) -> str:
    """Full-width brackets and spaces as typed through a Chinese input method, any case."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


def _kind(kind: str | None) -> str:
    """A venue kind from its code, its Chinese name (村(社区)活动室 with either brackets, or
    without the bracketed part) or its English name."""
    typed = _plain(kind or "school_room")
    for code, (zh, en) in KIND_LABELS.items():
        if typed in {code, _plain(zh), _plain(en), _plain(re.sub(r"（.*?）", "", zh))}:
            return code
    raise ValidationError("场地类型“{kind}”不在列表中，可选：{kinds}",
                          "Venue kind “{kind}” is not in the list: {kinds}", kind=kind,
                          kinds="、".join(f"{zh}（{code}）" for code, (zh, _) in KIND_LABELS.items()),
                          field="kind")


def add_venue(session: Session, *, name: str, address: str | None = None,
              capacity: int | None = None, kind: str | None = None) -> Venue:
    name = (name or "").strip()
    if not name:
        raise ValidationError("请填写场地名称", "Enter the venue name", field="name")
    if capacity is not None and capacity <= 0:
        raise ValidationError("容纳人数应大于0", "Capacity must be above 0", field="capacity")
    if _by_name(session, name) is not None:
        raise Conflict("已有同名场地“{name}”", "A venue named “{name}” exists", name=name, field="name")
    venue = Venue(name=name, address=(address or "").strip() or None, capacity=capacity,
                  kind=_kind(kind))
    session.add(venue)
    audit.record(session, "venue.add", "venue", venue.id, after={"name": name})
    return venue


def list_venues(session: Session) -> list[Venue]:
    return list(session.scalars(select(Venue).where(Venue.deleted_at.is_(None))
                                .order_by(Venue.name)))


def _by_name(session: Session, name: str) -> Venue | None:
    return session.scalars(select(Venue).where(Venue.name == name,
                                               Venue.deleted_at.is_(None))).first()


def get_venue(session: Session, ref: str) -> Venue:
    """A venue by id or by exact name (the CLI takes either)."""
    venue = session.get(Venue, ref)
    if venue is None or venue.deleted_at is not None:
        venue = _by_name(session, (ref or "").strip())
    if venue is None:
        raise NotFound("找不到场地“{ref}”", "No venue “{ref}”", ref=ref, field="venue")
    return venue


def venue_dict(venue: Venue) -> dict:
    return {"id": venue.id, "name": venue.name, "address": venue.address,
            "capacity": venue.capacity, "kind": venue.kind}
