"""`ccschool devices …` and `ccschool join`: several laptops of one site, synced by USB or LAN."""
from __future__ import annotations

import re
from pathlib import Path

from ccschool.cli.context import CliContext
from ccschool.i18n import L


def register(sub, common) -> None:
    p = sub.add_parser("devices", help="this site's laptops: add, list, retire, bundle, apply")
    ds = p.add_subparsers(dest="devices_command", metavar="DEVICES_COMMAND", required=True)

    c = ds.add_parser("add", parents=[common], help="make a join file for another laptop")
    c.add_argument("--out", required=True, type=Path, help="the .ccsjoin file to write")
    c.add_argument("--name", default="", help="what to call the new laptop")
    c.add_argument("--offer", action="store_true",
                   help="also offer it on the LAN until Ctrl+C, for `join --from` (the QR text)")
    c.add_argument("--host", default=None, help="with --offer: the address to listen on "
                                                "(default: this laptop's LAN address)")
    c.add_argument("--port", type=int, default=None, help="with --offer (default 8767)")
    c.set_defaults(func=cmd_add)

    c = ds.add_parser("list", parents=[common], help="the site's devices and when each was heard")
    c.set_defaults(func=cmd_list)

    c = ds.add_parser("retire", parents=[common], help="retire a lost laptop")
    c.add_argument("number", type=int)
    c.set_defaults(func=cmd_retire)

    c = ds.add_parser("bundle", parents=[common], help="write a sync bundle for a USB stick")
    c.add_argument("--out", required=True, type=Path)
    c.add_argument("--full", action="store_true", help="every record, not only what others lack")
    c.set_defaults(func=cmd_bundle)

    c = ds.add_parser("apply", parents=[common], help="read a sync bundle from another device")
    c.add_argument("file", type=Path)
    c.set_defaults(func=cmd_apply)

    c = ds.add_parser("serve", parents=[common], help="let the site's other laptops sync with "
                                                      "this one over the local network")
    c.add_argument("--host", default="0.0.0.0")
    c.add_argument("--port", type=int, default=8765)
    c.set_defaults(func=cmd_serve)

    c = ds.add_parser("sync", parents=[common], help="sync with a laptop that serves (LAN)")
    c.add_argument("address", help="host:port shown by `devices serve`")
    c.set_defaults(func=cmd_sync)

    c = ds.add_parser("digest", parents=[common], help="a content hash per record kind")
    c.add_argument("--versions", action="store_true",
                   help="hash only (id, version) pairs, as the county reports them")
    c.set_defaults(func=cmd_digest)

    p = sub.add_parser("join", parents=[common], help="make this data folder the next device "
                                                      "of a site, from a join file")
    p.add_argument("file", type=Path, nargs="?", help="the .ccsjoin file (or use --from)")
    p.add_argument("--from", dest="offer", metavar="QR_OR_ADDRESS",
                   help="fetch the join file from the main computer over the LAN: the text of "
                        "its QR code, or the address written under it")
    p.add_argument("--code", required=True, help="the one-time code shown when it was made")
    p.set_defaults(func=cmd_join)


def _writable(path: Path) -> None:
    from ccschool.errors import ValidationError

    if path.is_dir() or not path.parent.is_dir():
        raise ValidationError("不能写入 {p}：请给出一个文件名，放在已有的文件夹里",
                              "Cannot write {p}: name a file inside an existing folder",
                              p=path, field="out")


def _readable(path: Path) -> bytes:
    from ccschool.errors import NotFound

    if not path.is_file():
        raise NotFound("找不到文件 {p}", "No such file: {p}", p=path, field="file")
    return path.read_bytes()


def cmd_add(args, ctx: CliContext) -> int:
    from ccschool.services.devices import add_device

    _writable(args.out)
    if args.offer:  # where it will be offered, before a device number is handed out
        from ccschool.errors import ValidationError
        from ccschool.lan.joinserve import lan_host

        args.host = args.host or lan_host()
        if not re.fullmatch(r"\d{1,3}(\.\d{1,3}){3}", args.host) or args.host == "0.0.0.0":
            raise ValidationError("--host 应为本机在局域网上的IPv4地址（如 192.168.1.5）",
                                  "--host is this laptop's IPv4 address on the LAN "
                                  "(e.g. 192.168.1.5)", field="host")
        if args.port is not None and not 0 <= args.port <= 65535:
            raise ValidationError("端口应为 0–65535", "A port is 0–65535", field="port")
    # The join file carries the card secret and the upload token: admins only.
    with ctx.db.transaction(actor=ctx.require_admin()) as s:
        out = add_device(s, out=args.out, name=args.name)
    if not args.offer:
        ctx.emit(out, L("已写入加入文件 {f}（{n} 号终端）。一次性验证码：{c}",
                        "Wrote join file {f} (device {n}). One-time code: {c}",
                        f=out["file"], n=out["device"], c=out["code"]))
        return 0
    return _offer(args, ctx, out)


def _offer(args, ctx: CliContext, out: dict) -> int:
    """Serve the join file on the LAN until Ctrl+C (what the 添加一台电脑 window does while open)."""
    import sys
    import threading

    from ccschool.lan.joinserve import DEFAULT_PORT, JoinFileServer

    withdrawn = threading.Event()

    def heard(kind: str, _client: str) -> None:
        if kind == "withdrawn":
            withdrawn.set()

    server = JoinFileServer(Path(out["file"]).read_bytes(), host=args.host,
                            port=DEFAULT_PORT if args.port is None else args.port,
                            on_event=heard)
    with server:
        offer = server.offer
        ctx.emit({**out, "offer": offer.qr_text(), "address": offer.typed_text()},
                 L("已写入加入文件 {f}（{n} 号终端）。一次性验证码：{c}\n"
                   "新电脑上：ccschool join --from {a} --code 验证码（Ctrl+C 停止提供）",
                   "Wrote join file {f} (device {n}). One-time code: {c}\n"
                   "On the new laptop: ccschool join --from {a} --code CODE (Ctrl+C stops)",
                   f=out["file"], n=out["device"], c=out["code"], a=offer.typed_text()))
        sys.stdout.flush()
        try:
            while not withdrawn.wait(0.5):  # a short wait, so Ctrl+C is heard on Windows too
                pass
        except KeyboardInterrupt:  # the usual way to stop offering: not a failure
            return 0
    print(L("尝试次数已满，已停止提供加入文件", "Too many tries: the join file is no longer "
            "offered"), file=sys.stderr)
    return 1


def cmd_list(args, ctx: CliContext) -> int:
    from ccschool.services.devices import list_devices

    with ctx.db.read() as s:
        rows = list_devices(s)
    lines = [f"{d['number']:>3} {d['name'] or '-'}"
             f"{L('（本机）', ' (this)') if d['this'] else ''}"
             f"{L(' 已停用 ', ' retired ') + d['retired_at'] if d['retired_at'] else ''}"
             f"  {L('上次同步', 'last heard')}: {d['last_heard_at'] or '-'}" for d in rows]
    ctx.emit({"devices": rows}, "\n".join(lines))
    return 0


def cmd_retire(args, ctx: CliContext) -> int:
    from ccschool.services.devices import retire

    with ctx.db.transaction(actor=ctx.require_admin()) as s:
        out = retire(s, number=args.number)
    ctx.emit(out, L("{n} 号终端已停用；县平台收到后将拒收它的上传",
                    "Device {n} retired; once the county hears of it, it refuses its uploads",
                    n=out["number"]))
    return 0


def cmd_bundle(args, ctx: CliContext) -> int:
    from ccschool.sync.devicesync import write_bundle

    _writable(args.out)
    out = write_bundle(ctx.db, args.out, cutoffs={} if args.full else None)
    ctx.emit(out, L("已写入同步包 {f}：{n} 条记录（已加密）", "Wrote sync bundle {f}: {n} records "
                    "(encrypted)", f=out["file"], n=out["records"]))
    return 0


def cmd_apply(args, ctx: CliContext) -> int:
    from ccschool.sync.devicesync import apply_bundle

    _readable(args.file)
    out = apply_bundle(ctx.db, args.file)
    ctx.emit(out, L("已读入 {n} 条记录（来自 {d} 号终端），合并 {m} 处",
                    "Applied {n} records (from device {d}); {m} merged",
                    n=out["applied"], d=out["from_device"], m=len(out["merged"]))
             + county_line(out["county"]))
    return 0


def county_line(county: dict) -> str:
    """Whether the county's rules or teacher list came along newer than the ones held."""
    got = [L("县平台规则", "county rules")] * county.get("rules", False) \
        + [L("县师资库名单", "county teacher list")] * county.get("teachers", False)
    return L("；带来较新的{w}", "; brought newer {w}", w=L("和", " and ").join(got)) if got else ""


def cmd_serve(args, ctx: CliContext) -> int:
    from ccschool.errors import ValidationError
    from ccschool.sync.lan import serve

    if not 0 <= args.port <= 65535:
        raise ValidationError("端口应为 0–65535", "A port is 0–65535", field="port")

    def ready(address) -> None:
        host, port = address[:2]
        ctx.emit({"listening": f"{host}:{port}"},
                 L("局域网同步已开启：{h}:{p}（Ctrl+C 停止）", "Serving LAN sync on {h}:{p} "
                   "(Ctrl+C stops)", h=host, p=port))

    try:
        serve(ctx.db, args.host, args.port, ready=ready)
    except OSError as exc:
        raise ValidationError("无法在端口 {p} 上开启：{e}", "Cannot serve on port {p}: {e}",
                              p=args.port, e=exc.strerror or exc) from None
    return 0


def cmd_sync(args, ctx: CliContext) -> int:
    from ccschool.sync.lan import sync_with

    out = sync_with(ctx.db, args.address)
    ctx.emit(out, L("已与 {n} 号终端同步：收到 {r} 条，发出 {s} 条，合并 {m} 处",
                    "Synced with device {n}: received {r}, sent {s}, {m} merged",
                    n=out["peer"], r=out["received"], s=out["sent"], m=len(out["merged"]))
             + county_line(out["county"]))
    return 0


def cmd_digest(args, ctx: CliContext) -> int:
    from ccschool.sync.devicesync import digest, version_digest

    with ctx.db.read() as s:
        out = version_digest(s) if args.versions else digest(s)
    ctx.emit(out, "\n".join(f"{k}: {v['records']} {v['sha256'][:16]}" for k, v in out.items()))
    return 0


def cmd_join(args, ctx: CliContext) -> int:
    from ccschool.errors import ValidationError
    from ccschool.services.devices import join

    if (args.file is None) == (args.offer is None):
        raise ValidationError("请给出加入文件，或用 --from 给出主电脑二维码的内容（二者选一）",
                              "Give a join file, or --from with the main computer's QR text "
                              "(one of the two)", field="file")
    if args.offer is not None:
        from ccschool.sync.joinoffer import fetch

        data = fetch(args.offer)  # before the transaction: the network is slow, a write is not
    else:
        data = _readable(args.file)
    with ctx.db.transaction(actor="cli") as s:
        out = join(s, data=data, code=args.code)
    ctx.emit(out, L("本机已加入站点 {site} {name}，为 {n} 号终端。请同步以取得站点数据。",
                    "This computer joined site {site} {name} as device {n}. Sync to get the "
                    "site's records.", site=out["site"], name=out["name"], n=out["device"]))
    return 0
