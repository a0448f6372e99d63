"""Projects: timesheets (工时) and budget against actual cost, in the real browser.

Andrew Fuller (the administrator, Nancy's manager) on a 1366x768 desktop sets Nancy's hourly cost to 45.50 on her employee
page (beside the salary, among the sensitive fields), writes a project with a labour budget of 1,000 and an expenses
budget of 500 and Nancy as a member, and gives her a task in it (through the API).

Nancy on a 390x844 phone opens the task, taps "Log time" (estimated against spent hours are shown) and logs 7.5 hours
today on it: the form comes with the task chosen and today's day (too many hours are refused at the hours field before
asking the server); the week's total is shown. On #/timesheet her week shows the line under today, the day's and the
week's totals; a day after today cannot be tapped. From today's cell she books hours to the project itself (the project
picker): 20 more hours are refused by the server at the hours field (a day holds 24), 1 h is saved, edited to 2 h and
deleted. She submits the week (state: submitted, a link to the approval).
She files an expense claim with one line of 420.00 booked to the project through the line's project picker; the claim
shows the project.

Andrew approves both from his approvals inbox (the timesheet's request shows the week's lines). The project's Budget tab then reads labour 341.25 of 1,000.00 (34 %),
expenses 420.00 of 500.00 with the amber "80 %+" warning, and 7.5 approved hours; the bar chart has a bar pair per
cost kind with the 80 % tick. Nancy, who may not read costs, sees no Budget tab. The week and the Budget tab read in 中文 without untranslated keys.

Rerunnable against the same server: every run makes its own project and task; when Nancy's week was already submitted
or approved by an earlier run, she logs on the same weekday of the latest earlier week still open.
Screenshots at both sizes go where the other tests put theirs (AFIELD_E2E_SCREENSHOTS), prefixed projects-time-.
"""

import re
from datetime import date, datetime, timedelta

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import test_web
from test_web import BASE_URL, COMPANY_TZ, Browser, pick, sel, switch_language
from test_approvals import ADMIN, NANCY, sign_in_as
from test_attendance import Api
from test_crm_customers import tag, wait_toast
from test_crm_contracts import set_date, scroll_to
from test_projects import current_id, same, wait_api

RAW_KEY = re.compile(r"\b(?:projects|approvals|expenses|org|nav|common)\.[a-z_]+\.?[\w.]*")
DESKTOP = (1366, 768)
PHONE = (390, 844)


@pytest.fixture
def expected_errors(monkeypatch):
    monkeypatch.setattr(test_web, "EXPECTED_HTTP_ERRORS", test_web.EXPECTED_HTTP_ERRORS + [
        (re.compile(r"/api/v1/(projects|records|org|lists|crm|partners|expenses)\b"), 401),  # pages left open when the next user signs in
        (re.compile(r"/api/v1/projects/timesheet-entries\b"), 422),  # a day past 24 hours, on purpose
    ])


def company_today():
    return datetime.now(COMPANY_TZ).date()


def no_overflow(b, what):
    wide = b.driver.execute_script("return document.documentElement.scrollWidth > window.innerWidth + 1")
    assert not wide, f"[{b.size}] {what} is wider than the screen"


def open_day(nancy):
    """Today, or the same weekday of the latest earlier week still open with room on that day (an earlier run may have
    submitted this one)."""
    day = company_today()
    for _ in range(20):
        status, sheet = nancy.call("GET", f"/projects/timesheets/mine?week={day.isoformat()}")
        assert status == 200, sheet
        if sheet["state"] == "submitted":
            status, sheet = nancy.call("POST", f"/projects/timesheets/{sheet['id']}/withdraw", {"version": sheet["version"]})
            assert status == 200, sheet
        # Room for this run's 7.5 + 2 hours on the day (a stopped earlier run may have left some).
        if sheet["state"] == "open" and float(sheet["dayTotals"][day.weekday()]) <= 12:
            return day, sheet
        day -= timedelta(days=7)
    raise AssertionError("no open week for Nancy in twenty weeks")


def money(value):
    return f"${value}"


# --------------------------------------------------------------------------- Andrew: cost, project, task

def set_hourly_cost(b, nancy_id):
    b.driver.get(f"{BASE_URL}/#/org/employees/{nancy_id}")
    b.text_is(sel("employee-name"), "Nancy Davolio")
    b.click(sel("employee-edit"))
    b.visible(sel("employee-form"))
    field = scroll_to(b, sel("employee-form-hourlyCost"))
    assert field.location["y"] >= b.find(sel("employee-form-salary")).location["y"] - 80, "the hourly cost sits beside the salary"
    b.type_into(sel("employee-form-hourlyCost"), "45.50")
    b.shot("projects-time-01-hourly-cost")
    scroll_to(b, sel("employee-form-save")).click()
    b.until(lambda: not b.find_all(sel("employee-form")), "the form closes")
    b.until(lambda: "45.50" in b.find(sel("emp-sensitive-hourlyCost")).text, "the hourly cost is shown")
    status, employee = b.api("GET", f"/org/employees/{nancy_id}")
    assert employee["sensitive"]["hourlyCost"] == "45.50", employee["sensitive"]


def create_project(b, run):
    today = company_today()
    b.driver.get(f"{BASE_URL}/#/projects/new")
    b.visible(sel("project-form"))
    b.type_into(sel("project-form-name"), f"Shop fit-out {run}")
    set_date(b, sel("project-form-startsOn"), (today - timedelta(days=30)).isoformat())
    set_date(b, sel("project-form-endsOn"), (today + timedelta(days=30)).isoformat())
    scroll_to(b, sel("member-add")).click()
    b.until(lambda: len(b.find_all(sel("member-row"))) == 1, "a member row")
    pick(b, "member-picker", "Nancy", "Nancy Davolio")
    b.type_into(sel("project-form-budget-labour"), "1000")
    b.type_into(sel("project-form-budget-expenses"), "500")
    scroll_to(b, sel("project-form-save")).click()
    b.until(lambda: current_id(b, "projects"), "the new project's page")
    b.visible(sel("project-detail"))
    status, project = b.api("GET", f"/projects/projects/{current_id(b, 'projects')}")
    assert status == 200 and project["budget"]["labour"] == "1000.00" and project["budget"]["expenses"] == "500.00", project
    # Nothing spent yet: the Budget tab shows the budget against nothing.
    b.click(sel("project-tab-budget"))
    b.visible(sel("cost-table"))
    row = sel("cost-row", '[data-kind="labour"]')
    b.text_is(f"{row} {sel('budget-labour')}", "$1,000.00")
    b.text_is(f"{row} {sel('cost-actual')}", "$0.00")
    return project


# --------------------------------------------------------------------------- Nancy: hours, week, claim

def log_time_on_task(b, task, day, before_total):
    b.driver.get(f"{BASE_URL}/#/tasks/{task['id']}")
    b.text_is(sel("task-title-heading"), task["title"])
    b.visible(sel("task-time"))
    b.text_is(sel("task-time-estimated"), "4 h")
    b.click(sel("task-log-time"))
    b.visible(sel("time-form"))
    b.until(lambda: same(b.find(sel("time-form-task")).get_attribute("value"), task["id"]), "the form comes with the task chosen")
    assert b.find(sel("time-form-day")).get_attribute("value") == company_today().isoformat(), "today by default"
    if day != company_today():
        set_date(b, sel("time-form-day"), day.isoformat())
    # Too many hours are refused at the field before asking the server.
    b.type_into(sel("time-form-hours"), "30")
    b.click(sel("time-form-save"))
    b.visible(sel("field-error", '[data-field="hours"]'))
    # A quick chip, then the exact figure typed.
    b.click(sel("time-hours-chip", '[data-hours="8"]'))
    assert b.find(sel("time-form-hours")).get_attribute("value") == "8"
    assert b.find(sel("time-hours-chip", '[data-hours="8"]')).get_attribute("aria-pressed") == "true"
    b.type_into(sel("time-form-hours"), "7.5")
    b.type_into(sel("time-form-note"), "Measured the shop floor")
    no_overflow(b, "the task's log time form")
    b.shot("projects-time-02-log-on-task")
    b.click(sel("time-form-save"))
    total = before_total + 7.5
    b.until(lambda: b.find_all(sel("task-week-total")) and f"{total:g} h" in b.find(sel("task-week-total")).text,
            "the week's total is shown on the task")
    wait_toast(b, "Hours logged")
    b.shot("projects-time-03-logged")
    return total


def extra_line(b, day, total, project, run):
    """A line booked to the project (not a task) from the day's cell: more than the day holds is refused by the server at
    the hours field; 1 h is saved, changed to 2 h, then deleted."""
    b.click(sel("day-cell", f'[data-day="{day.isoformat()}"]'))
    b.visible(sel("time-form"))
    assert b.find(sel("time-form-day")).get_attribute("value") == day.isoformat(), "the tapped day"
    b.click(sel("time-form-target-project"))
    pick(b, "time-form-project", run, f"{project['code']} {project['name']}")
    b.type_into(sel("time-form-hours"), "20")
    scroll_to(b, sel("time-form-save")).click()
    error = b.visible(sel("field-error", '[data-field="hours"]'))
    assert "a day holds 24" in error.text, error.text
    b.shot("projects-time-04a-day-full")
    scroll_to(b, sel("time-hours-chip", '[data-hours="1"]')).click()
    scroll_to(b, sel("time-form-save")).click()
    b.text_is(sel("week-total"), f"{total + 1:g} h")
    scroll_to(b, sel("time-form-cancel")).click()
    line = lambda: next((l for l in b.find_all(sel("time-line")) if "Project work" in l.text), None)
    b.until(line, "the project's line is listed")
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", line())
    line().find_element(By.CSS_SELECTOR, sel("time-line-edit")).click()
    b.visible(sel("time-form"))
    assert b.find(sel("time-form-hours")).get_attribute("value") == "1"
    b.type_into(sel("time-form-hours"), "2")
    scroll_to(b, sel("time-form-save")).click()
    b.until(lambda: not b.find_all(sel("time-form")), "the edit form closes")
    b.until(lambda: line() and "2 h" in line().find_element(By.CSS_SELECTOR, sel("time-line-hours")).text, "the line now reads 2 h")
    b.text_is(sel("week-total"), f"{total + 2:g} h")
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", line())
    line().find_element(By.CSS_SELECTOR, sel("time-line-delete")).click()
    b.until(lambda: b.driver.switch_to.alert, "the confirmation")
    b.driver.switch_to.alert.accept()
    b.until(lambda: not line(), "the line is gone")
    b.text_is(sel("week-total"), f"{total:g} h")


def week_and_submit(b, day, total, project, run):
    if day == company_today():
        b.nav("timesheet")
    else:
        monday = day - timedelta(days=day.weekday())
        b.driver.get(f"{BASE_URL}/#/timesheet?week={monday.isoformat()}")
    b.visible(sel("timesheet-page"))
    b.text_is(sel("week-total"), f"{total:g} h")
    cell = sel("day-cell", f'[data-day="{day.isoformat()}"]')
    b.until(lambda: float(b.find(f"{cell} {sel('day-total')}").text) >= 7.5, "the day's total")
    group = sel("day-group", f'[data-day="{day.isoformat()}"]')
    b.until(lambda: any("7.5 h" in l.text and "Measured the shop floor" in l.text for l in b.find_all(f"{group} {sel('time-line')}")),
            "the line is listed under its day")
    # A day after today cannot be picked.
    tomorrow = (company_today() + timedelta(days=1)).isoformat()
    for c in b.find_all(sel("day-cell", f'[data-day="{tomorrow}"]')):
        assert not c.is_enabled(), "a day after today is not offered"
    b.text_is(sel("timesheet-state"), "Open")
    no_overflow(b, "the timesheet")
    b.shot("projects-time-04-week")
    extra_line(b, day, total, project, run)
    b.click(sel("timesheet-submit"))
    b.until(lambda: b.find(sel("timesheet-state")).get_attribute("data-state") in ("submitted", "approved"), "the week is submitted")
    assert not b.find_all(sel("time-line-edit")), "a submitted week is no longer changed"
    b.visible(sel("timesheet-approval"))
    b.shot("projects-time-05-submitted")
    status, sheet = b.api("GET", f"/projects/timesheets/mine?week={day.isoformat()}")
    assert sheet["state"] in ("submitted", "approved") and sheet["approvalId"], sheet
    return sheet


def file_claim(b, project, run, transport_id):
    b.driver.get(f"{BASE_URL}/#/expenses/new")
    b.visible(sel("claim-form"))
    b.type_into(sel("claim-title-input"), f"Fit-out materials {run}")
    b.type_into(sel("line-amount"), "420.00")
    b.driver.execute_script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
                            b.find(sel("line-category")), transport_id)
    scroll_to(b, sel("line-project"))
    pick(b, "line-project", run, f"{project['code']} {project['name']}")
    no_overflow(b, "the claim form")
    b.shot("projects-time-06-claim-project")
    b.until(lambda: not b.find_all(sel("toast")), "the toast goes away")
    scroll_to(b, sel("claim-save")).click()
    b.until(lambda: re.search(r"#/expenses/[0-9A-Fa-f-]{36}", b.driver.current_url), "the draft gets its own page")
    b.visible(sel("claim-page") + " " + sel("claim-state", '[data-state="draft"]'))
    b.until(lambda: b.find(sel("line-project")).get_attribute("value") == f"{project['code']} {project['name']}", "the draft keeps the project")
    b.until(lambda: not b.find_all(sel("toast")), "the toast goes away")
    scroll_to(b, sel("claim-submit")).click()
    b.visible(sel("claim-view"))
    b.until(lambda: project["name"] in b.find(sel("claim-view-project")).text, "the claim shows the project")
    b.shot("projects-time-07-claim-sent")
    claim_id = re.search(r"#/expenses/([0-9A-Fa-f-]{36})", b.driver.current_url).group(1)
    status, claim = b.api("GET", f"/expenses/claims/{claim_id}")
    assert status == 200 and same(claim["lines"][0]["projectID"], project["id"]), claim
    return claim


# --------------------------------------------------------------------------- Andrew: approvals, budget

def approve_in_inbox(b, approval_id, what, line=None):
    b.driver.get(f"{BASE_URL}/#/approvals")
    b.until(lambda: any(approval_id.lower() in (a.get_attribute("href") or "").lower()
                        for a in b.find_all(sel("approval-row") + " a")), f"{what} is in the inbox")
    link = next(a for a in b.find_all(sel("approval-row") + " a") if approval_id.lower() in (a.get_attribute("href") or "").lower())
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    b.until(lambda: approval_id.lower() in b.driver.current_url.lower(), f"{what}'s request page")
    b.until(lambda: b.find(sel("approval-state")).get_attribute("data-state") == "pending", "pending")
    if line:
        # The timesheet's lines are shown to the manager (GET /projects/timesheets/{id}).
        b.until(lambda: any(line in e.text and "7.5 h" in e.text for e in b.find_all(sel("approval-timesheet-line"))), "the week's lines")
        b.shot("projects-time-08a-timesheet-approval")
    b.click(sel("action-approve"))
    b.visible(sel("approval-dialog", '[data-kind="approve"]'))
    b.click(sel("dialog-confirm"))
    b.until(lambda: b.find(sel("approval-state")).get_attribute("data-state") == "approved", f"{what} is approved")


def check_budget(b, project, with_expenses):
    b.driver.get(f"{BASE_URL}/#/projects/{project['id']}?tab=budget")
    b.visible(sel("cost-table"))
    labour = sel("cost-row", '[data-kind="labour"]')
    b.text_is(f"{labour} {sel('cost-actual')}", "$341.25")
    b.text_is(f"{labour} {sel('budget-labour')}", "$1,000.00")
    b.text_is(f"{labour} {sel('cost-percent')}", "34%")
    b.text_is(f"{labour} {sel('cost-remaining')}", "$658.75")
    assert b.find(labour).get_attribute("data-warning") == "none"
    b.text_is(sel("cost-approved-hours"), "7.5 h")
    expenses = sel("cost-row", '[data-kind="expenses"]')
    if with_expenses:
        b.text_is(f"{expenses} {sel('cost-actual')}", "$420.00")
        b.text_is(f"{expenses} {sel('cost-percent')}", "84%")
        assert b.find(expenses).get_attribute("data-warning") == "near"
        badge = b.find(f"{expenses} {sel('cost-warning')}")
        assert badge.get_attribute("data-warning") == "near" and "80" in badge.text and "badge-warning" in badge.get_attribute("class")
        b.text_is(f"{sel('cost-row', '[data-kind=total]')} {sel('cost-actual')}", "$761.25")
    # A bar pair per cost kind, the 80 % tick on those with a budget.
    bars = b.find_all(sel("cost-bar"))
    assert [e.get_attribute("data-kind") for e in bars] == ["labour", "expenses", "purchases", "other"]
    assert len(bars[0].find_elements(By.CSS_SELECTOR, "line.pj-cost-tick")) == 1
    assert not bars[2].find_elements(By.CSS_SELECTOR, "line.pj-cost-tick"), "no tick without a budget"
    actual = bars[0].find_elements(By.CSS_SELECTOR, "rect.pj-cost-actual")[0]
    budget = bars[0].find_elements(By.CSS_SELECTOR, "rect.pj-cost-budget")[0]
    assert abs(float(actual.get_attribute("width")) / float(budget.get_attribute("width")) - 0.34125) < 0.001
    no_overflow(b, "the Budget tab")


def test_hours_and_a_claim_costed_against_the_budget(expected_errors):
    run = tag()
    admin, nancy = Api(ADMIN), Api(NANCY)
    nancy_id = nancy.me["employeeId"]
    day, sheet = open_day(nancy)
    before_total = float(sheet["totalHours"])
    transport = next(c for c in admin.call("GET", "/expenses/categories")[1] if c["key"] == "transport")

    desk = Browser(*DESKTOP)
    try:
        sign_in_as(desk, ADMIN)
        set_hourly_cost(desk, nancy_id)
        project = create_project(desk, run)
        status, task = desk.api("POST", "/projects/tasks", {"title": f"Measure the floor {run}", "projectId": project["id"],
                                                            "assigneeId": nancy_id, "estimatedHours": "4"})
        assert status == 201, task
    finally:
        desk.quit()

    phone = Browser(*PHONE)
    try:
        sign_in_as(phone, NANCY)
        total = log_time_on_task(phone, task, day, before_total)
        sheet = week_and_submit(phone, day, total, project, run)
        claim = file_claim(phone, project, run, transport["id"])
        # Nancy may not read costs: her project page has no Budget tab.
        phone.driver.get(f"{BASE_URL}/#/projects/{project['id']}")
        phone.visible(sel("project-detail"))
        assert not phone.find_all(sel("project-tab-budget"))
        phone.check_console("projects-time-nancy")
    finally:
        phone.quit()

    desk = Browser(*DESKTOP)
    try:
        sign_in_as(desk, ADMIN)
        if sheet["state"] == "submitted":
            approve_in_inbox(desk, sheet["approvalId"], "the timesheet", line=task["title"])
            desk.shot("projects-time-08-timesheet-approved")
        wait_api(desk, f"/projects/projects/{project['id']}/costs", lambda c: c["lines"][0]["actual"] == "341.25", "labour is costed")
        check_budget(desk, project, with_expenses=False)
        if claim["state"] == "pending":
            approve_in_inbox(desk, claim["approvalID"], "the claim")
        wait_api(desk, f"/projects/projects/{project['id']}/costs", lambda c: c["lines"][1]["actual"] == "420.00", "the claim is costed")
        check_budget(desk, project, with_expenses=True)
        desk.shot("projects-time-09-budget")
    finally:
        desk.quit()

    # The Budget tab on a phone (Andrew's).
    phone = Browser(*PHONE)
    try:
        sign_in_as(phone, ADMIN)
        check_budget(phone, project, with_expenses=True)
        phone.shot("projects-time-09-budget")
        phone.driver.get(f"{BASE_URL}/#/timesheet")
        phone.visible(sel("timesheet-page"))
        phone.shot("projects-time-10-own-week")
        # In Chinese: no untranslated key on the week nor on the Budget tab.
        switch_language(phone, "zh-CN")
        phone.until(lambda: "工时" in phone.find("main").text and "本周合计" in phone.find("main").text, "the timesheet in Chinese")
        assert not RAW_KEY.search(phone.find("main").text), RAW_KEY.search(phone.find("main").text)
        phone.shot("projects-time-11-week-zh")
        phone.driver.get(f"{BASE_URL}/#/projects/{project['id']}?tab=budget")
        phone.until(lambda: "已达 80%" in phone.find("main").text, "the Budget tab in Chinese")
        assert not RAW_KEY.search(phone.find("main").text), RAW_KEY.search(phone.find("main").text)
        phone.shot("projects-time-12-budget-zh")
        switch_language(phone, "en")
    finally:
        phone.quit()
