"""`ccschool` command line: the same services as the GUI, for month-end work and automation.

With no arguments it opens the desktop app. Every subcommand takes --data-dir and --json,
exits 0 on success and non-zero with a one-line reason on failure.
"""
from __future__ import annotations

import argparse
import importlib
import sys

import logging

from ccschool import __version__, i18n
from ccschool.cli import boundary
from ccschool.cli.context import CliContext
from ccschool.errors import CCSError
from ccschool.logs import setup_cli_logging

log = logging.getLogger(__name__)

# Each module adds its subcommands with register(sub, common). Listed here, not discovered,
# so the command set is explicit and start-up imports only what it names.
COMMAND_MODULES = [
    "ccschool.cli.site",
    "ccschool.cli.learners",
    "ccschool.cli.classes",
    "ccschool.cli.checkin",
    "ccschool.cli.lan",
    "ccschool.cli.printing",
    "ccschool.cli.report",
    "ccschool.cli.sync",
    "ccschool.cli.devices",
    "ccschool.cli.teachers",
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


def _only_data_dir(argv: list[str]) -> bool:
    """argv is just --data-dir DIR (or --data-dir=DIR): the desktop app on another folder."""
    return len(argv) == 1 and "=" in argv[0] or len(argv) == 2 and argv[0] == "--data-dir"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or (argv[0].startswith("--data-dir") and argv[0] != "--help"
                    and _only_data_dir(argv)):
        argv = ["gui", *argv]  # `ccschool --data-dir DIR` opens the app on that folder
    # Opening the app needs only its own command: skip importing the others (start-up time).
    modules = ["ccschool.cli.gui"] if argv[0] == "gui" else COMMAND_MODULES
    args = build_parser(modules).parse_args(argv)
    if not getattr(args, "func", None):
        build_parser().print_help()
        return 2
    ctx = CliContext(data_dir=args.data_dir, json=args.json)
    log_path = setup_cli_logging(ctx.data_dir)
    try:
        return run_guarded(args, ctx, log_path)
    finally:
        try:
            ctx.close()
        except Exception:  # closing after a failure must not add a second message
            log.warning("closing the database failed", exc_info=True)


def run_guarded(args, ctx: CliContext, log_path) -> int:
    """The command-line boundary: whatever happens, one line for the user, the details in the
    log, and a non-zero exit code (DESIGN.md: no command prints a Python traceback)."""
    try:
        code = args.func(args, ctx)
        sys.stdout.flush()  # a closed pipe (`| head`) shows here, not at interpreter exit
        return int(code or 0)
    except KeyboardInterrupt:
        print(i18n.L("已取消", "Cancelled"), file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away: nobody is left to tell
        _silence_stdout()
        return 1
    except Exception as exc:
        error = boundary.user_error(exc, data_dir=ctx.data_dir, log_path=log_path)
        if isinstance(exc, CCSError):
            log.info("%s: %s", args.command, exc.en)
        else:
            log.error("%s failed", args.command, exc_info=exc)
        try:
            ctx.fail(error)
        except BrokenPipeError:
            _silence_stdout()
        return 1


def _silence_stdout() -> None:
    """Point stdout at nowhere, so the interpreter's last flush finds no broken pipe."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
