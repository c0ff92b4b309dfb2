"""The county platform in a real headless chromium (selenium): log in, read the dashboard,
switch to English, open the sites page, log out. Screenshots go to docs/screenshots/ when
CCSCHOOL_SCREENSHOTS=1 (scripts and the README use them)."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.county.web_helpers import ADMIN_PW, build_platform

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
CHROMEDRIVER = "/usr/bin/chromedriver"


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMEDRIVER).exists() or not (shutil.which("chromium")
                                               or shutil.which("chromium-browser")):
        pytest.skip("chromium and chromium-driver are not installed")
    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1366,768", "--lang=zh-CN"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=webdriver.ChromeService(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


@pytest.fixture
def platform(tmp_path):
    from ccschool.county.store import open_store
    engine = open_store(str(tmp_path / "county.db"))
    server = build_platform(engine)
    yield server
    server.stop()
    engine.dispose()


def _shot(driver, name: str, width: int = 1366) -> None:
    if os.environ.get("CCSCHOOL_SCREENSHOTS") != "1":
        return
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(width, max(768, min(height + 120, 2400)) if width > 600 else 800)
    SHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SHOTS / f"county-{name}.png"))
    driver.set_window_size(1366, 768)


def _wait(driver, by, what):
    return WebDriverWait(driver, 30).until(ec.presence_of_element_located((by, what)))


def test_a_person_logs_in_reads_the_dashboard_and_logs_out(browser, platform):
    browser.get(platform.url + "/")
    _wait(browser, By.ID, "password")
    assert browser.current_url.startswith(platform.url + "/login")
    _shot(browser, "login")
    browser.find_element(By.ID, "name").send_keys("admin")
    browser.find_element(By.ID, "password").send_keys("wrong-password")
    browser.find_element(By.ID, "submit").click()
    assert "用户名或密码不对" in _wait(browser, By.ID, "error").text
    browser.find_element(By.ID, "password").send_keys(ADMIN_PW)
    browser.find_element(By.ID, "submit").click()
    _wait(browser, By.ID, "totals")
    browser.get(platform.url + "/?p=2024-Q2")
    assert int(_wait(browser, By.ID, "t-person-times").text) > 0
    assert browser.find_element(By.CSS_SELECTOR, "svg rect") is not None
    _shot(browser, "dashboard")
    browser.find_element(By.LINK_TEXT, "English").click()
    WebDriverWait(browser, 30).until(lambda d: "Dashboard" in d.find_element(By.TAG_NAME, "h1").text)
    _shot(browser, "dashboard-en")
    browser.find_element(By.LINK_TEXT, "中文").click()
    browser.find_element(By.LINK_TEXT, "站点").click()
    _wait(browser, By.ID, "sites")
    assert "T001V01" in browser.find_element(By.ID, "sites").text
    _shot(browser, "sites")
    browser.get(platform.url + "/national?start=2024-04&end=2024-05&towns=12")
    assert _wait(browser, By.ID, "v-person_times").text.isdigit()
    _shot(browser, "national")
    browser.get(platform.url + "/rules")
    _wait(browser, By.ID, "rules-form")
    _shot(browser, "rules")
    browser.get(platform.url + "/archive")
    _wait(browser, By.ID, "archive-form")
    _shot(browser, "archive")
    browser.get(platform.url + "/audit")
    _wait(browser, By.ID, "audit")
    _shot(browser, "audit")
    browser.find_element(By.ID, "logout").click()
    _wait(browser, By.ID, "password")
    browser.get(platform.url + "/")
    _wait(browser, By.ID, "password")  # logged out: back to the login page


def test_the_verify_page_on_a_phone(browser, platform):
    from tests.county.test_web_verify import _certificate

    from ccschool.sync import certcheck
    _certificate(platform, "T001-C000001")
    url = certcheck.verify_url(platform.url, platform.built["tokens"]["T001"], "T001",
                               "T001-C000001")
    browser.delete_all_cookies()  # a stranger's phone: no login
    browser.set_window_size(390, 800)
    try:
        browser.get(url)
        assert "证书有效" in _wait(browser, By.ID, "state").text
        width = browser.execute_script("return document.documentElement.scrollWidth")
        assert width <= 390  # no sideways scrolling on a phone
        _shot(browser, "verify-phone", width=390)
    finally:
        browser.set_window_size(1366, 768)
