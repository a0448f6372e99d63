"""An approval form and its flow designed in the browser, then used on phones (issue 4, "Done when").

Desktop (1366x768), entirely through the UI: the administrator Andrew Fuller opens Approvals →
Approval flows → New form, names the form, adds a text field "Item" and a required money field
"Amount", saves; creates the form's flow from the form's page; in the flow designer replaces the
default step with an approver node "Manager, level 1" added with "+", adds a condition group after
it whose first branch (amount more than 1000) asks a named person, Steven Buchanan, and whose
default branch asks nobody more; checks the flow, previews it for Nancy Davolio with amount 1500
(Andrew Fuller, then Steven Buchanan), and saves it ("Create flow" made version 1 with the default
step, so the designed flow is version 2).

Phone (390x844), a second browser: Nancy Davolio opens Approvals → New request → the form, fills it
in with amount 1500, sees "Who approves" list Andrew Fuller then Steven Buchanan, and submits.
Andrew, on the phone, approves it from his inbox and looks at the flow (branches stacked); then
Steven approves it from his inbox; the request reads Approved with both steps approved.

Each run names its form with a run tag, so the test can be rerun against the same server.
"""

import re
import uuid

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_web import SCREENSHOTS, Browser, sel
from test_approvals import ADMIN, NANCY, card, sign_in_as

STEVEN = "steven.buchanan@northwind.example"   # a sales user; the named second approver
UUID = r"[0-9A-Fa-f-]{36}"


def center(b, element):
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    return element


def within(element, test_id, extra=""):
    return element.find_element(By.CSS_SELECTOR, sel(test_id, extra))


def designer_field(b, index):
    return b.find(sel("designer-field", f'[data-index="{index}"]'))


def fill_field(b, index, label, key, type_, required):
    """One field of the form designer: label, key, type and the required box."""
    field = center(b, designer_field(b, index))
    for test_id, text in (("designer-label", label), ("designer-key", key)):
        box = within(field, test_id)
        box.click()
        box.clear()
        box.send_keys(text)
    Select(within(designer_field(b, index), "designer-type")).select_by_value(type_)
    field = designer_field(b, index)
    b.until(lambda: Select(within(designer_field(b, index), "designer-type")).first_selected_option.get_attribute("value") == type_,
            f"field {index} is a {type_}")
    required_box = within(field, "designer-required")
    if required_box.is_selected() != required:
        required_box.click()
    b.until(lambda: within(designer_field(b, index), "designer-required").is_selected() == required, f"field {index} required={required}")


def pick_person(b, test_id, query, name):
    b.type_into(sel(test_id), query)
    b.until(lambda: any(name in o.text for o in b.find_all(sel(f"{test_id}-option"))), f"{test_id} offers {name}")
    next(o for o in b.find_all(sel(f"{test_id}-option")) if name in o.text).click()
    b.until(lambda: any(name in c.text for c in b.find_all(sel(f"{test_id}-chip"))), f"{test_id} holds {name}")


def design_form(b, tag):
    """Approvals → Approval flows → New form; answers the saved form's id."""
    b.click(sel("nav-approvals"))
    b.until(lambda: b.driver.current_url.endswith("#/approvals"), "the inbox")
    b.click(sel("approvals-flows-link"))
    b.until(lambda: b.driver.current_url.endswith("#/approvals/flows"), "the flows page")
    b.click(sel("form-new"))
    b.until(lambda: b.driver.current_url.endswith("#/approvals/forms/new"), "the form editor")
    b.visible(sel("form-designer"))
    name = f"Equipment request {tag}"
    b.type_into(sel("form-name"), name)
    b.type_into(sel("form-category"), "Office")
    b.type_into(sel("form-description"), "Equipment for your work")
    Select(b.find(sel("form-icon"))).select_by_value("payment")

    # A new form starts with a required "Reason"; add the item and the amount after it.
    b.until(lambda: len(b.find_all(sel("designer-field"))) == 1, "a new form has one field")
    b.shot("design-01-new-form")
    center(b, b.find(sel("designer-add-field"))).click()
    b.until(lambda: len(b.find_all(sel("designer-field"))) == 2, "a second field")
    fill_field(b, 1, "Item", "item", "text", False)
    center(b, b.find(sel("designer-add-field"))).click()
    b.until(lambda: len(b.find_all(sel("designer-field"))) == 3, "a third field")
    fill_field(b, 2, "Amount", "amount", "money", True)
    center(b, designer_field(b, 2))
    b.shot("design-02-form-fields")

    center(b, b.find(sel("form-save"))).click()
    b.until(lambda: re.search(rf"#/approvals/forms/{UUID}$", b.driver.current_url), "the saved form's page")
    form_id = b.driver.current_url.rsplit("/", 1)[1]
    b.until(lambda: b.find(".page-title").text.strip() == name, "the page is titled with the form's name")
    assert not b.find_all(sel("form-error"))
    status, form = b.api("GET", f"/approvals/forms/{form_id}")
    assert status == 200, form
    assert [(f["key"], f["type"], f["required"]) for f in form["schema"]["fields"]] == [
        ("reason", "textarea", True), ("item", "text", False), ("amount", "money", True)], form["schema"]
    assert form["name"] == name and not form.get("flowId"), form
    b.driver.execute_script("window.scrollTo(0, 0)")
    b.shot("design-03-form-saved")
    return form


def design_flow(b, form, nancy_name="Nancy Davolio"):
    """From the form's page: Create flow, then the flow designer. Answers the saved flow."""
    b.click(sel("form-create-flow"))
    b.until(lambda: re.search(rf"#/approvals/flows/{UUID}$", b.driver.current_url), "the flow designer")
    flow_id = b.driver.current_url.rsplit("/", 1)[1]
    b.text_is(sel("flow-version"), "Version 1")
    b.until(lambda: form["name"] in b.find(".flow-meta").text, "the designer names the form")

    # Replace the default step with an approver node added with "+": the requester's manager, level 1.
    b.until(lambda: len(b.find_all(sel("flow-node"))) == 1, "the new flow's one step")
    b.find(sel("flow-node")).find_element(By.CSS_SELECTOR, sel("flow-node-remove")).click()
    b.until(lambda: not b.find_all(sel("flow-node")), "no step left")
    b.find_all(sel("flow-add"))[0].click()
    b.click(sel("flow-add-approver"))
    b.until(lambda: len(b.find_all(sel("flow-node"))) == 1, "the approver node")
    manager = b.find(sel("flow-node", '[data-type="approver"]'))
    manager_id = manager.get_attribute("data-node")
    b.visible(sel("flow-node-name"))
    b.type_into(sel("flow-node-name"), "Manager")
    Select(b.find(sel("flow-rule-kind"))).select_by_value("manager")
    b.type_into(sel("flow-rule-level"), "1")
    node_css = sel("flow-node", f'[data-node="{manager_id}"]')
    b.until(lambda: "Manager, level 1" in b.find(node_css).text, "the node reads Manager, level 1")
    b.shot("design-04-flow-manager")
    b.find(node_css).find_element(By.CSS_SELECTOR, sel("flow-node-toggle")).click()  # close its editor

    # A condition group after it: amount more than 1000 → Steven Buchanan too; otherwise nobody more.
    slots = b.find_all(sel("flow-add"))
    assert len(slots) == 2, len(slots)
    center(b, slots[1]).click()
    b.click(sel("flow-add-condition"))
    b.until(lambda: len(b.find_all(sel("flow-branch"))) == 2, "two branches")
    first = ".flow-branch:not(.is-default)"
    center(b, b.find(first)).find_element(By.CSS_SELECTOR, sel("flow-branch-toggle")).click()
    b.type_into(sel("flow-branch-name"), "Over 1000")
    condition = b.find(sel("flow-condition"))
    assert Select(within(condition, "flow-condition-subject")).first_selected_option.get_attribute("value") == "field.amount"
    Select(within(condition, "flow-condition-op")).select_by_value("gt")
    b.type_into(sel("flow-condition-value"), "1000")
    b.until(lambda: "Amount more than 1000" in b.find(first).find_element(By.CSS_SELECTOR, ".flow-node-summary").text,
            "the branch reads Amount more than 1000")
    b.find(first).find_element(By.CSS_SELECTOR, sel("flow-branch-toggle")).click()  # close the branch editor
    center(b, b.find(first).find_element(By.CSS_SELECTOR, sel("flow-add"))).click()
    b.click(sel("flow-add-approver"))
    b.until(lambda: b.find(first).find_elements(By.CSS_SELECTOR, sel("flow-node", '[data-type="approver"]')), "an approver in the branch")
    b.type_into(sel("flow-node-name"), "Sales manager")
    Select(b.find(sel("flow-rule-kind"))).select_by_value("users")
    b.until(lambda: b.find(sel("flow-rule")).get_attribute("data-kind") == "users", "the rule names people")
    pick_person(b, "flow-rule-users", "Steven", "Steven Buchanan")
    second = b.find(first).find_element(By.CSS_SELECTOR, sel("flow-node", '[data-type="approver"]'))
    second_id = second.get_attribute("data-node")
    second_css = sel("flow-node", f'[data-node="{second_id}"]')
    b.until(lambda: "Steven Buchanan" in b.find(second_css).find_element(By.CSS_SELECTOR, ".flow-node-summary").text,
            "the branch's approver reads Steven Buchanan")
    center(b, b.find(second_css))
    b.shot("design-05-flow-condition")
    b.find(second_css).find_element(By.CSS_SELECTOR, sel("flow-node-toggle")).click()
    default = b.find(".flow-branch.is-default")
    assert not default.find_elements(By.CSS_SELECTOR, sel("flow-node")), "the default branch asks nobody more"

    # Check.
    b.driver.execute_script("window.scrollTo(0, 0)")
    b.click(sel("flow-validate"))
    b.visible(sel("flow-valid"))
    assert not b.find_all(sel("flow-error")) and not b.find_all(sel("flow-errors"))
    b.shot("design-06-flow-valid")

    # Preview: Nancy, 1500 → her manager Andrew Fuller, then Steven Buchanan.
    b.type_into(sel("preview-requester"), "Nancy")
    b.until(lambda: any(nancy_name in o.text for o in b.find_all(sel("preview-requester-option"))), "Nancy is offered")
    next(o for o in b.find_all(sel("preview-requester-option")) if nancy_name in o.text).click()
    b.until(lambda: [k.get_attribute("value") for k in b.find_all(sel("preview-key"))] == ["amount"],
            "the preview asks for the form's amount")
    b.type_into(sel("preview-value"), "1500")
    b.click(sel("preview-run"))
    b.until(lambda: len(b.find_all(sel("preview-step"))) == 2, "the preview lists two steps")
    steps = b.find_all(sel("preview-step"))
    assert [s.get_attribute("data-node") for s in steps] == [manager_id, second_id]
    assert "Andrew Fuller" in steps[0].text and "Steven Buchanan" in steps[1].text, [s.text for s in steps]
    assert "Over 1000" in b.find(".flow-preview").text, "the preview names the branch taken"
    assert not b.find_all(sel("preview-error"))
    center(b, steps[1])
    b.shot("design-07-flow-preview")

    # Save: the flow's next version, bound to the form.
    b.driver.execute_script("window.scrollTo(0, 0)")
    b.click(sel("flow-save"))
    b.text_is(sel("flow-version"), "Version 2")
    b.until(lambda: not b.find_all(".badge-warning"), "nothing unsaved")
    b.shot("design-08-flow-saved")
    status, flow = b.api("GET", f"/approvals/flows/{flow_id}")
    assert status == 200 and flow["currentVersion"] == 2, flow
    nodes = flow["definition"]["nodes"]
    assert [n["type"] for n in nodes] == ["approver", "condition"], nodes
    assert nodes[0]["approvers"] == [{"kind": "manager", "level": 1}], nodes[0]
    branch = next(x for x in nodes[1]["branches"] if not x["isDefault"])
    assert branch["conditions"] == [{"subject": "field.amount", "op": "gt", "values": ["1000"]}], branch
    assert [r["kind"] for r in branch["nodes"][0]["approvers"]] == ["users"], branch
    status, saved_form = b.api("GET", f"/approvals/forms/{form['id']}")
    assert status == 200 and (saved_form.get("flowId") or "").lower() == flow_id.lower(), saved_form
    return flow


def open_from_inbox(p, number, instance_id):
    p.click(sel("nav-approvals"))
    p.until(lambda: "#/approvals" in p.driver.current_url, "the inbox")
    p.until(lambda: card(p, number), f"{number} is in the To approve box")


def approve(p, instance_id, number, comment, shot):
    """Signed in on the phone: the inbox card → the request → Approve with a comment."""
    open_from_inbox(p, number, instance_id)
    center(p, card(p, number))
    p.shot(f"{shot}-inbox")
    card(p, number).find_element(By.CSS_SELECTOR, sel("approval-card-title")).click()
    p.until(lambda: p.driver.current_url.endswith(f"#/approvals/{instance_id}"), "the request's page")
    p.text_is(sel("approval-number"), number)
    p.click(sel("action-approve"))
    p.visible(sel("approval-dialog", '[data-kind="approve"]'))
    p.type_into(sel("dialog-comment"), comment)
    p.click(sel("dialog-confirm"))
    p.until(lambda: not p.find_all(sel("approval-dialog")), "the dialog closes")
    p.until(lambda: not p.find_all(sel("action-approve")), "nothing left for me to approve")


def test_admin_designs_form_and_flow_then_phones_submit_and_approve():
    tag = uuid.uuid4().hex[:6]
    desk = Browser(1366, 768)
    phone = None
    try:
        sign_in_as(desk, ADMIN)
        form = design_form(desk, tag)
        flow = design_flow(desk, form)
        desk.check_console("designer-end")

        # Nancy, on her phone: Approvals → New request → the form.
        phone = Browser(390, 844)
        sign_in_as(phone, NANCY)
        phone.click(sel("nav-approvals"))
        phone.until(lambda: phone.driver.current_url.endswith("#/approvals"), "the inbox")
        phone.click(sel("approvals-new"))
        option = sel("approvals-form-option", f'[data-id="{form["id"]}"]')
        phone.visible(option)
        center(phone, phone.find(option))
        phone.shot("design-10-new-request")
        phone.click(option)
        phone.text_is(sel("submit-form-name"), form["name"])
        phone.type_into(sel("form-input-reason"), "The old one broke")
        phone.type_into(sel("form-input-item"), f"Laptop {tag}")
        phone.type_into(sel("form-input-amount"), "1500")
        route = sel("submit-route") + " li"
        phone.until(lambda: len(phone.find_all(route)) == 2
                    and "Andrew Fuller" in phone.find_all(route)[0].text
                    and "Steven Buchanan" in phone.find_all(route)[1].text, "Who approves lists Andrew, then Steven")
        assert "Who approves" in phone.find(sel("submit-route")).text
        center(phone, phone.find(sel("submit-route")))
        phone.shot("design-11-submit-route")
        phone.click(sel("submit-request"))
        phone.until(lambda: re.search(rf"#/approvals/{UUID}$", phone.driver.current_url), "the new request's page")
        instance_id = phone.driver.current_url.rsplit("/", 1)[1]
        phone.until(lambda: phone.find(sel("approval-state")).get_attribute("data-state") == "pending", "pending")
        status, instance = phone.api("GET", f"/approvals/instances/{instance_id}")
        assert status == 200, instance
        number = instance["summary"]["number"]
        assert instance["values"]["amount"] == "1500" or instance["values"]["amount"].startswith("1500"), instance["values"]
        assert [p["name"] for p in instance["summary"]["waitingFor"]] == ["Andrew Fuller"], instance["summary"]
        phone.shot("design-12-submitted")

        # Andrew, on the phone: from the inbox, approves; then it waits for Steven.
        sign_in_as(phone, ADMIN)
        approve(phone, instance_id, number, f"OK from me ({tag}).", "design-13-manager")
        phone.until(lambda: phone.find(sel("approval-state")).get_attribute("data-state") == "pending", "still pending")
        phone.until(lambda: "Steven Buchanan" in phone.find(sel("approval-waiting")).text, "now waiting for Steven")
        phone.driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", phone.find(sel("back-link")))
        phone.shot("design-14-manager-approved")

        # The flow as designed, on the phone: Approval flows → the form's row → its flow, branches stacked.
        phone.click(sel("back-link"))
        phone.click(sel("approvals-flows-link"))
        row = sel("form-flow-row", f'[data-form="{form["id"]}"]')
        center(phone, phone.visible(row))
        assert "Version 2" in phone.find(row).text, phone.find(row).text
        phone.find(row).find_element(By.CSS_SELECTOR, sel("form-open-flow")).click()
        phone.until(lambda: phone.driver.current_url.lower().endswith(f"#/approvals/flows/{flow['id']}".lower()), "the designer")
        phone.until(lambda: len(phone.find_all(sel("flow-branch"))) == 2, "the two branches")
        branches = [e.rect for e in phone.find_all(sel("flow-branch"))]
        assert branches[0]["y"] + branches[0]["height"] <= branches[1]["y"] + 1, f"branches stack on a phone: {branches}"
        assert all(r["x"] >= 0 and r["x"] + r["width"] <= phone.width for r in branches), branches
        center(phone, phone.find(sel("flow-branch")))
        phone.shot("design-14b-flow-on-phone")

        # Steven, on the phone: approves; the request is Approved.
        sign_in_as(phone, STEVEN)
        approve(phone, instance_id, number, f"Approved ({tag}).", "design-15-second")
        phone.until(lambda: phone.find(sel("approval-state")).get_attribute("data-state") == "approved", "the request is approved")
        phone.text_is(sel("approval-state"), "Approved")
        steps = {s.get_attribute("data-node"): s.get_attribute("data-state") for s in phone.find_all(sel("approval-step"))}
        branch = next(x for x in flow["definition"]["nodes"][1]["branches"] if not x["isDefault"])
        manager_id, second_id = flow["definition"]["nodes"][0]["id"], branch["nodes"][0]["id"]
        assert steps.get(manager_id) == "approved" and steps.get(second_id) == "approved", steps
        events = [e.text for e in phone.find_all(sel("approval-event", '[data-action="approve"]'))]
        assert any("Andrew Fuller" in e for e in events) and any("Steven Buchanan" in e for e in events), events
        phone.driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", phone.find(sel("back-link")))
        phone.shot("design-16-approved")
        phone.check_console("phones-end")
    except Exception:
        # Evidence of where it stopped (without the console check, which may fail on its own).
        for b in (desk, phone):
            if b:
                SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                b.driver.save_screenshot(str(SCREENSHOTS / f"design-99-failed-{b.size}.png"))
        raise
    finally:
        desk.quit()
        if phone:
            phone.quit()
