"""Check-in from the command line: a scanner stream on stdin, payloads as arguments, session close.

One transaction per payload, and the line for a payload is printed only after its commit
returned, so every line a caller has read is a sign-in that survives a crash or power cut.
"""
from __future__ import annotations

import sys
import time

from ccschool.cli.context import CliContext
from ccschool.i18n import L


def register(sub, common) -> None:
    p = sub.add_parser("checkin", parents=[common],
                       help="sign in learning-card payloads (arguments or one per stdin line)")
    p.add_argument("payloads", nargs="*", metavar="PAYLOAD")
    p.add_argument("--session", help="class session id (default: the session running now)")
    p.add_argument("--stdin", action="store_true", help="read one payload per line until EOF")
    p.add_argument("--enroll-walk-ins", action="store_true",
                   help="enroll learners who are not in the class, if it has room")
    p.add_argument("--by", default="cli", help="staff name recorded with the sign-ins")
    p.set_defaults(func=checkin_command)

    register_close(sub, common, name="session-close")


def register_close(sub, common, name: str = "close") -> None:
    """Add the close command to a subparser group: `session-close` here; the `sessions` group
    (cli/classes.py) can mount it as `sessions close ID` with register_close(group, common)."""
    p = sub.add_parser(name, parents=[common],
                       help="close a session: everyone enrolled and not signed in is absent")
    p.add_argument("session_id", metavar="ID")
    p.add_argument("--by", default="cli", help="staff name recorded in the audit log")
    p.set_defaults(func=close_command)


def _payloads(args):
    yield from args.payloads
    if args.stdin:
        # readline, not iteration: each scan is handled as soon as its line arrives.
        for line in iter(sys.stdin.readline, ""):
            if line.strip():
                yield line.rstrip("\r\n")


def _session_id(args, ctx: CliContext) -> str | None:
    if args.session:
        return args.session
    from ccschool.services.attendance import desk

    with ctx.db.read() as s:
        sess = desk.current_session(s)
    return sess.id if sess else None


RETRY_PAUSE_MAX = 1.0  # seconds between attempts once the busy timeout has run out


def _is_busy(exc: BaseException) -> bool:
    from ccschool.safety.storage import DatabaseBusy, user_error

    return isinstance(user_error(exc), DatabaseBusy)


def _until_not_busy(action):
    """Run action(); while another program holds the write lock past the busy timeout (a month
    close, a big import), say so once on stderr and try again: a scanner stream must not stop
    in the middle of a session. Each attempt is a whole transaction, so a retry is safe."""
    pause, told = 0.05, False
    while True:
        try:
            return action()
        except Exception as exc:
            if not _is_busy(exc):
                raise
            if not told:
                print(L("数据库正被另一个程序占用（月结、导入…），等待后自动重试……",
                        "The database is busy in another program (month close, import…); "
                        "waiting to retry…"), file=sys.stderr, flush=True)
                told = True
            time.sleep(pause)
            pause = min(pause * 2, RETRY_PAUSE_MAX)


def checkin_command(args, ctx: CliContext) -> int:
    from ccschool.services.attendance.checkin import check_in

    session_id = _session_id(args, ctx)
    for payload in _payloads(args):
        def sign_in():
            with ctx.db.transaction(actor=args.by) as s:
                return check_in(s, session_id=session_id, payload=payload,
                                enroll_walk_ins=args.enroll_walk_ins)

        result = _until_not_busy(sign_in)
        # Printed after the commit above returned: a printed line is a durable sign-in.
        ctx.emit(result.as_dict(), f"{result.outcome}\t{result.message}")
    return 0


def close_command(args, ctx: CliContext) -> int:
    """`ccschool session-close ID` (the lead can mount this as `sessions close ID` too)."""
    from ccschool.services.attendance import marking

    with ctx.db.transaction(actor=getattr(args, "by", None) or "cli") as s:
        summary = marking.close_session(s, session_id=args.session_id)
    ctx.emit(summary, L("课次已关闭：出勤 {present}/{enrolled}，缺勤 {absent}",
                        "Session closed: {present}/{enrolled} present, {absent} absent",
                        **summary))
    return 0
