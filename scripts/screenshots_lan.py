"""Screenshots of phone sign-in into docs/screenshots/: the phone pages (headless chromium at a
phone's size) and the desktop's 手机签到 window (Qt, offscreen).

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots_lan.py

It builds a small site with a session running now in a temporary folder (the check-in tests'
scene) and listens on 127.0.0.1 only.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def site(folder: Path):
    from ccschool.db import open_database
    from ccschool.services import site as site_svc
    from ccschool.services import staff
    from tests.checkin.conftest import build_scene, started_minutes_ago

    db = open_database(folder)
    with db.transaction(actor="admin") as s:
        site_svc.init_site(s, code="TEST01", name="示范镇社区学校")
        staff.create_user(s, name="王老师", password="screenshot-1", role="admin")
    return db, build_scene(db, start=started_minutes_ago(2))


def phone_pages(server, scene, out: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    from tests.lan.browser import phone_browser

    driver = phone_browser()
    try:
        driver.get(server.current().url)
        driver.find_element(By.ID, "card").send_keys("T000003")
        driver.save_screenshot(str(out / "phone-form.png"))
        driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        driver.save_screenshot(str(out / "phone-confirm.png"))
        driver.find_element(By.ID, "yes").click()
        driver.save_screenshot(str(out / "phone-done.png"))
        driver.delete_all_cookies()
        driver.get(server.base_url + "/desk")
        driver.find_element(By.ID, "pin").send_keys(server.pin + Keys.ENTER)
        driver.switch_to.active_element.send_keys(scene.payloads["张三"] + Keys.ENTER)
        driver.find_element(By.ID, "q").send_keys("ls" + Keys.ENTER)
        driver.save_screenshot(str(out / "phone-desk.png"))
    finally:
        driver.quit()
    for name in ("phone-form", "phone-confirm", "phone-done", "phone-desk"):
        print(f"docs/screenshots/{name}.png")


def panel(db, scene, out: Path) -> None:
    from ccschool.ui.checkin.page import CheckinPage
    from ccschool.ui.ops.background import SyncRunner
    from ccschool.ui.shell import app as shell
    from ccschool.ui.shell.context import AppContext, CurrentUser
    from ccschool.ui.widgets.style import apply_style

    app = shell.create_application(["screenshots"])
    translators = shell.install_translators(app, "zh_CN")  # noqa: F841
    apply_style(app, large_text=False)
    page = CheckinPage(AppContext(db=db, run_in_background=SyncRunner(),
                                  user=CurrentUser("王老师", "admin")))
    page.lan_host = "127.0.0.1"
    page.resize(1100, 700)
    page.show()
    window = page.open_phone_panel()
    for _ in range(20):
        app.processEvents()
    window.grab().save(str(out / "lan-panel.png"))
    page.grab().save(str(out / "checkin-phone.png"))
    window.close()
    print("docs/screenshots/lan-panel.png\ndocs/screenshots/checkin-phone.png")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    out = Path(parser.parse_args().out)
    out.mkdir(parents=True, exist_ok=True)
    from ccschool.lan.server import LanServer

    with tempfile.TemporaryDirectory() as tmp:
        db, scene = site(Path(tmp))
        with LanServer(db, scene.session_id, host="127.0.0.1", port=0) as server:
            phone_pages(server, scene, out)
        panel(db, scene, out)
        db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
