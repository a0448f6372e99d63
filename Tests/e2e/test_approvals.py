"""Approvals in the real browser (issue 4, points 6, 7 and 10).

Phone (390x844): the administrator makes a form whose flow has one node, "the requester's manager";
Nancy Davolio fills it in and submits it on her phone; her manager Andrew Fuller opens Approvals from the bottom bar, sees the
count, opens the request and approves it with a comment; the request reads "Approved" and the
timeline shows his comment. Meanwhile Nancy's own page of the request (a second browser, desktop)
turns to "Approved" by itself, without a reload (the page polls while pending).

Both sizes: the flow designer shows the flow, explains an invalid change next to the branch it is
about, and previews who approves when Nancy submits.

Each run makes its own form and flow through the API (named with a run tag), so the test can be
rerun against the same server; it never touches the flows of documents such as sales orders.
"""

import re
import time
import uuid

import pytest
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
from selenium.webdriver.support.ui import Select

import test_web
from test_web import BASE_URL, SIZES, Browser, sel

ADMIN = "andrew.fuller@northwind.example"    # holds the administrator role, and is Nancy's manager
NANCY = "nancy.davolio@northwind.example"
PASSWORD = "afield-demo"
POLL_WAIT = 30                                # the detail page polls every 10 s


@pytest.fixture
def browser(request, monkeypatch):
    # Checking an invalid flow is a 422 on purpose.
    monkeypatch.setattr(test_web, "EXPECTED_HTTP_ERRORS", test_web.EXPECTED_HTTP_ERRORS + [
        (re.compile(r"/api/v1/approvals/flows/validate\b"), 422),
    ])
    width, height = request.param
    b = Browser(width, height)
    yield b
    b.quit()


def sign_in_as(b, email, base=None):
    """Sign out whoever is signed in, then sign in as `email`, in English (at `base`: a relay or another server)."""
    base = base or BASE_URL
    b.driver.get(base + "/")
    b.until(lambda: b.find_all(sel("signin-email")) or b.find_all("nav.nav"), "sign-in form or the app")
    if b.find_all("nav.nav"):
        b.api("POST", "/auth/logout")
        b.driver.get(base + "/")
    b.type_into(sel("signin-email"), email)
    b.type_into(sel("signin-password"), PASSWORD)
    b.click(sel("signin-submit"))
    b.visible("nav.nav")
    if b.language() != "en":
        status, _ = b.api("PATCH", "/auth/me", {"locale": "en"})
        assert status == 200
        b.driver.refresh()
        b.visible("nav.nav")
    b.check_console(f"sign-in {email}")


def make_form_with_manager_flow(b, tag):
    """As the administrator: a form (item, amount, reason) whose flow asks the requester's manager."""
    status, form = b.api("POST", "/approvals/forms", {
        "name": f"Purchase request {tag}", "description": "Something to buy for the team", "icon": "payment",
        "category": "Finance", "schema": {"fields": [
            {"key": "item", "type": "text", "label": "Item", "required": True},
            {"key": "amount", "type": "money", "label": "Amount", "required": True},
            {"key": "reason", "type": "textarea", "label": "Reason", "required": False},
        ]}})
    assert status == 201, form
    status, flow = b.api("POST", "/approvals/flows", {
        "subject": f"form.{form['id']}", "name": f"Purchase request {tag}",
        "definition": {"nodes": [{"id": "manager", "type": "approver", "name": "Manager",
                                  "approvers": [{"kind": "manager", "level": 1}]}]}})
    assert status == 201, flow
    status, form = b.api("GET", f"/approvals/forms/{form['id']}")
    assert status == 200 and (form.get("flowId") or "").lower() == flow["id"].lower(), form
    return form, flow


def submit_as_nancy(b, form, tag):
    """Nancy, signed in: New request → the form → fill it in → Submit; answers the new request's page data."""
    b.driver.get(f"{BASE_URL}/#/approvals")
    b.click(sel("approvals-new"))
    option = sel("approvals-form-option", f'[data-id="{form["id"]}"]')
    b.visible(option)
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", b.find(option))
    b.click(option)
    b.text_is(sel("submit-form-name"), form["name"])
    b.type_into(sel("form-input-item"), f"Monitor arm {tag}")
    b.type_into(sel("form-input-amount"), "129.90")
    b.type_into(sel("form-input-reason"), "Two screens at the desk")
    b.shot("approvals-00-submit")
    b.click(sel("submit-request"))
    b.until(lambda: re.search(r"#/approvals/[0-9A-Fa-f-]{36}$", b.driver.current_url), "the new request's page")
    instance_id = b.driver.current_url.rsplit("/", 1)[1]
    status, instance = b.api("GET", f"/approvals/instances/{instance_id}")
    assert status == 200, instance
    assert instance["summary"]["state"] == "pending"
    assert instance["values"]["item"] == f"Monitor arm {tag}" and instance["values"]["amount"] == "129.90", instance["values"]
    return instance


def card(b, number):
    for c in b.find_all(sel("approval-row")):
        if number in c.text:
            return c
    return None


@pytest.mark.parametrize("browser", [SIZES[0]], indirect=True)
def test_manager_approves_from_phone_inbox(browser):
    b, tag = browser, uuid.uuid4().hex[:6]
    sign_in_as(b, ADMIN)
    form, _ = make_form_with_manager_flow(b, tag)

    sign_in_as(b, NANCY)
    instance = submit_as_nancy(b, form, tag)
    number, instance_id = instance["summary"]["number"], instance["summary"]["id"]
    assert [p["name"] for p in instance["summary"]["waitingFor"]] == ["Andrew Fuller"], instance["summary"]

    # Nancy keeps her request open on a desktop; it must turn to Approved there by itself.
    watcher = Browser(1366, 768)
    try:
        sign_in_as(watcher, NANCY)
        watcher.driver.get(f"{BASE_URL}/#/approvals/{instance_id}")
        watcher.text_is(sel("approval-number"), number)
        watcher.until(lambda: watcher.find(sel("approval-state")).get_attribute("data-state") == "pending", "Nancy sees it pending")
        assert "Andrew Fuller" in watcher.find(sel("approval-waiting")).text

        # Andrew, on his phone: Approvals is in the bottom bar, with the count of what waits for him.
        sign_in_as(b, ADMIN)
        b.click(sel("nav-approvals"))
        b.until(lambda: b.driver.current_url.endswith("#/approvals"), "the inbox")
        nav = b.find("nav.nav").rect
        assert abs(nav["y"] + nav["height"] - b.height) <= 2, f"the phone nav is the bottom bar: {nav}"
        b.until(lambda: b.find_all(sel("approvals-count-todo")) and int(b.find(sel("approvals-count-todo")).text) >= 1,
                "the To approve tab shows a count")
        b.until(lambda: card(b, number), f"{number} is in the To approve box")
        assert "Nancy Davolio" in card(b, number).text
        assert "Andrew Fuller" in card(b, number).text, "the card says whom it waits for"
        b.shot("approvals-01-inbox")

        card(b, number).find_element(By.CSS_SELECTOR, sel("approval-card-title")).click()
        b.until(lambda: b.driver.current_url.endswith(f"#/approvals/{instance_id}"), "the request's page")
        b.text_is(sel("approval-number"), number)
        b.until(lambda: b.find(sel("approval-state")).get_attribute("data-state") == "pending", "pending")
        values = {e.get_attribute("data-field"): e.text for e in b.find_all(sel("approval-value"))}
        assert f"Monitor arm {tag}" in values.get("item", ""), values
        assert "129.90" in values.get("amount", ""), values
        step = b.find(sel("approval-step", '[data-node="manager"]'))
        assert step.get_attribute("data-state") == "active"
        assert "Andrew Fuller" in step.text
        b.shot("approvals-02-detail")

        b.click(sel("action-approve"))
        b.visible(sel("approval-dialog", '[data-kind="approve"]'))
        comment = f"Fine by me ({tag})."
        b.type_into(sel("dialog-comment"), comment)
        b.shot("approvals-03-approve-dialog")
        b.click(sel("dialog-confirm"))
        b.until(lambda: b.find(sel("approval-state")).get_attribute("data-state") == "approved", "the request is approved")
        b.text_is(sel("approval-state"), "Approved")
        b.until(lambda: not b.find_all(sel("approval-dialog")), "the dialog closes")
        assert not b.find_all(sel("action-approve")), "nothing left to approve"
        event = b.find(sel("approval-event", '[data-action="approve"]'))
        assert "Andrew Fuller" in event.text and comment in event.text, event.text
        b.until(lambda: b.find(sel("approval-step", '[data-node="manager"]')).get_attribute("data-state") == "approved", "step approved")
        b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", event)
        b.shot("approvals-04-approved")

        # The count went down and the request moved to "Approved by me".
        b.click(sel("back-link"))
        b.click(sel("approvals-tab-done"))
        b.until(lambda: card(b, number), f"{number} is in the Approved by me box")
        b.shot("approvals-05-done")

        # Nancy's page followed without a reload.
        watcher.wait = WebDriverWait(watcher.driver, POLL_WAIT, poll_frequency=0.2,
                                     ignored_exceptions=(NoSuchElementException, StaleElementReferenceException))
        watcher.until(lambda: watcher.find(sel("approval-state")).get_attribute("data-state") == "approved",
                      "the requester's page turns to Approved by polling")
        assert comment in watcher.find(sel("approval-event", '[data-action="approve"]')).text
        watcher.shot("approvals-06-requester-sees-approval")
        watcher.check_console("requester")
    finally:
        watcher.quit()
    b.check_console("approvals-end")


@pytest.mark.parametrize("browser", SIZES, indirect=True)
def test_flow_designer_and_preview(browser):
    b, tag = browser, uuid.uuid4().hex[:6]
    sign_in_as(b, NANCY)
    status, nancy = b.api("GET", "/auth/me")
    assert status == 200
    sign_in_as(b, ADMIN)
    form, flow = make_form_with_manager_flow(b, tag)

    # The inbox, and from it the flows: the form's row opens its flow.
    b.driver.get(f"{BASE_URL}/#/approvals")
    b.visible(sel("approvals-tab-todo"))
    b.until(lambda: b.find_all(sel("approval-row")) or b.find_all(sel("empty-list")), "the inbox settles")
    b.shot("approvals-10-inbox")
    b.click(sel("approvals-new"))
    b.until(lambda: any(f"Purchase request {tag}" in o.text for o in b.find_all(sel("approvals-form-option"))), "the new form is offered")
    b.shot("approvals-11-new-request")
    b.click(sel("approvals-flows-link"))
    row = sel("form-flow-row", f'[data-form="{form["id"]}"]')
    b.visible(row)
    b.find(row).find_element(By.CSS_SELECTOR, sel("form-open-flow")).click()
    b.until(lambda: b.driver.current_url.lower().endswith(f"#/approvals/flows/{flow['id']}".lower()), "the designer")
    node = sel("flow-node", '[data-node="manager"]')
    b.visible(node)
    assert "Manager, level 1" in b.find(node).text
    b.find(node).find_element(By.CSS_SELECTOR, sel("flow-node-toggle")).click()
    assert Select(b.find(sel("flow-rule-kind"))).first_selected_option.get_attribute("value") == "manager"
    b.shot("approvals-12-designer")

    # Who approves if Nancy submits 129.90? Her manager.
    b.type_into(sel("preview-requester"), "Nancy")
    b.until(lambda: any("Nancy Davolio" in o.text for o in b.find_all(sel("preview-requester-option"))), "Nancy is offered")
    next(o for o in b.find_all(sel("preview-requester-option")) if "Nancy Davolio" in o.text).click()
    b.type_into(sel("preview-value"), "129.90")
    b.click(sel("preview-run"))
    b.until(lambda: b.find_all(sel("preview-step")), "the preview lists the steps")
    steps = b.find_all(sel("preview-step"))
    assert len(steps) == 1 and "Andrew Fuller" in steps[0].text, [s.text for s in steps]
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", steps[0])
    b.shot("approvals-13-preview")

    # A condition group added after the manager: its first branch has no value yet; the check says so next to it.
    slots = b.find_all(sel("flow-add"))
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", slots[1])
    slots[1].click()
    b.click(sel("flow-add-condition"))
    b.until(lambda: len(b.find_all(sel("flow-branch"))) == 2, "two branches")
    b.click(sel("flow-validate"))
    in_branch = ".flow-branch:not(.is-default) " + sel("flow-error")
    b.until(lambda: b.find_all(in_branch), "the error sits in the branch it is about")
    error = b.find(in_branch)
    assert "Condition 1" in error.text, error.text
    assert len(b.find_all(sel("flow-error"))) == 1, [e.text for e in b.find_all(sel("flow-error"))]
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", error)
    b.shot("approvals-14-designer-error")

    # Giving the value makes the flow valid (not saved: the form keeps its one-step flow).
    b.find_all(sel("flow-branch-toggle"))[0].click()
    b.type_into(sel("flow-condition-value"), "5000")
    b.click(sel("flow-validate"))
    b.visible(sel("flow-valid"))
    assert not b.find_all(sel("flow-error"))
    b.check_console("designer-end")
