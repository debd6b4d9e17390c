#!/usr/bin/env python3
"""The portal in a real browser (Chromium, driven by chromedriver through selenium).

The dean's way: sign in, upload the 课程表, confirm, plan, wait for the live progress to end,
download the school's workbook; then the office's dashboard, and a holiday added through the
settings form that the term's school days then show. Screenshots go to ARTIFACTS.
Usage: portal_browser.py BASE_URL UPLOAD_FILE ARTIFACTS DEAN_USER DEAN_PASS OFFICE_USER OFFICE_PASS
Exit 0 when every step passed; 1 with the step that failed.
"""
import os
import sys
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import Select, WebDriverWait


def driver(downloads):
    opts = webdriver.ChromeOptions()
    for a in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000", "--lang=zh-CN"):
        opts.add_argument(a)
    binary = os.environ.get("CHROMIUM_BINARY", "/usr/bin/chromium")
    if os.path.exists(binary):
        opts.binary_location = binary
    opts.add_experimental_option("prefs", {"download.default_directory": downloads, "download.prompt_for_download": False})
    path = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
    return webdriver.Chrome(service=Service(path), options=opts)


def login(d, base, user, password):
    d.get(base + "/login")
    d.find_element(By.ID, "username").send_keys(user)
    d.find_element(By.ID, "password").send_keys(password)
    d.find_element(By.ID, "signin").click()
    WebDriverWait(d, 20).until(lambda x: "/login" not in x.current_url)


def school_days(d, month):
    return int(d.find_element(By.CSS_SELECTOR, 'tr[data-month="%s"] td.school-days' % month).text)


def change_holiday(d, base, artifacts):
    """The office adds a holiday on a school day (Tuesday 2026-10-13 in the tiny pack) in the
    settings form; the month's school days, counted by the engine from the saved pack, drop by one."""
    d.get(base + "/settings")
    WebDriverWait(d, 20).until(lambda x: x.find_elements(By.ID, "settings-form"))
    before = school_days(d, "2026-10")
    d.find_element(By.CSS_SELECTOR, 'button.add-row[data-table="cal-rows"]').click()   # the page's script adds a row
    dates = [e for e in d.find_elements(By.CSS_SELECTOR, 'input[name^="cal.date."]') if not e.get_attribute("value")]
    if len(dates) < 2:
        raise RuntimeError("no blank calendar rows")
    row = dates[-1].find_element(By.XPATH, "./ancestor::tr")
    dates[-1].send_keys("2026-10-13")
    Select(row.find_element(By.CSS_SELECTOR, 'select[name^="cal.kind."]')).select_by_value("holiday")
    row.find_element(By.CSS_SELECTOR, 'input[name^="cal.note."]').send_keys("区运动会")
    d.find_element(By.ID, "save-settings").click()
    WebDriverWait(d, 30).until(lambda x: x.find_elements(By.ID, "saved") or x.find_elements(By.ID, "errors"))
    if d.find_elements(By.ID, "errors"):
        raise RuntimeError("settings refused: " + d.find_element(By.ID, "errors").text)
    after = school_days(d, "2026-10")
    if after != before - 1:
        raise RuntimeError("school days of 2026-10: %d before, %d after the holiday" % (before, after))
    if "2026-10-13" not in [e.get_attribute("value") for e in d.find_elements(By.CSS_SELECTOR, 'input[name^="cal.date."]')]:
        raise RuntimeError("the holiday is not listed after saving")
    d.save_screenshot(os.path.join(artifacts, "7-settings-holiday.png"))


def main():
    base, upload, artifacts, dean, dean_pw, office, office_pw = sys.argv[1:8]
    for _ in range(100):  # the server was just started
        try:
            if urllib.request.urlopen(base + "/healthz", timeout=2).read() == b"ok\n":
                break
        except OSError:
            time.sleep(0.2)
    else:
        print("browser: the server did not answer at " + base)
        return 1
    os.makedirs(artifacts, exist_ok=True)
    downloads = os.path.join(artifacts, "downloads")
    os.makedirs(downloads, exist_ok=True)
    d = driver(downloads)
    step = "start"
    try:
        step = "dean login"
        login(d, base, dean, dean_pw)
        d.save_screenshot(os.path.join(artifacts, "1-school.png"))
        step = "upload"
        d.find_element(By.ID, "file").send_keys(os.path.abspath(upload))
        d.find_element(By.ID, "send").click()
        WebDriverWait(d, 30).until(lambda x: x.find_elements(By.ID, "confirm-form"))
        d.save_screenshot(os.path.join(artifacts, "2-preview.png"))
        step = "confirm"
        Select(d.find_element(By.NAME, "psych.T11")).select_by_value("part")
        Select(d.find_element(By.NAME, "psych.T01")).select_by_value("full")
        d.find_element(By.ID, "confirm").click()
        WebDriverWait(d, 30).until(lambda x: x.find_elements(By.ID, "solve"))
        step = "solve"
        d.find_element(By.ID, "solve").click()
        WebDriverWait(d, 10).until(lambda x: "/runs/" in x.current_url)
        d.save_screenshot(os.path.join(artifacts, "3-progress.png"))
        WebDriverWait(d, 240, poll_frequency=1).until(
            lambda x: x.find_elements(By.ID, "status") and x.find_element(By.ID, "status").get_attribute("data-finished") == "true")
        status = d.find_element(By.ID, "status").text
        if status not in ("完成", "部分未达标"):
            raise RuntimeError("run ended as " + status)
        d.save_screenshot(os.path.join(artifacts, "4-result.png"))
        step = "download"
        d.find_element(By.LINK_TEXT, "xlsx/S01.xlsx").click()
        target = os.path.join(downloads, "S01.xlsx")
        for _ in range(60):
            if os.path.exists(target) and os.path.getsize(target) > 0:
                break
            time.sleep(0.5)
        with open(target, "rb") as f:
            if f.read(2) != b"PK":
                raise RuntimeError("the download is not a workbook")
        step = "office dashboard"
        d.find_element(By.ID, "logout").click()
        WebDriverWait(d, 10).until(lambda x: "/login" in x.current_url)
        login(d, base, office, office_pw)
        WebDriverWait(d, 10).until(lambda x: x.find_elements(By.ID, "schools"))
        if "S01" not in d.find_element(By.ID, "schools").text:
            raise RuntimeError("S01 missing from the dashboard")
        d.save_screenshot(os.path.join(artifacts, "5-dashboard.png"))
        step = "settings: a holiday through the form"
        change_holiday(d, base, artifacts)
        step = "english"
        d.get(base + "/lang/en")
        if "District dashboard" not in d.page_source:
            raise RuntimeError("no English page")
        d.save_screenshot(os.path.join(artifacts, "6-dashboard-en.png"))
        print("browser: every step passed")
        return 0
    except Exception as e:  # noqa: BLE001 - report the step, keep a screenshot
        d.save_screenshot(os.path.join(artifacts, "failed.png"))
        print("browser: step '%s' failed: %r" % (step, e))
        return 1
    finally:
        d.quit()


if __name__ == "__main__":
    sys.exit(main())
