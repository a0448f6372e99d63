"""The home workbench and global search (issue 9 points 3 and 4), at 390x844 and 1366x768.

Michael Suyama asks for a payment (through the API). His manager Steven Buchanan signs in and lands
on the workbench: the payment waits among his to-dos, the phone's bottom bar has five slots with a
red count on Approvals, the shortcuts and figures are there. Then Steven searches: Ctrl+K (or the
search button on a phone) opens the box, "Blauer See" finds the customer and opens it by keyboard;
"/" opens the box again, a page is found by its name, and Esc closes it.
"""

import uuid

import pytest
from selenium.webdriver.common.keys import Keys

from test_web import BASE_URL, SIZES, browser, sel  # noqa: F401 (browser: the fixture)
from test_approvals import sign_in_as

MICHAEL = "michael.suyama@northwind.example"
STEVEN = "steven.buchanan@northwind.example"


@pytest.mark.parametrize("browser", SIZES, indirect=True)
def test_workbench_and_search(browser):
    b, tag = browser, uuid.uuid4().hex[:6]
    sign_in_as(b, MICHAEL)
    status, forms = b.api("GET", "/approvals/forms")
    payment = next(f for f in forms if f.get("templateKey") == "paymentRequest")
    status, request = b.api("POST", "/approvals/instances", {"formId": payment["id"], "values": {
        "payee": f"Exotic Liquids {tag}", "amount": "240.00", "items": [{"description": "Syrup", "amount": "240.00"}]}})
    assert status == 201, request

    sign_in_as(b, STEVEN)
    b.until(lambda: "#/workbench" in b.driver.current_url, "sign-in lands on the workbench")
    waiting = sel("workbench-todo", '[data-id="approvals.waiting"]')
    b.visible(waiting)
    # Oldest first: on a server other tests have used, Michael's may be past the first five.
    item = waiting + " " + sel("workbench-todo-item")
    b.visible(item)
    first = b.find(item).get_attribute("data-id").lower()
    b.visible(sel("workbench-todo", '[data-id="sales.overdue"]'))
    assert b.find_all(sel("workbench-shortcut", '[data-id="sales.order.new"]'))
    assert len(b.find_all(sel("workbench-kpi"))) == 2
    count = b.visible(sel("nav-approvals-count"))
    assert int(count.text) >= 1
    if b.phone:
        slots = [e for e in b.find_all("nav.nav > *") if e.is_displayed()]
        assert len(slots) == 5, [e.text for e in slots]
    b.shot("workbench-01")

    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", b.find(item))
    b.click(item)
    b.until(lambda: f"#/approvals/{first}" in b.driver.current_url, "the to-do opens the request")
    b.nav("workbench")
    b.visible(sel("workbench"))

    # Ctrl+K on a desktop (the button on a phone) opens the box; typing finds the customer.
    if b.phone:
        b.click(sel("search-open"))
    else:
        b.find("body").send_keys(Keys.CONTROL, "k")
    field = b.visible(sel("search-input"))
    assert b.driver.switch_to.active_element == field, "the box has the focus"
    field.send_keys("Blauer See")
    hit = sel("search-hit", '[data-kind="partners.customer"]')
    b.until(lambda: any("Blauer See Delikatessen" in e.text for e in b.find_all(hit)), "the customer is found")
    b.shot("search-01-customer")
    field.send_keys(Keys.ENTER)
    b.until(lambda: "#/customers/" in b.driver.current_url, "Enter opens the first hit")
    b.text_is(sel("partner-name"), "Blauer See Delikatessen")
    assert not b.find_all(sel("search-dialog")), "the box closed"

    # "/" opens it again (desktop); pages are found by name; Esc closes it.
    if b.phone:
        b.click(sel("search-open"))
    else:
        b.find("body").send_keys("/")
    field = b.visible(sel("search-input"))
    field.send_keys("repor")
    b.until(lambda: any(e.get_attribute("data-kind") == "page" and "Reports" in e.text for e in b.find_all(sel("search-hit"))),
            "the reports page is found by name")
    b.shot("search-02-page")
    field.send_keys(Keys.ESCAPE)
    b.until(lambda: not b.find_all(sel("search-dialog")), "Esc closes the box")
