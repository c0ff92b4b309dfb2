"""`ccschool sync ...`: month close, upload, USB export and status (the Sync page's services)."""
from __future__ import annotations

import argparse
from pathlib import Path

from ccschool.cli.context import CliContext
from ccschool.i18n import L


def register(sub, common) -> None:
    p = sub.add_parser("sync", help="upload to the county: close-month, push, export, status")
    ss = p.add_subparsers(dest="sync_command", metavar="SYNC_COMMAND", required=True)

    c = ss.add_parser("setup", parents=[common], help="county address, upload token, public key")
    c.add_argument("--url")
    c.add_argument("--token")
    c.add_argument("--county-key", type=Path, help="PEM file with the county's public key")
    c.add_argument("--connection-file", type=Path,
                   help="the county connection file (address, token and key in one)")
    c.set_defaults(func=cmd_setup)

    c = ss.add_parser("close-month", parents=[common], help="seal a month into an upload batch")
    c.add_argument("period", metavar="YYYY-MM")
    # Outbox rows per write transaction: for the kill test and the bench, not for users.
    c.add_argument("--step-rows", type=int, default=None, help=argparse.SUPPRESS)
    c.set_defaults(func=cmd_close_month)

    c = ss.add_parser("push", parents=[common], help="send every unsent batch now")
    c.add_argument("--url", help="county address (default: the one set up)")
    c.add_argument("--timeout", type=float, default=30.0)
    c.set_defaults(func=cmd_push)

    c = ss.add_parser("rules", parents=[common],
                      help="pull the county's rules (学时, 学分, late window, certificates)")
    c.add_argument("--url", help="county address (default: the one set up)")
    c.add_argument("--timeout", type=float, default=30.0)
    c.set_defaults(func=cmd_rules)

    c = ss.add_parser("export", parents=[common], help="write a month's batch for a USB stick")
    c.add_argument("--month", required=True, metavar="YYYY-MM")
    c.add_argument("--out", required=True, type=Path)
    c.set_defaults(func=cmd_export)

    c = ss.add_parser("pull", parents=[common],
                      help="fetch the site's records other devices sent the county")
    c.add_argument("--url", help="county address (default: the one set up)")
    c.add_argument("--timeout", type=float, default=30.0)
    c.set_defaults(func=cmd_pull)

    c = ss.add_parser("status", parents=[common], help="queue, batches, months, needs fixing")
    c.set_defaults(func=cmd_status)

    c = ss.add_parser("prune", parents=[common],
                      help="drop upload contents the county acknowledged long ago (keeps hashes)")
    c.add_argument("--days", type=int, help="acknowledged more than this many days ago "
                   "(default: the prune_after_days setting, 35)")
    # Rows per transaction: for the kill test and the bench, not for users.
    c.add_argument("--step-rows", type=int, help=argparse.SUPPRESS)
    c.add_argument("--vacuum-pages", type=int, help=argparse.SUPPRESS)
    c.add_argument("--compact", action="store_true",
                   help="first rewrite the database file once so that from then on it shrinks "
                   "after pruning (takes a while; close the desktop app first)")
    c.set_defaults(func=cmd_prune)

    c = ss.add_parser("reconcile", parents=[common],
                      help="compare a month with the county's figures; --requeue what it lost")
    c.add_argument("--month", required=True, metavar="YYYY-MM")
    c.add_argument("--requeue", action="store_true", help="send records the county lost again")
    c.add_argument("--url", help="county address (default: the one set up)")
    c.set_defaults(func=cmd_reconcile)


def cmd_setup(args, ctx: CliContext) -> int:
    from ccschool.sync.setup import configure

    key = _read_key(args.county_key) if args.county_key else None
    with ctx.db.transaction(actor=ctx.require_admin()) as s:  # settings: admins only
        if args.connection_file:
            from ccschool.sync.connection_file import apply_connection_file

            out = apply_connection_file(s, args.connection_file)
        else:
            out = configure(s, url=args.url, token=args.token, county_public_key=key)
    ctx.emit(out, L("县平台：{u}；上传令牌：{t}；公钥：{k}", "County: {u}; token: {t}; key: {k}",
                    u=out["county_url"] or "-", t="✓" if out["token_set"] else "-",
                    k=out["county_key_id"] or "-"))
    return 0


def _read_key(path: Path) -> str:
    from ccschool.errors import ValidationError

    try:
        return path.read_text(encoding="ascii")
    except FileNotFoundError:
        raise ValidationError("找不到县平台公钥文件“{f}”", "County key file “{f}” not found",
                              f=str(path), field="county_key") from None
    except UnicodeDecodeError:
        raise ValidationError("“{f}”不是县平台的公钥文件（PEM）", "“{f}” is not a county key "
                              "file (PEM)", f=str(path), field="county_key") from None


def cmd_close_month(args, ctx: CliContext) -> int:
    from ccschool.services.month_close import close_month

    batches = close_month(ctx.db, ctx.data_dir, period=args.period, actor="cli",
                          step_rows=args.step_rows)
    out = [{"id": b.id, "period": b.period, "records": b.record_count,
            "content_hash": b.content_hash, "is_correction": b.is_correction}
           for b in batches]
    lines = [L("{p} 已月结：批次 {id}，{n} 条记录{c}", "{p} closed: batch {id}, {n} records{c}",
               p=b["period"], id=b["id"], n=b["records"],
               c=L("（更正）", " (correction)") if b["is_correction"] else "") for b in out]
    ctx.emit({"batches": out}, "\n".join(lines))
    return 0


def cmd_push(args, ctx: CliContext) -> int:
    from ccschool.sync.county_pull import pull_after_push
    from ccschool.sync.uploader import push, transport_for_site

    transport, rules_note = transport_for_site(ctx.db, args.url, timeout=args.timeout), None
    try:
        result = push(ctx.db, transport)
        if not result.remaining_batches:  # the county's rules come back on each sync
            rules_note = pull_after_push(ctx.db, transport)
    finally:
        transport.close()
    text = L("已发送 {c} 块：接收 {a}，重复 {d}，拒收 {r}；未发送批次 {left}",
             "Sent {c} chunks: {a} accepted, {d} duplicate, {r} rejected; {left} batches unsent",
             c=result.chunks_sent, a=result.accepted, d=result.duplicate, r=result.rejected,
             left=result.remaining_batches)
    if result.error:
        text += "\n" + result.error
    if rules_note:
        text += "\n" + rules_note
    ctx.emit({**result.as_dict(), "rules_error": rules_note}, text)
    return 1 if result.remaining_batches else 0


def cmd_pull(args, ctx: CliContext) -> int:
    from ccschool.sync.county_pull import pull_county
    from ccschool.sync.pull import pull
    from ccschool.sync.transport import TransportError
    from ccschool.sync.uploader import transport_for_site

    transport = transport_for_site(ctx.db, args.url, timeout=args.timeout)
    try:
        out = pull(ctx.db, transport)
        county = pull_county(ctx.db, transport)  # the county's rules and teachers come too
    except TransportError as exc:
        ctx.emit({"error": exc.message}, exc.message)
        return 1
    finally:
        transport.close()
    out = {**out, "county": county}
    ctx.emit(out, county_text(county, L(
                    "从县平台取回 {f} 条，读入 {a} 条，合并 {m} 处；{w} 条等待人员资料（局域网或U盘同步）",
                    "Fetched {f} records from the county, applied {a}, {m} merged; {w} wait for "
                    "people's records (LAN or USB sync)", f=out["fetched"], a=out["applied"],
                    m=len(out["merged"]), w=out["waiting_for_people"])))
    return 1 if county["errors"] else 0


def cmd_rules(args, ctx: CliContext) -> int:
    from ccschool.errors import ValidationError
    from ccschool.sync.county_rules import pull
    from ccschool.sync.county_teachers import pull as pull_teachers
    from ccschool.sync.transport import TransportError
    from ccschool.sync.uploader import transport_for_site

    transport = transport_for_site(ctx.db, args.url, timeout=args.timeout)
    try:
        out = pull(ctx.db, transport)  # a bad rules answer fails the command, named
        county: dict = {"rules": out, "teachers": None, "errors": []}  # as pull_county's
        try:
            county["teachers"] = pull_teachers(ctx.db, transport)
        except (TransportError, ValidationError) as exc:
            county["errors"].append(getattr(exc, "message", None) or str(exc))
    finally:
        transport.close()
    ctx.emit({**out, "teachers": county["teachers"], "errors": county["errors"]},
             county_text(county, None))
    return 1 if county["errors"] else 0


def county_text(county: dict, first: str | None) -> str:
    """What a sync brought from the county, for people: rules, teachers, problems."""
    lines = [first] if first else []
    if county["rules"] is not None:
        lines.append(rules_text(county["rules"]))
    if county["teachers"] is not None:
        lines.append(L("县师资库：{n} 位教师（第 {r} 版）{c}", "County teacher list: {n} teachers "
                       "(revision {r}){c}", n=county["teachers"]["count"],
                       r=county["teachers"]["revision"],
                       c=L("，已更新", ", updated") if county["teachers"]["changed"] else ""))
    return "\n".join(lines + county["errors"])


def rules_text(out: dict) -> str:
    now = out["in_force"]
    lines = [L("县平台规则已更新" if out["changed"] else "县平台规则无变化",
               "County rules updated" if out["changed"] else "County rules unchanged")]
    if now is None:
        lines.append(L("县平台尚未设定规则，沿用本机设置", "The county has set no rules; the "
                       "site's own settings apply"))
    else:
        r = now["rules"]
        lines.append(L("生效日期 {d}：一学时 {m} 分钟，{c} 学时/学分，迟到 {l} 分钟，证书出勤率 {t:.0%}",
                       "Effective {d}: one 学时 = {m} min, {c} 学时 per credit, late after {l} "
                       "min, certificate at {t:.0%}", d=now["effective_from"],
                       m=r["hour_minutes"], c=r["credit_hours"], l=r["late_after_minutes"],
                       t=r["certificate_threshold"]))
    for v in out["upcoming"]:
        lines.append(L("待生效：{d}（一学时 {m} 分钟）", "Upcoming: {d} (one 学时 = {m} min)",
                       d=v["effective_from"], m=v["rules"]["hour_minutes"]))
    return "\n".join(lines)


def cmd_export(args, ctx: CliContext) -> int:
    from ccschool.sync.usb import export_month

    out = export_month(ctx.db, period=args.month, out=args.out)
    ctx.emit(out, L("已写入 {f}：{p} 批次 {b}，{n} 条记录（已加密）",
                    "Wrote {f}: {p} batch {b}, {n} records (encrypted)",
                    f=out["file"], p=out["period"], b=out["batch_id"], n=out["records"]))
    return 0


def cmd_status(args, ctx: CliContext) -> int:
    from ccschool.sync.status import status

    with ctx.db.read() as s:
        out = status(s)
    lines = [L("未月结记录：{n}；未发送批次：{b}；已结至：{c}",
               "Records not yet closed: {n}; unsent batches: {b}; closed through: {c}",
               n=out.pending_records, b=out.unsent_batches, c=out.closed_through or "-")]
    for b in out.batches:
        lines.append(f"  {b.period} {b.id[:8]} {b.state} {b.chunks_acked}/{b.chunks} {b.results}")
    for f in out.needs_fixing:
        lines.append(L("  待修正 {k} {id}：{r}", "  needs fixing {k} {id}: {r}",
                       k=f.kind, id=f.record_id, r=f.reason))
    ctx.emit(out.as_dict(), "\n".join(lines))
    return 0


def cmd_prune(args, ctx: CliContext) -> int:
    from ccschool.sync.prune import STEP_ROWS, VACUUM_PAGES, prune

    def progress(p: dict) -> None:  # one line per committed step: where a kill would leave it
        if ctx.json:
            return
        if "pages_released" in p:
            print(L("已释放 {n} 页", "{n} pages released", n=p["pages_released"]), flush=True)
        else:
            print(L("已清除 {n} 条", "{n} rows pruned", n=p["rows"]), flush=True)

    compacted = _compact(ctx) if args.compact else None
    out = prune(ctx.db, days=args.days, step_rows=max(1, args.step_rows or STEP_ROWS),
                vacuum_pages=max(1, args.vacuum_pages or VACUUM_PAGES), progress=progress)
    out["compacted"] = compacted
    out["file_bytes"] = ctx.db.path.stat().st_size
    ctx.emit(out, L("已清除 {b} 个批次的 {n} 条上传内容（保留编号、版本和校验值）；"
                    "数据库文件现为 {mb} MB",
                    "Pruned {n} upload payloads in {b} batches (ids, versions and hashes kept); "
                    "the database file is now {mb} MB",
                    b=out["batches"], n=out["rows"], mb=round(out["file_bytes"] / 1e6)))
    return 0


def _compact(ctx: CliContext) -> dict:
    from ccschool.safety.lock import instance_lock
    from ccschool.sync.prune import compact

    if not ctx.json:
        print(L("正在重写数据库文件，请稍候……", "Rewriting the database file, please wait…"),
              flush=True)
    with instance_lock(ctx.data_dir):  # no desktop app on this folder meanwhile
        return compact(ctx.db)


def cmd_reconcile(args, ctx: CliContext) -> int:
    from ccschool.sync.reconcile import reconcile
    from ccschool.sync.uploader import transport_for_site

    transport = transport_for_site(ctx.db, args.url)
    try:
        out = reconcile(ctx.db, transport, period=args.month, requeue=args.requeue)
    finally:
        transport.close()
    lines = [L("{p}：本机已确认 {h}；县平台 {c}", "{p}: confirmed here {h}; county {c}",
               p=out["period"], h=out["here"], c=out["county"])]
    if out["lost"]:
        lines.append(L("县平台缺少 {n} 条已确认记录（序号 {s}…）；重新排队 {q} 块",
                       "The county lacks {n} confirmed records (seq {s}…); {q} chunks requeued",
                       n=len(out["lost"]), s=out["lost"][0], q=out["requeued_chunks"]))
    ctx.emit(out, "\n".join(lines))
    return 0 if out["matches"] else 1
