"""Leaving the flow designer by the menu takes it away (issue 8 point 7.5).

The designer used to stay rendered under the next page ("TypeError … reading 'indexOf'"): its
method remove(list, node) hid the DOM's Element.remove(), which the renderer calls to take a page
out. Elements may no longer name methods like DOM ones, and the renderer removes children through
their parent.

At 1366x768 and 390x844, the administrator opens Approvals → Approval flows → the general request's
flow (a built-in form's default flow), opens a node for editing, and leaves by a menu item; then
opens the designer again and leaves by another one, and so on (on a phone also through the "More"
sheet). After each: no designer in the document, the new page is shown, and no JS error was logged.
"""

import pytest

from test_web import SIZES, browser, sel  # noqa: F401 (browser: the fixture)
from test_approvals import ADMIN, sign_in_as

# Menu items to leave by: (open "More" first?, the item's data-test).
LEAVE_DESKTOP = [(False, "nav-orders"), (False, "nav-approvals"), (False, "nav-org"), (False, "nav-settings")]
LEAVE_PHONE = [(False, "nav-orders"), (False, "nav-approvals"), (True, "nav-org"), (True, "nav-settings")]
# What each page shows once it is there.
LANDED = {"nav-orders": "af-order-list", "nav-approvals": "af-approval-inbox", "nav-org": "af-org-page", "nav-settings": "af-settings-page"}


def open_designer(b, first):
    """The general request's flow, from the flows page (the first time through the inbox's link)."""
    if first:
        b.click(sel("nav-approvals"))
        b.click(sel("approvals-flows-link"))
    else:
        b.driver.execute_script("location.hash = '#/approvals/flows'")
    status, forms = b.api("GET", "/approvals/forms")
    assert status == 200
    general = next(f for f in forms if f.get("templateKey") == "general")
    row = sel("form-flow-row", f'[data-form="{general["id"]}"]')
    b.visible(row)
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", b.find(row + " " + sel("form-open-flow")))
    b.click(row + " " + sel("form-open-flow"))
    b.until(lambda: "#/approvals/flows/" in b.driver.current_url, "the designer's address")
    node = sel("flow-node", '[data-node="manager"]')
    b.visible(node)
    # An open editor (inputs, pickers, selects) is what the page has most to tear down.
    b.find(node + " " + sel("flow-node-toggle")).click()
    b.visible(sel("flow-node-name"))
    assert len(b.find_all("af-flow-designer")) == 1


@pytest.mark.parametrize("browser", SIZES, indirect=True)
def test_leaving_the_designer_by_the_menu(browser):
    b = browser
    sign_in_as(b, ADMIN)
    for index, (more, item) in enumerate(LEAVE_PHONE if b.phone else LEAVE_DESKTOP):
        open_designer(b, index == 0)
        if index == 0:
            b.shot("designer-leave-01-designer")
        if more:
            b.click(sel("nav-more"))
        b.click(sel(item))
        b.visible(LANDED[item])
        b.until(lambda: not b.find_all("af-flow-designer"), f"the designer is gone after {item}")
        assert not b.find_all(sel("flow-node")), f"no node of the designer is left on the page after {item}"
        b.check_console(f"left the designer by {item}")
    b.shot("designer-leave-02-left")
