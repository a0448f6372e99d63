"""Approval cards say what a request is about, and a form without a flow says so first (issue 8, 7.3 and 7.4).

At 1366x768 and 390x844: Michael Suyama submits a business trip (through the API); his manager Steven
Buchanan's inbox card shows its destination, dates and estimated cost (DingTalk's 摘要), not just
"Business trip · Michael Suyama". Michael's New request list marks a form the administrator made
without a flow — before it is opened — and its page says it cannot be submitted yet.

Each run names its form and trip with a run tag, so the test can be rerun against the same server.
"""

import uuid

import pytest

from test_web import BASE_URL, SIZES, browser, sel  # noqa: F401 (browser: the fixture)
from test_approvals import ADMIN, sign_in_as

MICHAEL = "michael.suyama@northwind.example"
STEVEN = "steven.buchanan@northwind.example"


@pytest.mark.parametrize("browser", SIZES, indirect=True)
def test_cards_show_the_summary_and_forms_without_flow_say_so(browser):
    b, tag = browser, uuid.uuid4().hex[:6]
    sign_in_as(b, ADMIN)
    status, lunch = b.api("POST", "/approvals/forms", {
        "name": f"Team lunch {tag}", "schema": {"fields": [{"key": "where", "type": "text", "label": "Where"}]}})
    assert status == 201 and lunch["hasFlow"] is False, lunch

    sign_in_as(b, MICHAEL)
    status, forms = b.api("GET", "/approvals/forms")
    trip = next(f for f in forms if f.get("templateKey") == "businessTrip")
    assert trip["hasFlow"], "a built-in form works from the start"
    status, request = b.api("POST", "/approvals/instances", {"formId": trip["id"], "values": {
        "destination": f"Lyon {tag}", "period": {"start": "2026-03-02", "end": "2026-03-04"}, "transport": "train",
        "estimatedCost": "2500.5", "reason": "Trade fair"}})
    assert status == 201, request

    b.driver.get(f"{BASE_URL}/#/approvals")
    b.click(sel("approvals-new"))
    option = sel("approvals-form-option", f'[data-id="{lunch["id"]}"]')
    b.visible(option)
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", b.find(option))
    assert b.find(option).get_attribute("data-flow") == "no"
    assert "No approval flow yet" in b.find(option).text
    assert not b.find(option).find_elements("css selector", "a"), "a requester cannot open it (nor design its flow)"
    b.shot("approval-cards-01-new-request")
    b.driver.get(f"{BASE_URL}/#/approvals/new/{lunch['id']}")
    b.visible(sel("submit-no-flow"))
    assert not b.find(sel("submit-request")).is_enabled()

    sign_in_as(b, STEVEN)
    b.driver.get(f"{BASE_URL}/#/approvals")
    card = sel("approval-row", f'[data-id="{request["summary"]["id"]}"]')
    b.visible(card)
    summary = b.find(card + " " + sel("approval-card-summary"))
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", summary)
    for text in ("Destination", f"Lyon {tag}", "Dates", "2026-03-02 – 2026-03-04", "Estimated cost", "$2,500.50"):
        assert text in summary.text, (text, summary.text)
    b.shot("approval-cards-02-inbox")
    b.check_console("cards")
