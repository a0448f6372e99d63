"""End-to-end test of the Afield web app in a real (headless) Chromium.

The issue's flow, at a phone size (390x844: bottom bar, "More" sheet) and a desktop size
(1366x768: sidebar): sign in, open the notifications from the bell, find a customer and open it, create and confirm an order (with a
field error on the way), switch to 中文 and check the sales-by-year report, switch back to English.

Server:       AFIELD_E2E_URL          (default http://127.0.0.1:8080), demo company Northwind Traders
Screenshots:  AFIELD_E2E_SCREENSHOTS  (default Tests/e2e/screenshots), <step>-<width>x<height>.png

Rerunnable against the same server: orders and their numbers are new each run, the current
year's report row only grows, and the user's stored language is set back to English (also when
the test fails half-way).
"""

import fcntl
import hashlib
import os
import re
import json
import shutil
import tempfile
import urllib.request
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

BASE_URL = os.environ.get("AFIELD_E2E_URL", "http://127.0.0.1:8080").rstrip("/")
SCREENSHOTS = Path(os.environ.get("AFIELD_E2E_SCREENSHOTS", Path(__file__).parent / "screenshots"))
EMAIL = os.environ.get("AFIELD_E2E_EMAIL", "andrew.fuller@northwind.example")
PASSWORD = os.environ.get("AFIELD_E2E_PASSWORD", "afield-demo")
COMPANY_TZ = ZoneInfo("America/Los_Angeles")  # Northwind's time zone: order dates are its days
WAIT = 15

# 4xx answers this flow provokes on purpose; Chromium logs each as a SEVERE "network" entry.
EXPECTED_HTTP_ERRORS = [
    (re.compile(r"/api/v1/auth/me\b"), 401),             # first visit, not signed in yet
    (re.compile(r"/api/v1/sales/orders/preview\b"), 422),  # quantity 0
    # Tests that switch users by deleting cookies under the running app: the bell's next poll
    # meets a missing session, as it would after a session expired.
    (re.compile(r"/api/v1/notifications/unread-count\b"), 401),
    (re.compile(r"/api/v1/approvals/inbox/counts\b"), 401),  # the Approvals count, refreshed like the bell
    # The working set (core/working-set.js) reads these in the background after sign-in; a session ended under it
    # answers 401 as it would after a session expired (the run then stops).
    (re.compile(r"/api/v1/(partners|crm|sales|products|approvals|notifications|records|lists|workbench|attendance|leave|expenses|sync|auth/me)\b"), 401),
]

SIZES = [
    pytest.param((390, 844), id="390x844"),
    pytest.param((1366, 768), id="1366x768"),
]


def ok(answer, expected=(200, 201)):
    """The body of a Browser.api answer, asserting its status is one of `expected`."""
    status, body = answer
    assert status in expected, body
    return body


def sel(test_id, extra=""):
    return f'[data-test="{test_id}"]{extra}'


# Warm profiles: a Chromium profile that has opened BASE_URL once, so its service worker is installed and the app's
# scripts are compiled and cached. Each browser starts from a copy of it instead of an empty profile: that saves
# about 3 of the 8 CPU-seconds a first visit costs (measured on the 2-core CI machine), over 100 browsers a run.
# One per origin and app version, shared by the pytest processes of a run (made under a file lock).
PROFILES = Path(os.environ.get("AFIELD_E2E_PROFILES", Path(tempfile.gettempdir()) / "afield-e2e-profiles"))


def warm_profile():
    """A fresh copy (a directory the caller removes) of the warm profile of BASE_URL's current app version."""
    with urllib.request.urlopen(BASE_URL + "/app-shell.json", timeout=30) as answer:
        version = json.load(answer)["version"]
    key = hashlib.sha256(f"{BASE_URL} {version}".encode()).hexdigest()[:16]
    template = PROFILES / key
    PROFILES.mkdir(parents=True, exist_ok=True)
    with open(PROFILES / f"{key}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not template.exists():
            making = Path(tempfile.mkdtemp(prefix=f"{key}-", dir=PROFILES))
            b = Browser(1366, 768, profile=making, fetch_ahead=True)  # the profile keeps no choice of its own
            try:
                b.driver.get(BASE_URL + "/#/sign-in")
                b.visible(sel("signin-email"))
                # Controlled: the worker has installed (cached the app shell) and activated.
                b.until(lambda: b.driver.execute_script("return !!navigator.serviceWorker.controller"),
                        "the service worker controls the page")
            finally:
                b.driver.quit()
            making.rename(template)
    copy = Path(tempfile.mkdtemp(prefix="afield-e2e-profile-"))
    shutil.copytree(template, copy, dirs_exist_ok=True, ignore=shutil.ignore_patterns("Singleton*"))
    return copy


class Browser:
    """The driver plus the helpers every step uses.

    profile: None → a copy of the warm profile (see warm_profile); a directory → that profile as it is.
    fetch_ahead: whether the app fetches the user's data ahead for offline use (core/working-set.js). Off unless a
      test needs it: after each sign-in it reads some 300 answers, a fifth of a run's CPU, and a test that switches
      users under it meets its requests failing with 401.
    """

    def __init__(self, width, height, profile=None, fetch_ahead=False):
        os.environ["SE_OFFLINE"] = "true"  # never let Selenium Manager go online
        self.own_profile = None
        if profile is None:
            profile = self.own_profile = warm_profile()
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--user-data-dir={profile}",
                    f"--window-size={width},{height}", "--lang=en-US", "--hide-scrollbars"):
            options.add_argument(arg)
        options.add_experimental_option("prefs", {"intl.accept_languages": "en-US,en"})
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        self.driver = webdriver.Chrome(options=options, service=Service(executable_path="/usr/bin/chromedriver"))
        if not fetch_ahead:  # Settings → This device → Offline data, before the app reads it
            self.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {
                "source": "try { localStorage.setItem('afield.fetchAhead', 'off'); } catch (e) {}"})
        # Headless Chromium will not make a window narrower than 500 px; emulate the exact viewport.
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 720})
        self.width, self.height = width, height
        self.size = f"{width}x{height}"
        self.phone = width < 720
        self.wait = WebDriverWait(self.driver, WAIT, poll_frequency=0.1,
                                  ignored_exceptions=(NoSuchElementException, StaleElementReferenceException))
        self.console_problems = []

    # --- finding and waiting ---

    def find(self, css):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def find_all(self, css):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def until(self, condition, message):
        return self.wait.until(lambda d: condition(), message=f"[{self.size}] {message}")

    def visible(self, css):
        return self.until(lambda: (e := self.find(css)).is_displayed() and e, f"{css} never became visible")

    def text_is(self, css, expected):
        try:
            self.until(lambda: self.find(css).text.strip() == expected, f"{css} should read {expected!r}")
        except Exception:
            found = [e.text for e in self.find_all(css)]
            raise AssertionError(f"[{self.size}] {css} should read {expected!r}, found {found!r}")

    def click(self, css):
        self.visible(css).click()

    def nav(self, name):
        """Opens a page by its menu item; on a phone an item outside the bottom bar's five slots
        is in the "More" sheet."""
        item = sel(f"nav-{name}")
        if self.phone and not any(e.is_displayed() for e in self.find_all(item)):
            self.click(sel("nav-more"))
        self.click(item)

    def type_into(self, css, text):
        field = self.visible(css)
        field.click()
        field.send_keys(Keys.CONTROL, "a")
        field.send_keys(Keys.BACKSPACE)
        field.send_keys(text)
        return field

    def language(self):
        return self.driver.execute_script("return document.documentElement.lang")

    def api(self, method, path, body=None):
        """Same-origin fetch with the page's session cookie; returns (status, json)."""
        return self.driver.execute_async_script(
            """
            const [method, path, body, done] = arguments;
            const init = {method, credentials: 'same-origin', headers: {Accept: 'application/json', 'X-Afield-Request': '1'}};
            if (body !== null) { init.headers['Content-Type'] = 'application/json'; init.body = JSON.stringify(body); }
            fetch(path, init).then(async (r) => done([r.status, r.status === 204 ? null : await r.json()]))
              .catch((e) => done([0, String(e)]));
            """,
            method, "/api/v1" + path, body)

    def stored_locale(self):
        status, me = self.api("GET", "/auth/me")
        assert status == 200, f"GET /auth/me answered {status}: {me}"
        return me.get("locale")

    # --- evidence ---

    def shot(self, step):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.driver.save_screenshot(str(SCREENSHOTS / f"{step}-{self.size}.png"))
        self.check_console(step)

    def check_console(self, step):
        """Fail on CSP violations, JS exceptions and any unexpected SEVERE entry."""
        for entry in self.driver.get_log("browser"):
            if entry["level"] != "SEVERE":
                continue
            message = entry["message"]
            if entry.get("source") == "network" and any(
                    pattern.search(message) and f"status of {status} " in message
                    for pattern, status in EXPECTED_HTTP_ERRORS):
                continue
            self.console_problems.append(f"{step}: {entry.get('source')}: {message}")
        assert not self.console_problems, f"[{self.size}] browser console:\n" + "\n".join(self.console_problems)

    def quit(self):
        try:
            self.driver.quit()
        finally:
            if self.own_profile:
                shutil.rmtree(self.own_profile, ignore_errors=True)


@pytest.fixture
def browser(request):
    width, height = request.param
    b = Browser(width, height)
    yield b
    try:
        # Leave the account in English even if the test stopped while it was in Chinese.
        if b.driver.current_url.startswith(BASE_URL):
            b.api("PATCH", "/auth/me", {"locale": "en"})
    finally:
        b.quit()


# --------------------------------------------------------------------------- steps

def sign_in(b):
    b.driver.get(BASE_URL + "/")
    assert b.driver.execute_script("return [innerWidth, innerHeight]") == [b.width, b.height], "viewport size"
    b.visible(sel("signin-email"))
    b.shot("01-sign-in")
    b.type_into(sel("signin-email"), EMAIL)
    b.type_into(sel("signin-password"), PASSWORD)
    b.click(sel("signin-submit"))
    b.visible(sel("nav-customers"))
    b.until(lambda: "#/workbench" in b.driver.current_url, "sign-in should land on the workbench")
    b.visible(sel("workbench"))
    # A previous run that died in Chinese leaves the account in Chinese; the flow starts in English.
    if b.language() != "en":
        switch_language(b, "en")
    # The phone has a bottom bar with "More"; the desktop a sidebar with the language switch in the top bar.
    if b.phone:
        b.visible(sel("nav-more"))
        assert not b.find_all(sel("lang-switch")), "on a phone the language switch lives in the More sheet"
        nav = b.find("nav.nav").rect
        assert abs(nav["y"] + nav["height"] - b.height) <= 2 and nav["width"] == b.width, f"phone nav should be a bottom bar: {nav}"
    else:
        b.visible(sel("lang-switch"))
        assert not b.find_all(sel("nav-more")), "no More button on a desktop"
        nav = b.find("nav.nav").rect
        assert nav["x"] == 0 and nav["height"] > b.height / 2, f"desktop nav should be a sidebar: {nav}"


def find_customer(b):
    b.click(sel("nav-customers"))
    b.type_into(sel("customer-search"), "Alfreds")
    b.until(lambda: (rows := b.find_all(sel("customer-row")))
            and all("Alfreds" in r.text for r in rows)
            and any(r.find_element(By.CSS_SELECTOR, ".cell-title").text.strip() == "Alfreds Futterkiste" for r in rows),
            "search 'Alfreds' should list only Alfreds Futterkiste")
    assert "q=Alfreds" in b.driver.current_url
    row = next(r for r in b.find_all(sel("customer-row"))
               if r.find_element(By.CSS_SELECTOR, ".cell-title").text.strip() == "Alfreds Futterkiste")
    assert "Maria Anders" in row.text and "Berlin" in row.text
    b.shot("02-customer-search")
    row.find_element(By.CSS_SELECTOR, ".cell-title a").click()
    b.text_is(sel("partner-name"), "Alfreds Futterkiste")
    b.until(lambda: any("Maria Anders" in c.text for c in b.find_all(sel("contact-row"))),
            "the detail page should show the contact Maria Anders")
    b.shot("03-customer-detail")


def pick(b, test_id, query, label):
    b.type_into(sel(test_id), query)
    b.until(lambda: any(o.find_element(By.CSS_SELECTOR, ".picker-option-label").text.strip() == label
                        for o in b.find_all(sel(f"{test_id}-option"))),
            f"{test_id} should offer {label!r} for {query!r}")
    option = next(o for o in b.find_all(sel(f"{test_id}-option"))
                  if o.find_element(By.CSS_SELECTOR, ".picker-option-label").text.strip() == label)
    option.click()
    b.until(lambda: b.find(sel(test_id)).get_attribute("value") == label, f"{test_id} should show {label!r}")


def settled(b):
    """The form's totals answer the latest input (no preview pending)."""
    b.until(lambda: not b.find_all(".totals.is-stale, .line-amount.is-stale"), "the preview never settled")


def create_and_confirm_order(b):
    b.click(sel("nav-orders"))
    b.click(sel("new-order"))
    b.until(lambda: b.driver.current_url.endswith("#/orders/new"), "new order form")
    pick(b, "order-customer", "Alfreds", "Alfreds Futterkiste")
    pick(b, "line-product-0", "Chai", "Chai")
    b.type_into(sel("line-discount-0"), "5")

    # Quantity 0: the server's field error appears right at the quantity field.
    b.type_into(sel("line-quantity-0"), "0")
    error_css = sel("field-error", '[data-field="lines[0].quantity"]')
    error = b.visible(error_css)
    settled(b)
    b.until(lambda: b.find(error_css).text.strip() == "Quantity must be greater than zero.",
            "quantity error text")
    quantity = b.find(sel("line-quantity-0"))
    assert quantity.get_attribute("aria-invalid") == "true"
    assert "is-invalid" in quantity.get_attribute("class")
    assert b.driver.execute_script(
        "return arguments[0].closest('td') === arguments[1].closest('td')", error, quantity), \
        "the error must sit in the quantity field's cell"
    q, e = quantity.rect, error.rect
    assert q["y"] + q["height"] <= e["y"] + 2 and e["y"] - (q["y"] + q["height"]) < 40, \
        f"the error should be just below the quantity field: field {q}, error {e}"
    assert e["x"] < q["x"] + q["width"] and q["x"] < e["x"] + e["width"], \
        f"the error should be under the quantity field: field {q}, error {e}"
    assert len(b.find_all(sel("field-error"))) == 1, "only the quantity is wrong"
    assert not b.find_all(sel("form-error")), "a placed field error needs no banner"
    b.shot("04-order-quantity-error")

    # Fix it: 18.00 × 3 × 0.95 = 51.30, computed by the server's preview.
    b.type_into(sel("line-quantity-0"), "3")
    b.until(lambda: not b.find_all(sel("field-error")), "the quantity error should go away")
    settled(b)
    b.text_is(sel("line-price-0"), "$18.00")
    b.text_is(sel("line-amount-0"), "$51.30")
    b.text_is(sel("order-untaxed"), "$51.30")
    b.text_is(sel("order-total"), "$51.30")
    b.shot("05-order-form")

    if b.phone:
        # Save a draft, then confirm it on the order page.
        b.click(sel("save-order"))
        b.until(lambda: re.search(r"#/orders/[0-9A-Fa-f-]{36}$", b.driver.current_url), "order page after saving")
        b.until(lambda: b.find(sel("order-state")).get_attribute("data-state") == "draft", "saved as draft")
        b.text_is(sel("order-state"), "Draft")
        b.click(sel("confirm-order"))
    else:
        # Save and confirm in one go.
        b.click(sel("save-confirm-order"))
        b.until(lambda: re.search(r"#/orders/[0-9A-Fa-f-]{36}$", b.driver.current_url), "order page after saving")
    b.until(lambda: b.find(sel("order-state")).get_attribute("data-state") == "confirmed", "state should become confirmed")
    b.text_is(sel("order-state"), "Confirmed")
    assert not b.find_all(sel("confirm-order")), "a confirmed order cannot be confirmed again"
    number = b.find(sel("order-number")).text.strip()
    year = datetime.now(COMPANY_TZ).year
    assert re.fullmatch(rf"SO-{year}-\d{{5}}", number), f"order number {number!r}"
    b.text_is(sel("order-untaxed"), "$51.30")
    b.text_is(sel("order-total"), "$51.30")
    assert "Alfreds Futterkiste" in b.find(sel("order-customer-link")).text
    lines = b.find_all(sel("order-line"))
    assert len(lines) == 1 and "Chai" in lines[0].text and "$51.30" in lines[0].text and "5%" in lines[0].text
    b.until(lambda: number in b.find(sel("toast")).text, "a toast should name the confirmed order")
    b.shot("06-order-confirmed")
    return number


def switch_language(b, lang, step=None):
    if b.phone:
        b.click(sel("nav-more"))
        b.visible(".sheet")
        if step:
            b.shot(step)
    b.click(sel("lang-switch"))
    b.until(lambda: b.language() == lang, f"page language should become {lang}")
    b.until(lambda: b.stored_locale() == lang, f"the account should store the language {lang}")
    if b.phone and b.find_all(".sheet"):
        # A tap on the dimmed page above the sheet (the sheet covers the backdrop's middle).
        b.driver.execute_script("document.querySelector('.sheet-backdrop').click()")
        b.until(lambda: not b.find_all(".sheet"), "the More sheet should close")


def money(text):
    """'US$617,085.35' → Decimal('617085.35')"""
    match = re.fullmatch(r"US\$([\d,]+\.\d{2})", text.strip())
    assert match, f"not a zh-CN USD amount: {text!r}"
    return Decimal(match.group(1).replace(",", ""))


def report_in_chinese(b):
    switch_language(b, "zh-CN", step="07-more-sheet")
    b.text_is(sel("nav-customers"), "客户")
    b.nav("reports")
    b.visible(sel("report-by-year"))
    b.until(lambda: len(b.find_all(sel("report-by-year-row"))) >= 3, "by-year rows")

    body = b.find("main").text
    for label in ("报表", "年度销售额", "按类别销售额", "按销售员销售额", "年份", "订单数", "销售额", "合计",
                  "按下单日期统计已确认和已交付的订单，不含运费。"):
        assert label in body, f"[{b.size}] report page should show {label!r}"
    for english in ("Reports", "Sales", "Total", "Orders", "Year", "Category", "Salesperson", "All years"):
        assert not re.search(rf"\b{english}\b", body), f"[{b.size}] untranslated {english!r} on the report page"

    headers = [th.text.strip() for th in b.find_all(sel("report-by-year") + " thead th")]
    assert headers == ["年份", "订单数", "销售额"], headers
    rows = {}
    for row in b.find_all(sel("report-by-year-row")):
        cells = [td.text.strip() for td in row.find_elements(By.CSS_SELECTOR, "td")]
        rows[int(row.get_attribute("data-key"))] = cells
    assert rows[1996][2] == "US$208,083.99", rows[1996]
    assert rows[1997][2] == "US$617,085.35", rows[1997]
    assert rows[1998][2] == "US$440,623.95", rows[1998]
    assert [rows[y][1] for y in (1996, 1997, 1998)] == ["152", "408", "270"]
    year = datetime.now(COMPANY_TZ).year
    assert year in rows, f"the current year {year} should have a row now that an order is confirmed"
    assert money(rows[year][2]) >= Decimal("51.30") and int(rows[year][1].replace(",", "")) >= 1
    total = money(b.find(sel("report-by-year-total")).text)
    assert total == sum(money(cells[2]) for cells in rows.values()), "the total should add up the rows"
    assert total >= Decimal("1265793.29") + Decimal("51.30")

    chart = b.find(sel("chart-by-year"))
    assert chart.tag_name == "svg" and chart.is_displayed()
    assert len(chart.find_elements(By.CSS_SELECTOR, "rect.bar")) == len(rows)
    desc = chart.find_element(By.CSS_SELECTOR, "desc").get_attribute("textContent")
    assert "1997: US$617,085.35" in desc, desc
    # The chart fits its card (no horizontal overflow on a phone).
    assert b.driver.execute_script(
        "const s = arguments[0], c = s.closest('.report'); return s.getBoundingClientRect().right <= c.getBoundingClientRect().right + 1",
        chart), "chart wider than its card"
    # Clean pictures: the order's toast (still English: it was written before the switch) times out.
    b.until(lambda: not b.find_all(sel("toast")), "the toast should go away")
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", b.find("main .page-title"))
    b.shot("08-report-by-year-zh")
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", chart)
    b.shot("09-chart-by-year-zh")


def back_to_english(b):
    switch_language(b, "en")
    b.text_is(sel("nav-customers"), "Customers")
    b.until(lambda: "Sales by year" in b.find("main").text, "the report page should be English again")
    b.shot("10-english-again")


def notifications(b):
    """The bell in the top bar opens #/notifications; with nothing unread it shows no count."""
    status, _ = b.api("POST", "/notifications/read-all")
    assert status == 200, f"read-all answered {status}"
    bell = b.visible(sel("nav-notifications"))
    r = bell.rect
    assert r["x"] + r["width"] <= b.width and r["y"] < 60, f"the bell sits in the top bar: {r}"
    bell.click()
    b.until(lambda: "#/notifications" in b.driver.current_url, "the bell opens the notifications page")
    b.text_is(".notifications-page .page-title", "Notifications")
    b.until(lambda: b.find_all(sel("empty-list")) or b.find_all(sel("notification-item")), "the list or its empty state")
    b.visible(sel("notifications-read-all"))
    # The route change asked for the count again: nothing unread, no badge.
    b.until(lambda: not b.find_all(sel("notification-count")), "nothing unread: the bell shows no count")
    b.shot("02a-notifications")


# --------------------------------------------------------------------------- the test

@pytest.mark.parametrize("browser", SIZES, indirect=True)
def test_sign_in_customer_order_report(browser):
    b = browser
    sign_in(b)
    notifications(b)
    find_customer(b)
    create_and_confirm_order(b)
    report_in_chinese(b)
    back_to_english(b)
    b.check_console("end")
