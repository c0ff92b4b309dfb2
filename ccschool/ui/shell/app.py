"""Builds the desktop app once: QApplication, translators, fonts and style, database,
AppContext with its background runner, first run or login, and the main window.

Everything is made here and passed in through constructors (no global registry), so tests build
the same pieces with their own data folder and a synchronous runner.
"""
from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog

from ccschool import i18n
from ccschool.paths import resources_dir
from ccschool.ui.shell.context import AppContext, CurrentUser
from ccschool.ui.widgets.text import fill

log = logging.getLogger(__name__)

WINDOW_STATE_FILE = "window.ini"


@dataclass
class StartupPrefs:
    language: str = "zh_CN"
    large_text: bool = False
    idle_lock_minutes: int = 10


def create_application(argv: list[str]) -> QApplication:
    existing = QApplication.instance()  # typed as the base class: a test's qapp, or None
    if isinstance(existing, QApplication):
        app = existing
    else:
        # Fractional scaling (125 %, 150 % on Windows laptops) without rounding blur.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv)
    app.setApplicationName("ccschool")
    app.setOrganizationName("ccschool")
    app.setApplicationDisplayName(app.translate("App", "社区学校学习管理"))
    from ccschool.ui.widgets.icons import icon

    app.setWindowIcon(icon("app"))
    return app


def read_prefs(db) -> StartupPrefs:
    """The settings start-up needs, read with plain SQL.

    Neither the record classes (~0.2 s to build) nor the first ORM query (~0.15 s to configure
    every mapper) are needed before the window is up.
    """
    from ccschool.services import first_paint

    with db.engine.connect() as conn:
        values = first_paint.setting_values(conn, ("language", "large_text", "idle_lock_minutes"))
    return StartupPrefs(**values)


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    """Load our catalogues (every resources/i18n/*_en.qm) or Qt's own Chinese strings.

    Keep the returned list alive: Qt does not own installed translators.
    """
    # an earlier call's (each is made a child of app)
    for old in app.findChildren(QTranslator, options=Qt.FindChildOption.FindDirectChildrenOnly):
        app.removeTranslator(old)
        old.setParent(None)  # no longer kept by app: goes when its last holder lets go
    i18n.set_language(language)
    english = i18n.is_english()
    QLocale.setDefault(QLocale("en_US" if english else "zh_CN"))
    qt_folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    files = (sorted((resources_dir() / "i18n").glob("*_en.qm")) if english else
             [qt_folder / "qtbase_zh_CN.qm"])
    translators = []
    for path in files:
        translator = QTranslator(app)
        if translator.load(str(path)):
            app.installTranslator(translator)
            translators.append(translator)
        else:
            log.warning("cannot load translation %s", path)
    app.setApplicationDisplayName(app.translate("App", "社区学校学习管理"))
    return translators


def first_admin(db) -> CurrentUser:
    from ccschool.services import first_paint

    with db.engine.connect() as conn:  # plain SQL, see read_prefs
        name = first_paint.first_admin_name(conn)
    return CurrentUser(name or "admin", "admin")


def login_hint(db) -> tuple[str, str]:
    """(site name, hint) for the login dialog; the demo site shows its demo account."""
    from ccschool.services.demo import DEMO_ADMIN, DEMO_SITE
    from ccschool.services import site as site_svc

    with db.read() as s:
        site = site_svc.get_site(s)
    hint = ""
    if site.code == DEMO_SITE["code"]:
        hint = fill(QApplication.translate("App", "示范站点：用户名 %1，密码 %2"), *DEMO_ADMIN)
    return site.name, hint


def has_site(db) -> bool:
    from ccschool.services import first_paint

    with db.engine.connect() as conn:  # plain SQL, see read_prefs
        return first_paint.has_site(conn)


def window_store(data_dir: Path) -> QSettings:
    """Window geometry and last page, as plain values in an ini file in the data folder."""
    return QSettings(str(Path(data_dir) / WINDOW_STATE_FILE), QSettings.Format.IniFormat)


def who_is_there(ctx: AppContext, *, auto: bool) -> CurrentUser | None:
    """First run (no site yet) or login; None when the user closed the dialog."""
    if not has_site(ctx.db):
        from ccschool.ui.shell.first_run import FirstRunWizard, build_demo_site

        if auto:  # installer smoke test / benchmark: no wizard, the demo site at once
            return build_demo_site(ctx.db)
        wizard = FirstRunWizard(ctx.db, ctx.run_in_background)
        if wizard.exec() != QDialog.DialogCode.Accepted:
            return None
        if wizard.user is not None:
            return wizard.user
        # Joined as another device of a site: its staff accounts came in the join file, so the
        # user logs in with the account they have on the site's other laptops.
    if auto:
        return first_admin(ctx.db)
    from ccschool.ui.shell.login import FirstAdminDialog, LoginDialog, active_user_names

    dialog: FirstAdminDialog | LoginDialog
    if not active_user_names(ctx.db):  # `ccschool init` without --admin
        dialog = FirstAdminDialog(ctx.db)
    else:
        site_name, hint = login_hint(ctx.db)
        dialog = LoginDialog(ctx.db, site_name=site_name, hint=hint)
    return dialog.user if dialog.exec() == QDialog.DialogCode.Accepted else None


def start_window(app: QApplication, ctx: AppContext, prefs: StartupPrefs):
    """Main window and idle lock, wired together; returns (window, idle watcher)."""
    from ccschool.ui.shell.idle_lock import IdleWatcher
    from ccschool.ui.shell.main_window import MainWindow

    window = MainWindow(ctx, window_store(ctx.folder))
    idle = IdleWatcher(app, IdleWatcher.minutes_to_ms(prefs.idle_lock_minutes), parent=window)
    idle.idle_timed_out.connect(window.lock_idle)

    def settings_changed(changes) -> None:
        from ccschool.ui.ops import Change

        if changes.touches(Change.SETTINGS):
            idle.set_interval(IdleWatcher.minutes_to_ms(read_prefs(ctx.db).idle_lock_minutes))

    ctx.signals.records_changed.connect(settings_changed)
    return window, idle


def _print_warning(title: str, text: str) -> None:
    print(f"{title}: {text}", file=sys.stderr)


def run(data_dir: Path, *, exit_after_startup: bool = False, argv: list[str] | None = None) -> int:
    """The whole desktop app; returns the process exit code."""
    from PySide6.QtCore import qInstallMessageHandler

    from ccschool.switching import share_interpreter_fairly
    from ccschool.ui.ops.background import BackgroundRunner
    from ccschool.ui.shell.errors import (ExceptHook, log_qt_message, setup_logging,
                                    show_error)
    from ccschool.ui.widgets.style import apply_style

    app = create_application(argv or ["ccschool"])
    share_interpreter_fairly()  # scans on the database worker stay quick during long jobs
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    log_path = setup_logging(data_dir)
    hook = ExceptHook(log_path).install()
    qInstallMessageHandler(log_qt_message)
    from ccschool.ui.shell import startup_checks as startup_checks

    # Without a person at the screen (smoke test), problems go to stderr instead of dialogs.
    quiet = {"warn": _print_warning, "ask": lambda title, text: False} if exit_after_startup else {}
    lock = startup_checks.acquire(data_dir, **quiet)
    if lock is None:
        hook.uninstall()
        return 1
    try:
        db = startup_checks.open_with_notice(data_dir, quiet=exit_after_startup)
    except Exception as exc:  # locked by another program, or a too-new schema: say so
        log.exception("cannot open the database in %s", data_dir)
        hook.uninstall()
        lock.release()
        print(i18n.L("无法打开数据库：{e}（日志：{log}）", "Cannot open the database: {e} (log: {log})",
                     e=exc, log=log_path), file=sys.stderr)
        if not exit_after_startup:
            show_error(exc, log_path)
        return 1
    try:
        prefs = read_prefs(db)
        language = os.environ.get("CCSCHOOL_LANG") or prefs.language
        translators = install_translators(app, language)  # noqa: F841 (kept alive)
        apply_style(app, large_text=prefs.large_text)
        long_jobs = BackgroundRunner()
        ctx = AppContext(db=db, run_in_background=BackgroundRunner(foreground=True),
                         run_long=long_jobs,
                         data_dir=data_dir, probe_hardware=not exit_after_startup)
        user = who_is_there(ctx, auto=exit_after_startup)
        if user is None:
            return 0
        ctx.user = user
        window, _idle = start_window(app, ctx, prefs)
        window.show()
        if not exit_after_startup:
            startup_checks.after_window_shown(ctx, window)
            # After the first paint, on the database worker (queued behind the first page's
            # data): the record classes, which nothing on the first paint needs.
            from ccschool.db import warm_up

            from ccschool.ui.ops import Op

            Op(ctx).run(warm_up)
        log.info("started, user %s, data %s", user.name, data_dir)
        if exit_after_startup:
            # The first page loads today's data on the database worker: wait for it and show
            # it, so the smoke test and the benchmark see the window as a user would.
            ctx.run_in_background.settle(app)
            window.close()
            return 0
        code = app.exec()
        ctx.run_in_background.wait()
        long_jobs.wait(-1)  # the user chose to quit anyway: let the job finish (no timeout)
        window.close_down()  # only now: a print reads its preview file until it is done
        return code
    finally:
        hook.uninstall()
        db.close()
        lock.release()
