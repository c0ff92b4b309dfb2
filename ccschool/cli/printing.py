"""`ccschool print cards|certificates|signin|transcript`: the Print page's documents as PDF files."""
from __future__ import annotations

from ccschool.cli.context import CliContext
from ccschool.i18n import L


def register(sub, common) -> None:
    p = sub.add_parser("print", help="print learning cards, certificates, sign-in sheets, "
                                     "transcripts to PDF")
    what = p.add_subparsers(dest="what", metavar="WHAT", required=True)

    c = what.add_parser("cards", parents=[common],
                        help="learning cards (default: learners whose card is not printed yet)")
    chosen = c.add_mutually_exclusive_group()
    chosen.add_argument("--all", action="store_true", help="every learner with an active card")
    chosen.add_argument("--class", dest="class_id", metavar="ID", help="learners of a class")
    chosen.add_argument("--card", dest="cards", metavar="CARDNO", nargs="+", help="these cards")
    c.add_argument("--per-page", type=int, choices=(10, 1), default=10,
                   help="10 to an A4 sheet with cut marks, or 1 per page for card printers")
    c.add_argument("--out", required=True, help="PDF file to write")
    c.set_defaults(func=cmd_cards)

    c = what.add_parser("certificates", parents=[common],
                        help="certificates for a class's learners who met its attendance rate")
    c.add_argument("--class", dest="class_id", metavar="ID", required=True)
    c.add_argument("--out", required=True)
    c.add_argument("--early", metavar="REASON", dest="early_reason",
                   help="提前结业: issue before the class's last session, for this reason")
    c.set_defaults(func=cmd_certificates)

    c = what.add_parser("signin", parents=[common], help="paper sign-in sheet for a session")
    c.add_argument("--session", dest="session_id", metavar="ID", required=True)
    c.add_argument("--out", required=True)
    c.set_defaults(func=cmd_signin)

    c = what.add_parser("transcript", parents=[common], help="a learner's learning record")
    c.add_argument("--card", dest="card_no", metavar="CARDNO", required=True)
    c.add_argument("--out", required=True)
    c.set_defaults(func=cmd_transcript)


def cmd_cards(args, ctx: CliContext) -> int:
    from ccschool.services import printing

    selection = printing.CardSelection(card_nos=args.cards or (), class_id=args.class_id,
                                       everyone=args.all)
    result = printing.print_cards(ctx.db, actor="cli", selection=selection, out=args.out,
                                  per_page=args.per_page)
    ctx.emit(result, L("已生成 {n} 张学习卡（{p} 页）：{out}", "Wrote {n} learning cards ({p} pages): {out}",
                       n=result["cards"], p=result["pages"], out=args.out))
    return 0


def cmd_certificates(args, ctx: CliContext) -> int:
    from ccschool.services import printing

    result = printing.print_certificates(ctx.db, actor="cli", class_id=args.class_id,
                                         out=args.out, early_reason=args.early_reason)
    lines = [L("已生成 {n} 张结业证书：{out}", "Wrote {n} certificates: {out}",
               n=len(result["issued"]), out=args.out)]
    lines += [f"  {c['cert_no']}  {c['name']}" + ("" if c["new"] else L("（补印）", " (reprint)"))
              for c in result["issued"]]
    if result["refused"]:
        lines.append(L("未达到结业要求：", "Not qualified:"))
        lines += [f"  {r['name']}：{r['reason']}" for r in result["refused"]]
    ctx.emit(result, "\n".join(lines))
    return 0


def cmd_signin(args, ctx: CliContext) -> int:
    from ccschool.services import printing

    result = printing.print_signin_sheet(ctx.db, session_id=args.session_id, out=args.out)
    ctx.emit(result, L("已生成签到表（{n} 名学员，{p} 页）：{out}",
                       "Wrote the sign-in sheet ({n} learners, {p} pages): {out}",
                       n=result["learners"], p=result["pages"], out=args.out))
    return 0


def cmd_transcript(args, ctx: CliContext) -> int:
    from ccschool.services import printing

    result = printing.print_transcript(ctx.db, card_no=args.card_no, out=args.out)
    ctx.emit(result, L("已生成 {name} 的学习档案（{h} 学时）：{out}",
                       "Wrote the learning record of {name} ({h} hours): {out}",
                       name=result["name"], h=result["total_hours"], out=args.out))
    return 0
