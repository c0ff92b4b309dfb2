"""Take a PNG of every page of the app (in Chinese) into docs/screenshots/.

Run under a virtual display so real window decorations and fonts are used:
    xvfb-run -a .venv/bin/python scripts/screenshots.py
(QT_QPA_PLATFORM=offscreen also works). It builds a demo site in a temporary data folder, so
the user's own data is never touched.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def shoot(widget, out: Path, app) -> None:
    for _ in range(5):
        app.processEvents()
    widget.grab().save(str(out))
    print(out.relative_to(ROOT) if out.is_relative_to(ROOT) else out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--language", default="zh_CN")
    parser.add_argument("--large-text", action="store_true")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from ccschool.db import open_database
    from ccschool.ui.shell import app as shell
    from ccschool.ui.ops.background import SyncRunner
    from ccschool.ui.shell.context import AppContext
    from ccschool.ui.shell.first_run import FirstRunWizard, build_demo_site
    from ccschool.ui.shell.login import LoginDialog
    from ccschool.ui.shell.pages import PAGES
    from ccschool.ui.widgets.style import apply_style

    app = shell.create_application(["screenshots"])
    translators = shell.install_translators(app, args.language)  # noqa: F841
    apply_style(app, large_text=args.large_text)
    suffix = "" if args.language == "zh_CN" and not args.large_text else \
        f"-{args.language}{'-large' if args.large_text else ''}"
    with tempfile.TemporaryDirectory() as tmp:
        empty = open_database(Path(tmp) / "empty")
        wizard = FirstRunWizard(empty, SyncRunner())
        wizard.resize(700, 500)
        wizard.show()
        shoot(wizard, out / f"first-run{suffix}.png", app)
        wizard.next()
        shoot(wizard, out / f"first-run-site{suffix}.png", app)
        wizard.close()

        db = open_database(Path(tmp) / "demo")
        user = build_demo_site(db)
        site_name, hint = shell.login_hint(db)
        login = LoginDialog(db, site_name=site_name, hint=hint)
        login.show()
        shoot(login, out / f"login{suffix}.png", app)
        login.close()

        ctx = AppContext(db=db, run_in_background=SyncRunner(), user=user,
                         data_dir=Path(tmp) / "demo")
        window, _idle = shell.start_window(app, ctx, shell.read_prefs(db))
        window.resize(1280, 800)
        window.show()
        for spec in PAGES:
            window.show_page(spec.key)
            shoot(window, out / f"{spec.key}{suffix}.png", app)
        from PySide6.QtWidgets import QScrollArea

        for area in window.pages["settings"].findChildren(QScrollArea):
            area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())
        window.show_page("settings")
        shoot(window, out / f"settings-lower{suffix}.png", app)
        window.lock()
        shoot(window, out / f"locked{suffix}.png", app)
        window.close()

        from ccschool.ui.learners.import_wizard import ImportWizard

        wizard = ImportWizard(ctx)
        wizard.show()
        wizard.load(str(messy_roster(Path(tmp) / "花名册.xlsx")))
        wizard.next()
        shoot(wizard, out / f"import-preview{suffix}.png", app)
        wizard.next()
        shoot(wizard, out / f"import-problems{suffix}.png", app)
        wizard.close()
    return 0


def messy_roster(path: Path) -> Path:
    """A roster as staff hand it over: title row, a bad check digit, a text date, a short phone,
    a twin row, a 合计 line."""
    import openpyxl

    from ccschool.idcard import make_id
    from datetime import date

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
