"""Issue 9 point 1 in the real browser, the remaining list pages: the employee directory (a tab of
Organisation) and the approval inbox on the shared list, at a phone size (cards) and a desktop
size (a table):

- the directory sorted by hire date (newest first) in the URL, with the tab kept; a search; the CSV
  export holds exactly the shown columns of the shown rows, headers in the reader's language;
- the inbox: three requests of this run sorted by submission both ways, exported as CSV; all three
  selected and approved in one go while one of them was approved meanwhile elsewhere: the result
  says 2 done, 1 refused (already decided), and the tab count follows.

Rerunnable: each run makes its own form and requests (named with a run tag); column choices are
reset first.
"""

import uuid

import pytest
from selenium.webdriver.common.by import By

from test_web import SIZES, BASE_URL, sel
from test_web import browser  # noqa: F401
from test_approvals import ADMIN, NANCY, make_form_with_manager_flow, sign_in_as
from test_lists import cell_texts, fetch_text, rows, settle, sort_by


@pytest.mark.parametrize("browser", SIZES, indirect=True)
def test_employee_directory(browser):
    b = browser
    sign_in_as(b, ADMIN)
    assert b.api("PUT", "/lists/org.employees/columns", {"columns": []})[0] == 200
    b.driver.get(f"{BASE_URL}/#/org?tab=people")
    settle(b, "emp-row")
    b.shot("list-pages-01-directory")

    sort_by(b, "hireDate", descending=True)
    settle(b, "emp-row")
    assert "tab=people" in b.driver.current_url, "the tab stays in the URL"
    _, expected = b.api("GET", "/org/employees?sort=-hireDate&limit=100")
    b.until(lambda: [r.get_attribute("data-id") for r in rows(b, "emp-row")] == [e["id"] for e in expected["items"]],
            "the directory is in hire-date order, newest first")
    b.shot("list-pages-02-directory-by-hire-date")

    # Export CSV: the shown columns, headers in English, every row in the shown order; the tab is not a filter.
    link = b.visible(sel("emp-export")).get_attribute("href")
    assert "tab=" not in link and "sort=-hireDate" in link, link
    text = fetch_text(b, link)
    assert text.startswith("\ufeff"), "UTF-8 with a byte order mark"
    lines = [line for line in text.lstrip("\ufeff").split("\r\n") if line]
    assert lines[0] == "Name,Title,Department,Position,Site,Manager,Hire date", lines[0]
    assert [line.split(",")[0] for line in lines[1:]] == [e["name"] for e in expected["items"]], lines

    # A search narrows it; the row opens the employee.
    b.type_into(sel("emp-search"), "King")
    b.until(lambda: "q=King" in b.driver.current_url, "the search in the URL")
    b.until(lambda: len(b.find_all(sel("emp-link"))) == 1 and "Robert King" in b.find(sel("emp-link")).text, "only Robert King")
    b.shot("list-pages-03-directory-search")
    b.find_all(sel("emp-link"))[0].click()
    b.until(lambda: "#/org/employees/" in b.driver.current_url, "the employee's page")
    b.check_console("list-pages-directory")


@pytest.mark.parametrize("browser", SIZES, indirect=True)
def test_approval_inbox(browser):
    b, tag = browser, uuid.uuid4().hex[:6]
    sign_in_as(b, ADMIN)
    assert b.api("PUT", "/lists/approvals.inbox/columns", {"columns": []})[0] == 200
    form, _ = make_form_with_manager_flow(b, tag)
    sign_in_as(b, NANCY)
    made = []
    for amount in ("10.00", "20.00", "30.00"):
        status, request = b.api("POST", "/approvals/instances", {"formId": form["id"], "values": {"item": f"Pens {tag}", "amount": amount}})
        assert status == 201, request
        made.append(request["summary"])
    numbers = sorted(m["number"] for m in made)
    number_of = {m["id"]: m["number"] for m in made}

    sign_in_as(b, ADMIN)
    b.driver.get(f"{BASE_URL}/#/approvals?q={tag}")
    settle(b, "approval-row")
    b.until(lambda: len(rows(b, "approval-row")) == 3, "this run's three requests wait for Andrew")
    b.shot("list-pages-11-inbox")

    # Oldest first, then newest first (the sort is in the URL; equal instants keep the id order).
    order = [m["id"] for m in made]
    sort_by(b, "submittedAt")
    settle(b, "approval-row")
    b.until(lambda: [r.get_attribute("data-id") for r in rows(b, "approval-row")] == order, "oldest first")
    sort_by(b, "requesterName")
    settle(b, "approval-row")
    sort_by(b, "submittedAt", descending=True)
    settle(b, "approval-row")
    b.until(lambda: [r.get_attribute("data-id") for r in rows(b, "approval-row")] == order[::-1], "newest first")
    b.shot("list-pages-12-inbox-sorted")

    link = b.visible(sel("approval-export")).get_attribute("href")
    text = fetch_text(b, link)
    lines = [line for line in text.lstrip("\ufeff").split("\r\n") if line]
    assert lines[0] == "Request,Summary,Requester,State,Current step,Submitted", lines[0]
    assert len(lines) == 4 and all(",Nancy Davolio,Pending," in line for line in lines[1:]), lines

    # Select all three; meanwhile the middle one is approved elsewhere (its own approve action).
    b.click(sel("list-select-page" if b.phone else "list-select-all"))
    b.text_is(sel("list-selected-count"), "3 selected")
    middle = next(m for m in made if m["number"] == numbers[1])
    _, detail = b.api("GET", f"/approvals/instances/{middle['id']}")
    status, _ = b.api("POST", f"/approvals/tasks/{detail['summary']['myTaskId']}/approve", {"comment": "done elsewhere"})
    assert status == 200
    b.shot("list-pages-13-inbox-selected")
    b.click(sel("list-bulk-approve"))
    result = b.visible(sel("list-bulk-result"))
    b.until(lambda: "2 done, 1 refused" in b.visible(sel("list-bulk-result")).text, "two approved, one refused")
    assert "Already decided" in b.visible(sel("list-bulk-result")).text, result.text
    b.until(lambda: not rows(b, "approval-row") or all(r.get_attribute("data-id") not in number_of for r in rows(b, "approval-row")),
            "the approved requests leave the To approve box")
    b.shot("list-pages-14-inbox-bulk-approved")
    for m in made:
        _, now = b.api("GET", f"/approvals/instances/{m['id']}")
        assert now["summary"]["state"] == "approved", now["summary"]

    # The Approved by me box lists them, as cards on a phone and rows on a desktop.
    b.click(sel("approvals-tab-done"))
    b.until(lambda: "box=done" in b.driver.current_url, "the done box")
    settle(b, "approval-row")
    b.until(lambda: {r.get_attribute("data-id") for r in rows(b, "approval-row")} >= set(number_of), "the three are in Approved by me")
    b.shot("list-pages-15-inbox-done")
    b.check_console("list-pages-inbox")
