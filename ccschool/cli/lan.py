"""`ccschool lan`: phone sign-in and second desks without the desktop app (a headless box, tests).

Prints one line each time the token turns (with --json: {"url", "code", "expires"}); the desk
PIN and the short address go to stderr once, for the person running it. Ctrl+C or SIGTERM
stops the server cleanly: a sign-in being written is finished first.
"""
from __future__ import annotations

import signal
import sys
import threading

from ccschool.cli.context import CliContext
from ccschool.errors import ValidationError
from ccschool.i18n import L


def register(sub, common) -> None:
    p = sub.add_parser("lan", parents=[common],
                       help="open phone sign-in and the staff desk page for a session")
    p.add_argument("--session", help="class session id (default: the session running now)")
    p.add_argument("--host", help="address to listen on (default: this computer's address on "
                                  "the local network)")
    p.add_argument("--port", type=int, default=None, help="port (default 8765)")
    p.add_argument("--by", default="lan", help="staff name recorded with the sign-ins")
    p.set_defaults(func=lan_command)


def _host(args) -> str:
    from ccschool.lan.netaddr import primary_ipv4

    host = args.host or primary_ipv4()
    if not host:
        raise ValidationError("找不到本机的局域网地址：请连上 Wi-Fi 或打开热点，或用 --host 指定",
                              "No local network address found: join a Wi-Fi or start a "
                              "hotspot, or give --host", field="host")
    return host


def _session(args, ctx: CliContext) -> str:
    from ccschool.services.attendance import desk

    if args.session:
        return args.session
    with ctx.db.engine.connect() as conn:
        current = desk.current_session(conn)
    session_id = current.id if current else None
    if not session_id:
        raise ValidationError("今天没有课次：请用 --session 指定", "No session today; give --session",
                              field="session")
    return session_id


def _warn_if_not_today(ctx: CliContext, session_id: str) -> None:
    """Phones would all be told 现在没有开放签到的课次: say so to the person starting it."""
    from ccschool.services.attendance import desk
    from ccschool import clock

    with ctx.db.engine.connect() as conn:
        today = {s.id for s, _ in desk.sessions_on(conn, day=clock.today())}
    if session_id not in today:
        print(L("注意：这个课次不在今天，手机签到会被拒绝", "Note: this session is not today; "
                "phone sign-ins will be refused"), file=sys.stderr, flush=True)


def lan_command(args, ctx: CliContext) -> int:
    from ccschool.lan.server import DEFAULT_PORT, LanServer

    stop = threading.Event()
    server = LanServer(ctx.db, _session(args, ctx), host=_host(args),
                       port=DEFAULT_PORT if args.port is None else args.port, actor=args.by,
                       on_turn=lambda t: ctx.emit(t.as_dict(), f"{t.url}\t{t.code}\t{t.expires}"))
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    server.start()
    _warn_if_not_today(ctx, server.room.session_id)
    try:
        print(L("手机签到已开启：{url}  签到台密码 {pin}", "Phone sign-in is open: {url}  desk PIN {pin}",
                url=server.base_url + "/", pin=server.pin), file=sys.stderr, flush=True)
        while not stop.wait(0.5):  # a short wait: signal handlers run on the main thread
            pass
    finally:
        server.stop()
    print(L("手机签到已关闭", "Phone sign-in closed"), file=sys.stderr, flush=True)
    return 0
