"""Data safety commands: backup, restore, check, audit export, erase, protected export."""
from __future__ import annotations

import getpass
import os
import sys
from datetime import date

from ccschool.cli.context import CliContext
from ccschool.i18n import L


def register(sub, common) -> None:
    p = sub.add_parser("backup", parents=[common], help="back up the database (verified)")
    p.add_argument("--out", help="file or folder (e.g. a USB stick), encrypted with a password "
                                 "(CCSCHOOL_BACKUP_PASSWORD or asked); default: data/backups")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", parents=[common], help="replace the database with a backup "
                       "(an encrypted one asks for its password or reads CCSCHOOL_BACKUP_PASSWORD)")
    p.add_argument("file")
    p.add_argument("--force", action="store_true", help="accept a backup of another site")
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("check", parents=[common], help="check the database file (quick_check)")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("audit", parents=[common], help="the audit log (admins)")
    asub = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    e = asub.add_parser("export", parents=[common], help="write the audit log to an xlsx file")
    e.add_argument("out")
    _filters(e)
    e.set_defaults(func=cmd_audit_export)
    e = asub.add_parser("list", parents=[common], help="print recent audit entries")
    e.add_argument("--limit", type=int, default=50)
    _filters(e)
    e.set_defaults(func=cmd_audit_list)

    p = sub.add_parser("erase", parents=[common], help="erase a learner's personal data (PIPL)")
    p.add_argument("--card", required=True)
    p.add_argument("--reason", default="本人申请")
    p.set_defaults(func=cmd_erase)

    p = sub.add_parser("export-protected", parents=[common],
                       help="learners with personal data, in a password-protected (AES) zip")
    p.add_argument("out")
    p.add_argument("--password", help="default: CCSCHOOL_EXPORT_PASSWORD or ask")
    p.set_defaults(func=cmd_export_protected)


def _filters(p) -> None:
    p.add_argument("--since", type=date.fromisoformat)
    p.add_argument("--until", type=date.fromisoformat)
    p.add_argument("--actor")
    p.add_argument("--action", help="prefix, e.g. learner.")
    p.add_argument("--unmasked", action="store_true", help="show full ID numbers and phones")


def _flt(args):
    from ccschool.services.audit_log import AuditFilter

    return AuditFilter(since=args.since, until=args.until, actor=args.actor, action=args.action)


PASSWORD_ENV = "CCSCHOOL_BACKUP_PASSWORD"


def backup_password(*, new: bool) -> str:
    """CCSCHOOL_BACKUP_PASSWORD (for scripts), else asked on the terminal (twice for a new one)."""
    from ccschool.errors import ValidationError
    from ccschool.safety.sealed import check_new_password

    if os.environ.get(PASSWORD_ENV):
        return os.environ[PASSWORD_ENV]
    if not sys.stdin.isatty():
        raise ValidationError("需要备份密码：请在终端中运行，或设置环境变量 {env}。",
                              "A backup password is needed: run this in a terminal or set "
                              "{env}.", env=PASSWORD_ENV, field="password")
    if not new:
        return getpass.getpass(L("备份密码：", "Backup password: "))
    password = check_new_password(getpass.getpass(
        L("为这份备份设置密码（至少 8 个字符）：", "Password for this backup (8+ characters): ")))
    if getpass.getpass(L("再输入一次：", "Again: ")) != password:
        raise ValidationError("两次输入的密码不一样，没有写备份。",
                              "The two passwords differ; no backup was written.",
                              field="password")
    return password


def cmd_backup(args, ctx: CliContext) -> int:
    from ccschool.safety.backup import describe, make_backup
    from ccschool.safety.checks import check_database

    check_database(ctx.data_dir, quick=False)
    actor = ctx.require_admin() if args.out else None  # a copy of everything leaves the folder
    # A backup that leaves the data folder carries ID numbers and the site's secrets: encrypted.
    password = backup_password(new=True) if args.out else None
    result = make_backup(ctx.data_dir, reason="manual", out=args.out, password=password)
    if actor:
        ctx.audit(actor, "backup.out", file=str(result.path))
    ctx.emit(vars(result), describe(result))
    return 0


def cmd_restore(args, ctx: CliContext) -> int:
    from ccschool.db import open_database
    from ccschool.safety.lock import instance_lock
    from ccschool.safety.restore import record_restore, restore_backup

    from ccschool.safety.sealed import is_sealed

    actor = _restore_admin(ctx, args.file)
    ctx.close()  # no connection of ours may stay on the file being replaced
    password = backup_password(new=False) if is_sealed(args.file) else None
    with instance_lock(ctx.data_dir):  # never swap the file under a running app
        result = restore_backup(ctx.data_dir, args.file, force=args.force, password=password)
        db = open_database(ctx.data_dir)  # upgrades an older backup's schema
        try:
            record_restore(db, result, actor=actor)
        finally:
            db.close()
    if result.broken_kept:
        kept = L("原来损坏的数据库文件另存为 {prev}", "The damaged database file was kept as {prev}",
                 prev=result.previous_backup)
    else:
        kept = L("恢复前的数据已备份到 {prev}", "The data as it was is saved in {prev}",
                 prev=result.previous_backup or "-")
    ctx.emit(vars(result), L("已从 {file} 恢复（学员 {n} 名，考勤 {a} 条）。",
                             "Restored from {file} ({n} learners, {a} attendance rows). ",
                             file=args.file, n=result.counts["learner"],
                             a=result.counts["attendance"]) + kept)
    return 0


def _restore_admin(ctx: CliContext, backup_file) -> str:
    """The admin asking for the restore: checked against the current database, or, when that
    one is too damaged to open, against the backup's own accounts."""
    from ccschool.safety.storage import DatabaseCorrupt

    from ccschool.safety.sealed import is_sealed

    try:  # a refused restore changes nothing, not even a login entry; the restore records itself
        return ctx.require_admin(record_login=False)
    except DatabaseCorrupt:
        if is_sealed(backup_file):  # its own password (8+ characters, set by an admin) is
            return os.environ.get("CCSCHOOL_STAFF") or "backup-password"  # checked by restore
        return _admin_of_backup(backup_file)


def _admin_of_backup(backup_file) -> str:
    import sqlite3

    from ccschool.cli.prompt import ask_secret, ask_text
    from ccschool.errors import PermissionDenied
    from ccschool.services.staff import verify_password

    name = os.environ.get("CCSCHOOL_STAFF") or ask_text("管理员用户名：", "Admin user name: ",
                                                        env="CCSCHOOL_STAFF")
    password = os.environ.get("CCSCHOOL_PASSWORD")
    if password is None:
        password = ask_secret("密码：", "Password: ", env="CCSCHOOL_PASSWORD")
    try:
        conn = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT password_hash FROM staff_user WHERE name = ? AND "
                               "role = 'admin' AND active", (name.strip(),)).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        row = None  # not a backup at all: restore_backup says so if the check passes
    if row is None or not verify_password(password, row[0]):
        raise PermissionDenied("用户名或密码不对（数据库已损坏，按备份中的管理员账号核对）",
                               "Wrong user name or password (the database is damaged; checked "
                               "against the backup's admin accounts)")
    return name.strip()


def cmd_check(args, ctx: CliContext) -> int:
    from ccschool.safety.checks import check_database

    state = check_database(ctx.data_dir, quick=True)
    ctx.emit({"state": state}, L("数据库检查通过", "The database passed its check")
             if state == "ok" else L("还没有数据库", "No database yet"))
    return 0


def cmd_audit_export(args, ctx: CliContext) -> int:
    from ccschool.services import audit_log

    ctx.require_admin()
    with ctx.db.read() as s:
        n = audit_log.export_xlsx(s, args.out, role="admin", flt=_flt(args),
                                  unmasked=args.unmasked)
    ctx.emit({"out": args.out, "entries": n},
             L("已导出 {n} 条操作日志：{out}", "Exported {n} audit entries: {out}", n=n, out=args.out))
    return 0


def cmd_audit_list(args, ctx: CliContext) -> int:
    from ccschool.services import audit_log

    ctx.require_admin()
    with ctx.db.read() as s:
        rows = audit_log.entries(s, role="admin", flt=_flt(args), limit=args.limit,
                                 unmasked=args.unmasked)
    text = "\n".join(r["sentence"] for r in rows)
    ctx.emit(rows, text or L("没有记录", "No entries"))
    return 0


def cmd_erase(args, ctx: CliContext) -> int:
    from ccschool.services import privacy

    with ctx.db.transaction(actor=ctx.require_admin()) as s:
        result = privacy.erase_learner(s, card_no=args.card, reason=args.reason)
    ctx.emit(result, L("卡号 {card} 的个人信息已注销，保留 {n} 条匿名考勤",
                       "Card {card}: personal data erased, {n} anonymous attendance rows kept",
                       card=result["card_no"], n=result["attendance_kept"]))
    return 0


def cmd_export_protected(args, ctx: CliContext) -> int:
    from ccschool.cli.prompt import ask_secret
    from ccschool.services import privacy

    actor = ctx.require_admin()
    password = args.password or os.environ.get("CCSCHOOL_EXPORT_PASSWORD") or \
        ask_secret("设置压缩包密码：", "Password for the zip: ", env="CCSCHOOL_EXPORT_PASSWORD")
    with ctx.db.read() as s:
        n = privacy.export_protected(s, args.out, password=password, role="admin")
    ctx.audit(actor, "learner.export_protected", file=str(args.out), learners=n)
    ctx.emit({"out": args.out, "learners": n},
             L("已导出 {n} 名学员到加密压缩包 {out}（用 7-Zip 或 WinRAR 输入密码打开）",
               "Exported {n} learners to the encrypted zip {out} (open with 7-Zip or WinRAR)",
               n=n, out=args.out))
    return 0
