"""`ccschool-county`: run the reference receiver and administer its sites and keys."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ccschool.county import admin
from ccschool.county.store import DEFAULT_URL, open_store
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
    serve.set_defaults(func=_serve)
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
    print(f"ccschool-county: receiving on http://{args.host}:{args.port}/ "
          f"(API docs at /docs)", file=sys.stderr, flush=True)
    uvicorn.run(create_app(open_store(args.db)), host=args.host, port=args.port,
                log_level="warning")
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
    except (admin.AdminError, BatchFileError, WireError, OSError) as exc:
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
