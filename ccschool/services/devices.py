"""终端: list the site's devices, add one (a join file), join as one, retire a lost one."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import func, insert, select
from sqlmodel import Session

from ccschool import audit
from ccschool.sync.changes import _jsonable
from ccschool.sync.hlc import MAX_DEVICES
from ccschool.errors import Conflict, NotFound, ValidationError
from ccschool.models import Device, DeviceState, OutboxEntry, Site, StaffUser
from ccschool.services.site import get_site, has_site, make_first_device, this_device
from ccschool.stamps import utcnow
from ccschool.sync import joinfile


def list_devices(s: Session) -> list[dict]:
    me = this_device(s)
    states = {st.number: st for st in s.scalars(select(DeviceState))}
    pending = s.scalar(select(func.count()).select_from(OutboxEntry).where(
        OutboxEntry.result.is_(None)))
    out = []
    for d in s.scalars(select(Device).where(Device.deleted_at.is_(None)).order_by(Device.number)):
        st = states.get(d.number)
        out.append({"number": d.number, "name": d.name, "this": d.number == me,
                    "joined_at": _iso(d.joined_at), "retired_at": _iso(d.retired_at),
                    "last_heard_at": _iso(st.last_heard_at) if st else None,
                    "known_version": st.known_version if st else 0,
                    "waiting_for_county": pending if d.number == me else None})
    return out


def _iso(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


def private_join_file(folder: Path) -> Path:
    """Where the app writes a new laptop's join file without asking: inside the data folder.

    The new laptop usually takes it over the LAN by the QR code; the admin copies it onto a
    USB stick only when that fails. One at a time (添加一台电脑 is modal), overwritten by the
    next; the window deletes it when it closes. Encrypted with the one-time code either way."""
    path = Path(folder) / "join" / "ccschool.ccsjoin"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def add_device(s: Session, *, out: Path, name: str = "") -> dict:
    """Make the next device's record and its join file; returns the file and one-time code.

    Numbers are handed out by the lowest-numbered active device, so two laptops that are not in
    touch cannot give the same number to two new ones."""
    me = this_device(s)
    active = [d.number for d in s.scalars(select(Device).where(Device.retired_at.is_(None)))]
    if active and me != min(active):
        raise Conflict("请在 {n} 号终端上添加新终端（由编号最小的在用终端分配编号）",
                       "Add new devices on device {n} (the lowest-numbered active device "
                       "hands out numbers)", n=min(active))
    number = (s.scalar(select(func.max(Device.number))) or 0) + 1
    if number > MAX_DEVICES:
        raise Conflict("终端数已达上限 {n}", "A site has at most {n} devices", n=MAX_DEVICES)
    device = Device(number=number, name=(name or "").strip()[:64], joined_at=utcnow())
    s.add(device)
    s.flush()
    code = joinfile.new_code()
    site = get_site(s)
    joinfile.write(out, code, {"format": "ccschool-join/1", "site": site.code, "device": number},
                   _payload(s, site, number))
    audit.record(s, "device.add", "device", device.id, after={"number": number, "file": str(out)})
    return {"file": str(out), "code": code, "device": number}


def _payload(s: Session, site: Site, number: int) -> dict:
    def row(obj) -> dict:
        return {c.key: _jsonable(getattr(obj, c.key)) for c in obj.__table__.columns}

    return {"device": number, "site": row(site),
            "devices": [row(d) for d in s.scalars(select(Device))],
            "staff": [row(u) for u in s.scalars(select(StaffUser))]}


def join(s: Session, *, data: bytes, code: str) -> dict:
    """Make this (empty) database the device the join file names. Records come by syncing."""
    if has_site(s):
        raise Conflict("本机已有站点数据；加入另一站点需要新的数据文件夹（--data-dir）",
                       "This data folder already has a site; join into a new data folder "
                       "(--data-dir)")
    header, payload = joinfile.read(data, code)
    from ccschool.sync.merge import MergeResult, apply_records

    number = payload["device"]
    site = payload["site"]
    county = _county_check(site, number)
    # Core, not the ORM: the site record arrives as it is, not as a new version of this device.
    s.connection().execute(insert(Site.__table__).values(**_parsed(Site, site)))
    result = MergeResult()
    apply_records(s, "device", [_wire(d) for d in payload["devices"]], result)
    for user in payload["staff"]:
        s.add(StaffUser(**_parsed(StaffUser, user)))
    make_first_device(s, number)
    from ccschool.sync import hlc
    hlc.observe(s.connection().connection.driver_connection, result.newest)
    audit.record(s, "device.join", "device", None, after={"number": number, "site": site["code"]})
    return {"site": site["code"], "name": site["name"], "device": number,
            "county_check": county}


def _county_check(site: dict, number: int) -> str:
    """Ask the county, when it can be reached, whether the device this file makes was retired
    since the file was written (a lost laptop's file found again): "active", or "unreachable"
    (offline, or a platform that cannot tell: the join goes ahead, and the county refuses a
    retired device's uploads anyway). A retired device is refused here with a message."""
    from ccschool.errors import PermissionDenied
    from ccschool.sync.transport import ReferenceTransport, TransportError

    if not (site.get("county_url") and site.get("upload_token")):
        return "unreachable"
    transport = ReferenceTransport(site["county_url"], site["upload_token"], timeout=10.0)
    try:
        retired = transport.device_retired_at(site["code"], number)
    except TransportError:
        return "unreachable"
    finally:
        transport.close()
    if retired:
        raise PermissionDenied(
            "县平台记录显示 {n} 号终端已于 {d} 停用：这份加入文件不能再用。请在主电脑上重新“添加一台电脑”",
            "The county records device {n} as retired on {d}: this join file can no longer be "
            "used. Make a new one on the main computer (Add a computer)",
            n=number, d=str(retired)[:10], field="file")
    return "active"


def _wire(row: dict) -> dict:
    data = {k: v for k, v in row.items() if k not in ("id", "version")}
    return {"kind": "device", "id": row["id"], "version": row["version"], "data": data}


def _parsed(model, row: dict) -> dict:
    from ccschool.sync.rowcodec import wire_to_python

    return wire_to_python(model, row)


def retire(s: Session, *, number: int) -> dict:
    device = s.scalar(select(Device).where(Device.number == number))
    if device is None:
        raise NotFound("没有 {n} 号终端", "There is no device {n}", n=number, field="number")
    if number == this_device(s):
        raise ValidationError("不能停用本机", "This computer cannot retire itself", field="number")
    if device.retired_at is None:
        device.retired_at = utcnow()
        s.add(device)
        audit.record(s, "device.retire", "device", device.id, after={"number": number})
    return {"number": number, "retired_at": _iso(device.retired_at)}
