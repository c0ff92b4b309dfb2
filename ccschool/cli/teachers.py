"""`ccschool teachers list`: the county's shared teacher list (县师资库) as this laptop holds it."""
from __future__ import annotations

from ccschool.cli.context import CliContext
from ccschool.i18n import L


def register(sub, common) -> None:
    p = sub.add_parser("teachers", help="the county's shared teacher list (县师资库)")
    ts = p.add_subparsers(dest="teachers_command", metavar="ACTION", required=True)
    c = ts.add_parser("list", parents=[common],
                      help="the county's teachers, as last pulled or carried from another laptop")
    c.set_defaults(func=cmd_list)


def cmd_list(args, ctx: CliContext) -> int:
    from ccschool.sync.county_teachers import held

    with ctx.db.read() as s:
        out = held(s)
    if out["revision"] < 0:
        ctx.emit(out, L("尚未收到县师资库名单（同步后下载）",
                        "No county teacher list yet (it comes with the next sync)"))
        return 0
    lines = [L("县师资库：{n} 位教师（第 {r} 版，{u}）", "County teacher list: {n} teachers "
               "(revision {r}, {u})", n=len(out["teachers"]), r=out["revision"],
               u=out["updated_at"][:16].replace("T", " "))]
    for t in out["teachers"]:
        lines.append(f"{t['name']}  {'、'.join(t['subjects'])}  {t['township']}  "
                     f"{t['phone'] or '-'}")
    ctx.emit(out, "\n".join(lines))
    return 0
