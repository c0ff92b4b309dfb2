"""`ccschool` command line: the same services as the GUI, for month-end work and automation.

With no arguments it opens the desktop app. Every subcommand takes --data-dir and --json,
exits 0 on success and non-zero with a one-line reason on failure.
"""
from __future__ import annotations

import argparse
import importlib
import sys

from ccschool import __version__, i18n
from ccschool.cli.context import CliContext
from ccschool.errors import CCSError

# Each module adds its subcommands with register(sub, common). Listed here, not discovered,
# so the command set is explicit and start-up imports only what it names.
COMMAND_MODULES = [
    "ccschool.cli.site",
    "ccschool.cli.learners",
    "ccschool.cli.classes",
    "ccschool.cli.checkin",
    "ccschool.cli.printing",
    "ccschool.cli.report",
    "ccschool.cli.sync",
    "ccschool.cli.backup",
    "ccschool.cli.gui",
]


def common_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", help="data folder (default: CCSCHOOL_DATA_DIR or the "
                                           "platform's user data folder)")
    common.add_argument("--json", action="store_true", help="machine-readable output")
    return common


def build_parser(modules: list[str] = COMMAND_MODULES) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ccschool", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"ccschool {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    common = common_parser()
    for name in modules:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:  # a real missing dependency, not an unwritten module
                raise
            continue
        module.register(sub, common)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        argv = ["gui"]
    # Opening the app needs only its own command: skip importing the others (start-up time).
    modules = ["ccschool.cli.gui"] if argv[0] == "gui" else COMMAND_MODULES
    args = build_parser(modules).parse_args(argv)
    if not getattr(args, "func", None):
        build_parser().print_help()
        return 2
    ctx = CliContext(data_dir=args.data_dir, json=args.json)
    try:
        code = args.func(args, ctx)
    except CCSError as exc:
        ctx.fail(exc)
        return 1
    except KeyboardInterrupt:
        print(i18n.L("已取消", "Cancelled"), file=sys.stderr)
        return 130
    except Exception as exc:  # a full disk, a read-only folder, a damaged file: say so plainly
        from ccschool.safety.storage import user_error

        if user_error(exc) is None:
            raise
        ctx.fail(user_error(exc))
        return 1
    finally:
        ctx.close()
    return int(code or 0)
