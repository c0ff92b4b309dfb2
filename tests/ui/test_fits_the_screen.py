"""Every window and dialog fits a 1366×768 laptop whose taskbar leaves 728 pixels, in all four
modes (中文/English × normal/large text): what does not fit scrolls inside.

A window can never be smaller than its layout's minimum size, so that (and any size the code
sets) is what must fit, less the title bar the window manager adds.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication

from ccschool.ui.shell.pages import PAGES
from ccschool.ui.widgets.style import apply_style

WORK_AREA = (1366, 728)
TITLE_BAR = 32  # openbox / Windows 10 title bar at 96 dpi, a little generous
ROOT = Path(__file__).resolve().parents[2]
MODES = [("zh_CN", False), ("zh_CN", True), ("en", False), ("en", True)]


@pytest.fixture(params=MODES, ids=["zh", "zh-large", "en", "en-large"])
def mode(request, qapp):
    from ccschool.ui.shell.app import install_translators

    language, large = request.param
    saved = (qapp.font(), qapp.palette(), qapp.styleSheet())
    install_translators(qapp, language)
    apply_style(qapp, large_text=large)
    yield request.param
    install_translators(qapp, "zh_CN")
    font, palette, sheet = saved
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    qapp.setFont(font)


@pytest.fixture
def school(ctx):
    """A class with a session, a learner, a volunteer: what the dialogs open on."""
    from ccschool.services import classes, learners, sessions, venues, volunteers

    with ctx.db.transaction(actor="admin") as s:
        venue = venues.add_venue(s, name="Village Hall", capacity=40, kind="village_hall")
        s.flush()
        klass = classes.add_class(s, name="Smartphone basics", theme="老年智慧生活",
                                  venue=venue.id)
        s.flush()
        rows = sessions.generate_sessions(s, class_id=klass.id, weekly="tue 14:00-15:30",
                                          start=date(2026, 11, 3), end=date(2026, 11, 24))
        learner = learners.create_learner(s, name="Li Hua", phone="13800138000")
        volunteers.add_instructor(s, name="Chen Jing", kind="volunteer")
        s.flush()
        return {"class": klass.id, "session": rows[0].id, "learner": learner.id,
                "session_row": sessions.session_dict(rows[0])}


def dialogs(ctx, school):
    """(name, factory) for every dialog a coordinator can open (the camera needs a camera)."""
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
    from ccschool.ui.shell.login import FirstAdminDialog, LoginDialog
    from ccschool.ui.sync.devices_box import JoinCodeDialog
    from ccschool.ui.volunteers.dialogs import InstructorDialog, ServiceRecordDialog

    k, sid = school["class"], school["session"]
    return [
        ("add-class", lambda: AddClassDialog(ctx)),
        ("session", lambda: SessionDialog(ctx, k, school["session_row"])),
        ("enroll", lambda: EnrollDialog(ctx, k)),
        ("venues", lambda: VenuesDialog(ctx)),
        ("assign", lambda: AssignDialog(ctx, sid)),
        ("learner-new", lambda: LearnerDialog(ctx)),
        ("learner-edit", lambda: LearnerDialog(ctx, school["learner"])),
        ("import", lambda: _import_wizard(ImportWizard(ctx), ctx.data_dir)),
        ("class-detail", lambda: ClassDetailDialog(ctx, k, periods.month("2026-11"))),
        ("survey", lambda: SurveyDialog(ctx, k, "Smartphone basics")),
        ("audit-log", lambda: AuditLogDialog(ctx)),
        ("backup-password", lambda: BackupPasswordDialog(new=True)),
        ("first-run", lambda: FirstRunWizard(ctx.db, ctx.run_in_background)),
        ("first-run-device", lambda: _device_path(FirstRunWizard(ctx.db, ctx.run_in_background))),
        ("join-code", lambda: JoinCodeDialog("AB3D-7KMN-Q9XZ", 2, str(ctx.data_dir / "b.ccsjoin"),
                                             server=_shown_offer())),
        ("login", lambda: LoginDialog(ctx.db, site_name="Test Township School", hint="x")),
        ("first-admin", lambda: FirstAdminDialog(ctx.db)),
        ("instructor", lambda: InstructorDialog(ctx)),
        ("service-record", lambda: ServiceRecordDialog(ctx)),
        ("mark", lambda: MarkDialog(ctx, sid)),
        ("sheet", lambda: PaperSheetDialog(ctx, sid)),
    ]


def _shown_offer():
    """The offer the 添加一台电脑 window shows with its QR (not listening: only its size counts)."""
    from ccschool.lan.joinserve import JoinFileServer

    return JoinFileServer(b"CCSJOIN1\n", host="192.168.100.100", port=65535)


def _device_path(wizard):
    """On 加入本站点的另一台电脑 (its pages after the choice are that one page)."""
    wizard.choice.device.setChecked(True)
    wizard.next()
    return wizard


def _import_wizard(wizard, folder):
    """With a roster loaded, so its preview and problems pages have content."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "性别", "出生年月", "公民身份号码", "联系电话", "所在村", "类别"])
    wb.active.append(["Li Si", "女", "1962-05-01", "", "1390000111", "West Village", "老年人"])
    wb.save(folder / "roster.xlsx")
    wizard.load(str(folder / "roster.xlsx"))
    return wizard


def _fits(widget) -> tuple[int, int]:
    """The least size the window can have (plus a title bar). The size it opens at is also
    checked: a fixed size must fit the laptop, a size taken from the screen (the test screen
    is 800×800) must fit that screen."""
    widget.show()
    for _ in range(3):
        QApplication.processEvents()
    screen = widget.screen().availableGeometry()
    assert widget.width() <= WORK_AREA[0], (widget.windowTitle(), widget.size())
    assert widget.height() + TITLE_BAR <= max(WORK_AREA[1], screen.height()), (
        widget.windowTitle(), widget.size())
    need = widget.minimumSizeHint().expandedTo(widget.minimumSize())
    return need.width(), need.height() + TITLE_BAR


def test_every_dialog_fits(qtbot, mode, ctx, school):
    too_big = {}
    for name, make in dialogs(ctx, school):
        dialog = make()
        qtbot.addWidget(dialog)
        if hasattr(dialog, "pageIds"):  # a wizard is as large as its largest page
            sizes = []
            for _ in dialog.pageIds():
                sizes.append(_fits(dialog))
                dialog.next()
            width, height = max(w for w, _ in sizes), max(h for _, h in sizes)
        else:
            width, height = _fits(dialog)
        if width > WORK_AREA[0] or height > WORK_AREA[1]:
            too_big[name] = (width, height)
        dialog.close()
    assert not too_big, too_big


def test_every_dialog_is_in_the_list(ctx):
    """A new dialog joins the list above (and scripts/screenshots.py), or nobody checks it."""
    import re

    found = set()
    for path in (ROOT / "ccschool" / "ui").rglob("*.py"):
        found |= set(re.findall(r"^class (\w+)\((?:QDialog|QWizard|_DeskDialog)\)",
                                path.read_text(encoding="utf-8"), re.M))
    listed = (ROOT / "tests" / "ui" / "test_fits_the_screen.py").read_text(encoding="utf-8")
    unchecked = {name for name in found if f"{name}(" not in listed.split("def dialogs")[1]}
    assert unchecked <= {"CameraDialog", "_DeskDialog"}, unchecked


def test_every_page_fits(mode, make_window):
    window = make_window()
    too_big = {}
    for spec in PAGES:
        window.show_page(spec.key)
        QApplication.processEvents()
        need = window.minimumSizeHint().expandedTo(window.minimumSize())
        if need.width() > WORK_AREA[0] or need.height() + TITLE_BAR > WORK_AREA[1]:
            too_big[spec.key] = (need.width(), need.height() + TITLE_BAR)
    assert not too_big, too_big


def test_the_print_page_fits_with_a_preview_and_early_completion(mode, make_window, ctx, school):
    """The widest the print page gets: a document previewed (its page row) and, for a class
    with sessions to come, the 提前结业 fields (issue 17.12)."""
    from datetime import timedelta, time

    from ccschool.models import ClassSession
    from ccschool import clock

    with ctx.db.transaction(actor="admin") as s:
        s.add(ClassSession(class_id=school["class"], date=clock.today() + timedelta(days=9),
                           start_time=time(14), end_time=time(15, 30), hours=1.5,
                           state="planned"))
    window = make_window()
    window.show_page("print")
    page = window.pages["print"]
    page.set_kind("certificates")
    page.early_check.setChecked(True)
    page.set_kind("cards")  # the options stack is as large as its largest page
    page.generate()  # the new learner's card
    for _ in range(3):  # the layouts take the new texts in
        QApplication.processEvents()
    assert page.preview.page_count == 1 and not page.early_reason.isHidden()
    # The window's own hint lags behind a page that grew after it was shown: add the page's
    # least size to what the window puts around it (sidebar, menu, status bar).
    page_need = page.minimumSizeHint()
    width = page_need.width() + window.width() - page.width()
    height = page_need.height() + window.height() - page.height()
    assert width <= WORK_AREA[0] and height + TITLE_BAR <= WORK_AREA[1], (width, height)


def test_restored_geometry_is_clamped_to_the_screen(make_window, ctx):
    """A window remembered off-screen or larger than this screen comes back inside it."""
    from ccschool.ui.shell.app import window_store
    from ccschool.ui.shell.main_window import clamp_to

    available = QRect(0, 0, 1366, 728)
    assert clamp_to(QRect(-300, 500, 1681, 900), available) == available
    assert clamp_to(QRect(900, 400, 800, 600), available) == QRect(566, 128, 800, 600)
    assert clamp_to(QRect(10, 20, 800, 600), available) == QRect(10, 20, 800, 600)
    store = window_store(ctx.data_dir)
    for key, value in (("x", -1400), ("y", 300), ("width", 1900), ("height", 1000)):
        store.setValue(f"window/{key}", value)
    store.sync()
    window = make_window()
    screen = window.screen().availableGeometry()
    assert screen.contains(window.frameGeometry()) or screen.contains(window.geometry())


FIRST_START = """
import json, sys
from pathlib import Path
from ccschool.db import open_database
from ccschool.ui.ops.background import SyncRunner
from ccschool.ui.shell import app as shell
from ccschool.ui.shell.context import AppContext, CurrentUser
from ccschool.ui.widgets.style import apply_style

qapp = shell.create_application(["fit"])
apply_style(qapp, large_text=sys.argv[2] == "large")
translators = shell.install_translators(qapp, sys.argv[3])
db = open_database(Path(sys.argv[1]))
ctx = AppContext(db=db, run_in_background=SyncRunner(), user=CurrentUser("admin", "admin"),
                 data_dir=Path(sys.argv[1]))
window, idle = shell.start_window(qapp, ctx, shell.read_prefs(db))
window.show()
qapp.processEvents()
g, f, a = window.geometry(), window.frameGeometry(), window.screen().availableGeometry()
print(json.dumps({"geometry": [g.x(), g.y(), g.width(), g.height()],
                  "frame": [f.x(), f.y(), f.width(), f.height()],
                  "available": [a.x(), a.y(), a.width(), a.height()]}))
window.close()
db.close()
"""


@pytest.mark.parametrize("language,size", [("zh_CN", "normal"), ("en", "large")])
def test_first_start_fits_the_work_area(tmp_path, language, size):
    """On a 1366×768 laptop whose taskbar leaves 728 pixels, with no remembered size, the
    whole window — title bar above, status bar below — is inside the work area."""
    import json
    import os
    import subprocess
    import sys

    from ccschool.db import open_database
    from ccschool.services import site

    with open_database(tmp_path / "data").transaction(actor="t") as s:
        site.init_site(s, code="TEST01", name="Test Township School")
    screen = tmp_path / "screen.json"
    screen.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366,
                                              "height": 728, "logicalDpiX": 96,
                                              "logicalDpiY": 96}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={screen}",
           "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", FIRST_START, str(tmp_path / "data"), size,
                          language], capture_output=True, text=True, env=env, timeout=120,
                         cwd=ROOT)
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout.strip().splitlines()[-1])
    x, y, width, height = got["frame"]
    assert got["available"] == [0, 0, 1366, 728]
    assert x >= 0 and y >= 0 and x + width <= 1366 and y + height <= 728, got
    assert got["geometry"][3] + TITLE_BAR <= 728, got  # room for a real title bar too


def test_the_sync_page_fits_a_laptop_without_scrolling(mode, make_window):
    """Its four tables (months, batches, records to fix, the site's computers) share tabs; the
    page scrolls neither down nor sideways."""
    from ccschool.ui.widgets.fit_scroll import FitScrollArea

    window = make_window()
    window.resize(WORK_AREA[0], WORK_AREA[1] - TITLE_BAR)
    window.show_page("sync")
    QApplication.processEvents()
    page = window.pages["sync"]
    scroll = page.findChild(FitScrollArea)
    assert scroll.widget().minimumSizeHint().height() <= scroll.viewport().height(), mode
    assert not scroll.verticalScrollBar().isVisible()
    # nor sideways: a tab's one-line hint once widened the page past the window in English
    assert scroll.widget().minimumSizeHint().width() <= scroll.viewport().width(), mode
    assert not scroll.horizontalScrollBar().isVisible()
    bar = page.tabs.tabBar()  # every tab in sight, a long title cut short with its tooltip
    assert bar.tabRect(bar.count() - 1).right() <= bar.width(), mode
    assert all(page.tabs.tabToolTip(i) == page.tabs.tabText(i) for i in range(bar.count()))
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] and all(
        page.tabs.tabText(i) for i in range(page.tabs.count()))


def test_the_status_bar_shortens_a_long_site_name_in_the_middle(mode, make_window, ctx):
    """A site name longer than the status bar has room for is shown cut in the middle (its start
    and its end both in sight), never clipped mid-glyph; the whole name is in its tooltip."""
    from PySide6.QtGui import QFontMetrics
    from sqlalchemy import text

    name = "示范镇社区学校 (Shifan Township Community School for Lifelong Learning) 东山分校"
    with ctx.db.transaction(actor="admin") as s:
        s.execute(text("UPDATE site SET name = :n"), {"n": name})
    window = make_window()
    window.resize(WORK_AREA[0], WORK_AREA[1] - TITLE_BAR)
    window.status.refresh()
    QApplication.processEvents()
    site = window.status.site
    shown = site.text()
    assert QFontMetrics(site.font()).horizontalAdvance(shown) <= site.contentsRect().width()
    assert shown[0] == "T" and shown[-1] == "校" and "…" in shown, shown
    assert site.toolTip() == f"TEST01 {name}"


@pytest.mark.parametrize("names", ["themes", "groups"])
def test_chart_side_labels_fit_beside_the_bars(mode, qtbot, names):
    """Every theme and target group name on the Reports page's horizontal bar charts, at the
    charts' least size, fits left of the bars: QtCharts cuts a longer label at its start
    ("ty governance and emergencies")."""
    import html

    pytest.importorskip("PySide6.QtCharts")
    from PySide6.QtGui import QFontMetrics

    from ccschool.models.course import THEMES
    from ccschool.models.person import TARGET_GROUPS
    from ccschool.services.classes import group_label, theme_label
    from ccschool.ui.reports.charts import ChartView, bar_chart

    labels = ([theme_label(t) for t in THEMES] if names == "themes"
              else [group_label(g) for g in TARGET_GROUPS])
    view = ChartView()
    qtbot.addWidget(view)
    view.resize(380, 280)  # the least size the Reports page gives its charts
    view.show_chart(bar_chart("x", labels, list(range(1, len(labels) + 1)), horizontal=True))
    view.show()
    QApplication.processEvents()
    chart = view.chart()
    room = chart.plotArea().left() - chart.margins().left()
    axis = next(a for a in chart.axes() if hasattr(a, "categories"))
    metrics = QFontMetrics(axis.labelsFont())
    too_wide = {line: metrics.horizontalAdvance(line) for label in axis.categories()
                for line in html.unescape(label).split("<br>")  # lines, then their text
                if metrics.horizontalAdvance(line) > room}
    assert not too_wide, (room, too_wide)


def test_the_class_tabs_export_button_is_shown_whole(mode, make_window, school):
    """导出Excel… of the class's sessions and of its learners is shown whole, not cut to a tab
    bar's height (its lower edge and half its text were hidden)."""
    window = make_window()
    window.resize(WORK_AREA[0], WORK_AREA[1] - TITLE_BAR)
    window.show_page("classes")
    page = window.pages["classes"]
    for tab, export in enumerate((page.session_export, page.roster_export)):
        page.tabs.setCurrentIndex(tab)
        QApplication.processEvents()
        button = export.button
        assert button.isVisible()
        assert button.height() >= button.minimumSizeHint().height(), (tab, button.size())
        assert button.visibleRegion().boundingRect() == button.rect(), tab


def test_the_status_bar_gives_the_site_name_the_room_it_has(mode, qtbot, make_window, ctx):
    """The site name is cut to the room the status bar has left, not to a fixed width: a wider
    window shows more of it, and a name that fits is shown whole."""
    from PySide6.QtGui import QFontMetrics
    from sqlalchemy import text

    name = "示范镇社区学校 (Shifan Township Community School for Lifelong Learning) 东山分校"
    with ctx.db.transaction(actor="admin") as s:
        s.execute(text("UPDATE site SET name = :n"), {"n": name})
    window = make_window()
    site = window.status.site
    window.status.refresh()
    shown = {}
    for width in (window.minimumSizeHint().width(), window.minimumSizeHint().width() + 300):
        window.resize(width, WORK_AREA[1] - TITLE_BAR)
        # the window system's resize, then the status bar's layout, arrive as events
        qtbot.waitUntil(lambda: window.status.width() == width)
        qtbot.waitUntil(lambda: site.geometry().right() < window.status.today.geometry().left())
        QApplication.processEvents()
        room = site.contentsRect().width()
        shown[width] = site.text()
        assert QFontMetrics(site.font()).horizontalAdvance(site.text()) <= room, mode
        # nothing else in the bar is wider than it needs: the site label has the rest
        others = sum(w.width() for w in (window.status.today, window.status.pending,
                                         window.status.connection, window.status.backup,
                                         window.status.user))
        assert room + others >= window.status.width() - 120, (mode, room, others)
    narrow, wide = shown.values()
    assert len(wide) > len(narrow) and "…" in narrow, (mode, narrow, wide)
    with ctx.db.transaction(actor="admin") as s:
        s.execute(text("UPDATE site SET name = :n"), {"n": "东山分校"})
    window.status.refresh()
    # the bar's layout may still owe the label a resize event (seen beside stress-ng): the
    # label re-cuts its text there, so wait for the events rather than read it mid-way
    qtbot.waitUntil(lambda: site.text() == "TEST01 东山分校")
