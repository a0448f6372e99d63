"""Issue 13 (Projects): the company's task statuses, repeating tasks with a reminder, and the desk list's due filter.

Andrew Fuller (the administrator, holding projects.status.manage) on a 1366x768 desktop opens "Task statuses" from the
projects list: the four built-in statuses are read-only; he adds "review" (待验收), counted as in progress, at position 25.
His board (My work → Board) shows it as a column between "In progress" and "Done".

Nancy on a 390x844 phone adds a task due tomorrow from the quick-add bar, opens it, finds the new status among its status
chips and taps it, and sets it to repeat every 2 weeks on Mon and Wed (the summary reads so, and says when the next one is made) with a
reminder an hour before (its note links to the quiet hours in #/settings). She marks it done: the next occurrence is in
My work with the rule's next due day, the same rule and the same reminder. On that one she stops both (`clear`). Without
projects.status.manage she sees the statuses page read-only.

Back on the desktop, Andrew filters the desk task list by "No due date": only tasks without a due day are listed (one of
his without a due day is, one with a due day is not). Then he archives the status: it leaves the board.

The repeat summary (task-repeat.js) is checked in the page through import(), in English and in Chinese.
Screenshots prefixed projects-repeat- at both sizes. Rerunnable: a status "review" left by an earlier run is archived, so
this run adds review_<run> (keys cannot be reused).
"""

import re
from datetime import date, timedelta

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import test_web
from test_web import BASE_URL, Browser, sel
from test_approvals import ADMIN, NANCY, sign_in_as
from test_crm_customers import tag
from test_crm_contracts import set_date, scroll_to
from test_projects import DESKTOP, PHONE, same, wait_api

REVIEW_NAME = "待验收"


@pytest.fixture
def expected_errors(monkeypatch):
    monkeypatch.setattr(test_web, "EXPECTED_HTTP_ERRORS", test_web.EXPECTED_HTTP_ERRORS + [
        (re.compile(r"/api/v1/(projects|records|org|lists|crm|partners|notifications)\b"), 401),  # pages left open when the next user signs in
    ])


SUMMARY_CASES = """
const done = arguments[arguments.length - 1];
Promise.all([import('/app/modules/projects/task-repeat.js'), import('/app/core/i18n.js')]).then(([r, i18n]) => {
  const out = {};
  const rules = {
    weekly2: { frequency: 'weekly', interval: 2, weekdays: [3, 1] },
    weekly1: { frequency: 'weekly', interval: 1, weekdays: [5] },
    daily: { frequency: 'daily', interval: 1 },
    daily3: { frequency: 'daily', interval: 3, until: '2027-03-31' },
    month31: { frequency: 'monthly', interval: 1, monthDay: 31 },
    monthLast: { frequency: 'monthly', interval: 2, monthDay: -1 },
    month15: { frequency: 'monthly', interval: 1, monthDay: 15 },
  };
  for (const language of ['en', 'zh-CN']) {
    i18n.setLanguage(language);
    out[language] = Object.fromEntries(Object.entries(rules).map(([k, rule]) => [k, r.repeatSummary(rule)]));
  }
  i18n.setLanguage('en');
  // The draft of a rule and back, and a new rule taking its weekday / month day from the due day.
  out.roundTrip = r.ruleBody(r.ruleDraft({ frequency: 'weekly', interval: 2, weekdays: [3, 1], monthDay: null }));
  out.weeklyFromDue = r.ruleBody(r.newRule('weekly', '2026-12-10T18:00'));
  out.monthlyFromDue = r.ruleBody(r.newRule('monthly', '2026-01-31'));
  out.badInterval = [r.intervalValid({ interval: '0' }), r.intervalValid({ interval: '100' }), r.intervalValid({ interval: '99' })];
  done(out);
}).catch((e) => done({ error: String(e) }));
"""


def check_summaries(b):
    out = b.driver.execute_async_script(SUMMARY_CASES)
    assert "error" not in out, out
    en, zh = out["en"], out["zh-CN"]
    assert en["weekly2"] == "Every 2 weeks on Mon, Wed", en
    assert zh["weekly2"] == "每 2 周的周一、周三", zh
    assert en["weekly1"] == "Every week on Fri" and zh["weekly1"] == "每周的周五", (en, zh)
    assert en["daily"] == "Every day" and en["daily3"] == "Every 3 days, until 2027-03-31", en
    assert en["month31"] == "Monthly on day 31 (last day in shorter months)", en
    assert en["monthLast"] == "Every 2 months on the last day" and en["month15"] == "Monthly on day 15", en
    assert zh["month31"] == "每月 31 日（小月为月末）" and zh["monthLast"] == "每 2 个月的最后一天", zh
    assert out["roundTrip"] == {"frequency": "weekly", "interval": 2, "weekdays": [1, 3]}, out["roundTrip"]
    assert out["weeklyFromDue"] == {"frequency": "weekly", "interval": 1, "weekdays": [4]}, out["weeklyFromDue"]  # 10 Dec 2026: a Thursday
    assert out["monthlyFromDue"] == {"frequency": "monthly", "interval": 1, "monthDay": 31}, out["monthlyFromDue"]
    assert out["badInterval"] == [False, False, True]


def next_weekly(day, interval, weekdays):
    """The server's rule (TaskRecurrence.next): the next chosen weekday this week, else the first one `interval` weeks on."""
    d = date.fromisoformat(day)
    today = d.isoweekday()
    later = [w for w in sorted(weekdays) if w > today]
    if later:
        return (d + timedelta(days=later[0] - today)).isoformat()
    monday = d - timedelta(days=today - 1)
    return (monday + timedelta(days=7 * interval + sorted(weekdays)[0] - 1)).isoformat()


def board_statuses(b):
    return [c.get_attribute("data-status") for c in b.find_all(sel("task-column"))]


# --------------------------------------------------------------------------- the administrator adds a status

def admin_adds_status(b, run):
    sign_in_as(b, ADMIN)
    check_summaries(b)
    status, existing = b.api("GET", "/projects/task-statuses")
    assert status == 200, existing
    key = "review"
    old = next((s for s in existing if s["key"] == "review"), None)
    if old:
        # An earlier run's: archived (so the board keeps one review column), and this run's key is new.
        if not old["archived"]:
            status, _ = b.api("PATCH", "/projects/task-statuses/review", {"archived": True})
            assert status == 200
        key = f"review_{run}"

    b.nav("projects")
    b.visible(sel("projects-page"))
    b.click(sel("project-statuses-link"))
    b.visible(sel("task-statuses-page"))
    b.until(lambda: len(b.find_all(sel("status-row"))) >= 4, "the statuses are listed")
    builtin = [r for r in b.find_all(sel("status-row")) if r.get_attribute("data-builtin") == "true"]
    assert [r.get_attribute("data-status") for r in builtin] == ["not_started", "in_progress", "done", "cancelled"]
    assert all(not r.find_elements(By.CSS_SELECTOR, sel("status-edit")) and not r.find_elements(By.CSS_SELECTOR, sel("status-archive"))
               for r in builtin), "built-in statuses are read-only"

    # A key that is not a key is stopped at the field.
    b.type_into(sel("status-new-name"), REVIEW_NAME)
    b.type_into(sel("status-new-key"), "Review!")
    b.click(sel("status-add"))
    b.visible(f'{sel("field-error")}[data-field="key"]')
    b.type_into(sel("status-new-key"), key)
    Select(b.find(sel("status-new-category"))).select_by_value("in_progress")
    b.type_into(sel("status-new-position"), "25")
    b.shot("projects-repeat-01-status-form")
    scroll_to(b, sel("status-add")).click()
    row = b.until(lambda: next((r for r in b.find_all(sel("status-row")) if r.get_attribute("data-status") == key), None), "the new status is listed")
    assert row.find_element(By.CSS_SELECTOR, sel("status-name")).text.strip() == REVIEW_NAME
    assert row.find_element(By.CSS_SELECTOR, sel("status-category")).get_attribute("data-category") == "in_progress"
    status, saved = b.api("GET", "/projects/task-statuses")
    review = next(s for s in saved if s["key"] == key)
    assert review == {"key": key, "name": REVIEW_NAME, "category": "in_progress", "position": 25, "builtIn": False, "archived": False}, review

    # Renamed through its row (and back), without reloading the page.
    row.find_element(By.CSS_SELECTOR, sel("status-edit")).click()
    b.type_into(sel("status-edit-name"), f"{REVIEW_NAME} QA")
    b.shot("projects-repeat-01b-status-edit")
    b.click(sel("status-save"))
    b.until(lambda: any(r.get_attribute("data-status") == key and r.find_element(By.CSS_SELECTOR, sel("status-name")).text.strip() == f"{REVIEW_NAME} QA"
                        for r in b.find_all(sel("status-row"))), "renamed")
    next(r for r in b.find_all(sel("status-row")) if r.get_attribute("data-status") == key).find_element(By.CSS_SELECTOR, sel("status-edit")).click()
    b.type_into(sel("status-edit-name"), REVIEW_NAME)
    b.click(sel("status-save"))
    wait_api(b, "/projects/task-statuses", lambda lst: any(s["key"] == key and s["name"] == REVIEW_NAME for s in lst), "renamed back")
    b.shot("projects-repeat-02-statuses")

    # His board has the column, between "In progress" and "Done".
    b.driver.get(f"{BASE_URL}/#/tasks?view=board")
    b.visible(sel("task-board"))
    b.until(lambda: key in board_statuses(b), "the new status is a column of the board")
    columns = board_statuses(b)
    assert columns.index("in_progress") < columns.index(key) < columns.index("done"), columns
    column = next(c for c in b.find_all(sel("task-column")) if c.get_attribute("data-status") == key)
    assert REVIEW_NAME in column.text
    b.shot("projects-repeat-03-board")
    b.check_console("projects-repeat-admin")
    return key


# --------------------------------------------------------------------------- the member's repeating task

def member_repeats(b, run, key):
    sign_in_as(b, NANCY)
    # Without projects.status.manage the statuses page only lists them.
    b.driver.get(f"{BASE_URL}/#/projects/statuses")
    b.visible(sel("status-readonly"))
    b.until(lambda: any(r.get_attribute("data-status") == key for r in b.find_all(sel("status-row"))), "the statuses are listed")
    assert not b.find_all(sel("status-form")) and not b.find_all(sel("status-edit")) and not b.find_all(sel("status-archive"))
    b.shot("projects-repeat-03a-statuses-read-only")
    b.nav("tasks")
    b.visible(sel("my-work"))
    title = f"Weekly stock count {run}"
    b.type_into(sel("quick-add-title"), title)
    set_date(b, sel("quick-add-due"), (date.today() + timedelta(days=1)).isoformat())
    b.find(sel("quick-add-title")).send_keys("\n")
    card = b.until(lambda: next((c for c in b.find_all(sel("task-card")) if title in c.text), None), "her task is listed")
    task_id = card.get_attribute("data-id")
    link = card.find_element(By.CSS_SELECTOR, sel("task-card-title"))
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    b.text_is(sel("task-title-heading"), title)
    # The company's new status is one of the chips.
    b.until(lambda: any(c.get_attribute("data-status") == key and c.text.strip() == REVIEW_NAME for c in b.find_all(sel("task-status-chip"))),
            "the new status is offered as a chip")
    b.shot("projects-repeat-03b-chips")
    # One tap puts the task in it (counted as in progress).
    b.find(sel("task-status-chip", f'[data-status="{key}"]')).click()
    b.until(lambda: b.find(sel("task-status-chip", f'[data-status="{key}"]')).get_attribute("aria-pressed") == "true", "the new status is on")
    wait_api(b, f"/projects/tasks/{task_id}", lambda t: t["status"] == key and t["statusCategory"] == "in_progress", "moved to the new status")

    # Every 2 weeks on Mon and Wed, a reminder an hour before.
    repeat = scroll_to(b, sel("task-form-repeat"))
    Select(repeat).select_by_value("weekly")
    b.visible(sel("repeat-editor"))
    b.type_into(sel("repeat-interval"), "2")
    for chip in b.find_all(sel("repeat-weekday")):  # the due day's weekday comes ticked: start from none
        if chip.get_attribute("aria-pressed") == "true":
            chip.click()
    b.until(lambda: all(c.get_attribute("aria-pressed") == "false" for c in b.find_all(sel("repeat-weekday"))), "no weekday")
    for day in ("1", "3"):
        b.find(f'{sel("repeat-weekday")}[data-day="{day}"]').click()
    b.text_is(sel("repeat-summary"), "Every 2 weeks on Mon, Wed")
    assert "next occurrence" in b.find(sel("repeat-how")).text
    Select(scroll_to(b, sel("task-form-remind"))).select_by_value("60")
    quiet = b.visible(sel("remind-quiet-link"))
    assert quiet.get_attribute("href").endswith("#/settings"), quiet.get_attribute("href")
    scroll_to(b, sel("repeat-editor"))
    b.shot("projects-repeat-04-rule")
    scroll_to(b, sel("task-save")).click()
    task = wait_api(b, f"/projects/tasks/{task_id}", lambda t: t.get("recurrence") and t.get("remindBeforeMinutes") == 60, "the rule and the reminder are saved")
    assert task["recurrence"]["frequency"] == "weekly" and task["recurrence"]["interval"] == 2, task["recurrence"]
    assert sorted(task["recurrence"]["weekdays"]) == [1, 3], task["recurrence"]
    b.until(lambda: b.find(sel("task-save")).get_attribute("disabled") is not None, "nothing left to save")
    expected = next_weekly(task["dueOn"], 2, [1, 3])

    # Done: the next occurrence is made, due on the rule's next day.
    b.driver.execute_script("window.scrollTo(0, 0); document.querySelector('main')?.scrollTo(0, 0)")
    scroll_to(b, sel("task-status-chip", '[data-status="done"]')).click()
    b.until(lambda: b.find(sel("task-detail")).get_attribute("data-category") == "done", "the task is done")
    b.nav("tasks")
    b.visible(sel("my-work"))
    card = b.until(lambda: next((c for c in b.find_all(sel("task-card")) if title in c.text and not same(c.get_attribute("data-id"), task_id)), None),
                   "the next occurrence is in my work")
    due = card.find_element(By.CSS_SELECTOR, sel("task-card-due"))
    assert due.get_attribute("title") == expected, (due.get_attribute("title"), expected)
    assert not any(same(c.get_attribute("data-id"), task_id) for c in b.find_all(sel("task-card"))), "the done one left my work"
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", card)
    b.shot("projects-repeat-05-next-in-my-work")
    next_id = card.get_attribute("data-id")
    status, following = b.api("GET", f"/projects/tasks/{next_id}")
    assert status == 200 and following["dueOn"] == expected, following
    assert following["recurrence"] == task["recurrence"] and following["remindBeforeMinutes"] == 60, following

    # On the next one she stops repeating and the reminder: both go in `clear`.
    link = card.find_element(By.CSS_SELECTOR, sel("task-card-title"))
    link.click()
    b.text_is(sel("task-title-heading"), title)
    b.text_is(sel("repeat-summary"), "Every 2 weeks on Mon, Wed")
    Select(scroll_to(b, sel("task-form-remind"))).select_by_value("")
    Select(scroll_to(b, sel("task-form-repeat"))).select_by_value("")
    assert not b.find_all(sel("repeat-editor"))
    scroll_to(b, sel("task-save")).click()
    wait_api(b, f"/projects/tasks/{next_id}", lambda t: t.get("recurrence") is None and t.get("remindBeforeMinutes") is None, "repeat and reminder stopped")
    b.check_console("projects-repeat-member")


# --------------------------------------------------------------------------- the desk list's due filter

def admin_filters_and_archives(b, run, key):
    sign_in_as(b, ADMIN)
    undated, dated = f"Undated errand {run}", f"Dated errand {run}"
    status, _ = b.api("POST", "/projects/tasks", {"title": undated})
    assert status == 201
    status, dated_task = b.api("POST", "/projects/tasks", {"title": dated, "dueAt": f"{(date.today() + timedelta(days=3)).isoformat()}T18:00:00Z"})
    assert status == 201

    # On the desktop: the dated errand repeats monthly on the 31st (the last day in shorter months).
    b.driver.get(f"{BASE_URL}/#/tasks/{dated_task['id']}")
    b.text_is(sel("task-title-heading"), dated)
    Select(scroll_to(b, sel("task-form-repeat"))).select_by_value("monthly")
    Select(b.visible(sel("repeat-monthday"))).select_by_value("31")
    b.text_is(sel("repeat-summary"), "Monthly on day 31 (last day in shorter months)")
    Select(b.find(sel("repeat-monthday"))).select_by_value("-1")
    b.text_is(sel("repeat-summary"), "Monthly on the last day")
    Select(b.find(sel("repeat-monthday"))).select_by_value("31")
    Select(b.find(sel("task-form-remind"))).select_by_value("1440")
    scroll_to(b, sel("repeat-editor"))
    b.shot("projects-repeat-06-monthly")
    scroll_to(b, sel("task-save")).click()
    wait_api(b, f"/projects/tasks/{dated_task['id']}", lambda t: (t.get("recurrence") or {}).get("monthDay") == 31 and t.get("remindBeforeMinutes") == 1440,
             "the monthly rule is saved")
    b.driver.get(f"{BASE_URL}/#/tasks/list")
    b.visible(sel("task-list-page"))
    b.type_into(sel("task-search"), run)
    b.until(lambda: {undated, dated} <= {r.find_element(By.CSS_SELECTOR, '[data-col="title"]').text.strip() for r in b.find_all(sel("task-row"))},
            "both errands are listed")
    b.click(sel("list-filters-toggle"))
    Select(b.visible(sel("task-filter-due"))).select_by_value("none")
    b.until(lambda: "due=none" in b.driver.current_url, "the filter is in the address")
    b.until(lambda: [r.find_element(By.CSS_SELECTOR, '[data-col="title"]').text.strip() for r in b.find_all(sel("task-row"))] == [undated],
            "only the undated errand is listed")
    assert b.find(sel("task-filter-due")).get_attribute("value") == "none"
    # Without the search: every row has no due day (as the server answers too).
    b.type_into(sel("task-search"), "")
    b.until(lambda: len(b.find_all(sel("task-row"))) >= 1 and "q=" not in b.driver.current_url, "the whole filtered list")
    b.until(lambda: all(not r.find_element(By.CSS_SELECTOR, '[data-col="dueOn"]').text.strip() for r in b.find_all(sel("task-row"))),
            "no listed task has a due day")
    status, page = b.api("GET", "/projects/tasks?due=none&limit=200")
    assert status == 200 and page["items"] and all(t.get("dueOn") is None for t in page["items"]), page
    b.shot("projects-repeat-07-due-none")

    # Archived, the status leaves the board (tasks keep it; the page shows it as archived).
    b.driver.get(f"{BASE_URL}/#/projects/statuses")
    row = b.until(lambda: next((r for r in b.find_all(sel("status-row")) if r.get_attribute("data-status") == key), None), "the status row")
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", row)
    row.find_element(By.CSS_SELECTOR, sel("status-archive")).click()
    b.until(lambda: any(r.get_attribute("data-status") == key and r.get_attribute("data-archived") == "true" for r in b.find_all(sel("status-row"))),
            "archived")
    b.driver.get(f"{BASE_URL}/#/tasks?view=board")
    b.visible(sel("task-board"))
    b.until(lambda: "done" in board_statuses(b), "the board")
    assert key not in board_statuses(b), board_statuses(b)
    b.check_console("projects-repeat-archive")


def test_statuses_repeats_and_due_filter(expected_errors):
    run = tag()
    desk = Browser(*DESKTOP)
    try:
        key = admin_adds_status(desk, run)
    finally:
        desk.quit()

    phone = Browser(*PHONE)
    try:
        member_repeats(phone, run, key)
    finally:
        phone.quit()

    desk = Browser(*DESKTOP)
    try:
        admin_filters_and_archives(desk, run, key)
    finally:
        desk.quit()
