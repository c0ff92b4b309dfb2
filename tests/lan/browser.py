"""Debian's chromium through selenium, sized and identified like a phone."""
from __future__ import annotations

import shutil

PHONE = {"width": 390, "height": 844, "pixelRatio": 2.0}
PHONE_AGENT = ("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
               "Chrome/120.0 Mobile Safari/537.36 MicroMessenger/8.0")
DRIVER = "/usr/bin/chromedriver"


def available() -> bool:
    return shutil.which("chromium") is not None and shutil.which(DRIVER) is not None


def phone_browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--no-proxy-server", "--lang=zh-CN"):
        options.add_argument(arg)
    options.add_experimental_option("mobileEmulation", {"deviceMetrics": PHONE,
                                                        "userAgent": PHONE_AGENT})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(60)
    return driver


def fits_the_screen(driver) -> bool:
    """No sideways scrolling: the page is as wide as the phone."""
    return driver.execute_script(
        "return document.documentElement.scrollWidth <= window.innerWidth + 1")
