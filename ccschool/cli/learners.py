"""`ccschool learners import|export|list|add|reissue`: the registry from the command line."""
from __future__ import annotations

import contextlib
import signal
import sys
import threading

from ccschool.cli.context import CliContext
from ccschool.i18n import L


def register(sub, common) -> None:
    p = sub.add_parser("learners", help="learner registry: import, export, list, add, reissue")
    lsub = p.add_subparsers(dest="learners_command", metavar="ACTION", required=True)

    q = lsub.add_parser("import", parents=[common], help="import a roster workbook (.xlsx)")
    q.add_argument("file")
    q.add_argument("--dry-run", action="store_true", help="check only; write nothing")
    q.add_argument("--skip-invalid", action="store_true",
                   help="import the valid rows; write the others to an error workbook")
    q.set_defaults(func=cmd_import)

    q = lsub.add_parser("export", parents=[common], help="export all learners to .xlsx")
    q.add_argument("file")
    q.add_argument("--include-id", action="store_true",
                   help="full ID numbers (default: masked); needs an admin")
    q.set_defaults(func=cmd_export)

    q = lsub.add_parser("list", parents=[common], help="list or search learners")
    q.add_argument("--search", default="", help="name, pinyin (zs), card number or phone tail")
    q.add_argument("--limit", type=int, default=None)
    q.set_defaults(func=cmd_list)

    q = lsub.add_parser("add", parents=[common], help="register one learner")
    q.add_argument("--name", required=True)
    for opt in ("gender", "birth-date", "phone", "id-number", "village", "notes"):
        q.add_argument(f"--{opt}")
    q.add_argument("--groups", default="", help="target groups, separated by 、 or ,")
    q.add_argument("--consent", action="store_true", help="consents to uploading personal data")
    q.set_defaults(func=cmd_add)

    q = lsub.add_parser("reissue", parents=[common], help="revoke a lost card and issue a new one")
    q.add_argument("card_no")
    q.add_argument("--reason", default="lost")
    q.set_defaults(func=cmd_reissue)


def cmd_import(args, ctx: CliContext) -> int:
    from ccschool.services import roster_import
    from ccschool.services.learner_import import ImportCancelled

    try:
        plan = roster_import.read_and_plan(ctx.db, args.file)
    except KeyboardInterrupt:  # before the write (opening may briefly write): nothing imported
        print(ImportCancelled(), file=sys.stderr)
        return 130
    refused = bool(plan.errors) and not args.skip_invalid
    if args.dry_run or refused:
        result = plan.result(imported=0, dry_run=args.dry_run)
        _emit_import(ctx, result, refused)
        return 1 if refused else 0
    try:
        with ctrl_c_cancels() as cancelled:  # asked between the import's steps
            result = roster_import.run(ctx.db, plan, actor="cli", skip_invalid=args.skip_invalid,
                                       should_cancel=cancelled)
    except (ImportCancelled, KeyboardInterrupt):  # its rows removed (import_steps)
        print(ImportCancelled(), file=sys.stderr)
        return 130
    refused = bool(result["errors"]) and not args.skip_invalid  # the database moved on meanwhile
    _emit_import(ctx, result, refused)
    return 1 if refused else 0


@contextlib.contextmanager
def ctrl_c_cancels():
    """Yield a should_cancel for the import: Ctrl-C asks it to stop at the next step.

    A KeyboardInterrupt could land after the commit had finished, and the message would then
    claim nothing was written; asking between steps never does. A second Ctrl-C interrupts
    at once (the rows written so far are removed, or by the next import if that is cut short
    too; unless the publish was already under way)."""
    pressed = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield pressed.is_set
        return

    def first_press(_signum, _frame) -> None:
        pressed.set()
        signal.signal(signal.SIGINT, previous)

    previous = signal.signal(signal.SIGINT, first_press) or signal.default_int_handler
    try:
        yield pressed.is_set
    finally:
        signal.signal(signal.SIGINT, previous)


def _emit_import(ctx: CliContext, result: dict, refused: bool) -> None:
    lines = [L("识别的列：{c}", "Columns recognised: {c}", c="、".join(
        f"{h}" for h in result["columns"]["recognised"].values()))]
    if result["columns"]["ignored"]:
        lines.append(L("未使用的列：{c}", "Columns ignored: {c}", c="、".join(result["columns"]["ignored"])))
    lines += [e["message"] for e in result["errors"]] + [d["message"] for d in result["duplicate_rows"]]
    if refused:
        lines.append(L("有{n}处错误，未导入任何学员（可加 --skip-invalid 只导入正确的行）",
                       "{n} problems found; nothing imported (--skip-invalid imports the valid rows)",
                       n=len(result["errors"])))
    elif result["dry_run"]:
        lines.append(L("试运行：将导入{n}名，跳过{s}行，重复{d}行；未写入任何数据",
                       "Dry run: would import {n}, skip {s}, duplicates {d}; nothing written",
                       n=result["would_import"], s=result["skipped"], d=result["duplicates"]))
    else:
        lines.append(L("已导入{n}名学员，跳过{s}行，重复{d}行", "Imported {n} learners, skipped {s}, "
                       "duplicates {d}", n=result["imported"], s=result["skipped"], d=result["duplicates"]))
    if result["error_workbook"]:
        lines.append(L("错误行已写入：{p}", "Rows with errors written to: {p}", p=result["error_workbook"]))
    ctx.emit(result, "\n".join(lines))


def cmd_export(args, ctx: CliContext) -> int:
    from ccschool.services.learner_export import export_learners

    actor = ctx.require_admin() if args.include_id else "cli"  # full ID numbers: admins only
    n = export_learners(ctx.db, args.file, actor=actor, include_id=args.include_id)
    ctx.emit({"exported": n, "file": str(args.file), "include_id": args.include_id},
             L("已导出{n}名学员：{f}", "Exported {n} learners: {f}", n=n, f=args.file))
    return 0


def cmd_list(args, ctx: CliContext) -> int:
    from ccschool.services import learner_export

    with ctx.db.read() as s:
        rows = learner_export.list_rows(s, search=args.search, limit=args.limit)
    text = "\n".join(f"{r['card_no'] or '-':<12} {r['name']:<8} {r['gender'] or '-'} "
                     f"{r['phone'] or '-':<11} {r['id_number'] or '-':<18} {r['village'] or ''}"
                     for r in rows) or L("没有找到学员", "No learners found")
    ctx.emit({"count": len(rows), "learners": rows}, text)
    return 0


def cmd_add(args, ctx: CliContext) -> int:
    from ccschool.services import learners

    fields = {"name": args.name, "gender": args.gender, "birth_date": args.birth_date,
              "phone": args.phone, "id_number": args.id_number, "village": args.village,
              "notes": args.notes, "target_groups": args.groups, "consent_upload": args.consent}
    with ctx.db.transaction(actor="cli") as s:
        learner = learners.create_learner(s, **fields)
        out = learners.detail(s, learner.id)
    ctx.emit(out, L("已登记{name}，卡号{card}", "Registered {name}, card {card}",
                    name=out["name"], card=out["card_no"]))
    return 0


def cmd_reissue(args, ctx: CliContext) -> int:
    from ccschool.services import learners

    with ctx.db.transaction(actor="cli") as s:
        learner = learners.find_learner(s, args.card_no, earlier_cards=False)
        card = learners.reissue_card(s, learner.id, reason=args.reason)
    ctx.emit({"old_card": args.card_no.upper(), "card_no": card.card_no},
             L("旧卡{old}已作废，新卡号{new}", "Card {old} revoked; new card {new}",
               old=args.card_no.upper(), new=card.card_no))
    return 0
