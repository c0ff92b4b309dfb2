"""Publishing a teacher to every site from the county's page, in a real headless chromium:
one from the pool, one typed by hand (a bad phone named first), then withdrawn. The screenshot
docs/screenshots/county-teachers.png is taken here when CCSCHOOL_SCREENSHOTS=1."""
from __future__ import annotations

import pytest

from ccschool.county.web import teachers
from tests.county.web_helpers import ADMIN_PW

pytest.importorskip("selenium.webdriver")
from selenium.common.exceptions import (
    NoSuchElementException,
    StaleElementReferenceException,
)
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.county.test_web_browser import _shot, _wait, browser, platform  # noqa: F401  (fixtures)


def _log_in(browser, url: str) -> None:  # noqa: F811
    browser.delete_all_cookies()
    browser.get(url + "/login")
    _wait(browser, By.ID, "password")
    browser.find_element(By.ID, "name").send_keys("admin")
    browser.find_element(By.ID, "password").send_keys(ADMIN_PW)
    browser.find_element(By.ID, "submit").click()
    _wait(browser, By.ID, "totals")


def _published(browser, ok) -> None:  # noqa: F811
    """Wait until the published list's text passes `ok` (the page may be reloading)."""
    WebDriverWait(browser, 30, ignored_exceptions=(NoSuchElementException,
                                                   StaleElementReferenceException)).until(
        lambda d: ok(d.find_element(By.ID, "published").text))


def test_an_admin_publishes_teachers_for_the_sites(browser, platform):  # noqa: F811
    _log_in(browser, platform.url)
    browser.find_element(By.LINK_TEXT, "县师资库").click()
    _wait(browser, By.ID, "candidates")
    pick = teachers.candidates(platform.engine)[0]
    form = f"publish-{pick['record_id']}"
    subjects = browser.find_element(By.CSS_SELECTOR, f"input[form='{form}'][name='subjects']")
    subjects.clear()
    subjects.send_keys("书法，人文艺术")
    browser.find_element(By.CSS_SELECTOR, f"#{form} button").click()
    _published(browser, lambda text: "书法、人文艺术" in text)  # not the page before the click
    assert pick["name"] in browser.find_element(By.ID, "published").text
    add = browser.find_element(By.ID, "add-teacher")
    for field, value in (("name", "李芳"), ("subjects", "家庭教育指导"), ("township", "西山镇"),
                         ("phone", "1380013800")):
        add.find_element(By.NAME, field).send_keys(value)
    add.find_element(By.NAME, "phone_consent").click()
    browser.find_element(By.ID, "add-button").click()
    assert "电话" in _wait(browser, By.ID, "error").text  # ten digits: named, nothing added
    assert "李芳" not in browser.find_element(By.ID, "published").text
    phone = browser.find_element(By.CSS_SELECTOR, "#add-teacher input[name='phone']")
    phone.send_keys("0")
    browser.find_element(By.ID, "add-button").click()
    _published(browser, lambda text: "李芳" in text)
    row = browser.find_element(By.XPATH, "//table[@id='published']//tr[td[text()='李芳']]")
    assert "13800138000" in row.text and "手工添加" in row.text
    _shot(browser, "teachers")
    row.find_element(By.TAG_NAME, "button").click()
    _published(browser, lambda text: "李芳" not in text)
    assert [t["name"] for t in teachers.document(platform.engine)["teachers"]] == [pick["name"]]
