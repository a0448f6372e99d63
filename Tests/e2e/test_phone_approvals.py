"""The manager approves on their phone (issue 10, point 11), at 390x844.

Since leave requests, expense claims and attendance corrections go to the requester's direct manager by default,
no flow is made here: whatever the company has for them applies, and in the Northwind demo that is Nancy Davolio's
manager, Andrew Fuller (the administrator).

- Nancy, through the API (the filing pages are test_leave_expenses.py's): annual leave for next Wednesday and Thursday
  (any of hers left on those days by an earlier run is cancelled first), and a claim submitted with one Transport line
  whose receipt photo (a small JPEG made here) went to POST /expenses/receipts. Both are pending, waiting for Andrew.
- Andrew, on his phone: Approvals from the bottom bar; both requests are in "To approve", the leave card with its
  type, dates and duration, the claim card with its total. He opens the leave request and approves it with a comment,
  goes back, opens the claim's request, follows its link to the claim, opens the receipt (a JPEG he may read, shown on the page and larger at a tap), comes
  back through the claim's link to its approval and approves it.
- Through the API the leave request and the claim are approved; Nancy, on her phone, sees Approved on her leave page
  and on the claim's page.

Every page: no horizontal overflow, no untranslated keys, buttons and links at least 36 px high; a screenshot of each
step (pa-*-390x844.png, where the other tests put theirs).
"""

import io
import json
import re
import urllib.request
import uuid
from datetime import timedelta

import pytest
from PIL import Image
from selenium.webdriver.common.by import By

import test_web
from test_web import BASE_URL, SIZES, Browser, browser, sel  # noqa: F401 (browser: the fixture)
from test_attendance import ADMIN, NANCY, Api, no_overflow, scroll_top
from test_approvals import card, sign_in_as
from test_leave_expenses import cancel_leave_between, company_today, next_week, small_taps

RAW_KEY = re.compile(r"\b(?:approvals|leave|expenses|attendance|nav|common)\.[a-z_]+\.?[\w.]*")


def checked(b, step, scroll=True):
    """The page as a person sees it: fits the screen, reads without message keys, big enough to tap; then its picture."""
    if scroll:
        scroll_top(b)
    no_overflow(b, step)
    text = b.find("main").text
    raw = [k for k in RAW_KEY.findall(text) if "@" not in k]
    assert not raw, f"[{b.size}] {step}: untranslated keys {raw}"
    assert not small_taps(b), f"{step}: {small_taps(b)}"
    spilling = b.driver.execute_script("""
        return [...document.querySelectorAll('main .card')].filter((c) => c.offsetParent && c.scrollWidth > c.clientWidth + 1)
          .map((c) => c.className + ': ' + (c.scrollWidth - c.clientWidth) + 'px');
    """)
    assert not spilling, f"[{b.size}] {step}: something sticks out of its card: {spilling}"
    b.shot(step)


def tall_enough(b, css):
    height = b.visible(css).rect["height"]
    assert height >= 36, f"[{b.size}] {css} is {height:.0f}px high, too small to tap"


def leave_days():
    """Next Wednesday and Thursday (test_leave_expenses.py takes Monday and Tuesday)."""
    monday, _ = next_week()
    return monday + timedelta(days=2), monday + timedelta(days=3)


def receipt_jpeg():
    image = Image.new("RGB", (120, 160), (250, 250, 245))
    for x in range(20, 100):
        for y in (30, 60, 90, 120):
            image.putpixel((x, y), (30, 30, 30))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def upload_receipt(api, data):
    """POST /expenses/receipts with the raw JPEG, as the claim page's camera input does."""
    request = urllib.request.Request(BASE_URL + "/api/v1/expenses/receipts", data=data, method="POST", headers={
        "Content-Type": "image/jpeg", "X-File-Name": "taxi-receipt.jpg", "X-Afield-Request": "1", "Accept": "application/json"})
    with api.opener.open(request, timeout=30) as response:
        assert response.status == 201
        return json.loads(response.read())


def file_as_nancy(admin, tag):
    """Nancy's leave request and claim, both pending; answers (leave, claim)."""
    status, answer = admin.call("POST", "/leave/accruals", {"year": company_today().year})
    assert status == 200, answer
    nancy = Api(NANCY)
    first, last = leave_days()
    cancel_leave_between(nancy, first, last)
    status, leave = nancy.call("POST", "/leave/requests", {"type": "annual", "startDate": first.isoformat(), "endDate": last.isoformat(),
                                                           "reason": f"Moving house {tag}"})
    assert status == 201, leave
    assert leave["state"] == "pending" and leave["amount"] == "2", leave

    receipt = upload_receipt(nancy, receipt_jpeg())
    assert receipt["contentType"] == "image/jpeg", receipt
    status, categories = nancy.call("GET", "/expenses/categories")
    transport = next(c for c in categories if c["key"] == "transport")
    status, claim = nancy.call("POST", "/expenses/claims", {"title": f"Taxi to the customer {tag}", "submit": True, "lines": [{
        "date": company_today().isoformat(), "categoryID": transport["id"], "amount": "38.40", "currency": "USD",
        "invoiceNumber": f"E2E-{tag.upper()}", "invoiceType": "receipt", "receipts": [receipt["id"]]}]})
    assert status == 201, claim
    assert claim["state"] == "pending" and claim["total"] == "38.40", claim
    assert claim["lines"][0]["receipts"] == [receipt["id"]], claim["lines"]
    return leave, claim, receipt


def instance(admin, approval_id):
    status, answer = admin.call("GET", f"/approvals/instances/{approval_id}")
    assert status == 200, answer
    return answer


def summary_of(card_element):
    return {p.find_element(By.CSS_SELECTOR, "dt").text.strip(): p.find_element(By.CSS_SELECTOR, "dd").text.strip()
            for p in card_element.find_elements(By.CSS_SELECTOR, ".approval-card-pair")}


def approve(b, comment, step):
    b.until(lambda: b.find(sel("approval-state")).get_attribute("data-state") == "pending", "the request should be pending")
    tall_enough(b, sel("action-approve"))
    b.click(sel("action-approve"))
    b.visible(sel("approval-dialog", '[data-kind="approve"]'))
    b.type_into(sel("dialog-comment"), comment)
    b.shot(f"{step}-dialog")
    b.click(sel("dialog-confirm"))
    b.until(lambda: b.find(sel("approval-state")).get_attribute("data-state") == "approved", "the request should be approved")
    b.text_is(sel("approval-state"), "Approved")
    b.until(lambda: not b.find_all(sel("approval-dialog")), "the dialog should close")
    assert not b.find_all(sel("action-approve")), "nothing left to approve"
    event = b.visible(sel("approval-event", '[data-action="approve"]'))
    assert "Andrew Fuller" in event.text and comment in event.text, event.text
    b.until(lambda: not b.find_all(sel("toast")), "the toast should go away")
    checked(b, step)


def receipt_as_served(b, url):
    """Fetches a receipt link with the page's session: (status, content type, bytes)."""
    return b.driver.execute_async_script("""
        const [url, done] = arguments;
        fetch(url, {credentials: 'same-origin'}).then(async (r) => done([r.status, r.headers.get('Content-Type'), (await r.arrayBuffer()).byteLength]))
          .catch((e) => done([0, String(e), 0]));
    """, url)


@pytest.mark.parametrize("browser", [SIZES[0]], indirect=True)
def test_manager_approves_leave_and_claim_on_phone(browser):
    b, tag = browser, uuid.uuid4().hex[:6]
    admin = Api(ADMIN)
    leave, claim, receipt = file_as_nancy(admin, tag)
    leave_approval, claim_approval = instance(admin, leave["approvalID"]), instance(admin, claim["approvalID"])
    for a in (leave_approval, claim_approval):
        assert a["summary"]["state"] == "pending", a["summary"]
        assert [p["name"] for p in a["summary"]["waitingFor"]] == ["Andrew Fuller"], a["summary"]
    leave_number, claim_number = leave_approval["summary"]["number"], claim_approval["summary"]["number"]

    # Andrew, on his phone: Approvals from the bottom bar, both requests waiting in "To approve".
    sign_in_as(b, ADMIN)
    nav = b.find("nav.nav").rect
    assert abs(nav["y"] + nav["height"] - b.height) <= 2, f"the phone nav should be the bottom bar: {nav}"
    b.click(sel("nav-approvals"))
    b.until(lambda: b.driver.current_url.endswith("#/approvals"), "the inbox")
    b.until(lambda: card(b, leave_number) and card(b, claim_number), "both requests should be in To approve")
    b.until(lambda: int(b.find(sel("approvals-count-todo")).text) >= 2, "the To approve tab should count both")
    leave_card, claim_card = card(b, leave_number), card(b, claim_number)
    first, last = leave_days()
    assert summary_of(leave_card) == {"Type": "Annual leave", "Dates": f"{first.isoformat()} – {last.isoformat()}", "Duration": "2 days"}, leave_card.text
    assert "Nancy Davolio" in leave_card.text
    assert summary_of(claim_card) == {"Number": claim["number"], "Total": "$38.40"}, claim_card.text
    checked(b, "pa-01-inbox")
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", leave_card)
    b.shot("pa-01a-inbox-leave-card")

    # The leave request: what, when, how long; approved with a comment.
    leave_card.find_element(By.CSS_SELECTOR, sel("approval-card-title")).click()
    b.until(lambda: b.driver.current_url.endswith(f"#/approvals/{leave['approvalID']}"), "the leave request's page")
    b.text_is(sel("approval-number"), leave_number)
    details = b.visible(".approval-what").text
    assert "Annual leave" in details and first.isoformat() in details, details
    document = b.visible(sel("approval-document"))
    assert document.get_attribute("href").endswith(f"#/leave/team?week={first.isoformat()}"), document.get_attribute("href")
    tall_enough(b, sel("approval-document"))
    checked(b, "pa-02-leave-request")
    approve(b, f"Enjoy the new place ({tag}).", "pa-03-leave-approved")
    # A leave request has no page of its own: the link shows the team's week with her days away.
    b.click(sel("approval-document"))
    b.visible(sel("leave-team"))
    row = b.until(lambda: next((r for r in b.find_all(sel("leave-team-row")) if "Nancy Davolio" in r.text), None), "Nancy should be away that week")
    away = [d.get_attribute("data-date") for d in row.find_elements(By.CSS_SELECTOR, sel("leave-team-day", ':not([data-away="no"])'))]
    assert first.isoformat() in away and last.isoformat() in away, away
    checked(b, "pa-03a-team-week")
    b.driver.back()
    b.until(lambda: b.driver.current_url.endswith(f"#/approvals/{leave['approvalID']}"), "back on the leave request")

    # Back to the inbox: the claim is still there.
    b.click(sel("back-link"))
    b.until(lambda: b.driver.current_url.endswith("#/approvals"), "back in the inbox")
    b.until(lambda: card(b, claim_number) and not card(b, leave_number), "only the claim should wait now")
    card(b, claim_number).find_element(By.CSS_SELECTOR, sel("approval-card-title")).click()
    b.until(lambda: b.driver.current_url.endswith(f"#/approvals/{claim['approvalID']}"), "the claim's request")
    b.text_is(sel("approval-number"), claim_number)
    assert "38.40" in b.visible(".approval-what").text
    tall_enough(b, sel("approval-document"))
    checked(b, "pa-04-claim-request")

    # The claim itself, with the receipt photo.
    b.click(sel("approval-document"))
    b.until(lambda: b.driver.current_url.endswith(f"#/expenses/{claim['id']}"), "the claim's page")
    b.visible(sel("claim-view"))
    b.text_is(sel("claim-view-total"), "$38.40")
    b.text_is(sel("claim-employee"), "Claimed by Nancy Davolio")
    assert b.find(sel("claim-page") + " " + sel("claim-state")).get_attribute("data-state") == "pending"
    link = b.visible(sel("claim-view-receipt"))
    tall_enough(b, sel("claim-view-receipt"))
    url = link.get_attribute("href")
    assert url.endswith(f"/api/v1/files/{receipt['id']}"), url
    status, content_type, size = receipt_as_served(b, url)
    assert (status, content_type) == (200, "image/jpeg") and size > 0, (status, content_type, size)
    checked(b, "pa-05-claim")
    # The photo itself is on the page (the file link downloads it): a tap shows it full width.
    photo = b.visible(sel("claim-view-receipt-photo"))
    b.until(lambda: b.driver.execute_script("const i = arguments[0].querySelector('img'); return i.complete && i.naturalWidth", photo) == 120,
            "the receipt photo should show at its size")
    photo.click()
    b.until(lambda: b.find(sel("claim-view-receipt-photo")).get_attribute("aria-expanded") == "true", "the photo should open larger")
    b.until(lambda: b.find(sel("claim-view-receipt-photo") + " img").rect["width"] >= 120, "the photo should show whole")
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", b.find(sel("claim-view-receipt-photo")))
    checked(b, "pa-06-receipt", scroll=False)

    # Back to its approval from the claim, and approved there.
    tall_enough(b, sel("claim-approval"))
    b.click(sel("claim-approval"))
    b.until(lambda: b.driver.current_url.endswith(f"#/approvals/{claim['approvalID']}"), "the claim's request again")
    approve(b, f"Receipt checked ({tag}).", "pa-07-claim-approved")
    b.click(sel("back-link"))
    b.until(lambda: not card(b, claim_number) and not card(b, leave_number), "nothing of Nancy's should wait any more")

    # The same pages in 中文.
    status, _ = b.api("PATCH", "/auth/me", {"locale": "zh-CN"})
    assert status == 200
    b.driver.get(f"{BASE_URL}/#/approvals/{claim['approvalID']}")
    b.driver.refresh()
    b.until(lambda: b.language() == "zh-CN", "the app should read in Chinese")
    b.text_is(sel("approval-document"), "查看报销单和票据")
    b.until(lambda: "单号" in b.find(".approval-what").text and "合计" in b.find(".approval-what").text, "the summary should read in Chinese")
    checked(b, "pa-07a-claim-approved-zh")
    b.click(sel("approval-document"))
    b.text_is(sel("claim-employee"), "报销人：Nancy Davolio")
    assert b.visible(sel("claim-view-receipt-photo")).get_attribute("aria-label") == "放大查看票据 1"
    checked(b, "pa-07b-claim-zh")
    b.driver.get(f"{BASE_URL}/#/approvals/{leave['approvalID']}")
    b.text_is(sel("approval-document"), "查看当周谁请假")
    checked(b, "pa-07c-leave-approved-zh")
    status, _ = b.api("PATCH", "/auth/me", {"locale": "en"})
    assert status == 200

    # Both documents moved with their approvals.
    nancy = Api(NANCY)
    status, requests = nancy.call("GET", "/leave/requests")
    assert status == 200 and next(r for r in requests if r["id"] == leave["id"])["state"] == "approved"
    status, answer = nancy.call("GET", f"/expenses/claims/{claim['id']}")
    assert status == 200 and answer["state"] == "approved", answer

    # Nancy, on her phone, sees both approved.
    sign_in_as(b, NANCY)
    b.nav("leave")
    row = b.visible(sel("leave-request", f'[data-id="{leave["id"]}"]'))
    assert row.get_attribute("data-state") == "approved"
    assert "Approved" in row.text and f"Moving house {tag}" in row.text, row.text
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", row)
    checked(b, "pa-08-nancy-leave", scroll=False)
    b.driver.get(f"{BASE_URL}/#/expenses/{claim['id']}")
    b.visible(sel("claim-page") + " " + sel("claim-state"))
    b.until(lambda: b.find(sel("claim-page") + " " + sel("claim-state")).get_attribute("data-state") == "approved", "the claim should read approved")
    assert b.find(sel("claim-page") + " " + sel("claim-state")).text.strip() == "Approved"
    assert not b.find_all(sel("claim-employee")), "her own claim needs no name"
    b.visible(sel("claim-view-receipt-photo"))
    checked(b, "pa-09-nancy-claim")
    b.check_console("the end")
