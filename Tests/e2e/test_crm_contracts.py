"""Issue 12 (CRM), contracts (合同), in the real browser, at 390x844 and 1366x768:

Nancy (a sales rep) opens her new customer's page, which lists its contracts (none yet), and starts "New contract" from
there: the form comes with the customer chosen and offers the customer's sales order to link. She writes a contract of
10,000 with a plan of two instalments (4,000 and 6,000); an end before the start comes back from the server as a field
error next to "Ends on", in English. Saved, the contract is a draft with its plan and linked order; she submits it for
approval. Her manager Andrew Fuller finds it in his approvals inbox and approves it; the contract is active. Nancy records
4,000 received: the first instalment is paid and the figures follow. Renew makes a new draft that links back to it, and
the customer's page lists both contracts and shows the contract in its timeline. On the desktop the contract is also
looked at in 中文.

Screenshots at both sizes go where the other tests put theirs (AFIELD_E2E_SCREENSHOTS).
Rerunnable against the same server: every run makes its own customer, order and contracts.
"""

import re
from datetime import date, timedelta

import pytest
from selenium.webdriver.common.by import By

from test_web import BASE_URL, pick, sel
from test_approvals import ADMIN, NANCY, sign_in_as
from test_attendance import Api
from test_crm_customers import PHONE, DESKTOP, crm_browser, tag, wait_toast


@pytest.fixture
def browser(request, monkeypatch):
    b = crm_browser(request, monkeypatch, [
        (re.compile(r"/api/v1/crm/contracts(?![/\w-])"), 422),  # an end before the start, refused at the field
        (re.compile(r"/api/v1/crm/contracts/[\w-]+(?![/\w-])"), 422),  # a plan over the amount, refused at the plan
        (re.compile(r"/api/v1/(approvals|records|sales)\b"), 401),  # pages left open when the next user signs in
    ])
    yield b
    b.quit()


def set_date(b, css, day):
    """A date input's value as the user's picker would leave it (typing into one depends on the browser's locale)."""
    field = b.visible(css)
    b.driver.execute_script(
        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", field, day)


def scroll_to(b, css):
    element = b.visible(css)
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    return element


def customer_with_order(b, run):
    status, customer = b.api("POST", "/partners/customers", {"name": f"Contract {run} Trading", "level": "B", "source": "referral"})
    assert status == 201, customer
    status, products = b.api("GET", "/products/products?q=NW-1&limit=100")
    assert status == 200, products
    chai = next(p for p in products["items"] if p["sku"] == "NW-1")
    status, order = b.api("POST", "/sales/orders", {"customerId": customer["id"], "lines": [{"productId": chai["id"], "quantity": "3"}]})
    assert status == 201, order
    return customer, order


def contract_id(b):
    match = re.search(r"#/crm/contracts/([0-9A-Fa-f-]{36})$", b.driver.current_url)
    return match and match.group(1)


def approval_row(b, contract):
    for row in b.find_all(sel("approval-row")):
        if (row.get_attribute("data-key") or "").lower() == contract["approvalId"].lower() \
                or contract["number"] in row.text or contract["title"] in row.text:
            return row
    return None


def instalment(b, position):
    rows = b.find_all(sel("instalment-row"))
    return rows[position - 1] if len(rows) >= position else None


@pytest.mark.parametrize("browser", [PHONE, DESKTOP], indirect=True)
def test_contract_submitted_approved_paid_and_renewed(browser):
    b = browser
    run = tag()
    sign_in_as(b, NANCY)
    customer, order = customer_with_order(b, run)
    today = date.today()
    starts, ends = today.isoformat(), (today + timedelta(days=364)).isoformat()
    first_due, second_due = (today + timedelta(days=30)).isoformat(), (today + timedelta(days=120)).isoformat()
    title = f"Supply agreement {run}"

    # The customer's page lists its contracts (none yet) and starts a new one with the customer chosen.
    b.driver.get(f"{BASE_URL}/#/customers/{customer['id']}")
    scroll_to(b, sel("customer-contracts"))
    b.visible(sel("customer-contracts-empty"))
    b.click(sel("customer-contract-new"))
    b.visible(sel("contract-form"))
    b.until(lambda: b.find(sel("contract-customer")).get_attribute("value") == customer["name"], "the customer comes chosen")
    b.type_into(sel("contract-form-title"), title)
    b.type_into(sel("contract-form-amount"), "10000")
    pick(b, "contract-our-signatory", "Nancy", "Nancy Davolio")
    set_date(b, sel("contract-form-signedOn"), starts)
    # An end before the start: the server's refusal shows at "Ends on".
    set_date(b, sel("contract-form-startsOn"), starts)
    set_date(b, sel("contract-form-endsOn"), (today - timedelta(days=1)).isoformat())
    b.type_into(sel("contract-form-terms"), "Delivery within 14 days of each order.\nPayment by bank transfer.")

    # The customer's order is offered; link it.
    b.until(lambda: any(o.get_attribute("data-id").lower() == order["id"].lower() for o in b.find_all(sel("contract-order"))),
            "the customer's sales order is offered")
    box = next(o for o in b.find_all(sel("contract-order")) if o.get_attribute("data-id").lower() == order["id"].lower())
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
    box.find_element(By.CSS_SELECTOR, "input[type=checkbox]").click()

    # Two instalments: the first suggests the whole amount, then 4,000 and 6,000.
    scroll_to(b, sel("plan-add")).click()
    b.until(lambda: len(b.find_all(sel("plan-row"))) == 1, "one instalment row")
    assert b.find(f'{sel("plan-row")}[data-index="0"] {sel("plan-amount")}').get_attribute("value") == "10000.00"
    b.type_into(f'{sel("plan-row")}[data-index="0"] {sel("plan-amount")}', "4000")
    set_date(b, f'{sel("plan-row")}[data-index="0"] {sel("plan-due")}', first_due)
    b.find(f'{sel("plan-row")}[data-index="0"] {sel("plan-note")}').send_keys("Deposit")
    scroll_to(b, sel("plan-add")).click()
    b.until(lambda: len(b.find_all(sel("plan-row"))) == 2, "two instalment rows")
    assert b.find(f'{sel("plan-row")}[data-index="1"] {sel("plan-amount")}').get_attribute("value") == "6000.00", "the rest is suggested"
    set_date(b, f'{sel("plan-row")}[data-index="1"] {sel("plan-due")}', second_due)
    b.until(lambda: b.find(sel("plan-difference")).get_attribute("data-diff") == "0", "the plan adds up to the amount")
    assert "10,000.00" in b.find(sel("plan-total")).text
    b.shot("crm-contracts-01-form")

    scroll_to(b, sel("contract-form-save")).click()
    error = b.visible(sel("field-error", '[data-field="endsOn"]'))
    assert error.text.strip() and "required" not in error.text, error.text
    set_date(b, sel("contract-form-endsOn"), ends)
    scroll_to(b, sel("contract-form-save")).click()

    # Saved: the contract's page, a draft with its plan and linked order.
    b.until(lambda: contract_id(b), "the new contract's page")
    wait_toast(b, "added")
    b.until(lambda: b.find(sel("contract-state")).get_attribute("data-state") == "draft", "a draft")
    cid = contract_id(b)
    status, contract = b.api("GET", f"/crm/contracts/{cid}")
    assert status == 200 and contract["title"] == title and contract["amount"] in ("10000", "10000.00"), contract
    assert [i["amount"] for i in contract["instalments"]] in (["4000", "6000"], ["4000.00", "6000.00"]), contract["instalments"]
    assert [o["id"].lower() for o in contract["orders"]] == [order["id"].lower()], contract["orders"]
    assert contract["ourSignatoryName"] == "Nancy Davolio", contract
    b.text_is(sel("contract-number"), contract["number"])
    assert len(b.find_all(sel("instalment-row"))) == 2
    assert [r.get_attribute("data-key").lower() for r in b.find_all(sel("contract-order-row"))] == [order["id"].lower()]
    b.visible(sel("contract-edit"))
    b.shot("crm-contracts-02-draft")

    # Submitted, it waits for Nancy's manager.
    scroll_to(b, sel("contract-submit")).click()
    b.until(lambda: b.find(sel("contract-state")).get_attribute("data-state") == "pending", "pending approval")
    b.visible(sel("contract-withdraw"))
    b.visible(sel("contract-approval-link"))
    assert not b.find_all(sel("contract-edit")), "a pending contract is not edited"
    status, contract = b.api("GET", f"/crm/contracts/{cid}")
    assert contract["state"] == "pending" and contract["approvalId"], contract
    b.shot("crm-contracts-03-pending")

    # Andrew approves it from his approvals inbox.
    sign_in_as(b, ADMIN)
    b.click(sel("nav-approvals"))
    b.until(lambda: approval_row(b, contract), f"{contract['number']} waits in Andrew's inbox")
    b.shot("crm-contracts-04-inbox")
    approval_row(b, contract).find_element(By.CSS_SELECTOR, sel("approval-card-title")).click()
    b.until(lambda: b.find(sel("approval-state")).get_attribute("data-state") == "pending", "the approval's page")
    b.click(sel("action-approve"))
    b.visible(sel("approval-dialog", '[data-kind="approve"]'))
    b.click(sel("dialog-confirm"))
    b.until(lambda: b.find(sel("approval-state")).get_attribute("data-state") == "approved", "approved")

    # Active now; Nancy records the first 4,000 received and the first instalment is paid.
    sign_in_as(b, NANCY)
    b.driver.get(f"{BASE_URL}/#/crm/contracts/{cid}")
    b.until(lambda: b.find(sel("contract-state")).get_attribute("data-state") == "active", "the approved contract is active")
    b.visible(sel("receipts-empty"))
    b.click(sel("contract-receipt-open"))
    b.visible(sel("receipt-form"))
    b.type_into(sel("receipt-amount"), "4000")
    b.find(sel("receipt-note")).send_keys("Deposit by bank transfer")
    b.shot("crm-contracts-05-receipt-form")
    b.click(sel("receipt-save"))
    b.until(lambda: not b.find_all(sel("receipt-form")), "the receipt form closes")
    b.until(lambda: instalment(b, 1) and instalment(b, 1).get_attribute("data-state") == "paid", "the first instalment is paid")
    assert instalment(b, 2).get_attribute("data-state") in ("open", "overdue"), instalment(b, 2).get_attribute("data-state")
    assert "4,000.00" in b.find(sel("contract-received")).text, b.find(sel("contract-received")).text
    assert "6,000.00" in b.find(sel("contract-outstanding")).text, b.find(sel("contract-outstanding")).text
    assert len(b.find_all(sel("receipt-row"))) == 1
    status, contract = b.api("GET", f"/crm/contracts/{cid}")
    assert contract["instalments"][0]["state"] == "paid" and contract["receipts"][0]["byName"] == "Nancy Davolio", contract
    scroll_to(b, sel("instalment-row"))
    b.shot("crm-contracts-06-paid")

    # Renew: a new draft that links back; the old one says it was renewed.
    scroll_to(b, sel("contract-renew")).click()
    b.until(lambda: contract_id(b) and contract_id(b).lower() != cid.lower(), "the renewal's page")
    b.until(lambda: b.find(sel("contract-state")).get_attribute("data-state") == "draft", "the renewal is a draft")
    renewal_id = contract_id(b)
    b.visible(sel("contract-field-renewalOf"))
    status, renewal = b.api("GET", f"/crm/contracts/{renewal_id}")
    assert renewal["renewalOfId"].lower() == cid.lower() and renewal["startsOn"] == (today + timedelta(days=365)).isoformat(), renewal
    status, contract = b.api("GET", f"/crm/contracts/{cid}")
    assert (contract["renewedById"] or "").lower() == renewal_id.lower(), contract
    b.shot("crm-contracts-07-renewal")

    # The customer's page: both contracts, and the contract in the timeline.
    b.driver.get(f"{BASE_URL}/#/customers/{customer['id']}")
    scroll_to(b, sel("customer-contracts"))
    b.until(lambda: len(b.find_all(sel("customer-contract-row"))) == 2, "the customer's two contracts")
    assert {r.get_attribute("data-state") for r in b.find_all(sel("customer-contract-row"))} == {"active", "draft"}
    b.shot("crm-contracts-08-customer")
    b.until(lambda: any(e.get_attribute("data-kind") == "contract" for e in b.find_all(sel("timeline-entry"))),
            "the timeline shows the contract")
    entry = next(e for e in b.find_all(sel("timeline-entry")) if e.get_attribute("data-kind") == "contract")
    assert entry.find_elements(By.CSS_SELECTOR, sel("timeline-kind")), "a contract entry says it is a contract"
    link = entry.find_element(By.CSS_SELECTOR, sel("timeline-title")).get_attribute("href")
    assert "#/crm/contracts/" in link, link
    # The linked order's entry opens the web app's order page (the server links /sales/orders/…).
    order_entry = next(e for e in b.find_all(sel("timeline-entry")) if e.get_attribute("data-kind") == "order")
    assert order_entry.find_element(By.CSS_SELECTOR, sel("timeline-title")).get_attribute("href").endswith(f"#/orders/{order['id']}")
    assert any(e.get_attribute("data-kind") == "approval" for e in b.find_all(sel("timeline-entry"))), "the approval's entry"

    # The contracts list (the shared list) finds it by its number.
    b.nav("crm_contracts")
    b.visible(sel("contracts-page"))
    b.type_into(sel("contract-search"), contract["number"])
    b.until(lambda: (rows := b.find_all(sel("contract-row"))) and all(contract["number"] in r.text for r in rows), "the list finds it")
    b.shot("crm-contracts-09-list")

    if not b.phone:
        # In 中文: the contract's page speaks Chinese.
        status, _ = b.api("PATCH", "/auth/me", {"locale": "zh-CN"})
        assert status == 200
        try:
            b.driver.get(f"{BASE_URL}/#/crm/contracts/{cid}")
            b.driver.refresh()
            b.until(lambda: b.language() == "zh-CN", "Chinese")
            b.text_is(sel("contract-state"), "执行中")
            b.until(lambda: "回款计划" in b.find("main").text and "回款记录" in b.find("main").text, "the plan and receipts in Chinese")
            b.shot("crm-contracts-10-zh")
        finally:
            b.api("PATCH", "/auth/me", {"locale": "en"})
    b.check_console("crm-contracts-end")


def api_contract(b, customer, run, title):
    today = date.today()
    status, contract = b.api("POST", "/crm/contracts", {
        "title": title, "customerId": customer["id"], "amount": "3000", "startsOn": today.isoformat(),
        "endsOn": (today + timedelta(days=180)).isoformat(),
        "instalments": [{"dueOn": (today + timedelta(days=30)).isoformat(), "amount": "3000"}]})
    assert status == 201, contract
    return contract


def confirm_dialog(b, note=None):
    b.visible(sel("confirm-dialog"))
    if note is not None:
        b.type_into(sel("dialog-note"), note)
    b.click(sel("dialog-confirm"))


@pytest.mark.parametrize("browser", [DESKTOP], indirect=True)
def test_contract_withdrawn_cancelled_and_terminated(browser):
    """A pending contract withdrawn to a draft, a draft cancelled, an active one terminated with its reason (none: refused
    in the dialog); a plan over the amount refused by the server in the editor."""
    b = browser
    run = tag()
    sign_in_as(b, NANCY)
    customer, _ = customer_with_order(b, run)
    admin = Api(ADMIN)

    # Pending → Withdraw → draft again; then Cancel.
    first = api_contract(b, customer, run, f"Withdrawn {run}")
    status, first = b.api("POST", f"/crm/contracts/{first['id']}/submit", {"version": first["version"]})
    assert status == 200 and first["state"] == "pending", first
    b.driver.get(f"{BASE_URL}/#/crm/contracts/{first['id']}")
    b.click(sel("contract-withdraw"))
    confirm_dialog(b)
    b.until(lambda: b.find(sel("contract-state")).get_attribute("data-state") == "draft", "withdrawn to a draft")
    wait_toast(b, "withdrawn")
    b.click(sel("contract-cancel"))
    confirm_dialog(b)
    b.until(lambda: b.find(sel("contract-state")).get_attribute("data-state") == "cancelled", "cancelled")
    assert not b.find_all(sel("contract-submit")) and not b.find_all(sel("contract-edit")), "nothing to do on a cancelled contract"
    b.shot("crm-contracts-11-cancelled")

    # A draft edited with a plan over the amount: the server refuses it at the plan.
    second = api_contract(b, customer, run, f"Terminated {run}")
    b.driver.get(f"{BASE_URL}/#/crm/contracts/{second['id']}")
    b.click(sel("contract-edit"))
    b.visible(sel("contract-form"))
    b.until(lambda: len(b.find_all(sel("plan-row"))) == 1, "the plan as saved")
    b.type_into(f'{sel("plan-row")}[data-index="0"] {sel("plan-amount")}', "3500")
    b.until(lambda: b.find(sel("plan-difference")).get_attribute("data-diff") == "1", "the plan says it is over the amount")
    scroll_to(b, sel("contract-form-save")).click()
    b.until(lambda: b.find_all(sel("plan-error")) or b.find_all(sel("contract-form-error")), "the server refuses the plan")
    b.shot("crm-contracts-12-plan-over")
    b.type_into(f'{sel("plan-row")}[data-index="0"] {sel("plan-amount")}', "3000")
    scroll_to(b, sel("contract-form-save")).click()
    b.until(lambda: contract_id(b) and "/edit" not in b.driver.current_url, "saved, the contract's page")

    # Submitted and approved (by the manager, through the API), then terminated: a reason is required.
    status, second = b.api("GET", f"/crm/contracts/{second['id']}")
    status, second = b.api("POST", f"/crm/contracts/{second['id']}/submit", {"version": second["version"]})
    assert status == 200, second
    status, instance = admin.call("GET", f"/approvals/instances/{second['approvalId']}")
    assert status == 200, instance
    task = next(t for s in instance["steps"] for t in s["tasks"] if t.get("state") in ("open", "pending"))
    status, answer = admin.call("POST", f"/approvals/tasks/{task['id']}/approve", {"comment": "ok"})
    assert status == 200, answer
    b.driver.get(f"{BASE_URL}/#/crm/contracts/{second['id']}")
    b.driver.refresh()  # the same address: read the contract again
    b.until(lambda: b.find(sel("contract-state")).get_attribute("data-state") == "active", "active")
    b.click(sel("contract-terminate"))
    b.visible(sel("confirm-dialog"))
    b.click(sel("dialog-confirm"))
    b.visible(sel("confirm-dialog-error"))
    confirm_dialog(b, f"The customer closed its Shanghai branch ({run})")
    b.until(lambda: b.find(sel("contract-state")).get_attribute("data-state") == "terminated", "terminated")
    assert f"({run})" in b.find(sel("contract-field-terminationReason")).text
    assert b.find_all(sel("contract-receipt-open")), "money can still be recorded on a terminated contract"
    assert not b.find_all(sel("contract-renew")), "a terminated contract is not renewed"
    b.shot("crm-contracts-13-terminated")
    b.check_console("crm-contracts-lifecycle-end")
