"""`ccschool gui`: the desktop app (also what `ccschool` with no arguments runs)."""
from __future__ import annotations
from ccschool.cli.context import CliContext


def register(sub, common) -> None:
    p = sub.add_parser(
        "gui", parents=[common], help="open the desktop app",
        description="Open the desktop app. --exit-after-startup shows the main window, "
                    "processes events once and exits 0 (benchmark, installer smoke test): it "
                    "skips the login as the first admin account, and on a new database creates "
                    "the demo site instead of showing the first-run wizard.")
    p.add_argument("--exit-after-startup", action="store_true",
                   help="show the main window once and exit 0 (no login; demo site if new)")
    p.set_defaults(func=cmd_gui)


def cmd_gui(args, ctx: CliContext) -> int:
    # The database layer first, Qt second: once PySide6 is loaded, its import hook reads the
    # source of every module imported after it, which costs ~0.3 s for SQLAlchemy's. The ORM
    # library comes now too (as in the benchmark's floor); our record classes are built after
    # the first paint (ccschool.ui.shell.app.warm_up).
    import sqlalchemy.dialects.sqlite  # noqa: F401  (create_engine would load it after Qt)
    import sqlalchemy.orm  # noqa: F401
    import sqlmodel  # noqa: F401

    import ccschool.db  # noqa: F401
    import ccschool.services.attendance.desk  # noqa: F401  (the check-in desk's first view, Qt-free)
    import ccschool.settings  # noqa: F401
    from ccschool.ui.shell.app import run

    return run(ctx.data_dir, exit_after_startup=args.exit_after_startup)
