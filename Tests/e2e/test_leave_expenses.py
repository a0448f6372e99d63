"""Leave and expense claims (issue 10) in the real browser, phone first.

- Setup through the API as the administrator: this year's annual leave is granted (POST /leave/accruals, which
  grants nothing twice) and the Sales department has a Meals budget this month that warns and an Entertainment
  budget of 10 that stops. Any leave of Nancy's
  left in next week by an earlier run is cancelled, so the test can be run again against the same server.
- Nancy Davolio (sales), on the given screen: #/leave shows her annual leave balance; "New request" for annual leave
  from next Monday to next Tuesday previews "Takes 2 days: …" with the balance left; a half day on the Tuesday
  makes it 1.5 days (four weeks say "not enough" and cannot be sent); she sends it and it is listed awaiting approval, with 1.5 days pending on the balance card.
- She files a claim (#/expenses/new): one Meals line of 123.45 with an invoice number and a receipt photo (a small
  JPEG made here, uploaded from the camera input), the running total reads $123.45; she submits it and sees it
  awaiting approval, then in her list. Before that, the same line as Entertainment (a budget of 10 that stops) is
  refused with the over-budget message. A second claim with the same invoice number is flagged as a duplicate.
- The administrator (her manager) sees her on the team's week (#/leave/team) and the Meals budget with 123.45
  awaiting approval (#/expenses/budgets). The pages then read in 中文 without untranslated keys; sick leave asks
  for a document (a photo is uploaded to /files) and compensatory leave for hours on one day. Nancy cancels her request at the end (the dialog).
- An expense item (E2E Taxi, made through the API) preselects its category (Transport) on a line.

Screenshots at 390x844 and 1366x768 of each page go where the other tests put theirs (AFIELD_E2E_SCREENSHOTS).
"""

import io
import re
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PIL import Image

import test_web
from test_web import BASE_URL, SIZES, Browser, sel, switch_language
from test_attendance import ADMIN, NANCY, Api, no_overflow, scroll_top, sign_in_as

RAW_KEY = re.compile(r"\b(?:leave|expenses|attendance|nav|common)\.[a-z_]+\.?[\w.]*")


def no_raw_keys(b, what):
    text = b.find("main").text
    raw = [k for k in RAW_KEY.findall(text) if "@" not in k]
    assert not raw, f"[{b.size}] {what}: untranslated keys {raw}"


def check_page(b, step):
    scroll_top(b)
    no_overflow(b, step)
    no_raw_keys(b, step)
    b.shot(step)


def small_taps(b):
    """Buttons and links of the page (not the nav) smaller than 40 px high on a phone."""
    return b.driver.execute_script("""
        return [...document.querySelectorAll('main button, main a.btn, main .btn, main select, main input:not([type=checkbox]):not([type=file]):not(.visually-hidden):not(.ex-month-input)')]
          .filter((e) => e.offsetParent && e.getBoundingClientRect().height < 36)
          .map((e) => (e.dataset.test || e.className) + ':' + Math.round(e.getBoundingClientRect().height));
    """)


def set_value(b, css, value):
    """Sets an <input type=date|month> or <select> the way a person's choice does (value, then input and change)."""
    element = b.visible(css)
    b.driver.execute_script("""
        const [e, v] = arguments; e.value = v;
        e.dispatchEvent(new Event('input', {bubbles: true})); e.dispatchEvent(new Event('change', {bubbles: true}));
    """, element, value)


def company_today():
    return datetime.now(ZoneInfo("America/Los_Angeles")).date()


def next_week():
    today = company_today()
    monday = today + timedelta(days=7 - today.weekday())
    return monday, monday + timedelta(days=1)


@pytest.fixture
def admin():
    return Api(ADMIN)


@pytest.fixture
def browser(request, monkeypatch):
    # The preview answers 422 while the dates are half typed.
    monkeypatch.setattr(test_web, "EXPECTED_HTTP_ERRORS", test_web.EXPECTED_HTTP_ERRORS + [
        (re.compile(r"/api/v1/leave/requests/preview\b"), 422),
        (re.compile(r"/api/v1/expenses/claims\b"), 422),  # over budget, on purpose
    ])
    width, height = request.param
    b = Browser(width, height)
    yield b
    try:
        if b.driver.current_url.startswith(BASE_URL):
            b.api("PATCH", "/auth/me", {"locale": "en"})
    finally:
        b.quit()


def cancel_leave_between(api, first, last):
    """Cancels the caller's pending or approved leave touching `first`…`last` (left by an earlier run)."""
    status, requests = api.call("GET", "/leave/requests")
    assert status == 200, requests
    for r in requests:
        if r["state"] in ("pending", "approved") and r["startDate"] <= last.isoformat() and r["endDate"] >= first.isoformat():
            status, answer = api.call("POST", f"/leave/requests/{r['id']}/cancel", {"version": r["version"]})
            assert status == 200, answer


def set_up(admin):
    year = company_today().year
    status, answer = admin.call("POST", "/leave/accruals", {"year": year})
    assert status == 200, answer
    nancy = Api(NANCY)
    monday, tuesday = next_week()
    cancel_leave_between(nancy, monday, tuesday)
    status, categories = admin.call("GET", "/expenses/categories")
    meals = next(c for c in categories if c["key"] == "meals")
    department = nancy.call("GET", f"/org/employees/{nancy.me['employeeId']}")[1]["departmentId"]
    month = company_today().strftime("%Y-%m")
    status, budgets = admin.call("GET", f"/expenses/budgets?month={month}")
    assert status == 200, budgets
    entertainment = next(c for c in categories if c["key"] == "entertainment")
    transport = next(c for c in categories if c["key"] == "transport")
    status, items = admin.call("GET", "/expenses/items")
    if not any(i["name"] == "E2E Taxi" for i in items):
        status, answer = admin.call("POST", "/expenses/items", {"name": "E2E Taxi", "defaultCategoryID": transport["id"]})
        assert status == 201, answer
    for category, amount, action in ((meals, "5000", "warn"), (entertainment, "10", "stop")):
        if not any(b["departmentID"].lower() == department.lower() and b["categoryID"] == category["id"] for b in budgets):
            status, answer = admin.call("POST", "/expenses/budgets", {"departmentID": department, "categoryID": category["id"], "month": month,
                                                                       "amount": amount, "action": action})
            assert status == 201, answer
    return meals, entertainment, transport


def receipt_file(tmp_path):
    path = Path(tmp_path) / "taxi-receipt.jpg"
    image = Image.new("RGB", (120, 160), (250, 250, 245))
    for x in range(20, 100):
        for y in (30, 60, 90):
            image.putpixel((x, y), (30, 30, 30))
    image.save(path, "JPEG", quality=80)
    return path


def file_leave(b):
    b.nav("leave")
    b.visible(sel("leave-page"))
    card = b.visible(sel("leave-balance", '[data-type="annual"]'))
    available = float(card.find_element("css selector", sel("leave-balance-available")).text.split()[0])
    check_page(b, "lx-01-leave")
    b.click(sel("leave-new"))
    b.visible(sel("leave-form"))
    set_value(b, sel("leave-type"), "annual")
    monday, tuesday = next_week()
    set_value(b, sel("leave-start"), monday.isoformat())
    set_value(b, sel("leave-end"), tuesday.isoformat())
    b.until(lambda: b.find_all(sel("leave-preview", '[data-amount="2"]')), "the preview should take 2 days")
    preview = b.find(sel("leave-preview")).text
    assert "Takes 2 days" in preview, preview
    assert monday.strftime("%b") in preview and str(monday.day) in preview, preview
    assert "left of" in b.find(sel("leave-preview-left")).text
    # Four weeks are more than anyone's annual leave: the preview says so and the request cannot be sent.
    set_value(b, sel("leave-end"), (monday + timedelta(days=27)).isoformat())
    b.visible(sel("leave-not-enough"))
    assert not b.find(sel("leave-submit")).is_enabled()
    set_value(b, sel("leave-end"), tuesday.isoformat())
    b.until(lambda: b.find_all(sel("leave-preview", '[data-amount="2"]')), "back to 2 days")
    assert b.find(sel("leave-submit")).is_enabled()
    b.click(sel("leave-half", f'[data-date="{tuesday.isoformat()}"]'))
    b.until(lambda: b.find_all(sel("leave-preview", '[data-amount="1.5"]')), "a half day should make it 1.5 days")
    assert b.find(sel("leave-submit")).is_enabled()
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", b.find(sel("leave-preview")))
    no_overflow(b, "leave form")
    no_raw_keys(b, "leave form")
    b.shot("lx-02-leave-preview")
    if b.phone:
        assert not small_taps(b), small_taps(b)
    b.type_into(sel("leave-reason"), "Family visit")
    b.click(sel("leave-submit"))
    b.until(lambda: not b.find_all(sel("leave-form")), "the form should close once sent")
    # Pending, or approved at once when the company's leave flow has no approver for Nancy.
    row = b.until(lambda: next((r for r in b.find_all(sel("leave-request")) if r.get_attribute("data-state") in ("pending", "approved")
                                and "Family visit" in r.text), None), "the request should be listed")
    assert "1.5 days" in row.text, row.text
    balance = lambda: b.find(sel("leave-balance", '[data-type="annual"]')).text
    b.until(lambda: "1.5 days awaiting approval" in balance() or f"{available - 1.5:g} days" in balance(),
            "the balance should count the 1.5 days")
    check_page(b, "lx-03-leave-sent")


def file_claim(b, tmp_path, categories):
    meals, entertainment, transport = categories
    b.nav("expenses")
    b.visible(sel("expenses-page"))
    check_page(b, "lx-04-claims")
    b.click(sel("expenses-new"))
    b.visible(sel("claim-form"))
    b.type_into(sel("claim-title-input"), "Customer lunch")
    # An item brings its category.
    taxi = b.until(lambda: next((o.get_attribute("value") for o in b.find_all(sel("line-item") + " option") if o.text == "E2E Taxi"), None),
                   "the items should be offered")
    set_value(b, sel("line-item"), taxi)
    b.until(lambda: b.find(sel("line-category")).get_attribute("value") == transport["id"], "the taxi should preselect Transport")
    set_value(b, sel("line-item"), "")
    # Entertainment's budget stops claims beyond 10: the refusal tells the whole story and nothing is saved.
    b.type_into(sel("line-amount"), "50")
    set_value(b, sel("line-category"), entertainment["id"])
    b.until(lambda: not b.find_all(sel("toast")), "the leave request's toast should go away")
    b.click(sel("claim-submit"))
    error = b.visible(sel("claim-error"))
    assert "Over budget: Entertainment" in error.text, error.text
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", error)
    b.shot("lx-05a-claim-over-budget")
    assert b.find_all(sel("claim-form")), "the form should stay"
    b.type_into(sel("line-amount"), "123.45")
    set_value(b, sel("line-category"), meals["id"])
    invoice = "E2E-" + uuid.uuid4().hex[:10].upper()
    b.type_into(sel("line-invoice-number"), invoice)
    set_value(b, sel("line-invoice-type"), "electronic")
    b.find(sel("line-receipt")).send_keys(str(receipt_file(tmp_path)))
    b.visible(sel("line-receipt-preview"))
    b.text_is(sel("claim-running-total"), "$123.45")
    assert b.find(sel("line-receipt")).get_attribute("capture") == "environment"
    no_overflow(b, "claim form")
    no_raw_keys(b, "claim form")
    b.shot("lx-05-claim-form")
    if b.phone:
        assert not small_taps(b), small_taps(b)
    # Saved as a draft first (the page becomes the claim's own), then submitted from there.
    b.until(lambda: not b.find_all(sel("toast")), "the toast should go away")
    b.click(sel("claim-save"))
    # The page may already be the draft's (after the refused submit): wait for this save's confirmation first.
    b.until(lambda: any("saved as a draft" in t.text for t in b.find_all(sel("toast"))), "the save should be confirmed")
    b.until(lambda: re.search(r"#/expenses/[0-9A-Fa-f-]{36}", b.driver.current_url), "the draft should get its own page")
    b.visible(sel("claim-page") + " " + sel("claim-state", '[data-state="draft"]'))
    b.visible(sel("line-receipt-chip"))
    assert b.find(sel("line-amount")).get_attribute("value") == "123.45"
    b.until(lambda: not b.find_all(sel("toast")), "the draft's toast should go away")
    b.click(sel("claim-submit"))
    b.visible(sel("claim-view"))
    # Awaiting approval, or approved at once when no approval flow applies to Nancy's claims.
    assert b.find(sel("claim-page") + " " + sel("claim-state")).get_attribute("data-state") in ("pending", "approved")
    b.text_is(sel("claim-view-total"), "$123.45")
    assert b.find_all(sel("claim-view-receipt")), "the receipt should be on the line"
    check_page(b, "lx-06-claim-sent")
    b.nav("expenses")
    b.until(lambda: any("Customer lunch" in r.text and "$123.45" in r.text for r in b.find_all(sel("claim-row"))), "the claim should be listed")
    check_page(b, "lx-07-claims-list")
    # The same invoice on another claim: submitted, but flagged for the approver.
    b.click(sel("expenses-new"))
    b.visible(sel("claim-form"))
    b.type_into(sel("line-amount"), "8.50")
    set_value(b, sel("line-category"), meals["id"])
    # The toast or the sticky footer may cover the invoice field on a phone (below the amount and its currency).
    b.until(lambda: not b.find_all(sel("toast")), "the toast should go away")
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", b.find(sel("line-invoice-number")))
    b.type_into(sel("line-invoice-number"), invoice)
    b.click(sel("claim-submit"))
    b.visible(sel("claim-view"))
    b.visible(sel("claim-line-flag", '[data-flag="duplicateInvoice"]'))
    b.visible(sel("claim-warning"))
    check_page(b, "lx-07a-claim-duplicate")


def manager_views(b, tmp_path):
    sign_in_as(b, ADMIN)
    b.driver.get(f"{BASE_URL}/#/leave/team?week={next_week()[0].isoformat()}")
    b.visible(sel("leave-team"))
    row = b.until(lambda: next((r for r in b.find_all(sel("leave-team-row")) if "Nancy Davolio" in r.text), None), "Nancy should be away next week")
    assert row.find_elements("css selector", sel("leave-team-day", ':not([data-away="no"])')), "her days should show as away"
    check_page(b, "lx-08-team-leave")
    b.click(sel("leave-team-prev"))
    b.until(lambda: not b.find_all(sel("leave-team-today")), "the previous week should be this week")
    b.driver.get(f"{BASE_URL}/#/expenses/budgets")
    b.visible(sel("budgets-page"))
    b.until(lambda: any("Meals" in r.text for r in b.find_all(sel("budget-row"))), "the Meals budget should be shown")
    check_page(b, "lx-09-budgets")
    switch_language(b, "zh-CN")
    b.until(lambda: "预算" in b.find("main").text, "the budgets page should read in Chinese")
    check_page(b, "lx-10-budgets-zh")
    b.driver.get(f"{BASE_URL}/#/leave")
    b.visible(sel("leave-page"))
    b.visible(sel("leave-new")).click()
    b.visible(sel("leave-form"))
    b.until(lambda: b.find_all(sel("leave-preview")) or b.find_all(sel("leave-preview-error")), "the form should preview its first type")
    assert b.find(sel("leave-type")).get_attribute("value"), "the form should start on a type"
    check_page(b, "lx-11-leave-zh")
    set_value(b, sel("leave-type"), "sick")
    b.find(sel("leave-attachment")).send_keys(str(receipt_file(tmp_path)))
    b.visible(sel("leave-attachment-file"))
    set_value(b, sel("leave-type"), "compensatory")
    b.visible(sel("leave-hours"))
    assert not b.find_all(sel("leave-end")), "hourly leave is one day"
    b.type_into(sel("leave-hours"), "2")
    # Today may be a rest day: then the preview says why instead.
    b.until(lambda: b.find_all(sel("leave-preview")) or b.find_all(sel("leave-preview-error")), "hours should be previewed")
    no_raw_keys(b, "hourly leave")
    b.shot("lx-11a-leave-hours-zh")
    b.driver.get(f"{BASE_URL}/#/expenses/new")
    b.visible(sel("claim-form"))
    check_page(b, "lx-12-claim-zh")


@pytest.mark.parametrize("browser", SIZES, indirect=True)
def test_leave_request_and_claim_with_receipt_then_manager_views(browser, admin, tmp_path):
    b = browser
    categories = set_up(admin)
    sign_in_as(b, NANCY)
    file_leave(b)
    file_claim(b, tmp_path, categories)
    manager_views(b, tmp_path)
    cancel_leave(b)


def cancel_leave(b):
    """Nancy cancels her request again: the days go back to her balance."""
    sign_in_as(b, NANCY)
    b.driver.get(f"{BASE_URL}/#/leave")
    b.visible(sel("leave-page"))
    row = b.until(lambda: next((r for r in b.find_all(sel("leave-request")) if r.get_attribute("data-state") in ("pending", "approved")
                                and "Family visit" in r.text), None), "her request should be listed")
    number = row.text
    row.find_element("css selector", sel("leave-request-cancel")).click()
    b.visible(sel("confirm-dialog"))
    b.shot("lx-13-leave-cancel")
    b.click(sel("dialog-confirm"))
    b.until(lambda: not b.find_all(sel("confirm-dialog")), "the dialog should close")
    b.until(lambda: not any(r.get_attribute("data-state") in ("pending", "approved") and "Family visit" in r.text
                            for r in b.find_all(sel("leave-request"))), f"the request should be cancelled: {number}")


@pytest.mark.parametrize("browser", [SIZES[0]], indirect=True)
def test_sick_leave_with_a_certificate_made_offline_is_sent_document_first(browser, tmp_path):
    """Nancy asks for sick leave with a certificate while her phone has no network: the picture stays on the phone
    with the request; back online the outbox uploads it first and the request lands once, carrying its id."""
    b = browser
    nancy = Api(NANCY)
    reason = f"Flu ({uuid.uuid4().hex[:6]})"
    sign_in_as(b, NANCY)
    b.driver.get(f"{BASE_URL}/#/leave")
    b.visible(sel("leave-page"))
    b.click(sel("leave-new"))
    b.visible(sel("leave-form"))
    set_value(b, sel("leave-type"), "sick")
    # A working day of hers that no other test asks for (her calendar depends on the group other tests set up).
    status, mine = nancy.call("GET", "/leave/requests")
    taken = {d["date"] for r in (mine["items"] if isinstance(mine, dict) else mine) if r["state"] in ("pending", "approved", "draft")
             for d in r["days"]}

    def one_day(day):
        if day in taken:
            return False
        # Annual leave asks for no document, so its preview only says whether the day is a working day.
        status, preview = nancy.call("POST", "/leave/requests/preview", {"type": "annual", "startDate": day, "endDate": day})
        return status == 200 and preview.get("amount") == "1"
    day = next(d for d in ((next_week()[0] + timedelta(days=n)).isoformat() for n in range(14, 60)) if one_day(d))
    set_value(b, sel("leave-start"), day)
    set_value(b, sel("leave-end"), day)
    b.until(lambda: b.find_all(sel("leave-preview")) or b.find_all(sel("leave-preview-error")), "the day is previewed while online")
    b.type_into(sel("leave-reason"), reason)

    b.driver.execute_cdp_cmd("Network.enable", {})
    b.driver.execute_cdp_cmd("Network.emulateNetworkConditions", {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
    b.until(lambda: b.driver.execute_script("return navigator.onLine") is False, "offline")
    b.find(sel("leave-attachment")).send_keys(str(receipt_file(tmp_path)))
    b.visible(sel("leave-attachment-file"))
    assert not b.find_all(sel("field-error", '[data-field="attachment"]')), "no network is no error: the document is kept"
    b.driver.get_log("browser")  # the upload tried without a network failed in the console, as it should
    # The days and the balance cannot be checked offline: the form says so and lets her send it.
    b.visible(sel("leave-preview-unchecked"))
    b.until(lambda: b.find(sel("leave-submit")).is_enabled(), "the request can be sent")
    b.click(sel("leave-submit"))
    b.until(lambda: not b.find_all(sel("leave-form")), "the form closes: the request is kept on the phone")
    kept = b.driver.execute_async_script("""
        const done = arguments[0];
        import('/app/core/outbox.js').then(async (o) => done((await o.commands())
          .filter((c) => c.path === '/leave/requests' && c.state === 'waiting')
          .map((c) => ({ attachments: c.body.attachments, files: c.files.map((f) => [f.field, !!f.blob]) }))));""")
    assert kept == [{"attachments": [""], "files": [["attachments.0", True]]}], kept

    b.driver.execute_cdp_cmd("Network.emulateNetworkConditions", {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
    def landed():
        status, page = nancy.call("GET", "/leave/requests")
        items = page["items"] if isinstance(page, dict) else page
        return [r for r in items if r.get("reason") == reason]
    def state():
        return b.driver.execute_async_script("""
            const done = arguments[0];
            import('/app/core/outbox.js').then(async (o) => done((await o.commands())
              .filter((c) => c.path === '/leave/requests').map((c) => [c.state, c.lastError?.code ?? null, c.lastError?.fields ?? null])));""")
    b.until(lambda: landed() or state()[0][0] == "rejected", "the request is answered once back online")
    assert landed(), state()
    sent = landed()
    assert len(sent) == 1 and len(sent[0]["attachments"]) == 1 and sent[0]["attachments"][0], sent
    # What the app tried while offline failed in the console, as it should; nothing else did.
    problems = [e["message"] for e in b.driver.get_log("browser")
                if e["level"] == "SEVERE" and "ERR_INTERNET_DISCONNECTED" not in e["message"] and "Failed to fetch" not in e["message"]]
    assert not problems, problems
