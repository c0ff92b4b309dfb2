"""Take a PNG of every page and dialog of the app, in the four modes, into docs/screenshots/.

The modes are 中文 and English, each in normal and large text; files are NAME-MODE.png
(checkin-zh.png, add-class-en-large.png, …). The main window is sized as on a 1366×768 laptop
whose taskbar leaves 728 pixels (less the title bar); dialogs open at their own size.

Run under a virtual display so real fonts are used:
    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python scripts/screenshots.py
(QT_QPA_PLATFORM=offscreen also works). It builds a demo site in a temporary data folder, so
the user's own data is never touched. --mode zh-large (repeatable) takes only some modes.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MODES = {"zh": ("zh_CN", False), "zh-large": ("zh_CN", True), "en": ("en", False),
         "en-large": ("en", True)}
WINDOW = (1366 - 8, 728 - 36)  # the work area less the window manager's frame and title bar


def shoot(widget, out: Path, app) -> None:
    for _ in range(5):
        app.processEvents()
    widget.grab().save(str(out))
    print(out.relative_to(ROOT) if out.is_relative_to(ROOT) else out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--mode", action="append", choices=sorted(MODES),
                        help="only these modes (default: all four)")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    modes = args.mode or list(MODES)
    if len(modes) > 1:  # one process per mode: the app, too, sets language and size at start
        import subprocess

        return max(subprocess.run([sys.executable, __file__, "--out", str(out), "--mode", m]
                                  ).returncode for m in modes)

    from ccschool.db import open_database
    from ccschool.ui.ops.background import SyncRunner
    from ccschool.ui.shell import app as shell
    from ccschool.ui.shell.context import AppContext
    from ccschool.ui.shell.first_run import build_demo_site

    app = shell.create_application(["screenshots"])
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "demo")
        user = build_demo_site(db)
        ctx = AppContext(db=db, run_in_background=SyncRunner(), user=user,
                         data_dir=Path(tmp) / "demo")
        take_mode(app, ctx, Path(tmp), out, modes[0])
    return 0


def take_mode(app, ctx, tmp: Path, out: Path, mode: str) -> None:
    from ccschool.ui.shell import app as shell
    from ccschool.ui.widgets.style import apply_style

    language, large = MODES[mode]
    translators = shell.install_translators(app, language)  # noqa: F841 (kept alive)
    apply_style(app, large_text=large)
    take_windows(app, ctx, out, mode)
    for name, make in dialog_factories(ctx, tmp):
        widget = make()
        widget.show()
        if hasattr(widget, "pageIds"):  # wizards: every page
            for n, _ in enumerate(widget.pageIds()):
                shoot(widget, out / f"{name}{'-' + str(n + 1) if n else ''}-{mode}.png", app)
                widget.next()
        else:
            shoot(widget, out / f"{name}-{mode}.png", app)
        widget.close()
        widget.deleteLater()


def take_windows(app, ctx, out: Path, mode: str) -> None:
    from PySide6.QtWidgets import QScrollArea

    from ccschool.ui.shell import app as shell
    from ccschool.ui.shell.login import LoginDialog
    from ccschool.ui.shell.pages import PAGES

    site_name, hint = shell.login_hint(ctx.db)
    login = LoginDialog(ctx.db, site_name=site_name, hint=hint)
    login.show()
    shoot(login, out / f"login-{mode}.png", app)
    login.close()
    window, _idle = shell.start_window(app, ctx, shell.read_prefs(ctx.db))
    window.show()
    window.resize(*WINDOW)
    for spec in PAGES:
        window.show_page(spec.key)
        shoot(window, out / f"{spec.key}-{mode}.png", app)
    window.show_page("checkin")
    if scan_three(window.pages["checkin"], ctx, app):
        shoot(window, out / f"checkin-scanned-{mode}.png", app)
    for area in window.pages["settings"].findChildren(QScrollArea):
        area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())
    window.show_page("settings")
    shoot(window, out / f"settings-lower-{mode}.png", app)
    window.show_page("print")
    early_completion(window.pages["print"], ctx, "外出务工" if mode.startswith("zh")
                     else "Moving away for work")
    shoot(window, out / f"print-early-{mode}.png", app)
    window.lock()
    shoot(window, out / f"locked-{mode}.png", app)
    window.close()
    window.deleteLater()


def scan_three(page, ctx, app) -> bool:
    """The desk after three learners' cards were scanned into today's first session: the
    banner and the list as a coordinator sees them mid-lecture. False: no session today."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from sqlalchemy import select

    from ccschool.models import Enrollment, Learner
    from ccschool.services import cards
    from ccschool.services import site as site_svc
    from ccschool.services import sessions as sessions_svc

    page.refresh()
    app.processEvents()
    if page.session_id is None:
        return False
    with ctx.db.read() as s:
        class_id = sessions_svc.get_session(s, page.session_id).class_id
        site = site_svc.get_site(s)
        card_nos = s.scalars(select(Learner.card_no).join(
            Enrollment, Enrollment.learner_id == Learner.id).where(
            Enrollment.class_id == class_id, Enrollment.state == "enrolled",
            Learner.card_state == "active").order_by(Learner.card_no).limit(3)).all()
        payloads = [cards.card_payload(site.secret, site.code, no) for no in card_nos]
    for payload in payloads:  # as the USB scanner types it
        QTest.keyClicks(page.input, payload)
        QTest.keyClick(page.input, Qt.Key.Key_Return)
        app.processEvents()
    return bool(payloads)


def early_completion(page, ctx, reason: str) -> None:
    """The print page on certificates for a class with sessions still to come, 提前结业 ticked
    and a reason typed: the fields issue 17.12 added."""
    from ccschool.services import printing
    from ccschool import clock

    page.set_kind("certificates")
    with ctx.db.read() as s:
        for i in range(page.cert_class_combo.count()):
            if printing.sessions_still_to_come(s, class_id=page.cert_class_combo.itemData(i),
                                               today=clock.today()):
                page.cert_class_combo.setCurrentIndex(i)
                break
    page.early_check.setChecked(True)
    page.early_reason.setText(reason)
    page.generate()


def dialog_factories(ctx, tmp: Path):
    """(name, factory) for every dialog a coordinator opens, on the demo site's records."""
    from sqlalchemy import text

    from ccschool.reports import period as periods
    from ccschool.ui.checkin.dialogs import MarkDialog
    from ccschool.ui.checkin.paper_sheet import PaperSheetDialog
    from ccschool.ui.classes.dialog import AddClassDialog
    from ccschool.ui.classes.small_dialogs import (AssignDialog, EnrollDialog, SessionDialog,
                                                   VenuesDialog)
    from ccschool.ui.learners.dialog import LearnerDialog
    from ccschool.ui.learners.import_wizard import ImportWizard
    from ccschool.ui.reports.drill import ClassDetailDialog
    from ccschool.ui.reports.survey import SurveyDialog
    from ccschool.ui.settings.audit_dialog import AuditLogDialog
    from ccschool.ui.settings.backup_password import BackupPasswordDialog
    from ccschool.ui.shell.first_run import FirstRunWizard
    from ccschool.ui.shell.login import FirstAdminDialog
    from ccschool.ui.sync.devices_box import JoinCodeDialog
    from ccschool.ui.volunteers.dialogs import InstructorDialog, ServiceRecordDialog
    from ccschool.db import open_database
    from ccschool.services import sessions

    with ctx.db.engine.connect() as conn:
        class_id, name = conn.execute(text(
            "SELECT id, course_name FROM course_class WHERE deleted_at IS NULL "
            "ORDER BY course_name LIMIT 1")).one()
        session_id = conn.execute(text(
            "SELECT id FROM class_session WHERE class_id = :k ORDER BY date DESC LIMIT 1"),
            {"k": class_id}).scalar()
        learner_id = conn.execute(text("SELECT id FROM learner LIMIT 1")).scalar()
    with ctx.db.read() as s:
        from ccschool.models import ClassSession

        session_row = sessions.session_dict(s.get(ClassSession, session_id))
    empty = tmp / "empty"

    def shown_offer():
        """The window as on a laptop at 192.168.1.5: the offer it shows, not listening (a
        screenshot must not open a port)."""
        from ccschool.lan.joinserve import JoinFileServer

        return JoinFileServer(b"CCSJOIN1\n", host="192.168.1.5")

    def device_path(w):
        w.choice.device.setChecked(True)
        w.next()
        return w

    def wizard():
        w = ImportWizard(ctx)
        w.load(str(messy_roster(tmp / "花名册.xlsx")))
        return w

    return [
        ("first-run", lambda: FirstRunWizard(open_database(empty), ctx.run_in_background)),
        ("first-run-device", lambda: device_path(FirstRunWizard(open_database(empty),
                                                                ctx.run_in_background))),
        ("join-code", lambda: JoinCodeDialog("AB3D-7KMN-Q9XZ", 2, str(tmp / "村教学点.ccsjoin"),
                                             save_copy=lambda _f: None,
                                             server=shown_offer())),
        ("first-admin", lambda: FirstAdminDialog(ctx.db)),
        ("mark", lambda: MarkDialog(ctx, session_id)),
        ("sheet", lambda: PaperSheetDialog(ctx, session_id)),
        ("learner-new", lambda: LearnerDialog(ctx)),
        ("learner-edit", lambda: LearnerDialog(ctx, learner_id)),
        ("import", wizard),
        ("add-class", lambda: AddClassDialog(ctx)),
        ("session", lambda: SessionDialog(ctx, class_id, session_row)),
        ("enroll", lambda: EnrollDialog(ctx, class_id)),
        ("venues", lambda: VenuesDialog(ctx)),
        ("assign", lambda: AssignDialog(ctx, session_id)),
        ("instructor", lambda: InstructorDialog(ctx)),
        ("service-record", lambda: ServiceRecordDialog(ctx)),
        ("class-detail", lambda: ClassDetailDialog(ctx, class_id, periods.year(
            session_row_year(session_row)))),
        ("survey", lambda: SurveyDialog(ctx, class_id, name)),
        ("audit-log", lambda: AuditLogDialog(ctx)),
        ("backup-password", lambda: BackupPasswordDialog(new=True)),
    ]


def session_row_year(row: dict) -> int:
    return int(row["date"][:4])


def messy_roster(path: Path) -> Path:
    """A roster as staff hand it over: title row, a bad check digit, a text date, a short phone,
    a twin row, a 合计 line."""
    import openpyxl

    from ccschool.idcard import make_id
    from datetime import date

    if path.exists():
        return path
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["XX镇社区学校2026年学员花名册"])
    ws.merge_cells("A1:H1")
    ws.append(["序号", "姓 名", "性别", "出生年月", "公民身份号码", "联系电话", "所在村", "类别"])
    good = make_id("330302", date(1956, 3, 2), 1)
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    ws.append([1, "张三", "男", "1956.3.2", good, 13800138000, "东村", "老年人"])
    ws.append([2, "李 四", "女", "1962年5月", bad, "1390000111", "西溪村", "留守妇女儿童"])
    ws.append([3, "王五", "男", "1950/13/01", "", 13700001234, "东村", "老年人,家长"])
    ws.append([4, "张三", "男", "1956.3.2", good, 13800138000, "东村", "老年人"])
    ws.append([5, "赵六", "女", 20515, "", "１３９１２３４５６７８", "北塘村", "新型职业农民"])
    ws.append(["合计", "5人"])
    wb.save(path)
    return path


if __name__ == "__main__":
    raise SystemExit(main())
