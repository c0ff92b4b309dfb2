"""Site set-up and inspection: init, demo, info, staff accounts."""
from __future__ import annotations

import time

from ccschool.cli.context import CliContext
from ccschool.i18n import L


def register(sub, common) -> None:
    p = sub.add_parser("init", parents=[common], help="create the database and this site")
    p.add_argument("--site-code", required=True)
    p.add_argument("--site-name", required=True)
    p.add_argument("--level", choices=("township", "village"), default="township")
    p.add_argument("--county-url")
    p.add_argument("--admin", help="first admin account name")
    p.add_argument("--password", help="first admin password/PIN")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser(
        "demo", parents=[common], help="fill the database with realistic demo data",
        description="Fill a new database (no learners yet) with realistic demo data. All or "
                    "nothing at any size: it is built in a private copy and swapped in at the "
                    "end; a second run needs an empty data folder.")
    p.add_argument("--learners", type=int, default=300)
    p.add_argument("--months", type=int, default=3)
    p.add_argument("--seed", type=int, default=2026)
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("info", parents=[common], help="site, record counts, schema revision")
    p.set_defaults(func=cmd_info)

    p = sub.add_parser("staff-add", parents=[common],
                       help="add a staff account (needs an admin, except the first account)")
    p.add_argument("--name", required=True)
    p.add_argument("--password", required=True, help="staff: 4+ characters; admin: 8+, not "
                                                     "only digits")
    p.add_argument("--role", choices=("admin", "staff"), default="staff")
    p.set_defaults(func=cmd_staff_add)

    p = sub.add_parser("staff-password", parents=[common],
                       help="change your own password (CCSCHOOL_STAFF/CCSCHOOL_PASSWORD, or asks)")
    p.add_argument("--new-password", help="default: CCSCHOOL_NEW_PASSWORD or ask")
    p.set_defaults(func=cmd_staff_password)


def cmd_init(args, ctx: CliContext) -> int:
    from ccschool.services.site_setup import set_up_site

    with ctx.db.transaction(actor=args.admin or "cli") as s:
        site = set_up_site(s, code=args.site_code, name=args.site_name, level=args.level,
                           county_url=args.county_url, admin_name=args.admin or None,
                           admin_password=args.password)
    ctx.emit({"site": {"id": site.id, "code": site.code, "name": site.name},
              "database": str(ctx.db.path)},
             L("已创建站点 {code} {name}：{path}", "Created site {code} {name}: {path}",
               code=site.code, name=site.name, path=ctx.db.path))
    return 0


def cmd_demo(args, ctx: CliContext) -> int:
    from ccschool.safety.lock import instance_lock
    from ccschool.safety.staged import staged_copy
    from ccschool.services.demo import ensure_demo_site, build_demo

    started = time.perf_counter()
    # Built in a private copy, committed in steps there, swapped in at the end: all or
    # nothing at any size, and the live file's write lock is never held for the build.
    with instance_lock(ctx.data_dir), staged_copy(ctx.db) as staged:
        with staged.transaction(actor="demo") as s:
            ensure_demo_site(s)
            counts = build_demo(s, learners=args.learners, months=args.months, seed=args.seed,
                                commit_steps=True)
    counts["seconds"] = round(time.perf_counter() - started, 2)
    ctx.emit(counts, L("示范数据已生成：{n} 名学员，{c} 个班级，{a} 条考勤（{t} 秒）",
                       "Demo data written: {n} learners, {c} classes, {a} attendance rows ({t} s)",
                       n=counts["learners"], c=counts["classes"], a=counts["attendance"],
                       t=counts["seconds"]))
    return 0


def cmd_info(args, ctx: CliContext) -> int:
    from ccschool.services import site as site_svc

    with ctx.db.read() as s:
        data = site_svc.info(s)
    data["database"] = str(ctx.db.path)
    site = data["site"] or {}
    text = "\n".join([f"{L('站点', 'Site')}: {site.get('code', '-')} {site.get('name', '')}",
                      f"{L('数据库', 'Database')}: {data['database']}",
                      f"{L('结构版本', 'Schema')}: {','.join(data['schema_revision'])}"] +
                     [f"  {k}: {v}" for k, v in data["counts"].items()])
    ctx.emit(data, text)
    return 0


def cmd_staff_add(args, ctx: CliContext) -> int:
    from ccschool.services import staff

    with ctx.db.read() as s:
        first = staff.count_users(s) == 0
    # Only the very first account (a site made by `init` without --admin) needs no admin.
    actor = "setup" if first else ctx.require_admin()
    with ctx.db.transaction(actor=actor) as s:
        user = staff.create_user(s, name=args.name, password=args.password, role=args.role)
    ctx.emit({"id": user.id, "name": user.name, "role": user.role},
             L("已添加用户 {name}", "Added user {name}", name=user.name))
    return 0


def cmd_staff_password(args, ctx: CliContext) -> int:
    import os

    from ccschool.cli.prompt import ask_secret
    from ccschool.errors import ValidationError
    from ccschool.services import login, staff

    name = os.environ.get("CCSCHOOL_STAFF") or ""
    password = os.environ.get("CCSCHOOL_PASSWORD")
    if not name or password is None:
        from ccschool.cli.prompt import ask_text

        name = name or ask_text("用户名：", "User name: ", env="CCSCHOOL_STAFF")
        password = ask_secret("当前密码：", "Current password: ", env="CCSCHOOL_PASSWORD")
    user = login.login(ctx.db, name=name, password=password)
    new = args.new_password or os.environ.get("CCSCHOOL_NEW_PASSWORD")
    if new is None:
        new = ask_secret("新密码：", "New password: ", env="CCSCHOOL_NEW_PASSWORD")
        if ask_secret("再输一次：", "Again: ", env="CCSCHOOL_NEW_PASSWORD") != new:
            raise ValidationError("两次输入的密码不一样", "The two passwords differ", field="password")
    with ctx.db.transaction(actor=user.name) as s:
        staff.change_password(s, name=user.name, new_password=new)
    ctx.emit({"name": user.name}, L("{name} 的密码已修改", "Password of {name} changed",
                                    name=user.name))
    return 0
