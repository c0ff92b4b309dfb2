"""The phone pages in real headless chromium at a phone's size (selenium, /usr/bin/chromedriver)."""
from __future__ import annotations

import pytest

from tests.lan import browser

pytestmark = pytest.mark.skipif(not browser.available(), reason="chromium/chromedriver missing")


@pytest.fixture(scope="module")
def chromium():
    driver = browser.phone_browser()  # one browser start (~3 s) for the module
    yield driver
    driver.quit()


@pytest.fixture
def phone(chromium):
    yield chromium
    chromium.delete_all_cookies()  # cookies ignore ports: each test is a new phone


def wait_for(driver, css: str, text: str = ""):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(driver, 30)
    if text:
        wait.until(ec.text_to_be_present_in_element((By.CSS_SELECTOR, css), text))
    return wait.until(ec.visibility_of_element_located((By.CSS_SELECTOR, css)))


def navigate(driver, action) -> None:
    """Do what submits a form, then wait until the next page replaced this one (a loaded machine
    may still show the old page when the next look-up starts)."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    old = driver.find_element(By.TAG_NAME, "html")
    action()

    def replaced(_driver) -> bool:
        try:
            old.is_enabled()
        except WebDriverException:  # stale, or "does not belong to the document" mid-load
            return True
        return False
    WebDriverWait(driver, 30).until(replaced)


def test_learner_signs_in_on_a_phone(phone, lan, db):
    from selenium.webdriver.common.by import By

    phone.get(lan.current().url)
    wait_for(phone, "h1", "手机签到")
    assert browser.fits_the_screen(phone)
    card = phone.find_element(By.ID, "card")
    assert int(card.value_of_css_property("font-size").rstrip("px")) >= 24  # large text
    card.send_keys("T000003")
    navigate(phone, phone.find_element(By.CSS_SELECTOR, "button[type=submit]").click)
    assert wait_for(phone, "#masked").text == "王*英"
    assert "王秀英" not in phone.page_source
    navigate(phone, phone.find_element(By.ID, "yes").click)
    wait_for(phone, ".ok", "签到成功")
    assert browser.fits_the_screen(phone)
    phone.get(lan.current().url)  # scanned again by mistake
    wait_for(phone, "#card").send_keys("T000003")
    navigate(phone, phone.find_element(By.CSS_SELECTOR, "button[type=submit]").click)
    navigate(phone, wait_for(phone, "#yes").click)
    wait_for(phone, ".warn", "已签到")


def test_code_typed_instead_of_scanning(phone, lan):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    phone.get(lan.base_url + "/")
    code = wait_for(phone, "#code")
    navigate(phone, lambda: code.send_keys(lan.current().code.lower() + Keys.ENTER))
    wait_for(phone, "#name").send_keys("王秀英")
    tail = phone.find_element(By.ID, "tail")
    navigate(phone, lambda: tail.send_keys("0003" + Keys.ENTER))
    assert wait_for(phone, "#masked").text == "王*英"


def test_staff_desk_on_a_phone(phone, lan, lan_scene):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    phone.get(lan.base_url + "/desk")
    pin = wait_for(phone, "#pin")
    navigate(phone, lambda: pin.send_keys(lan.pin + Keys.ENTER))
    wait_for(phone, "#count", "已到 0 / 5")
    scanner = phone.switch_to.active_element
    assert scanner.get_attribute("id") == "payload"  # the scanner can type at once
    navigate(phone, lambda: scanner.send_keys(lan_scene.payloads["张三"] + Keys.ENTER))
    wait_for(phone, "#count", "已到 1 / 5")
    assert "张三 签到成功" in phone.find_element(By.CSS_SELECTOR, ".ok").text
    search = phone.find_element(By.ID, "q")
    navigate(phone, lambda: search.send_keys("ls" + Keys.ENTER))
    wait_for(phone, "#found", "李四")
    navigate(phone, phone.find_element(By.CSS_SELECTOR, "#found button[type=submit]").click)
    wait_for(phone, "#count", "已到 2 / 5")
    row = phone.find_element(By.XPATH, "//div[@id='missing']/div[.//b[text()='刘洋']]")
    row.find_element(By.NAME, "reason").send_keys("感冒")
    navigate(phone, row.find_element(By.XPATH, ".//button[text()='请假']").click)
    wait_for(phone, ".ok", "刘洋 已记请假")
    assert wait_for(phone, "#missing-title").text == "未到 2 人"
    assert browser.fits_the_screen(phone)
