"""Issue 13 (Projects), the project reports page (#/projects/reports) and the task import page (#/tasks/import), in the
real browser at 1366x768 and 390x844.

Andrew (the administrator) makes a project of this run through the API — Nancy and Robert as members, a milestone, a task
of Nancy's three days overdue and one of hers due next week with estimated hours — then opens "Project reports" from the
menu. The status tab shows the health counts (as the API's) and the project's row with its health, progress, next
milestone and overdue count; the workload tab shows the heat map (a table on a phone) with Nancy's hours in next week's
cell; the overdue tab shows the bars and Nancy's row; the budget tab shows the project's budget. Each tab's CSV link is
read through fetch in the page and its header line checked.

Then, from the project's Tasks tab ("Import tasks", ?project=<id>), he uploads a GB18030 CSV written by the test
(标题,负责人,截止日期) whose third row names nobody known. The preview says GB18030, the comma and the header row, and lists
the problem at row 3 under the assignee; Import is disabled. He maps the assignee column to "Ignore": the preview is
clean, he imports and sees the three tasks created; importing the same file again creates none and says three unchanged.

Screenshots at both sizes go where the other tests put theirs (AFIELD_E2E_SCREENSHOTS), prefixed project-reports- and
task-import-. Rerunnable against the same server: every run makes its own project and its own file.
"""

import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_web import Browser, sel, ok
from test_approvals import ADMIN, sign_in_as
from test_crm_customers import tag

DESKTOP = (1366, 768)
PHONE = (390, 844)


@pytest.fixture
def browser(request):
    width, height = request.param
    b = Browser(width, height)
    yield b
    b.quit()


def same(a, b):
    return (a or "").lower() == (b or "").lower()


def make_project(b, run):
    people = {e["name"]: e["id"] for e in ok(b.api("GET", "/org/employees?limit=100"))["items"]}
    me = ok(b.api("GET", "/auth/me"))
    today = date.today()
    project = ok(b.api("POST", "/projects/projects", {
        "code": f"RPT{run}"[:20], "name": f"Reports {run}", "managerId": me["employeeId"],
        "startsOn": (today - timedelta(days=20)).isoformat(), "endsOn": (today + timedelta(days=60)).isoformat(), "status": "active",
        "budget": {"labour": "1000", "expenses": "500"},
        "members": [{"employeeId": people["Nancy Davolio"], "role": "member"}, {"employeeId": people["Robert King"], "role": "member"}]}))
    ok(b.api("POST", f"/projects/projects/{project['id']}/milestones", {"name": f"Beta {run}", "dueOn": (today + timedelta(days=30)).isoformat()}))
    for title, days, hours in ((f"Late survey {run}", -3, "2"), (f"Next week drawing {run}", 8, "6.5")):
        ok(b.api("POST", "/projects/tasks", {"title": title, "projectId": project["id"], "assigneeId": people["Nancy Davolio"],
                                             "dueAt": f"{(today + timedelta(days=days)).isoformat()}T18:00:00Z", "estimatedHours": hours}))
    return project, people


def csv_header(b, link):
    """The CSV behind a link, read through fetch in the page: its status, content type and first line."""
    href = link.get_attribute("href")
    status, kind, text = b.driver.execute_async_script(
        """const [url, done] = arguments;
        fetch(url, {credentials: 'same-origin'}).then(async (r) => done([r.status, r.headers.get('content-type'), await r.text()]))
          .catch((e) => done([0, '', String(e)]));""", href)
    assert status == 200 and (kind or "").startswith("text/csv"), (href, status, kind, text[:200])
    return text.lstrip("\ufeff").splitlines()[0], text


def open_tab(b, name):
    tab = b.find(sel(f"pr-tab-{name}"))
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", tab)
    tab.click()
    b.until(lambda: b.find_all(sel("pr-section", f'[data-report="{name}"]'))
            and not b.find(sel("pr-section", f'[data-report="{name}"]')).find_elements(By.CSS_SELECTOR, ".spinner"), f"the {name} tab loads")
    assert not b.find_all(sel("pr-error")), [e.text for e in b.find_all(sel("pr-error"))]
    return b.find(sel("pr-section", f'[data-report="{name}"]'))


def top(b, element):
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'start'}); document.querySelector('main')?.scrollBy(0, -70); window.scrollBy(0, -70)", element)


@pytest.mark.parametrize("browser", [PHONE, DESKTOP], indirect=True)
def test_project_reports_and_task_import(browser, tmp_path):
    b = browser
    run = tag()
    sign_in_as(b, ADMIN)
    project, people = make_project(b, run)
    nancy = people["Nancy Davolio"]

    # ---- Status: the health counts and this run's project.
    b.nav("projects_reports")
    b.visible(sel("project-reports"))
    b.until(lambda: b.driver.current_url.endswith("#/projects/reports"), "the reports page")
    section = open_tab(b, "status")
    status = ok(b.api("GET", "/projects/reports/status"))
    for health in ("late", "at_risk", "on_track"):
        count = b.find(sel("pr-health-count", f'[data-health="{health}"]'))
        assert int(count.find_element(By.TAG_NAME, "strong").text) == status["counts"].get(health, 0), (health, count.text)
    row = next(r for r in b.find_all(sel("pr-status-row")) if same(r.get_attribute("data-project-id"), project["id"]))
    mine = next(r for r in status["rows"] if same(r["projectId"], project["id"]))
    assert mine["overdue"] == 1 and mine["nextMilestone"] == f"Beta {run}", mine
    assert row.find_element(By.CSS_SELECTOR, sel("pr-status-health")).get_attribute("data-health") == mine["health"]
    assert row.find_element(By.CSS_SELECTOR, sel("pr-status-overdue")).text == "1"
    assert f"Beta {run}" in row.text and f"Reports {run}" in row.text
    assert row.find_element(By.CSS_SELECTOR, sel("pr-status-progress")).get_attribute("data-percent") == str(mine["percentByCount"])
    header, text = csv_header(b, section.find_element(By.CSS_SELECTOR, sel("pr-csv")))
    assert header.startswith("code,name,manager,status,health"), header
    assert f"Reports {run}" in text
    b.driver.execute_script("window.scrollTo(0, 0)")
    b.shot("project-reports-01-status")
    if b.phone:
        top(b, row)
        b.shot("project-reports-02-status-row")

    # ---- Workload: next week's cell of Nancy's row holds the 6.5 hours (the heat map; a table on a phone).
    section = open_tab(b, "workload")
    workload = ok(b.api("GET", "/projects/reports/workload?weeks=8"))
    wrow = next(r for r in workload["rows"] if same(r["employeeId"], nancy))
    index = next(i for i, c in enumerate(wrow["cells"]) if float(c["hours"]) >= 6.5)
    if b.phone:
        assert not b.find(sel("workload-heatmap")).is_displayed()
        trow = next(r for r in b.find_all(sel("workload-row")) if same(r.get_attribute("data-employee-id"), nancy))
        assert trow.is_displayed()
        cell = trow.find_elements(By.CSS_SELECTOR, "td")[index]
        assert float(cell.text.replace(",", "")) == float(wrow["cells"][index]["hours"]), cell.text
    else:
        assert not b.find(sel("workload-table")).is_displayed()
        heat = b.find(sel("workload-heatmap"))
        assert heat.find_elements(By.CSS_SELECTOR, "title")
        ri = [r["employeeId"].lower() for r in workload["rows"]].index(nancy.lower())
        cell = heat.find_element(By.CSS_SELECTOR, f'{sel("heat-cell")}[data-row="{ri}"][data-week="{workload["weeks"][index]}"]')
        assert float(cell.get_attribute("data-hours")) == float(wrow["cells"][index]["hours"])
        assert "hm-0" not in cell.get_attribute("class")
    header, _ = csv_header(b, section.find_element(By.CSS_SELECTOR, sel("pr-csv")))
    assert header.startswith("employee,") and workload["weeks"][0] in header, header
    b.shot("project-reports-03-workload")

    # ---- Overdue: bars and Nancy's row.
    section = open_tab(b, "overdue")
    overdue = ok(b.api("GET", "/projects/reports/overdue"))
    late = next(r for r in overdue if same(r["employeeId"], nancy))
    assert section.find_elements(By.CSS_SELECTOR, f'{sel("overdue-chart")} {sel("chart-bar")}'), "overdue bars"
    orow = next(r for r in b.find_all(sel("overdue-row")) if same(r.get_attribute("data-employee-id"), nancy))
    assert str(late["tasks"]) in orow.text and late["oldestDueOn"] in orow.text, orow.text
    header, _ = csv_header(b, section.find_element(By.CSS_SELECTOR, sel("pr-csv")))
    assert header.startswith("assignee,tasks,hours"), header
    b.shot("project-reports-04-overdue")

    # ---- Budget: the project's 1,500.
    section = open_tab(b, "budget")
    brow = next(r for r in b.find_all(sel("budget-row")) if same(r.get_attribute("data-project-id"), project["id"]))
    assert "1,500.00" in brow.text, brow.text
    header, _ = csv_header(b, section.find_element(By.CSS_SELECTOR, sel("pr-csv")))
    assert header.startswith("code,name,currency,budget,actual,percent,warning"), header
    b.shot("project-reports-05-budget")
    b.check_console("reports")

    # ---- Import: from the project's Tasks tab, a GB18030 file with an unknown assignee in row 3.
    b.driver.get(f"{b.driver.current_url.split('#')[0]}#/projects/{project['id']}?tab=tasks")
    link = b.visible(sel("task-import-link"))
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    b.until(lambda: f"project={project['id']}" in b.driver.current_url, "the import page for the project")
    b.until(lambda: f"Reports {run}" in b.find(sel("import-project")).get_attribute("value"), "the project chosen")
    # The template is a CSV made in the page with the English headers, linked as a blob.
    template = b.find(sel("import-template"))
    assert template.get_attribute("href").startswith("blob:"), template.get_attribute("href")
    # (The page's CSP lets no fetch read a blob: the module gives the same text.)
    text = b.driver.execute_async_script("""const done = arguments[arguments.length - 1];
      import('/app/modules/projects/af-task-import.js').then((m) => done(m.templateText())).catch((e) => done(String(e)));""")
    assert text.lstrip("\ufeff").startswith("Key,Title,Description,Assignee,Start date,Due date"), text[:200]
    due = (date.today() + timedelta(days=10)).isoformat()
    titles = [f"现场勘察 {run}", f"采购清单 {run}", f"安装调试 {run}"]
    text = f"标题,负责人,截止日期\n{titles[0]},Nancy Davolio,{due}\n{titles[1]},无名氏{run},{due}\n{titles[2]},Robert King,{due}\n"
    path = Path(tempfile.mkdtemp()) / f"任务-{run}.csv"
    path.write_bytes(text.encode("gb18030"))
    b.find(sel("import-file")).send_keys(str(path))
    b.until(lambda: b.find_all(sel("import-encoding")) and b.find(sel("import-encoding")).text == "GB18030", "GB18030 detected")
    assert b.find(sel("import-header-row")).text == "1"
    assert "," in b.find(sel("import-separator")).text
    problem = b.visible(sel("import-problem"))
    assert problem.get_attribute("data-row") == "3" and problem.get_attribute("data-field") == "assignee", problem.text
    assert "3" in problem.text and f"无名氏{run}" in problem.text, problem.text
    assert b.find(sel("import-rows")).text == "3" and b.find(sel("import-ready")).text == "2"
    assert not b.find(sel("import-send")).is_enabled(), "no import with a problem"
    assert "is-bad" in b.find(sel("sample-row", '[data-row="3"]')).get_attribute("class")
    b.driver.execute_script("window.scrollTo(0, 0)")
    b.shot("task-import-01-preview")
    top(b, problem)
    b.shot("task-import-02-problem")

    # The assignee column ignored: a clean preview; the tasks go to Andrew.
    mapping = b.find(sel("mapping-select", '[data-header="负责人"]'))
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", mapping)
    Select(mapping).select_by_value("")
    b.until(lambda: not b.find_all(sel("import-problem")) and b.find(sel("import-problem-count")).text == "0", "the problem gone")
    b.until(lambda: b.find(sel("import-ready")).text == "3", "three rows ready")
    send = b.find(sel("import-send"))
    b.until(lambda: send.is_enabled(), "Import enabled")
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", send)
    b.shot("task-import-03-mapped")
    send.click()
    b.until(lambda: b.find_all(sel("import-created")) and b.find(sel("import-created")).get_attribute("data-count") == "3", "three tasks created")
    b.until(lambda: b.find(sel("import-already")).text == "3", "the preview says they are imported")
    tasks = ok(b.api("GET", f"/projects/tasks?project={project['id']}&limit=50"))["items"]
    assert set(titles) <= {t["title"] for t in tasks}, [t["title"] for t in tasks]
    top(b, b.find(sel("import-result")))
    b.shot("task-import-04-created")

    # The same file again: nothing created, three unchanged.
    send = b.find(sel("import-send"))
    b.until(lambda: send.is_enabled(), "Import enabled again")
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", send)
    send.click()
    b.until(lambda: b.find_all(sel("import-created")) and b.find(sel("import-created")).get_attribute("data-count") == "0"
            and b.find(sel("import-unchanged")).get_attribute("data-count") == "3", "a rerun creates nothing")
    tasks = ok(b.api("GET", f"/projects/tasks?project={project['id']}&limit=50"))["items"]
    assert sum(t["title"] in titles for t in tasks) == 3
    top(b, b.find(sel("import-result")))
    b.shot("task-import-05-rerun")
    link = b.find(sel("import-list-link"))
    link.click()
    b.until(lambda: f"#/projects/{project['id']}" in b.driver.current_url, "back to the project's tasks")
    b.until(lambda: any(titles[0] in r.text for r in b.find_all(sel("task-row"))), "an imported task in the list")
    b.check_console("task-import-end")
