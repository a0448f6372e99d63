"""Issue 13 (Projects: tasks and projects), in the real browser.

Andrew Fuller (the administrator, a project manager here) on a 1366x768 desktop writes a new project: a name, its dates,
the strict dependency rule and Nancy as a member. On its page he adds two milestones, a phase and, on the Tasks tab, three tasks
with their due days; on the second task's page he makes it wait for the first (picked from the project's tasks) and sets
its start after the first one's due. A loop (the first waiting for the second) is refused by the server at the picker.
He gives the third task to Nancy (a first save after someone else's change says so and offers to reload). The Gantt chart shows three bars, two milestone diamonds, the arrow from the first
task to the second and the red line of today; zooms change the scale. Dragged before the first task is due, the
second bar is refused under the strict rule and snaps back with the reason; dragged a day later it is saved.

Nancy on a 390x844 phone adds a task of her own from the quick-add bar of "My work", moves it to "In progress" on the
board through the card's status menu, finds Andrew's task under its section, opens it, takes a photo (a small PNG written by the test, through the camera input), comments and taps Done.
Back on the desktop, the Gantt chart shows that bar as done, full.

The Gantt chart's pure geometry (gantt-layout.js) is checked in the page through import(): days to x at each zoom,
rows in plan order (phase → task → subtask), bar boxes, arrow paths and 2,000 bars laid out quickly.

Screenshots at both sizes go where the other tests put theirs (AFIELD_E2E_SCREENSHOTS), prefixed projects-.
Rerunnable against the same server: every run makes its own project and tasks.
"""

import re
import struct
import tempfile
import zlib
from datetime import date, timedelta
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import test_web
from test_web import BASE_URL, Browser, pick, sel
from test_approvals import ADMIN, NANCY, sign_in_as
from test_crm_customers import tag, wait_toast
from test_crm_contracts import set_date, scroll_to

DESKTOP = (1366, 768)
PHONE = (390, 844)


@pytest.fixture
def expected_errors(monkeypatch):
    monkeypatch.setattr(test_web, "EXPECTED_HTTP_ERRORS", test_web.EXPECTED_HTTP_ERRORS + [
        (re.compile(r"/api/v1/projects/tasks/[\w-]+(?![/\w-])"), 422),  # the dependency loop, a bar dragged too early
        (re.compile(r"/api/v1/projects/tasks/[\w-]+(?![/\w-])"), 409),  # a save after someone else's change
        (re.compile(r"/api/v1/(projects|records|org|lists|crm|partners)\b"), 401),  # pages left open when the next user signs in
    ])


def png_file():
    """A 24x24 PNG as a phone's camera would hand one over (small, but a real image)."""
    width = height = 24
    raw = b"".join(b"\x00" + b"".join(bytes((x * 10 % 256, y * 10 % 256, 160)) for x in range(width)) for y in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) \
        + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    path = Path(tempfile.mkdtemp()) / "site-photo.png"
    path.write_bytes(png)
    return path


def current_id(b, area):
    match = re.search(rf"#/{area}/([0-9A-Fa-f-]{{36}})", b.driver.current_url)
    return match and match.group(1)


def same(a, b):
    return (a or "").lower() == (b or "").lower()


def wait_api(b, path, check, message):
    """Polls a GET until `check(answer)` holds (the page's own request may still be on its way)."""
    holder = {}

    def ready():
        status, answer = b.api("GET", path)
        holder["answer"] = answer
        return status == 200 and check(answer)
    b.until(ready, message)
    return holder["answer"]


# --------------------------------------------------------------------------- the pure layout helpers

LAYOUT_CASES = """
const done = arguments[arguments.length - 1];
import('/app/modules/projects/gantt-layout.js').then((g) => {
  const out = {};
  // Days to x at each zoom: the left edge of a day, counted from the first day (less the margin of two days).
  for (const zoom of ['day', 'week', 'month']) {
    const s = g.makeScale('2026-03-01', '2026-03-31', zoom);
    out[zoom] = { dayWidth: s.dayWidth, x1: s.x('2026-03-01'), x2: s.x('2026-03-02'), last: s.x('2026-03-31'), width: s.width, back: s.dayAt(s.x('2026-03-10') + 1) };
  }
  // Across the daylight-saving change in the US (8 March 2026) a day is still one day wide.
  out.dst = g.dayNumber('2026-03-09') - g.dayNumber('2026-03-08');
  out.addDays = [g.addDays('2026-02-27', 2), g.addDays('2026-03-01', -1), g.addDays('2024-02-28', 1)];
  // Rows: phases in position order, each with its tasks by start, subtasks under their parent; then tasks of no phase.
  const phases = [{ id: 'P2', name: 'Build', position: 1 }, { id: 'P1', name: 'Plan', position: 0 }];
  const bars = [
    { id: 'c', title: 'C', phaseId: 'P2', startsOn: '2026-03-10', endsOn: '2026-03-12' },
    { id: 'a', title: 'A', phaseId: 'P1', startsOn: '2026-03-02', endsOn: '2026-03-04' },
    { id: 'c1', title: 'C1', parentId: 'c', phaseId: 'P2', startsOn: '2026-03-11', endsOn: '2026-03-11' },
    { id: 'b', title: 'B', phaseId: 'P2', startsOn: '2026-03-05', endsOn: '2026-03-09' },
    { id: 'x', title: 'X', startsOn: null, endsOn: null },
    { id: 'c1a', title: 'C1a', parentId: 'c1', startsOn: '2026-03-11', endsOn: '2026-03-11' },
  ];
  const rows = g.buildRows(bars, phases);
  out.rows = rows.map((r) => `${r.kind}:${r.id}:${r.depth}`);
  out.ys = rows.map((r) => r.y);
  const scale = g.makeScale('2026-03-01', '2026-03-31', 'day');
  const boxA = g.barBox(bars[1], scale, rows.find((r) => r.id === 'a'));
  const boxB = g.barBox(bars[3], scale, rows.find((r) => r.id === 'b'));
  out.boxA = boxA;
  out.undated = g.barBox(bars[4], scale, rows.find((r) => r.id === 'x'));
  // An arrow from A's end (4 March) to B's start (5 March)... and one going back when B starts before A ends.
  out.arrow = g.arrowPath(boxA, boxB);
  out.backArrow = g.arrowPath(boxB, boxA);
  out.daysFor = [g.daysFor(47, scale), g.daysFor(-17, scale), g.daysFor(15, scale)];
  out.shifted = g.shiftInstant('2026-03-06T17:00:00Z', 3);
  // 2,000 bars with links: laid out in well under a second.
  const many = { startsOn: '2026-01-01', endsOn: '2026-12-31', today: '2026-06-01', phases: [], milestones: [], links: [], bars: [] };
  for (let i = 0; i < 2000; i++) {
    const start = g.addDays('2026-01-01', i % 300);
    many.bars.push({ id: `t${i}`, title: `Task ${i}`, parentId: i % 10 ? `t${i - (i % 10)}` : null, startsOn: start, endsOn: g.addDays(start, 5), statusCategory: 'in_progress', percent: 50, version: 1 });
    if (i) many.links.push({ from: `t${i - 1}`, to: `t${i}` });
  }
  const t0 = performance.now();
  const plan = g.layout(many, 'week');
  out.manyMs = performance.now() - t0;
  out.manyRows = plan.rows.length;
  out.manyArrows = plan.arrows.length;
  out.manyBoxes = plan.boxes.size;
  done(out);
}).catch((e) => done({ error: String(e) }));
"""


def check_layout_helpers(b):
    out = b.driver.execute_async_script(LAYOUT_CASES)
    assert "error" not in out, out
    assert out["day"]["dayWidth"] == 32 and out["week"]["dayWidth"] == 12 and out["month"]["dayWidth"] == 4
    for zoom in ("day", "week", "month"):
        w = out[zoom]["dayWidth"]
        assert out[zoom]["x1"] == 2 * w and out[zoom]["x2"] == 3 * w and out[zoom]["last"] == 32 * w, (zoom, out[zoom])
        assert out[zoom]["width"] == 35 * w, (zoom, out[zoom])
        assert out[zoom]["back"] == "2026-03-10", (zoom, out[zoom])
    assert out["dst"] == 1
    assert out["addDays"] == ["2026-03-01", "2026-02-28", "2024-02-29"]
    assert out["rows"] == ["phase:P1:0", "task:a:1", "phase:P2:0", "task:b:1", "task:c:1", "task:c1:2", "task:c1a:3",
                           "phase:none:0", "task:x:1"], out["rows"]
    assert out["ys"] == [i * 32 for i in range(9)]
    assert out["boxA"] == {"x": 3 * 32, "y": 32 + 7, "width": 3 * 32, "height": 18}, out["boxA"]
    assert out["undated"] is None
    assert out["arrow"].startswith(f"M{6 * 32} {32 + 16}") and out["arrow"].endswith(f"H{6 * 32}"), out["arrow"]
    assert out["backArrow"].count("V") == 2, "a successor starting earlier is reached by going back between the rows"
    assert out["daysFor"] == [1, -1, 0]
    assert out["shifted"] == "2026-03-09T17:00:00.000Z"
    assert out["manyRows"] == 2000 and out["manyBoxes"] == 2000 and out["manyArrows"] == 1999
    assert out["manyMs"] < 500, f"2,000 bars took {out['manyMs']:.0f} ms to lay out"


# --------------------------------------------------------------------------- the manager's desktop

def create_project(b, run):
    today = date.today()
    b.nav("projects")
    b.visible(sel("projects-page"))
    b.click(sel("project-new"))
    b.visible(sel("project-form"))
    b.type_into(sel("project-form-name"), f"Warehouse move {run}")
    set_date(b, sel("project-form-startsOn"), (today - timedelta(days=3)).isoformat())
    set_date(b, sel("project-form-endsOn"), (today + timedelta(days=40)).isoformat())
    b.find(sel("project-form-status")).send_keys("Active")
    b.driver.execute_script("arguments[0].value = 'active'; arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", b.find(sel("project-form-status")))
    b.driver.execute_script("arguments[0].value = 'strict'; arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", b.find(sel("project-form-dependencyRule")))
    scroll_to(b, sel("member-add")).click()
    b.until(lambda: len(b.find_all(sel("member-row"))) == 1, "a member row")
    pick(b, "member-picker", "Nancy", "Nancy Davolio")
    b.shot("projects-01-new")
    scroll_to(b, sel("project-form-save")).click()
    b.until(lambda: current_id(b, "projects"), "the new project's page")
    b.visible(sel("project-detail"))
    pid = current_id(b, "projects")
    status, project = b.api("GET", f"/projects/projects/{pid}")
    assert status == 200, project
    assert project["dependencyRule"] == "strict" and project["status"] == "active", project
    assert any(m["name"] == "Nancy Davolio" and m["role"] == "member" for m in project["members"]), project["members"]
    return project


def add_milestone(b, name, day):
    scroll_to(b, sel("milestone-add")).click()
    b.type_into(sel("milestone-form-name"), name)
    set_date(b, sel("milestone-form-dueOn"), day)
    b.click(sel("milestone-form-save"))
    b.until(lambda: any(name in r.text for r in b.find_all(sel("milestone-row"))), f"the milestone {name!r} is listed")


def add_task(b, title, due):
    b.click(sel("project-add-task"))
    b.type_into(sel("project-task-title"), title)
    set_date(b, sel("project-task-due"), due)
    b.click(sel("project-task-save"))
    b.until(lambda: any(title in r.text for r in b.find_all(sel("task-row"))), f"the task {title!r} is listed")


def task_by_title(b, project_id, title):
    status, page = b.api("GET", f"/projects/tasks?project={project_id}&limit=100")
    assert status == 200, page
    return next(t for t in page["items"] if t["title"] == title)


def manager_plans(b, run):
    sign_in_as(b, ADMIN)
    check_layout_helpers(b)
    project = create_project(b, run)
    pid = project["id"]
    today = date.today()
    add_milestone(b, "Shelves ready", (today + timedelta(days=10)).isoformat())
    add_milestone(b, "Moved in", (today + timedelta(days=20)).isoformat())
    b.until(lambda: len(b.find_all(sel("milestone-row"))) == 2, "two milestones")
    # A phase with its dates, from the phases editor.
    scroll_to(b, sel("phase-add")).click()
    b.until(lambda: b.find_all(sel("phase-row")), "a phase row")
    b.find(f'{sel("phase-row")}[data-index="0"] {sel("phase-name")}').send_keys("Preparation")
    set_date(b, f'{sel("phase-row")}[data-index="0"] {sel("phase-startsOn")}', today.isoformat())
    set_date(b, f'{sel("phase-row")}[data-index="0"] {sel("phase-endsOn")}', (today + timedelta(days=9)).isoformat())
    scroll_to(b, sel("phase-save")).click()
    wait_api(b, f"/projects/projects/{pid}", lambda p: [ph["name"] for ph in p["phases"]] == ["Preparation"], "the phase is saved")
    b.shot("projects-02-overview")

    scroll_to(b, sel("project-tab-tasks")).click()
    titles = [f"Survey {run}", f"Order shelving {run}", f"Label the racks {run}"]
    add_task(b, titles[0], (today + timedelta(days=2)).isoformat())
    add_task(b, titles[1], (today + timedelta(days=8)).isoformat())
    add_task(b, titles[2], (today + timedelta(days=5)).isoformat())
    survey, shelving, racks = (task_by_title(b, pid, t) for t in titles)
    b.shot("projects-03-tasks")

    # The second task waits for the first: picked on its page from the project's tasks; it starts after the first is due.
    b.driver.get(f"{BASE_URL}/#/tasks/{shelving['id']}")
    b.text_is(sel("task-title-heading"), titles[1])
    start = (today + timedelta(days=3)).isoformat() + "T09:00"
    b.driver.execute_script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
                            b.find(sel("task-form-startsAt")), start)
    b.type_into(sel("task-form-estimatedHours"), "6")
    # Tied to the first milestone (the project's milestones are offered on its task).
    shelves_ready = next(m for m in b.api("GET", f"/projects/projects/{pid}")[1]["milestones"] if m["name"] == "Shelves ready")
    b.until(lambda: any(same(o.get_attribute("value"), shelves_ready["id"]) for o in b.find(sel("task-form-milestone")).find_elements(By.TAG_NAME, "option")),
            "the milestones are offered")
    Select(b.find(sel("task-form-milestone"))).select_by_visible_text(f"Shelves ready · {shelves_ready['dueOn']}")
    scroll_to(b, sel("task-save")).click()
    wait_api(b, f"/projects/tasks/{shelving['id']}", lambda t: t.get("startsAt") and t.get("estimatedHours") == "6.00"
             and same(t.get("milestoneId"), shelves_ready["id"]), "the start, the hours and the milestone are saved")
    scroll_to(b, sel("dependency-picker"))
    b.type_into(sel("dependency-picker"), titles[0].split()[0])
    b.until(lambda: any(o.find_element(By.CSS_SELECTOR, ".picker-option-label").text.strip() == titles[0]
                        for o in b.find_all(sel("dependency-picker-option"))), "the picker offers the project's first task")
    next(o for o in b.find_all(sel("dependency-picker-option"))
         if o.find_element(By.CSS_SELECTOR, ".picker-option-label").text.strip() == titles[0]).click()
    b.until(lambda: any(titles[0] in r.text for r in b.find_all(sel("dependency-row"))), "the first task is a predecessor")
    b.shot("projects-04-task-dependency")

    # A loop is refused by the server, at the picker.
    b.driver.get(f"{BASE_URL}/#/tasks/{survey['id']}")
    b.text_is(sel("task-title-heading"), titles[0])
    b.until(lambda: any(titles[1] in r.text for r in b.find_all(sel("blocking-row"))), "the second task waits for this one")
    scroll_to(b, sel("dependency-picker"))
    b.type_into(sel("dependency-picker"), titles[1].split()[0])
    b.until(lambda: any(o.find_element(By.CSS_SELECTOR, ".picker-option-label").text.strip() == titles[1]
                        for o in b.find_all(sel("dependency-picker-option"))), "the picker offers the second task")
    next(o for o in b.find_all(sel("dependency-picker-option"))
         if o.find_element(By.CSS_SELECTOR, ".picker-option-label").text.strip() == titles[1]).click()
    error = b.visible(sel("dependency-error"))
    assert error.text.strip(), "the refusal says why"
    assert not b.find_all(sel("dependency-row")), "no dependency was added"
    b.shot("projects-05-loop-refused")

    # The third task is Nancy's (set on its page with the assignee picker). Someone else changes it meanwhile: the first
    # save says so and shows the task as it is now; the second goes through.
    b.driver.get(f"{BASE_URL}/#/tasks/{racks['id']}")
    b.text_is(sel("task-title-heading"), titles[2])
    status, fresh = b.api("GET", f"/projects/tasks/{racks['id']}")
    status, _ = b.api("PATCH", f"/projects/tasks/{racks['id']}", {"version": fresh["version"], "priority": "high"})
    assert status == 200
    pick(b, "task-assignee", "Nancy", "Nancy Davolio")
    scroll_to(b, sel("task-save")).click()
    b.visible(sel("task-stale"))
    b.until(lambda: b.find(sel("task-form-priority")).get_attribute("value") == "high", "the page shows the other change")
    scroll_to(b, sel("task-reload")).click()
    b.until(lambda: not b.find_all(sel("task-stale")), "reloaded")
    pick(b, "task-assignee", "Nancy", "Nancy Davolio")
    scroll_to(b, sel("task-save")).click()
    wait_api(b, f"/projects/tasks/{racks['id']}", lambda t: t.get("assigneeName") == "Nancy Davolio", "the task is Nancy's")

    # The Gantt chart: three bars, two diamonds, the arrow from the first task to the second, today's line.
    b.driver.get(f"{BASE_URL}/#/projects/{pid}?tab=gantt")
    b.visible(sel("gantt-chart"))
    b.until(lambda: len(b.find_all(sel("gantt-bar"))) == 3, "three bars")
    assert len(b.find_all(sel("gantt-milestone"))) == 2, "two milestone diamonds"
    arrows = b.find_all(sel("gantt-arrow"))
    assert len(arrows) == 1 and same(arrows[0].get_attribute("data-from"), survey["id"]) and same(arrows[0].get_attribute("data-to"), shelving["id"])
    assert b.find_all(sel("gantt-today")), "today's line"
    assert len(b.find_all(sel("gantt-phase-span"))) == 1 and b.find(sel("gantt-phase-label")).text.strip() == "Preparation"
    bars = {b_.get_attribute("data-id").lower(): b_ for b_ in b.find_all(sel("gantt-bar"))}
    first, second = bars[survey["id"].lower()].rect, bars[shelving["id"].lower()].rect
    assert first["x"] + first["width"] <= second["x"] + 1, (first, second)
    b.shot("projects-06-gantt")
    widths = {}
    for zoom in ("day", "month", "week"):
        b.click(sel(f"gantt-zoom-{zoom}"))
        b.until(lambda: b.find(sel("gantt")).get_attribute("data-zoom") == zoom, f"zoom {zoom}")
        widths[zoom] = bars_width(b, shelving["id"])
    assert widths["day"] > widths["week"] > widths["month"], widths

    # Dragging on the desktop, by the day: the second task dragged before the first is due is refused under the strict
    # rule and goes back; dragged a day later it is saved with both its start and its due a day later.
    b.click(sel("gantt-zoom-day"))
    b.until(lambda: b.find(sel("gantt")).get_attribute("data-zoom") == "day", "zoom day")
    start, end = gantt_bar(b, shelving["id"]).get_attribute("data-start"), gantt_bar(b, shelving["id"]).get_attribute("data-end")
    drag_bar(b, shelving["id"], -2 * 32)
    error = b.visible(sel("gantt-error"))
    assert error.text.strip(), "the refusal says why"
    b.until(lambda: gantt_bar(b, shelving["id"]).get_attribute("data-start") == start and not gantt_bar(b, shelving["id"]).get_attribute("transform"),
            "the bar is back where it was")
    b.shot("projects-06b-gantt-refused")
    drag_bar(b, shelving["id"], 32)
    later = (date.fromisoformat(start) + timedelta(days=1)).isoformat(), (date.fromisoformat(end) + timedelta(days=1)).isoformat()
    b.until(lambda: (gantt_bar(b, shelving["id"]).get_attribute("data-start"), gantt_bar(b, shelving["id"]).get_attribute("data-end")) == later,
            "the bar moved a day later")
    assert not b.find_all(sel("gantt-error")), "the refusal is gone"
    b.check_console("projects-manager")
    return project, survey, shelving, racks


def gantt_bar(b, task_id):
    return next(e for e in b.find_all(sel("gantt-bar")) if same(e.get_attribute("data-id"), task_id))


def drag_bar(b, task_id, dx):
    """Presses on the bar's middle and moves the mouse by dx in two steps, as a hand would."""
    bar = gantt_bar(b, task_id).find_element(By.CSS_SELECTOR, ".gantt-bar-bg")
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center', inline: 'center'})", bar)
    ActionChains(b.driver).move_to_element(bar).click_and_hold().move_by_offset(dx // 2, 0).move_by_offset(dx - dx // 2, 0).release().perform()


def bars_width(b, task_id):
    bar = next(e for e in b.find_all(sel("gantt-bar")) if same(e.get_attribute("data-id"), task_id))
    return bar.find_element(By.CSS_SELECTOR, ".gantt-bar-bg").rect["width"]


# --------------------------------------------------------------------------- the member's phone

def member_does_the_work(b, run, racks):
    sign_in_as(b, NANCY)
    b.nav("tasks")
    b.visible(sel("my-work"))
    # Her own task from the quick-add bar, due tomorrow.
    own = f"Buy tape {run}"
    b.type_into(sel("quick-add-title"), own)
    set_date(b, sel("quick-add-due"), (date.today() + timedelta(days=1)).isoformat())
    b.find(sel("quick-add-title")).send_keys("\n")
    b.until(lambda: any(own in c.text for c in b.find_all(sel("task-card"))), "her quick task is listed")
    assert b.find(sel("quick-add-title")).get_attribute("value") == ""
    # The board: a column per status; on a phone a card moves through its status menu.
    b.click(sel("mywork-view-board"))
    b.visible(sel("task-board"))
    statuses = [c.get_attribute("data-status") for c in b.find_all(sel("task-column"))]
    builtin = ["not_started", "in_progress", "done", "cancelled"]
    assert [s for s in statuses if s in builtin] == builtin, statuses  # a company's own statuses may stand between them
    mine = b.until(lambda: next((c for c in b.find_all(sel("board-task")) if own in c.text), None), "her task is on the board")
    assert mine.get_attribute("data-status") == "not_started"
    menu = mine.find_element(By.CSS_SELECTOR, sel("board-task-move"))
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", menu)
    Select(menu).select_by_value("in_progress")
    b.until(lambda: any(own in c.text and c.get_attribute("data-status") == "in_progress" for c in b.find_all(sel("board-task"))), "moved to in progress")
    wait_api(b, f"/projects/tasks?q={own.replace(' ', '%20')}&limit=5", lambda p: p["items"] and p["items"][0]["status"] == "in_progress", "saved")
    b.shot("projects-07a-board")
    b.click(sel("mywork-view-list"))
    b.visible(sel("mywork-section"))
    # Andrew's task for her, in its section with its project.
    card = b.until(lambda: next((c for c in b.find_all(sel("task-card")) if racks["title"] in c.text), None), "Andrew's task is in my work")
    assert "Warehouse move" in card.text
    b.shot("projects-07-my-work")
    link = card.find_element(By.CSS_SELECTOR, sel("task-card-title"))
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    b.text_is(sel("task-title-heading"), racks["title"])

    # A photo through the camera input, then a comment.
    scroll_to(b, sel("chatter-tab-files")).click()
    photo = b.find(sel("attach-photo"))
    assert photo.get_attribute("accept") == "image/*" and photo.get_attribute("capture") == "environment"
    photo.send_keys(str(png_file()))
    b.until(lambda: any("site-photo.png" in a.text for a in b.find_all(sel("attachment"))), "the photo is attached")
    b.shot("projects-08-photo")
    scroll_to(b, sel("chatter-tab-comments")).click()
    text = f"Racks labelled, photo attached {run}"
    b.type_into(sel("comment-input"), text)
    scroll_to(b, sel("comment-post")).click()
    b.until(lambda: any(text in c.text for c in b.find_all(sel("comment"))), "the comment is listed")

    # Done, in one tap at the top of the page.
    scroll_to(b, sel("task-status-chip", '[data-status="done"]')).click()
    b.until(lambda: b.find(sel("task-detail")).get_attribute("data-category") == "done", "the task is done")
    b.until(lambda: b.find(sel("task-status-chip", '[data-status="done"]')).get_attribute("aria-pressed") == "true", "Done is on")
    b.driver.execute_script("window.scrollTo(0, 0); document.querySelector('main')?.scrollTo(0, 0)")
    b.shot("projects-09-done")
    b.check_console("projects-member")


def test_project_planned_on_desktop_worked_on_phone(expected_errors):
    run = tag()
    desk = Browser(*DESKTOP)
    try:
        project, survey, shelving, racks = manager_plans(desk, run)
    finally:
        desk.quit()

    phone = Browser(*PHONE)
    try:
        member_does_the_work(phone, run, racks)
    finally:
        phone.quit()

    desk = Browser(*DESKTOP)
    try:
        sign_in_as(desk, ADMIN)
        desk.driver.get(f"{BASE_URL}/#/projects/{project['id']}?tab=gantt")
        desk.visible(sel("gantt-chart"))
        desk.until(lambda: any(same(e.get_attribute("data-id"), racks["id"]) and e.get_attribute("data-category") == "done"
                               for e in desk.find_all(sel("gantt-bar"))), "the Gantt chart shows Nancy's task as done")
        bar = next(e for e in desk.find_all(sel("gantt-bar")) if same(e.get_attribute("data-id"), racks["id"]))
        assert bar.get_attribute("data-percent") == "100"
        desk.shot("projects-10-gantt-done")
        desk.check_console("projects-gantt-done")
    finally:
        desk.quit()
