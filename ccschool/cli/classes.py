"""Classes, sessions, enrollment, venues and volunteers on the command line.

Every handler is one transaction around the same service functions the GUI calls; `--json`
prints the created or listed objects with their ids.
"""
from __future__ import annotations

from ccschool.cli.context import CliContext
from ccschool.i18n import L


def _group(sub, name: str, help: str):
    parser = sub.add_parser(name, help=help)
    return parser.add_subparsers(dest=f"{name}_command", metavar="ACTION", required=True)


def register(sub, common) -> None:
    _register_classes(_group(sub, "classes", "classes (班级)"), common)
    _register_sessions(_group(sub, "sessions", "sessions of classes (课次)"), common)
    _register_enroll(sub, common)
    _register_volunteers(_group(sub, "volunteers", "teachers and volunteers (师资库/志愿者)"), common)
    _register_venues(_group(sub, "venues", "venues (场地)"), common)


def _register_classes(sub, common) -> None:
    p = sub.add_parser("add", parents=[common], help="add a class, optionally with its term's sessions")
    p.add_argument("--name", required=True)
    p.add_argument("--theme", required=True)
    p.add_argument("--hours-per-session", type=float, required=True)
    p.add_argument("--venue", help="venue id or name")
    p.add_argument("--teacher", help="teacher id or name from the pool")
    p.add_argument("--capacity", type=int)
    p.add_argument("--groups", default="", help="target groups, comma-separated")
    p.add_argument("--min-rate", type=float,
                   help="attendance for a certificate (default: the certificate setting)")
    p.add_argument("--online", action="store_true")
    p.add_argument("--start", help="term start YYYY-MM-DD")
    p.add_argument("--end", help="term end YYYY-MM-DD")
    p.add_argument("--weekly", help='weekly pattern, e.g. "tue,thu 14:00-15:30"')
    p.add_argument("--skip", default="",
                   help="holidays to skip, comma-separated dates or ranges "
                        "(2026-10-01..2026-10-07)")
    p.add_argument("--holidays", metavar="FILE",
                   help="a holiday list file from the county (text or JSON): its dates are skipped")
    p.set_defaults(func=cmd_classes_add)

    p = sub.add_parser("holidays", parents=[common],
                       help="check a holiday list file and show the dates it skips")
    p.add_argument("file")
    p.set_defaults(func=cmd_classes_holidays)

    p = sub.add_parser("list", parents=[common], help="list classes")
    p.add_argument("--theme")
    p.add_argument("--venue", help="venue id or name")
    p.add_argument("--on", help="only classes whose term includes this date")
    p.set_defaults(func=cmd_classes_list)


def _register_sessions(sub, common) -> None:
    from ccschool.cli.checkin import register_close

    register_close(sub, common)  # `sessions close ID`: the check-in desk's close, same service
    p = sub.add_parser("list", parents=[common], help="list sessions")
    p.add_argument("--class", dest="class_ref")
    p.add_argument("--date")
    p.add_argument("--month", help="all classes' sessions of a month, YYYY-MM, with sign-ins")
    p.add_argument("--venue", help="with --month: venue id or name")
    p.add_argument("--theme", help="with --month: only this theme")
    p.set_defaults(func=cmd_sessions_list)

    p = sub.add_parser("add", parents=[common], help="add one session")
    p.add_argument("--class", dest="class_ref", required=True)
    p.add_argument("--date", required=True)
    p.add_argument("--start", required=True)
    p.add_argument("--end", required=True)
    p.add_argument("--hours", type=float)
    p.add_argument("--topic")
    p.set_defaults(func=cmd_sessions_add)

    p = sub.add_parser("cancel", parents=[common], help="cancel one session")
    p.add_argument("--session", required=True)
    p.add_argument("--force", action="store_true", help="cancel even though learners signed in "
                                                       "(their attendance is kept)")
    p.set_defaults(func=cmd_sessions_cancel)

    p = sub.add_parser("held", parents=[common], help="mark a session held (credits helpers)")
    p.add_argument("--session", required=True)
    p.set_defaults(func=cmd_sessions_held)

    p = sub.add_parser("assign", parents=[common], help="assign a teacher/volunteer to a session")
    p.add_argument("--session", required=True)
    p.add_argument("--volunteer", required=True, help="id or name")
    p.add_argument("--remove", action="store_true", help="take them off instead")
    p.set_defaults(func=cmd_sessions_assign)


def _learner_args(p) -> None:
    p.add_argument("--class", dest="class_ref", required=True)
    p.add_argument("--card", action="append", default=[], help="card number (repeatable)")
    p.add_argument("--learner", action="append", default=[], help="learner id (repeatable)")


def _register_enroll(sub, common) -> None:
    p = sub.add_parser("enroll", parents=[common], help="enroll learners in a class")
    _learner_args(p)
    p.add_argument("--waitlist", action="store_true", help="put learners on the waitlist if full")
    p.set_defaults(func=cmd_enroll)

    p = sub.add_parser("withdraw", parents=[common], help="withdraw learners from a class")
    _learner_args(p)
    p.set_defaults(func=cmd_withdraw)


def _register_volunteers(sub, common) -> None:
    p = sub.add_parser("add", parents=[common], help="add a teacher or volunteer")
    p.add_argument("--name", required=True)
    p.add_argument("--phone")
    p.add_argument("--kind", default="volunteer",
                   help="教师、志愿者 or 教师兼志愿者 (teacher, volunteer, both)")
    p.add_argument("--org-type", default="其他")
    p.add_argument("--organisation")
    p.add_argument("--skills")
    p.set_defaults(func=cmd_volunteers_add)

    p = sub.add_parser("list", parents=[common], help="list the pool")
    p.add_argument("--kind")
    p.set_defaults(func=cmd_volunteers_list)

    p = sub.add_parser("hours", parents=[common], help="service hours per person in a month")
    p.add_argument("--month", required=True, help="YYYY-MM")
    p.set_defaults(func=cmd_volunteers_hours)

    p = sub.add_parser("statement", parents=[common],
                       help="a person's service-hours statement for a year, as PDF")
    p.add_argument("--volunteer", required=True, help="id or name")
    p.add_argument("--year", type=int, required=True, help="e.g. 2026")
    p.add_argument("--out", required=True, help="PDF file to write")
    p.set_defaults(func=cmd_volunteers_statement)

    p = sub.add_parser("record", parents=[common], help="add a manual service record")
    p.add_argument("--volunteer", required=True, help="id or name")
    p.add_argument("--date", required=True)
    p.add_argument("--hours", type=float, required=True)
    p.add_argument("--activity", required=True)
    p.add_argument("--session")
    p.set_defaults(func=cmd_volunteers_record)


def _register_venues(sub, common) -> None:
    p = sub.add_parser("add", parents=[common], help="add a venue")
    p.add_argument("--name", required=True)
    p.add_argument("--address")
    p.add_argument("--capacity", type=int)
    p.add_argument("--kind", default="school_room",
                   help="学校教室、村（社区）活动室、文化礼堂、农家书屋、线上、其他 "
                        "(or school_room, village_hall, culture_hall, farm_library, online, "
                        "other)")
    p.set_defaults(func=cmd_venues_add)

    p = sub.add_parser("list", parents=[common], help="list venues")
    p.set_defaults(func=cmd_venues_list)


# -- classes ------------------------------------------------------------------------------
def cmd_classes_add(args, ctx: CliContext) -> int:
    from ccschool.errors import ValidationError
    from ccschool.services import classes, sessions
    from ccschool.services.weekly import parse_date, parse_dates

    skip = parse_dates(args.skip)
    if args.holidays:
        from ccschool.services.holidays import holiday_dates, read_holiday_file

        skip |= holiday_dates(read_holiday_file(args.holidays))
    start = parse_date(args.start, "start") if args.start else None
    end = parse_date(args.end, "end") if args.end else None
    if args.weekly and not (start and end):
        raise ValidationError("按周排课需要 --start 和 --end", "--weekly needs --start and --end",
                              field="weekly")
    with ctx.db.transaction(actor="cli") as s:
        k = classes.add_class(s, name=args.name, theme=args.theme, venue=args.venue,
                              hours_per_session=args.hours_per_session, teacher=args.teacher,
                              capacity=args.capacity, term_start=start, term_end=end,
                              target_groups=args.groups, min_attendance_rate=args.min_rate,
                              online=args.online)
        s.flush()
        rows = (sessions.generate_sessions(s, class_id=k.id, weekly=args.weekly, start=start,
                                           end=end, skip=skip)
                if args.weekly and start and end else [])
        s.flush()
        out = {"class": classes.class_dict(k), "sessions": [sessions.session_dict(r) for r in rows]}
    ctx.emit(out, L("已添加班级“{name}”（{id}），{n} 个课次", "Added class “{name}” ({id}), {n} sessions",
                    name=k.course_name, id=k.id, n=len(rows)))
    return 0


def cmd_classes_holidays(args, ctx: CliContext) -> int:
    from ccschool.services.holidays import holiday_dates, read_holiday_file
    from ccschool.services.weekly import dates_text

    found = read_holiday_file(args.file)
    days = holiday_dates(found)
    out = {"holidays": [{"from": h.first.isoformat(), "to": h.last.isoformat(), "name": h.name}
                        for h in found], "days": len(days), "skip": dates_text(days)}
    lines = [f"{h.first.isoformat()}" + (f"..{h.last.isoformat()}" if h.last != h.first else "")
             + (f"  {h.name}" if h.name else "") for h in found]
    lines.append(L("共 {n} 天", "{n} days in all", n=len(days)))
    ctx.emit(out, "\n".join(lines))
    return 0


def cmd_classes_list(args, ctx: CliContext) -> int:
    from ccschool.services import classes, venues
    from ccschool.services.weekly import parse_date

    with ctx.db.read() as s:
        venue_id = venues.get_venue(s, args.venue).id if args.venue else None
        rows = classes.list_classes(s, theme=args.theme, venue_id=venue_id,
                                    term_on=parse_date(args.on, "on") if args.on else None)
    lines = [f"{r['id']}  {r['name']}  {r['theme']}  {r['teacher'] or '-'}  {r['venue'] or '-'}  "
             f"{r['enrolled']}/{r['capacity'] or '∞'}" for r in rows]
    ctx.emit({"classes": rows}, "\n".join(lines) or L("没有班级", "No classes"))
    return 0


# -- sessions -----------------------------------------------------------------------------
def _parse_month(text: str) -> tuple[int, int]:
    from ccschool.reports import period

    start = period.month(text).start  # the one month rule: YYYY-MM within datespan
    return start.year, start.month


def _sessions_month(args, ctx: CliContext) -> int:
    """`sessions list --month 2026-11`: the Classes page's month timetable, same service."""
    from ccschool.services import sessions, venues

    year, month = _parse_month(args.month)
    with ctx.db.read() as s:
        venue_id = venues.get_venue(s, args.venue).id if args.venue else None
        rows = sessions.month_overview(s, year=year, month=month, venue_id=venue_id,
                                       theme=args.theme)
    lines = [f"{r['id']}  {r['date']} {r['start']}-{r['end']}  {r['class_name']}  "
             f"{r['venue'] or '—'}  {sessions.state_label(r['state'])}  {r['signed_in']}"
             for r in rows]
    ctx.emit({"sessions": rows}, "\n".join(lines) or L("没有课次", "No sessions"))
    return 0


def cmd_sessions_list(args, ctx: CliContext) -> int:
    from ccschool.services import classes, sessions
    from ccschool.services.weekly import parse_date

    if args.month:
        return _sessions_month(args, ctx)
    with ctx.db.read() as s:
        class_id = classes.find_class(s, args.class_ref).id if args.class_ref else None
        day = parse_date(args.date) if args.date else None
        names = {}
        rows = []
        for cs in sessions.list_sessions(s, class_id=class_id, day=day):
            if cs.class_id not in names:
                names[cs.class_id] = classes.get_class(s, cs.class_id).course_name
            rows.append(sessions.session_dict(cs, class_name=names[cs.class_id]))
    lines = [f"{r['id']}  {r['date']} {r['start']}-{r['end']}  {r['class_name']}  {r['hours']}  "
             f"{sessions.state_label(r['state'])}" for r in rows]
    ctx.emit({"sessions": rows}, "\n".join(lines) or L("没有课次", "No sessions"))
    return 0


def cmd_sessions_add(args, ctx: CliContext) -> int:
    from ccschool.services import classes, sessions
    from ccschool.services.weekly import parse_date, parse_time

    with ctx.db.transaction(actor="cli") as s:
        k = classes.find_class(s, args.class_ref)
        cs = sessions.add_session(s, class_id=k.id, day=parse_date(args.date),
                                  start=parse_time(args.start, "start"),
                                  end=parse_time(args.end, "end"), hours=args.hours, topic=args.topic)
        out = sessions.session_dict(cs)
    ctx.emit({"session": out}, L("已添加课次 {id}：{date} {start}-{end}",
                                 "Added session {id}: {date} {start}-{end}",
                                 **out))
    return 0


def cmd_sessions_cancel(args, ctx: CliContext) -> int:
    from ccschool.services import sessions

    with ctx.db.transaction(actor="cli") as s:
        cs = sessions.cancel_session(s, session_id=args.session, confirm=args.force)
        kept = sessions.attendance_count(s, cs.id)
        out = sessions.session_dict(cs, attendance_kept=kept)
    ctx.emit({"session": out}, L("已取消课次 {id}（保留考勤记录 {n} 条）",
                                 "Cancelled session {id} ({n} attendance records kept)",
                                 id=cs.id, n=kept))
    return 0


def cmd_sessions_held(args, ctx: CliContext) -> int:
    from ccschool.services import service_hours, sessions

    with ctx.db.transaction(actor="cli") as s:
        cs = sessions.mark_held(s, session_id=args.session)
        credited = [r.id for r in service_hours.session_records(s, cs.id)]
        out = sessions.session_dict(cs, service_records=credited)
    ctx.emit({"session": out}, L("课次 {id} 已上课，记入志愿服务 {n} 条",
                                 "Session {id} held; {n} service records",
                                 id=cs.id, n=len(credited)))
    return 0


def cmd_sessions_assign(args, ctx: CliContext) -> int:
    from ccschool.services import service_hours, volunteers

    with ctx.db.transaction(actor="cli") as s:
        inst = volunteers.get_instructor(s, args.volunteer)
        if args.remove:
            service_hours.unassign(s, session_id=args.session, instructor_id=inst.id)
        else:
            service_hours.assign(s, session_id=args.session, instructor_id=inst.id)
        recs = [r.id for r in service_hours.session_records(s, args.session)]
    ctx.emit({"session_id": args.session, "instructor_id": inst.id, "assigned": not args.remove,
              "service_records": recs},
             L("已更新课次 {id} 的志愿者安排", "Updated helpers of session {id}", id=args.session))
    return 0


# -- enrollment ---------------------------------------------------------------------------
def _learner_ids(s, args) -> list[str]:
    from ccschool.errors import ValidationError
    from ccschool.services import learners

    ids = [learners.find_learner(s, c, earlier_cards=False).id for c in args.card]
    ids += [learners.get_learner(s, i).id for i in args.learner]
    if not ids:
        raise ValidationError("请用 --card 或 --learner 指定学员", "Name learners with --card or --learner",
                              field="learner")
    return ids


def cmd_enroll(args, ctx: CliContext) -> int:
    from ccschool.services import classes, enrollment

    with ctx.db.transaction(actor="cli") as s:  # all or nothing: one full class stops the lot
        k = classes.find_class(s, args.class_ref)
        rows = [enrollment.enroll(s, class_id=k.id, learner_id=lid, waitlist=args.waitlist)
                for lid in _learner_ids(s, args)]
        out = [enrollment.enrollment_dict(r) for r in rows]
        count, cap = enrollment.enrolled_count(s, k.id), k.capacity
    waiting = sum(r["state"] == "waitlisted" for r in out)
    ctx.emit({"class_id": k.id, "enrollments": out, "enrolled": count, "capacity": cap},
             L("“{name}”：报名 {n} 人，候补 {w} 人（现 {c}/{cap}）",
               "“{name}”: {n} enrolled, {w} waitlisted (now {c}/{cap})",
               name=k.course_name, n=len(out) - waiting, w=waiting, c=count, cap=cap or "∞"))
    return 0


def cmd_withdraw(args, ctx: CliContext) -> int:
    from ccschool.services import classes, enrollment

    with ctx.db.transaction(actor="cli") as s:
        k = classes.find_class(s, args.class_ref)
        ids = _learner_ids(s, args)
        promoted = [enrollment.withdraw(s, class_id=k.id, learner_id=lid) for lid in ids]
        out = [enrollment.enrollment_dict(p) for p in promoted if p is not None]
    ctx.emit({"class_id": k.id, "withdrawn": ids, "promoted": out},
             L("已退出 {n} 人，候补转正 {p} 人", "{n} withdrawn, {p} promoted from the waitlist",
               n=len(ids), p=len(out)))
    return 0


# -- volunteers ---------------------------------------------------------------------------
def cmd_volunteers_add(args, ctx: CliContext) -> int:
    from ccschool.models import Person
    from ccschool.services import volunteers

    with ctx.db.transaction(actor="cli") as s:
        inst = volunteers.add_instructor(s, name=args.name, phone=args.phone, kind=args.kind,
                                         org_type=args.org_type, organisation=args.organisation,
                                         skills=args.skills)
        s.flush()
        out = volunteers.instructor_dict(inst, s.get(Person, inst.person_id))
    ctx.emit({"volunteer": out}, L("已加入师资库：{name}（{id}）", "Added to the pool: {name} ({id})",
                                   name=out["name"], id=out["id"]))
    return 0


def cmd_volunteers_list(args, ctx: CliContext) -> int:
    from ccschool.idcard import mask_phone
    from ccschool.services import volunteers

    with ctx.db.read() as s:
        rows = [volunteers.instructor_dict(i, p) for i, p in
                volunteers.list_instructors(s, kind=args.kind)]
    lines = [f"{r['id']}  {r['name']}  {volunteers.kind_label(r['kind'])}  {r['org_type']}  "
             f"{mask_phone(r['phone'])}" for r in rows]
    ctx.emit({"volunteers": rows}, "\n".join(lines) or L("师资库为空", "The pool is empty"))
    return 0


def cmd_volunteers_hours(args, ctx: CliContext) -> int:
    from ccschool.services import service_hours

    with ctx.db.read() as s:
        rows = service_hours.monthly_hours(s, month=args.month)
    total = round(sum(r["hours"] for r in rows), 2)
    lines = [f"{r['instructor_id']}  {r['name']}  {r['hours']}" for r in rows]
    lines.append(L("合计 {h} 小时，{n} 人", "Total {h} hours, {n} people", h=total, n=len(rows)))
    ctx.emit({"month": args.month, "hours": rows, "total": total}, "\n".join(lines))
    return 0


def cmd_volunteers_record(args, ctx: CliContext) -> int:
    from ccschool.services import service_hours, volunteers
    from ccschool.services.weekly import parse_date

    with ctx.db.transaction(actor="cli") as s:
        inst = volunteers.get_instructor(s, args.volunteer)
        rec = service_hours.add_record(s, instructor_id=inst.id, day=parse_date(args.date),
                                       hours=args.hours, activity=args.activity,
                                       session_id=args.session)
        out = {"id": rec.id, "instructor_id": inst.id, "date": rec.date.isoformat(),
               "hours": rec.hours, "activity": rec.activity, "session_id": rec.session_id}
    ctx.emit({"service_record": out}, L("已记录服务 {h} 小时（{id}）", "Recorded {h} hours ({id})",
                                        h=rec.hours, id=rec.id))
    return 0


def cmd_volunteers_statement(args, ctx: CliContext) -> int:
    from ccschool.services import printing

    result = printing.print_service_statement(ctx.db, volunteer=args.volunteer, year=args.year,
                                              out=args.out)
    ctx.emit(result, L("已生成 {name} 的 {year} 年服务时长证明（{n} 条，{h} 小时）：{out}",
                       "Wrote the {year} service statement of {name} ({n} records, {h} hours): "
                       "{out}", name=result["name"], year=result["year"], n=result["records"],
                       h=f"{result['total_hours']:g}", out=args.out))
    return 0


# -- venues -------------------------------------------------------------------------------
def cmd_venues_add(args, ctx: CliContext) -> int:
    from ccschool.services import venues

    with ctx.db.transaction(actor="cli") as s:
        v = venues.add_venue(s, name=args.name, address=args.address, capacity=args.capacity,
                             kind=args.kind)
        out = venues.venue_dict(v)
    ctx.emit({"venue": out}, L("已添加场地“{name}”（{id}）", "Added venue “{name}” ({id})", **out))
    return 0


def cmd_venues_list(args, ctx: CliContext) -> int:
    from ccschool.services import venues

    with ctx.db.read() as s:
        rows = [venues.venue_dict(v) for v in venues.list_venues(s)]
    lines = [f"{r['id']}  {r['name']}  {venues.kind_label(r['kind'])}  {r['capacity'] or '-'}  "
             f"{r['address'] or ''}" for r in rows]
    ctx.emit({"venues": rows}, "\n".join(lines) or L("没有场地", "No venues"))
    return 0
