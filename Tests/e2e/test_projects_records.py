"""Issue 13 (Projects), a project's risks and issues and its documents, in the real browser at 390x844 and 1366x768.

Andrew (the administrator) makes a project of this run through the API, with Nancy as a member and Janet as a viewer.

Nancy on a 390x844 phone opens its "Risks & issues" tab and adds a risk (high probability, high impact, herself as the
owner, a due day) and an issue (medium severity) from the add form; the risk shows a red level and the issue none of the
probability. She moves the risk to "Mitigating" from its row; the filter chips count open and closed entries. On the
"Documents" tab she uploads a small text file as "Floor plan" with a note, then another file chosen as "New version of
“Floor plan”": the row shows version 2 and its link (read back through fetch), the versions expander lists 2 and 1.

Andrew, on the desktop, edits the issue (its title and state closed) with its version; a save against a stale version is
refused and the list reloads. Janet (a viewer) sees both tabs at both sizes without the add, edit, state and upload
controls, and can still read the files.

Screenshots go where the other tests put theirs (AFIELD_E2E_SCREENSHOTS), prefixed project-records-. Rerunnable against
the same server: every run makes its own project.
"""

import re
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from selenium.webdriver.support.ui import Select

import test_web
from test_web import BASE_URL, Browser, pick, sel, ok
from test_approvals import ADMIN, NANCY, sign_in_as
from test_crm_customers import JANET, tag
from test_crm_contracts import set_date, scroll_to

DESKTOP = (1366, 768)
PHONE = (390, 844)


@pytest.fixture
def expected_errors(monkeypatch):
    monkeypatch.setattr(test_web, "EXPECTED_HTTP_ERRORS", test_web.EXPECTED_HTTP_ERRORS + [
        (re.compile(r"/api/v1/projects/projects/[\w-]+/log/[\w-]+"), 409),  # the save against a stale version, on purpose
        (re.compile(r"/api/v1/projects/projects/[\w-]+/log\b"), 403),  # the viewer's write, refused
        (re.compile(r"/api/v1/(projects|records|org|lists|crm|partners|files)\b"), 401),  # pages left open when the next user signs in
    ])


def same(a, b):
    return (a or "").lower() == (b or "").lower()


def text_file(name, text):
    path = Path(tempfile.mkdtemp()) / name
    path.write_text(text, encoding="utf-8")
    return path


def make_project(b, run):
    people = {e["name"]: e["id"] for e in ok(b.api("GET", "/org/employees?limit=100"))["items"]}
    me = ok(b.api("GET", "/auth/me"))
    today = date.today()
    project = ok(b.api("POST", "/projects/projects", {
        "code": f"REC{run}"[:20], "name": f"Fit-out {run}", "managerId": me["employeeId"],
        "startsOn": (today - timedelta(days=5)).isoformat(), "endsOn": (today + timedelta(days=60)).isoformat(), "status": "active",
        "members": [{"employeeId": people["Nancy Davolio"], "role": "member"}, {"employeeId": people["Janet Leverling"], "role": "viewer"}]}))
    return project, people


def open_tab(b, pid, tab, ready):
    b.driver.get(f"{BASE_URL}/#/projects/{pid}?tab={tab}")
    b.visible(sel("project-detail"))
    b.until(lambda: b.find(sel(f"project-tab-{tab}")).get_attribute("aria-selected") == "true", f"the {tab} tab is open")
    b.visible(sel(ready))
    b.until(lambda: not b.find(sel(ready)).find_elements("css selector", ".spinner"), f"the {tab} tab has loaded")


def row_of(b, test_id, text):
    return next((r for r in b.find_all(sel(test_id)) if text in r.text), None)


def top(b):
    b.driver.execute_script("window.scrollTo(0, 0); document.querySelector('main')?.scrollTo(0, 0)")


def fetch_text(b, href):
    return b.driver.execute_async_script(
        """const [url, done] = arguments;
        fetch(url, {credentials: 'same-origin'}).then(async (r) => done([r.status, await r.text()])).catch((e) => done([0, String(e)]));""", href)


# --------------------------------------------------------------------------- the member's phone

def member_logs_and_uploads(b, run, pid):
    sign_in_as(b, NANCY)
    open_tab(b, pid, "risks", "project-log")
    assert b.find_all(sel("log-empty")), "no entries yet"

    # A risk: high probability, high impact, Nancy's, due in a week.
    due = (date.today() + timedelta(days=7)).isoformat()
    risk = f"Lift too small for the shelves {run}"
    scroll_to(b, sel("log-add")).click()
    b.visible(sel("log-form"))
    assert b.find(sel("log-form-kind-risk")).get_attribute("aria-pressed") == "true", "a risk by default"
    b.type_into(sel("log-form-title"), risk)
    b.type_into(sel("log-form-description"), "The goods lift takes 2 m; the uprights are 2.4 m.")
    Select(b.find(sel("log-form-probability"))).select_by_value("high")
    Select(b.find(sel("log-form-impact"))).select_by_value("high")
    pick(b, "log-owner", "Nancy", "Nancy Davolio")
    set_date(b, sel("log-form-dueOn"), due)
    b.shot("project-records-01-risk-form")
    scroll_to(b, sel("log-form-save")).click()
    b.until(lambda: row_of(b, "log-row", risk), "the risk is listed")
    assert not b.find_all(sel("log-form")), "the form closes"

    # An issue: no probability, its impact is its severity.
    issue = f"Dock door jammed {run}"
    scroll_to(b, sel("log-add")).click()
    b.click(sel("log-form-kind-issue"))
    b.until(lambda: not b.find_all(sel("log-form-probability")), "an issue has no probability")
    b.type_into(sel("log-form-title"), issue)
    scroll_to(b, sel("log-form-save")).click()
    b.until(lambda: row_of(b, "log-row", issue), "the issue is listed")

    entries = ok(b.api("GET", f"/projects/projects/{pid}/log"))
    r = next(e for e in entries if e["title"] == risk)
    i = next(e for e in entries if e["title"] == issue)
    assert (r["kind"], r["probability"], r["impact"], r["state"], r["dueOn"], r["ownerName"]) == ("risk", "high", "high", "open", due, "Nancy Davolio"), r
    assert (i["kind"], i.get("probability"), i["impact"], i["state"]) == ("issue", None, "medium", "open"), i

    row = row_of(b, "log-row", risk)
    assert row.get_attribute("data-kind") == "risk"
    assert row.find_element("css selector", sel("log-level")).get_attribute("data-level") == "high"
    assert "Nancy Davolio" in row.find_element("css selector", sel("log-owner-name")).text
    assert due in row.find_element("css selector", sel("log-due")).text
    irow = row_of(b, "log-row", issue)
    assert irow.get_attribute("data-kind") == "issue"
    assert irow.find_element("css selector", sel("log-level")).get_attribute("data-level") == "medium"
    assert irow.find_element("css selector", sel("log-kind")).text.strip() == "Issue"

    # The risk moves to mitigating from its row.
    state = row.find_element("css selector", sel("log-state"))
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", state)
    Select(state).select_by_value("mitigating")
    b.until(lambda: (r_ := row_of(b, "log-row", risk)) and r_.get_attribute("data-state") == "mitigating", "the risk is mitigating")
    assert next(e for e in ok(b.api("GET", f"/projects/projects/{pid}/log")) if e["title"] == risk)["state"] == "mitigating"

    # Filters: both are open (mitigating counts as open), none closed.
    scroll_to(b, sel("log-filter-closed")).click()
    b.until(lambda: not b.find_all(sel("log-row")) and b.find_all(sel("log-empty")), "nothing closed")
    b.click(sel("log-filter-open"))
    b.until(lambda: len(b.find_all(sel("log-row"))) == 2, "two open entries")
    b.click(sel("log-filter-all"))
    top(b)
    b.shot("project-records-02-risks")

    # Documents: "Floor plan" from a first file with a note, then a second file as its new version.
    open_tab(b, pid, "documents", "project-documents")
    assert b.find_all(sel("docs-empty"))
    b.click(sel("doc-upload"))
    b.find(sel("doc-file")).send_keys(str(text_file("plan-a.txt", f"Floor plan, draft {run}\n")))
    b.type_into(sel("doc-name-input"), "Floor plan")
    b.type_into(sel("doc-note-input"), "First draft")
    scroll_to(b, sel("doc-save")).click()
    b.until(lambda: b.find_all(sel("doc-row", '[data-name="Floor plan"]')), "the document is listed")
    doc = b.find(sel("doc-row", '[data-name="Floor plan"]'))
    assert doc.get_attribute("data-version") == "1"
    assert "plan-a.txt" in doc.find_element("css selector", sel("doc-link")).text
    assert "First draft" in doc.find_element("css selector", sel("doc-note")).text
    assert "Nancy Davolio" in doc.find_element("css selector", sel("doc-by")).text

    b.click(sel("doc-upload"))
    b.find(sel("doc-file")).send_keys(str(text_file("plan-b.txt", f"Floor plan, final {run}\n")))
    Select(b.find(sel("doc-target"))).select_by_value("Floor plan")
    b.until(lambda: not b.find_all(sel("doc-name-input")), "no name for a new version")
    assert "version 2" in b.find(sel("doc-hint")).text
    b.type_into(sel("doc-note-input"), "Racks moved")
    b.shot("project-records-03-new-version")
    scroll_to(b, sel("doc-save")).click()
    b.until(lambda: b.find(sel("doc-row", '[data-name="Floor plan"]')).get_attribute("data-version") == "2", "version 2 is the latest")
    doc = b.find(sel("doc-row", '[data-name="Floor plan"]'))
    link = doc.find_element("css selector", sel("doc-link"))
    assert "plan-b.txt" in link.text and "v2" in doc.find_element("css selector", sel("doc-version")).text
    status, body = fetch_text(b, link.get_attribute("href"))
    assert status == 200 and f"final {run}" in body, (status, body)
    toggle = doc.find_element("css selector", sel("doc-versions-toggle"))
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", toggle)
    toggle.click()
    b.until(lambda: [v.get_attribute("data-version") for v in b.find_all(sel("doc-version-row"))] == ["2", "1"], "versions 2 and 1")
    old = b.find(sel("doc-version-row", '[data-version="1"]')).find_element("css selector", sel("doc-version-link"))
    status, body = fetch_text(b, old.get_attribute("href"))
    assert status == 200 and f"draft {run}" in body, (status, body)
    docs = ok(b.api("GET", f"/projects/projects/{pid}/documents"))
    plan = next(d for d in docs if d["name"] == "Floor plan")
    assert [v["version"] for v in plan["versions"]] == [2, 1] and [v["note"] for v in plan["versions"]] == ["Racks moved", "First draft"], plan
    top(b)
    b.shot("project-records-04-documents")
    b.check_console("project-records-member")
    return risk, issue


# --------------------------------------------------------------------------- the manager's desktop

def manager_edits(b, pid, issue):
    open_tab(b, pid, "risks", "project-log")
    row = b.until(lambda: row_of(b, "log-row", issue), "the issue is listed")
    entry = next(e for e in ok(b.api("GET", f"/projects/projects/{pid}/log")) if e["title"] == issue)
    # Someone else changes it meanwhile: the first save is refused and the list shows it as it is now.
    ok(b.api("PATCH", f"/projects/projects/{pid}/log/{entry['id']}", {"version": entry["version"], "impact": "high"}))
    row.find_element("css selector", sel("log-edit")).click()
    b.visible(sel("log-form"))
    b.shot("project-records-05-edit-form")
    b.type_into(sel("log-form-title"), issue + " (fixed)")
    Select(b.find(sel("log-form-state"))).select_by_value("closed")
    b.click(sel("log-form-save"))
    b.visible(sel("log-error"))
    b.until(lambda: not b.find_all(sel("log-form")) and (r := row_of(b, "log-row", issue))
            and r.find_element("css selector", sel("log-level")).get_attribute("data-level") == "high", "the list shows the other change")
    b.shot("project-records-05b-stale")
    row_of(b, "log-row", issue).find_element("css selector", sel("log-edit")).click()
    b.type_into(sel("log-form-title"), issue + " (fixed)")
    Select(b.find(sel("log-form-state"))).select_by_value("closed")
    b.click(sel("log-form-save"))
    b.until(lambda: (r := row_of(b, "log-row", issue + " (fixed)")) and r.get_attribute("data-state") == "closed", "the issue is closed")
    saved = next(e for e in ok(b.api("GET", f"/projects/projects/{pid}/log")) if e["id"] == entry["id"])
    assert saved["state"] == "closed" and saved["impact"] == "high" and saved["version"] == entry["version"] + 2, saved
    b.click(sel("log-filter-closed"))
    b.until(lambda: len(b.find_all(sel("log-row"))) == 1, "one closed entry")
    b.click(sel("log-filter-all"))
    b.shot("project-records-06-risks-desktop")
    open_tab(b, pid, "documents", "project-documents")
    b.click(sel("doc-versions-toggle"))
    b.until(lambda: len(b.find_all(sel("doc-version-row"))) == 2, "versions shown")
    b.shot("project-records-07-documents-desktop")
    b.check_console("project-records-manager")


# --------------------------------------------------------------------------- the viewer

def viewer_reads(b, pid, risk):
    sign_in_as(b, JANET)
    open_tab(b, pid, "risks", "project-log")
    b.until(lambda: len(b.find_all(sel("log-row"))) == 2, "both entries")
    for control in ("log-add", "log-edit", "log-state", "log-form"):
        assert not b.find_all(sel(control)), f"a viewer gets no {control}"
    assert row_of(b, "log-row", risk).find_element("css selector", sel("log-state-badge")).text.strip() == "Mitigating"
    b.shot("project-records-08-viewer-risks")
    open_tab(b, pid, "documents", "project-documents")
    b.until(lambda: b.find_all(sel("doc-row", '[data-name="Floor plan"]')), "the document")
    for control in ("doc-upload", "doc-new-version", "doc-form"):
        assert not b.find_all(sel(control)), f"a viewer gets no {control}"
    status, body = fetch_text(b, b.find(sel("doc-link")).get_attribute("href"))
    assert status == 200 and "final" in body, (status, body)
    b.shot("project-records-09-viewer-documents")
    # The server agrees: a viewer's write is refused.
    status, answer = b.api("POST", f"/projects/projects/{pid}/log", {"kind": "issue", "title": "Not mine to log"})
    assert status == 403 and answer["error"]["code"] == "projects.project.viewer", answer
    b.check_console("project-records-viewer")


def test_project_risks_issues_and_documents(expected_errors):
    run = tag()
    desk = Browser(*DESKTOP)
    try:
        sign_in_as(desk, ADMIN)
        project, _ = make_project(desk, run)
    finally:
        desk.quit()
    pid = project["id"]

    phone = Browser(*PHONE)
    try:
        risk, issue = member_logs_and_uploads(phone, run, pid)
        viewer_reads(phone, pid, risk)
    finally:
        phone.quit()

    desk = Browser(*DESKTOP)
    try:
        sign_in_as(desk, ADMIN)
        manager_edits(desk, pid, issue)
        viewer_reads(desk, pid, risk)
    finally:
        desk.quit()
