"""Advances (借款) set against a claim when finance pays it, and a claim line in another currency (issue 10, point 7).

- Setup through the API: any open advance Nancy Davolio has from an earlier run is given back in full (finance records
  the return), so her open balance starts at 0; she files a claim of one Office line of 1,250.50, submitted and, when
  the company has a flow, approved by the administrator (her manager) through the task.
- Nancy, in the browser: #/expenses/advances, asks for an advance of 2,000.00 for a trade fair and sees it listed
  (approved at once, or awaiting approval — then the administrator approves it through the API). On a new claim she
  picks CNY for a line: the rate field appears, 1,000.00 at 0.138765 reads "= $138.77" and the running total counts it.
- The administrator, #/expenses/payables ("To pay"): records the advance paid, then opens "Pay" on Nancy's claim: her
  advance is offered with 1,250.50 prefilled (oldest first, up to the claim's total) and the net to pay is $0.00; he
  sets 1,000.00 instead, the net reads $250.50, and records the payment. The claim's page shows the advance's
  offset and $250.50 paid to the employee; Nancy's advance shows a balance of $1,000.00 and the offset against the claim.

Screenshots at 390x844 and 1366x768 (AFIELD_E2E_SCREENSHOTS): ea-01 advances, ea-02 foreign line, ea-03 pay panel,
ea-04 claim paid, ea-05 advance balance, ea-06/07 advances and To pay in 中文.
"""

import re

import pytest

import test_web
from test_web import BASE_URL, SIZES, Browser, sel
from test_attendance import ADMIN, NANCY, Api, no_overflow, scroll_top, sign_in_as
from test_leave_expenses import no_raw_keys, set_value


@pytest.fixture
def browser(request, monkeypatch):
    monkeypatch.setattr(test_web, "EXPECTED_HTTP_ERRORS", test_web.EXPECTED_HTTP_ERRORS + [])
    width, height = request.param
    b = Browser(width, height)
    yield b
    b.quit()


def approve_if_pending(admin, document):
    """Approves a pending document through the administrator's task (he is Nancy's manager)."""
    if document["state"] != "pending" or not document.get("approvalID"):
        return
    status, instance = admin.call("GET", f"/approvals/instances/{document['approvalID']}")
    assert status == 200, instance
    task = next(t for s in instance["steps"] for t in s["tasks"] if t.get("state") in ("open", "pending"))
    status, answer = admin.call("POST", f"/approvals/tasks/{task['id']}/approve", {"comment": "ok"})
    assert status == 200, answer


def set_up(admin, nancy):
    # Nothing open from an earlier run: give back what is left of Nancy's paid advances.
    status, advances = admin.call("GET", f"/expenses/advances?employee={nancy.me['employeeId']}")
    assert status == 200, advances
    for a in advances:
        if a["state"] == "paid":
            status, answer = admin.call("POST", f"/expenses/advances/{a['id']}/return", {"version": a["version"], "amount": a["balance"]})
            assert status == 200, answer
    status, categories = admin.call("GET", "/expenses/categories")
    office = next(c for c in categories if c["key"] == "office")
    status, claim = nancy.call("POST", "/expenses/claims", {"title": "Trade fair stand", "submit": True, "lines": [
        {"date": "2026-03-10", "categoryID": office["id"], "amount": "1250.50"}]})
    assert status == 201, claim
    approve_if_pending(admin, claim)
    status, claim = nancy.call("GET", f"/expenses/claims/{claim['id']}")
    assert claim["state"] == "approved", claim
    return claim


def check(b, step):
    scroll_top(b)
    no_overflow(b, step)
    no_raw_keys(b, step)
    b.shot(step)


def ask_for_advance(b, admin):
    b.driver.get(f"{BASE_URL}/#/expenses/advances")
    b.visible(sel("advances-page"))
    b.type_into(sel("advance-amount"), "2000.00")
    b.type_into(sel("advance-purpose"), "E2E trade fair")
    set_value(b, sel("advance-expected"), "2026-04-15")
    b.click(sel("advance-request"))
    row = b.until(lambda: next((r for r in b.find_all(sel("advance-row")) if "E2E trade fair" in r.text
                                and r.get_attribute("data-state") in ("pending", "approved")), None), "the advance should be listed")
    advance_id = row.get_attribute("data-id")
    status, advance = b.api("GET", f"/expenses/advances/{advance_id}")
    approve_if_pending(admin, advance)
    check(b, "ea-01-advances")
    return advance_id


def foreign_line(b):
    b.driver.get(f"{BASE_URL}/#/expenses/new")
    b.visible(sel("claim-form"))
    assert not b.find_all(sel("line-rate")), "no rate while the line is in the company currency"
    set_value(b, sel("line-currency"), "CNY")
    b.visible(sel("line-rate"))
    b.type_into(sel("line-amount"), "1000.00")
    b.type_into(sel("line-rate"), "0.138765")
    b.text_is(sel("line-company-amount"), "= $138.77")
    b.text_is(sel("claim-running-total"), "$138.77")
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", b.find(sel("line-rate")))
    no_overflow(b, "foreign line")
    no_raw_keys(b, "foreign line")
    b.shot("ea-02-foreign-line")


def pay_with_offset(b, claim, advance_id):
    b.driver.get(f"{BASE_URL}/#/expenses/payables")
    b.visible(sel("payables-page"))
    card = sel("payable-advance", f'[data-id="{advance_id}"]')
    b.visible(card)
    b.click(f'{card} {sel("advance-pay")}')
    b.until(lambda: not b.find_all(card), "the paid advance should leave the list")
    claim_card = sel("payable-claim", f'[data-id="{claim["id"]}"]')
    b.click(f'{claim_card} {sel("pay-open")}')
    b.visible(sel("pay-panel"))
    row = sel("pay-offset-row", f'[data-id="{advance_id}"]')
    b.visible(row)
    amount = f'{row} {sel("pay-offset-amount")}'
    b.until(lambda: b.find(amount).get_attribute("value") == "1250.50", "the advance should be prefilled up to the claim's total")
    b.text_is(sel("pay-net"), "$0.00")
    b.type_into(amount, "1000.00")
    b.text_is(sel("pay-offset"), "−$1,000.00")
    b.text_is(sel("pay-net"), "$250.50")
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", b.find(sel("pay-panel")))
    no_overflow(b, "pay panel")
    no_raw_keys(b, "pay panel")
    b.shot("ea-03-pay-panel")
    b.click(sel("pay-confirm"))
    b.until(lambda: not b.find_all(claim_card), "the paid claim should leave the list")
    b.driver.get(f"{BASE_URL}/#/expenses/{claim['id']}")
    b.visible(sel("claim-view"))
    b.text_is(sel("claim-view-net"), "$250.50")
    assert "1,000.00" in b.find(sel("claim-view-offsets")).text
    check(b, "ea-04-claim-paid")


@pytest.mark.parametrize("browser", SIZES, indirect=True)
def test_advance_set_against_claim_payment(browser):
    b = browser
    admin = Api(ADMIN)
    nancy = Api(NANCY)
    claim = set_up(admin, nancy)
    sign_in_as(b, NANCY)
    advance_id = ask_for_advance(b, admin)
    foreign_line(b)
    sign_in_as(b, ADMIN)
    pay_with_offset(b, claim, advance_id)
    sign_in_as(b, NANCY)
    b.driver.get(f"{BASE_URL}/#/expenses/advances")
    row = sel("advance-row", f'[data-id="{advance_id}"]')
    b.visible(row)
    b.text_is(f'{row} {sel("advance-balance")}', "$1,000.00")
    assert claim["number"] in b.find(f'{row} {sel("advance-movement")}').text
    check(b, "ea-05-advance-balance")
    # The same pages in 中文, without untranslated keys.
    status, _ = b.api("PATCH", "/auth/me", {"locale": "zh-CN"})
    assert status == 200
    try:
        b.driver.refresh()
        b.visible(row)
        b.until(lambda: "未结清余额" in b.find(row).text, "the advance should read in Chinese")
        check(b, "ea-06-advances-zh")
        b.api("PATCH", "/auth/me", {"locale": "en"})
        sign_in_as(b, ADMIN)
        b.api("PATCH", "/auth/me", {"locale": "zh-CN"})
        b.driver.get(f"{BASE_URL}/#/expenses/payables")
        b.driver.refresh()
        b.until(lambda: "已批准的报销单" in b.find(sel("payables-page")).text, "the To pay page should read in Chinese")
        check(b, "ea-07-payables-zh")
    finally:
        b.api("PATCH", "/auth/me", {"locale": "en"})
