"""`ccschool report …` (monthly, range, stars, archive) and `ccschool satisfaction add`."""
from __future__ import annotations

from ccschool.cli.context import CliContext
from ccschool.i18n import L


def register(sub, common) -> None:
    p = sub.add_parser("report", parents=[common], help="statistics, learning stars, archives")
    rsub = p.add_subparsers(dest="report_command", metavar="REPORT", required=True)

    m = rsub.add_parser("monthly", parents=[common], help="one month's statistics")
    m.add_argument("--month", required=True, help="YYYY-MM")
    _outputs(m)
    m.set_defaults(func=cmd_monthly)

    r = rsub.add_parser("range", parents=[common], help="statistics for any date range")
    r.add_argument("--from", dest="start", required=True, help="YYYY-MM-DD")
    r.add_argument("--to", dest="end", required=True, help="YYYY-MM-DD")
    _outputs(r)
    r.set_defaults(func=cmd_range)

    s = rsub.add_parser("stars", parents=[common], help="百姓学习之星 candidates of a year")
    s.add_argument("--year", type=int, required=True)
    s.add_argument("--limit", type=int, default=50)
    s.set_defaults(func=cmd_stars)

    a = rsub.add_parser("archive", parents=[common], help="one learner's lifelong archive")
    a.add_argument("--card", required=True)
    a.set_defaults(func=cmd_archive)

    p = sub.add_parser("satisfaction", parents=[common], help="satisfaction survey scores")
    ssub = p.add_subparsers(dest="satisfaction_command", metavar="ACTION", required=True)
    add = ssub.add_parser("add", parents=[common], help="record one learner's 1–5 score")
    add.add_argument("--class", dest="class_id", required=True)
    add.add_argument("--card", required=True)
    add.add_argument("--score", required=True)
    add.add_argument("--comment")
    add.set_defaults(func=cmd_satisfaction_add)


def _outputs(p) -> None:
    p.add_argument("--out", help="write the Excel workbook (.xlsx)")
    p.add_argument("--pdf", help="write the PDF report (A4)")


def cmd_monthly(args, ctx: CliContext) -> int:
    from ccschool.reports import period
    return _report(ctx, period.month(args.month), args)


def cmd_range(args, ctx: CliContext) -> int:
    from ccschool.reports import period
    return _report(ctx, period.date_range(args.start, args.end), args)


def _report(ctx: CliContext, period, args) -> int:
    from ccschool.services import reports

    with ctx.db.read() as s:
        data = reports.report(s, period=period)
        learners = reports.learner_rows(s, period=period) if args.out else None
    written = _write_files(data, learners, args)
    from ccschool.reports.text import summary_text

    text = summary_text(data) + "".join(f"\n{L('已写入', 'Written')}: {f}" for f in written)
    ctx.emit(data if not written else {**data, "files": written}, text)
    return 0


def _write_files(data, learners, args) -> list[str]:
    written = []
    if args.out:
        from ccschool.reports.excel import write_workbook
        write_workbook(data, learners, args.out)
        written.append(args.out)
    if args.pdf:
        from ccschool.reports.pdf import write_pdf
        write_pdf(data, args.pdf)
        written.append(args.pdf)
    return written


def cmd_stars(args, ctx: CliContext) -> int:
    from ccschool.services import reports

    with ctx.db.read() as s:
        rows = reports.stars(s, year=args.year, limit=args.limit)
    lines = [L("{year}年百姓学习之星候选（按学时、出勤率、结业班级排序）",
               "{year} learning-star candidates (by hours, attendance, classes completed)",
               year=args.year)]
    lines += [f"{r['rank']:>3}. {r['name']} {r['card_no']} {r['village'] or ''} "
              f"{L('学时', 'hours')} {r['hours']:g} {L('出勤率', 'attendance')} "
              f"{_pct(r['attendance_rate'])} {L('结业', 'completed')} {r['classes_completed']}"
              for r in rows]
    ctx.emit({"year": args.year, "candidates": rows}, "\n".join(lines))
    return 0


def _pct(x) -> str:
    return "-" if x is None else f"{x * 100:.1f}%"


def cmd_archive(args, ctx: CliContext) -> int:
    from ccschool.services import archive

    with ctx.db.read() as s:
        data = archive.learner_archive(s, card_no=args.card)
    who, tot = data["learner"], data["totals"]
    lines = [f"{who['name']} {who['card_no']} {who['village'] or ''}",
             L("累计：{c}个班级，{n}次课，{h}学时，{k}学分，{z}张证书",
               "Total: {c} classes, {n} sessions, {h} hours, {k} credits, {z} certificates",
               c=tot["classes"], n=tot["sessions"], h=f"{tot['hours']:g}",
               k=f"{tot['credits']:g}" if tot["credits"] is not None else "-",
               z=tot["certificates"])]
    lines += [f"  {y['year']}: {y['sessions']} {L('次', 'sessions')}, {y['hours']:g} "
              f"{L('学时', 'hours')}" for y in data["by_year"]]
    lines += [f"  {c['course_name']}（{c['theme']}）{c['sessions']}/{c['roll']} "
              f"{c['hours']:g}{L('学时', ' hours')}" +
              (f" {L('证书', 'certificate')} {c['certificate']}" if c["certificate"] else "")
              for c in data["classes"]]
    ctx.emit(data, "\n".join(lines))
    return 0


def cmd_satisfaction_add(args, ctx: CliContext) -> int:
    from ccschool.services import satisfaction

    with ctx.db.transaction(actor="cli") as s:
        row = satisfaction.add_score(s, class_id=args.class_id, card_no=args.card,
                                     score=args.score, comment=args.comment)
        out = {"id": row.id, "class_id": row.class_id, "learner_id": row.learner_id,
               "score": row.score, "comment": row.comment}
    ctx.emit(out, L("已记录满意度评分 {score}", "Satisfaction score {score} recorded",
                    score=out["score"]))
    return 0
