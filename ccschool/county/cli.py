"""`ccschool-county`: run the reference receiver and administer its sites and keys."""
from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

from ccschool.county import admin
from ccschool.county.store import DEFAULT_URL, open_store
from ccschool.county.web.accounts import AccountError
from ccschool.sync.batchfile import BatchFileError
from ccschool.sync.wire import WireError


def _port(text: str) -> int:
    """A TCP port, refused by argparse with one line (not an OverflowError from bind)."""
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port must be a number from 0 to 65535, not {text!r}")
    return port


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=None,
                        help=f"SQLAlchemy URL or SQLite file (default {DEFAULT_URL})")
    p = argparse.ArgumentParser(prog="ccschool-county", description="Reference county receiver")
    sub = p.add_subparsers(dest="cmd", required=True)
    serve = sub.add_parser("serve", parents=[common], help="run the HTTP receiver")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=_port, default=8765)
    serve.add_argument("--demo", action="store_true",
                       help="on an empty database, first create a demo county with an admin "
                            "login (printed once)")
    serve.set_defaults(func=_serve)
    staff = sub.add_parser("add-staff", parents=[common],
                           help="add a county staff login (password asked, or from "
                                "CCSCHOOL_COUNTY_PASSWORD)")
    staff.add_argument("name")
    staff.add_argument("--role", choices=("admin", "viewer"), default="viewer")
    staff.set_defaults(func=_add_staff)
    demo = sub.add_parser("demo", parents=[common],
                          help="create a demo county (sites, three months of uploads) and an "
                               "admin login, printed once")
    demo.set_defaults(func=_demo)
    add = sub.add_parser("add-site", parents=[common], help="register a site; prints its token")
    add.add_argument("code")
    add.add_argument("--name", required=True)
    add.set_defaults(func=_add_site)
    keygen = sub.add_parser("keygen", parents=[common],
                            help="make the county key pair; prints the public key for sites")
    keygen.add_argument("--out", type=Path, help="also write the public key PEM to this file")
    keygen.set_defaults(func=_keygen)
    imp = sub.add_parser("import", parents=[common], help="import a .ccsbatch file from USB")
    imp.add_argument("file", type=Path)
    imp.set_defaults(func=_import)
    return p


def _serve(args) -> int:
    import uvicorn

    from ccschool.county.app import create_app
    engine = open_store(args.db)
    if args.demo and _is_empty(engine):
        _print_demo_login(engine)
    print(f"ccschool-county: receiving on http://{args.host}:{args.port}/ "
          f"(county staff log in there)", file=sys.stderr, flush=True)
    app = create_app(engine)
    # The app's thousands of long-lived objects (routes, templates, tables) leave the garbage
    # collector's view: each full collection walked them all, ~2 ms of every chunk received.
    gc.freeze()
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


def _is_empty(engine) -> bool:
    from sqlalchemy import func, select

    from ccschool.county import schema as t
    with engine.connect() as conn:
        return not conn.execute(select(func.count()).select_from(t.site)).scalar()


def _print_demo_login(engine) -> None:
    from ccschool.county.demo import create_demo
    name, password = create_demo(engine)
    print(f"demo county created; log in as {name} with password {password} "
          f"(shown only now)", flush=True)


def _demo(args) -> int:
    engine = open_store(args.db)
    if not _is_empty(engine):
        raise admin.AdminError("this database already has sites; the demo needs an empty one")
    _print_demo_login(engine)
    return 0


def _add_staff(args) -> int:
    import getpass
    import os

    from ccschool.county.web import tables
    from ccschool.county.web.accounts import add_staff
    password = os.environ.get("CCSCHOOL_COUNTY_PASSWORD")
    if password is None:
        if not sys.stdin.isatty():
            raise admin.AdminError("no terminal to ask the password on: set "
                                   "CCSCHOOL_COUNTY_PASSWORD")
        password = getpass.getpass(f"password for {args.name}: ")
        if password != getpass.getpass("again: "):
            raise admin.AdminError("the two passwords differ")
    engine = open_store(args.db)
    tables.create(engine)
    staff = add_staff(engine, args.name, password, args.role)
    print(f"staff {staff.name} ({staff.role}) added")
    return 0


def _add_site(args) -> int:
    print(admin.add_site(open_store(args.db), args.code, args.name))
    return 0


def _keygen(args) -> int:
    kid, public = admin.keygen(open_store(args.db))
    if args.out:
        from ccschool.fileio import write_bytes_atomic
        write_bytes_atomic(args.out, public)
    print(f"# county key {kid}", file=sys.stderr)
    sys.stdout.write(public.decode())
    return 0


def _import(args) -> int:
    from ccschool.county.ingest import Ingestor
    engine = open_store(args.db)
    answer = admin.import_file(engine, Ingestor(engine), args.file.read_bytes())
    s = answer["summary"]
    print(f"batch {answer['batch_id']}: {s['accepted']} accepted, {s['duplicate']} duplicate, "
          f"{s['rejected']} rejected")
    for r in answer["results"]:
        if r["status"] == "rejected":
            print(f"  seq {r['seq']}: {r['reason']}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (admin.AdminError, AccountError, BatchFileError, WireError, OSError) as exc:
        print(f"ccschool-county: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - Refused and friends carry a reason
        reason = getattr(exc, "reason", None)
        if reason is None:
            raise
        print(f"ccschool-county: {reason}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
