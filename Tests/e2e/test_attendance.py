"""Attendance (issue 10) in the real browser, phone first.

- The offline punch queue (punch-queue.js) driven in the page with a fake storage and send.
- Check-in (390x844, position from Chrome's geolocation override): the administrator sets up, through the
  API, a site at 31.2304, 121.4737 (Asia/Shanghai) and a group (Mon–Fri 09:00–18:00, that site with a
  200 m fence, Nancy Davolio a member, no field check-in). Nancy at 31.2310, 121.4740 sees about 73 m,
  inside, and checks in; the punch is listed. At 31.2400, 121.4737 she sees 1.07 km and the button is
  refused with the distance. The administrator allows field check-in: the button turns into "Field
  check-in", asks for a note, and the punch is recorded as field work. The page then reads in 中文.
- Without a network the punch is kept on the phone, shown as waiting, and sent (queued) once back online.
- My month and the team's month (cards on a phone, a table on a desktop, a total, the CSV link; a
  person opens their month); the groups page adds and edits a group.

Screenshots at 390x844 and 1366x768 go where the other tests put theirs (AFIELD_E2E_SCREENSHOTS).
Rerunnable against the same server: the site and group are found again by name and put back as the
test wants them; punches are told apart by their time.
"""

import http.cookiejar
import json
import re
import time
import urllib.error
import urllib.request
import uuid
from datetime import datetime, timezone

import pytest
from selenium.webdriver.common.by import By

import test_web
from test_web import BASE_URL, SIZES, Browser, sel, switch_language
from test_approvals import sign_in_as  # noqa: F401 (used here and imported from here by other tests)

ADMIN = "andrew.fuller@northwind.example"
NANCY = "nancy.davolio@northwind.example"
PASSWORD = "afield-demo"
SITE = "E2E Shanghai office"
GROUP = "E2E Shanghai office hours"
OFFICE = (31.2304, 121.4737)
NEAR = (31.2310, 121.4740)     # 73 m from the office
FAR = (31.2400, 121.4737)      # 1,067 m north of it


class Api:
    """The JSON API with a session of its own (the administrator's, while Nancy uses the browser)."""

    def __init__(self, email):
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        status, answer = self.call("POST", "/auth/login", {"email": email, "password": PASSWORD})
        assert status == 200, answer
        self.me = self.call("GET", "/auth/me")[1]

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        headers = {"Accept": "application/json", "X-Afield-Request": "1", "Accept-Language": "en"}
        if data is not None:
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(BASE_URL + "/api/v1" + path, data=data, method=method, headers=headers)
        try:
            with self.opener.open(request, timeout=30) as response:
                text = response.read()
                return response.status, json.loads(text) if text else None
        except urllib.error.HTTPError as error:
            text = error.read()
            return error.code, json.loads(text) if text else None


def set_up_group(admin, nancy_id, field_check_in=False):
    """The site and the group as this test wants them, made or put back; answers the group."""
    status, sites = admin.call("GET", "/org/sites")
    site = next((s for s in sites if s["name"] == SITE), None)
    if site is None:
        status, site = admin.call("POST", "/org/sites", {"name": SITE, "latitude": str(OFFICE[0]), "longitude": str(OFFICE[1]),
                                                         "timeZone": "Asia/Shanghai", "address": "People's Square, Shanghai"})
        assert status == 201, site
    status, groups = admin.call("GET", "/attendance/groups")
    assert status == 200, groups
    # Nancy may be in one group only: take her out of any other a run left her in.
    for g in groups:
        if g["name"] != GROUP and nancy_id.lower() in (e.lower() for e in g["employeeIDs"]):
            status, answer = admin.call("PATCH", f"/attendance/groups/{g['id']}", {
                "version": g["version"], "employeeIDs": [e for e in g["employeeIDs"] if e.lower() != nancy_id.lower()]})
            assert status == 200, answer
    fields = {
        "name": GROUP, "timeZone": "Asia/Shanghai",
        "schedule": {"kind": "fixed", "weekdays": [{"weekday": d, "start": "09:00", "end": "18:00"} for d in range(1, 6)]},
        "sites": [{"siteID": site["id"], "radiusMeters": 200}], "employeeIDs": [nancy_id], "departmentIDs": [],
        "fieldCheckIn": field_check_in, "fieldNeedsPhoto": False, "fieldNeedsCustomer": False, "graceLateMinutes": 0,
    }
    group = next((g for g in groups if g["name"] == GROUP), None)
    if group is None:
        status, group = admin.call("POST", "/attendance/groups", fields)
        assert status == 201, group
    else:
        status, group = admin.call("PATCH", f"/attendance/groups/{group['id']}", {"version": group["version"], **fields})
        assert status == 200, group
    return group


def put_phone_at(b, position):
    b.driver.execute_cdp_cmd("Emulation.setGeolocationOverride", {"latitude": position[0], "longitude": position[1], "accuracy": 10})


def allow_location(b):
    b.driver.execute_cdp_cmd("Browser.grantPermissions", {"origin": BASE_URL, "permissions": ["geolocation"]})


def open_check_in(b):
    b.driver.get(f"{BASE_URL}/#/attendance")
    b.visible(sel("checkin"))
    b.until(lambda: b.find(sel("checkin-location")).get_attribute("data-inside") in ("true", "false"), "the page should find the phone")


def relocate(b, inside):
    b.click(sel("checkin-locate"))
    b.until(lambda: b.find_all(sel("checkin-location"))
            and b.find(sel("checkin-location")).get_attribute("data-inside") == inside, f"the location should read inside={inside}")


def punch_times(b):
    return [p.find_element(By.CSS_SELECTOR, sel("checkin-punch-time")).text for p in b.find_all(sel("checkin-punch"))]


def now_on_group_clock():
    # Asia/Shanghai has no daylight saving: UTC+8.
    return datetime.fromtimestamp(time.time() + 8 * 3600, timezone.utc).strftime("%H:%M")


def next_minute():
    """One punch per person and minute: wait for a fresh one (and a second into it)."""
    time.sleep(61 - time.time() % 60)


def fresh_minute(api):
    """A punch made this minute already (an earlier run) would answer for the next one: wait it out."""
    status, today = api.call("GET", "/attendance/today")
    assert status == 200, today
    current = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M")
    if any(p["at"].startswith(current) for p in today["punches"]):
        next_minute()


def take_photo(b, css=sel("checkin-photo")):
    """What the camera gives the file input (css): a JPEG (drawn here), set as the input's file."""
    b.driver.execute_async_script("""
        const [css, done] = arguments;
        const canvas = document.createElement('canvas');
        canvas.width = 640; canvas.height = 480;
        const g = canvas.getContext('2d');
        g.fillStyle = '#2a6'; g.fillRect(0, 0, 640, 480); g.fillStyle = '#fff'; g.fillRect(200, 150, 240, 180);
        canvas.toBlob((blob) => {
          const input = document.querySelector(css);
          const files = new DataTransfer();
          files.items.add(new File([blob], 'shopfront.jpg', { type: 'image/jpeg' }));
          input.files = files.files;
          input.dispatchEvent(new Event('change', { bubbles: true }));
          done();
        }, 'image/jpeg', 0.8);""", css)


def wait_toast_gone(b):
    b.until(lambda: not b.find_all(sel("toast")), "the toast should go away")


def scroll_top(b):
    b.driver.execute_script("window.scrollTo(0, 0); document.querySelector('main')?.scrollTo(0, 0)")


def no_overflow(b, what):
    width = b.driver.execute_script("return document.querySelector('main').scrollWidth - document.querySelector('main').clientWidth")
    assert width <= 1, f"[{b.size}] {what}: the page is {width}px wider than the screen"


def no_raw_keys(b, what):
    text = b.find("main").text
    raw = re.findall(r"\battendance\.[a-z]+[.\w]*", text)
    assert not raw, f"[{b.size}] {what}: untranslated keys {raw}"


@pytest.fixture
def admin():
    return Api(ADMIN)


@pytest.fixture
def browser(request, monkeypatch):
    # Refusals provoked on purpose: outside the fence (and a note left out).
    monkeypatch.setattr(test_web, "EXPECTED_HTTP_ERRORS", test_web.EXPECTED_HTTP_ERRORS + [
        (re.compile(r"/api/v1/attendance/punches\b"), 422),
    ])
    width, height = request.param
    b = Browser(width, height)
    yield b
    try:
        if b.driver.current_url.startswith(BASE_URL):
            b.api("PATCH", "/auth/me", {"locale": "en"})
    finally:
        b.quit()


# --------------------------------------------------------------------------- the queue, unit by unit

QUEUE_CASES = r"""
const done = arguments[arguments.length - 1];
(async () => {
  const { createPunchQueue, worthRetrying } = await import('/app/modules/attendance/punch-queue.js');
  const store = () => { const m = new Map(); return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => m.set(k, String(v)), removeItem: (k) => m.delete(k), m }; };
  const fail = (status, code) => Object.assign(new Error(code ?? 'x'), { status, code });
  const now = () => new Date('2026-12-07T01:02:03.000Z');
  let n = 0;
  const out = {};

  // Kept per user, oldest first, each with a key of its own; sent with queued and sentAt, the key as idempotency key.
  const s1 = store();
  const q = createPunchQueue('u1', { storage: s1, newKey: () => `k${++n}` });
  q.add({ latitude: '1', deviceTime: '2026-12-07T00:59:00.000Z' });
  q.add({ latitude: '2', deviceTime: '2026-12-07T01:00:00.000Z' }, 'given');
  out.keys = q.items().map((e) => e.key);
  out.otherUser = createPunchQueue('u2', { storage: s1 }).items().length;
  const sent = [];
  const r1 = await q.flush(async (body, key) => { sent.push([body, key]); return { id: key }; }, now);
  out.sent = sent;
  out.r1 = { sent: r1.sent.length, refused: r1.refused.length, waiting: r1.waiting, left: q.items().length, stored: s1.m.size };

  // No network: nothing leaves the queue, and the first punch stays first.
  q.add({ latitude: '3' }); q.add({ latitude: '4' });
  const r2 = await q.flush(async () => { throw fail(0); }, now);
  out.r2 = { sent: r2.sent.length, waiting: r2.waiting, order: q.items().map((e) => e.punch.latitude) };

  // A refusal for good (422) drops that punch and says so; a lost answer (key reused) counts as sent.
  const r3 = await q.flush(async (body) => {
    if (body.latitude === '3') throw fail(422, 'attendance.queued_too_old');
    throw fail(422, 'request.idempotency_key_reused');
  }, now);
  out.r3 = { sent: r3.sent, refused: r3.refused.map((x) => [x.punch.latitude, x.error.code]), left: q.items().length };

  // A server error or an ended session keeps the punch for later.
  out.retry = [0, 500, 503, 401, 403, 429, 422, 409, 404, 400].map((s) => worthRetrying({ status: s }));
  out.inProgress = worthRetrying({ status: 409, code: 'request.idempotency_in_progress' });

  // Two flushes at once share one run: each punch is sent once.
  q.add({ latitude: '5' });
  let calls = 0;
  const slow = async () => { calls++; await new Promise((r) => setTimeout(r, 50)); return {}; };
  await Promise.all([q.flush(slow, now), q.flush(slow, now)]);
  out.calls = calls;

  // A damaged store reads as empty instead of breaking the page.
  const s2 = store(); s2.setItem('afield.punchQueue.u3', '{not json');
  out.damaged = createPunchQueue('u3', { storage: s2 }).items().length;
  return out;
})().then(done, (e) => done({ error: String(e && e.stack || e) }));
"""


@pytest.mark.parametrize("browser", [SIZES[0]], indirect=True)
def test_punch_queue_keeps_order_and_drops_only_refusals(browser):
    b = browser
    b.driver.get(BASE_URL + "/")
    out = b.driver.execute_async_script(QUEUE_CASES)
    assert "error" not in out, out.get("error")
    assert out["keys"] == ["k1", "given"]
    assert out["otherUser"] == 0, "another user on the same phone sees none of these"
    assert [key for _, key in out["sent"]] == ["k1", "given"]
    first = out["sent"][0][0]
    assert first == {"latitude": "1", "deviceTime": "2026-12-07T00:59:00.000Z", "queued": True, "sentAt": "2026-12-07T01:02:03.000Z"}
    assert out["r1"] == {"sent": 2, "refused": 0, "waiting": 0, "left": 0, "stored": 0}
    assert out["r2"] == {"sent": 0, "waiting": 2, "order": ["3", "4"]}
    assert out["r3"] == {"sent": [None], "refused": [["3", "attendance.queued_too_old"]], "left": 0}
    assert out["retry"] == [True, True, True, True, True, True, False, False, False, False]
    assert out["inProgress"] is True, "an earlier try still running: try again later"
    assert out["calls"] == 1
    assert out["damaged"] == 0


# --------------------------------------------------------------------------- check-in on a phone

@pytest.mark.parametrize("browser", [SIZES[0]], indirect=True)
def test_check_in_inside_then_refused_outside_then_field(browser, admin):
    b = browser
    nancy = Api(NANCY)
    group = set_up_group(admin, nancy.me["employeeId"])

    sign_in_as(b, NANCY)
    allow_location(b)
    put_phone_at(b, NEAR)
    open_check_in(b)

    # Inside the fence: about 73 m from the office, the group and its hours shown.
    location = b.find(sel("checkin-location"))
    assert location.get_attribute("data-inside") == "true"
    assert "Inside the check-in area" in location.text
    b.text_is(sel("checkin-distance"), f"73 m from {SITE}")
    b.text_is(sel("checkin-group"), GROUP)
    weekday = datetime.fromtimestamp(time.time() + 8 * 3600, timezone.utc).isoweekday()
    if weekday <= 5:
        b.text_is(sel("checkin-planned"), "09:00–18:00")
    else:
        assert b.find(sel("attendance-status")).get_attribute("data-status") == "rest", "a weekend is a rest day"
    assert re.fullmatch(r"\d{2}:\d{2}:\d{2}", b.find(sel("checkin-clock")).text), "a ticking clock with seconds"
    button = b.find(sel("checkin-button"))
    assert button.get_attribute("data-outside") == "false"
    # One large round button, thumb-sized and in the lower part of the screen.
    r = button.rect
    assert r["width"] >= 160 and abs(r["width"] - r["height"]) < 2, r
    assert r["y"] + r["height"] <= b.height - 60, f"the button should be above the bottom bar: {r}"
    no_overflow(b, "check-in")
    b.shot("attendance-01-inside")

    fresh_minute(nancy)
    before = len(b.find_all(sel("checkin-punch")))
    expected = button.get_attribute("data-mode")
    assert expected == ("out" if before else "in")
    b.click(sel("checkin-button"))
    b.until(lambda: "Punched at" in b.find(sel("toast")).text, "a toast should confirm the punch")
    minute = now_on_group_clock()
    b.until(lambda: minute in punch_times(b), f"the punch at {minute} should be listed")
    row = next(p for p in b.find_all(sel("checkin-punch")) if p.find_element(By.CSS_SELECTOR, sel("checkin-punch-time")).text == minute)
    assert "In area" in row.text and "73 m" in row.text and SITE in row.text, row.text
    b.until(lambda: b.find(sel("checkin-button")).get_attribute("data-mode") == "out", "the next punch is a check-out")
    b.text_is(sel("checkin-button") + " .att-button-label", "Check out")
    wait_toast_gone(b)
    b.shot("attendance-02-checked-in")

    # 1.07 km away, no field check-in: the page says how far, and the server's refusal names the distance.
    put_phone_at(b, FAR)
    relocate(b, "false")
    b.text_is(sel("checkin-distance"), f"1.07 km from {SITE}")
    assert "Outside the check-in area" in b.find(sel("checkin-location")).text
    assert b.find(sel("checkin-button")).get_attribute("data-outside") == "true"
    assert not b.find_all(sel("checkin-note")), "no field check-in: no note to write"
    count = len(b.find_all(sel("checkin-punch")))
    b.click(sel("checkin-button"))
    error = b.visible(sel("checkin-error"))
    assert "1.07 km" in error.text and SITE in error.text and "field check-in is not allowed" in error.text, error.text
    assert len(b.find_all(sel("checkin-punch"))) == count, "nothing was recorded"
    b.shot("attendance-03-refused-outside")

    # The administrator allows field check-in, with a photo: outside, the button becomes a field check-in that
    # needs a note and a picture from the camera.
    status, group = admin.call("GET", f"/attendance/groups/{group['id']}")
    status, answer = admin.call("PATCH", f"/attendance/groups/{group['id']}", {"version": group["version"], "fieldCheckIn": True, "fieldNeedsPhoto": True})
    assert status == 200 and answer["fieldCheckIn"] is True, answer
    relocate(b, "false")
    b.until(lambda: b.find(sel("checkin-button")).get_attribute("data-mode") == "field", "the button becomes a field check-in")
    b.text_is(sel("checkin-button") + " .att-button-label", "Field check-in")
    assert "field check-in" in b.find(sel("checkin-location")).text
    assert not b.find_all(sel("checkin-error")), "the old refusal is gone"
    photo = b.find(sel("checkin-photo"))
    assert photo.get_attribute("accept") == "image/*" and photo.get_attribute("capture") == "environment"
    b.click(sel("checkin-button"))
    b.text_is(sel("field-error", '[data-field="note"]'), "A field check-in needs a note.")
    b.text_is(sel("field-error", '[data-field="photo"]'), "Your group needs a photo for a field check-in.")
    assert b.find(sel("checkin-note")).get_attribute("aria-invalid") == "true"
    b.type_into(sel("checkin-note"), "Visiting Alfreds in Jing'an")
    take_photo(b)
    b.text_is(sel("checkin-photo-name"), "shopfront.jpg")
    assert b.find(".att-photo-preview").get_attribute("src").startswith("data:image/jpeg"), "a small picture of the photo"
    assert not b.find_all(sel("field-error", '[data-field="photo"]'))
    b.shot("attendance-04-field-note")
    next_minute()
    b.click(sel("checkin-button"))
    b.until(lambda: "Field check-in at" in b.find(sel("toast")).text, "a toast should confirm the field check-in")
    minute = now_on_group_clock()
    b.until(lambda: minute in punch_times(b), f"the field punch at {minute} should be listed")
    row = next(p for p in b.find_all(sel("checkin-punch")) if p.find_element(By.CSS_SELECTOR, sel("checkin-punch-time")).text == minute)
    assert "Field" in row.text and "1.07 km" in row.text and "Visiting Alfreds in Jing'an" in row.text, row.text
    assert b.find(sel("checkin-note")).get_attribute("value") == "", "the note is cleared for the next one"
    status, today = nancy.call("GET", "/attendance/today")
    last = today["punches"][-1]
    assert last["field"] is True and last["note"] == "Visiting Alfreds in Jing'an" and last["photoFileID"], last
    wait_toast_gone(b)
    scroll_top(b)
    b.shot("attendance-05-field-done")

    # The same page in 中文, once.
    switch_language(b, "zh-CN")
    b.until(lambda: "外勤打卡" in b.find(sel("checkin-button")).text, "the button in Chinese")
    assert f"距{SITE} 1.07 km" in b.find(sel("checkin-distance")).text
    assert "今日打卡" in b.find("main").text and any("外勤" in p.text for p in b.find_all(sel("checkin-punch")))
    no_raw_keys(b, "check-in zh")
    scroll_top(b)
    b.shot("attendance-06-zh")
    switch_language(b, "en")
    b.check_console("attendance-end")


@pytest.mark.parametrize("browser", [SIZES[0]], indirect=True)
def test_offline_punch_is_kept_and_sent_when_back_online(browser, admin):
    b = browser
    nancy = Api(NANCY)
    set_up_group(admin, nancy.me["employeeId"])
    sign_in_as(b, NANCY)
    allow_location(b)
    put_phone_at(b, NEAR)
    open_check_in(b)
    next_minute()

    b.driver.execute_cdp_cmd("Network.enable", {})
    b.driver.execute_cdp_cmd("Network.emulateNetworkConditions", {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
    b.visible(sel("checkin-offline"))
    minute = now_on_group_clock()
    b.click(sel("checkin-button"))
    notice = b.visible(sel("checkin-notice"))
    assert f"the punch at {minute} is kept on this phone" in notice.text, notice.text
    b.until(lambda: len(b.find_all(sel("checkin-waiting-item"))) == 1, "one punch waits")
    # Kept in the outbox (IndexedDB), waiting, with the punch as it was made.
    kept = b.driver.execute_async_script("""
        const done = arguments[0];
        import('/app/core/outbox.js').then(async (o) => done((await o.commands())
          .filter((c) => c.path === '/attendance/punches' && c.state === 'waiting').map((c) => c.body.deviceTime)));""")
    assert len(kept) == 1, kept
    b.shot("attendance-07-offline-kept")

    b.driver.execute_cdp_cmd("Network.emulateNetworkConditions", {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
    b.until(lambda: "offline punch(es) sent" in (b.find_all(sel("toast")) or [None])[0].text if b.find_all(sel("toast")) else False,
            "the waiting punch is sent once back online")
    b.until(lambda: not b.find_all(sel("checkin-waiting-item")), "nothing waits any more")
    b.until(lambda: minute in punch_times(b), "the sent punch is listed with the time it was made")
    status, today = nancy.call("GET", "/attendance/today")
    sent = [p for p in today["punches"] if p["queued"]]
    assert sent and sent[-1]["flagged"] is False, today["punches"]
    b.check_console("attendance-offline-end")


@pytest.mark.parametrize("browser", [SIZES[0]], indirect=True)
def test_offline_field_check_in_keeps_its_photo_and_sends_it_first(browser, admin):
    """A field check-in away from any network, with the photo the group asks for: the photo stays on the phone with
    the punch; back online the outbox uploads it first and the punch lands once, carrying the photo's id."""
    b = browser
    nancy = Api(NANCY)
    group = set_up_group(admin, nancy.me["employeeId"], field_check_in=True)
    status, group = admin.call("PATCH", f"/attendance/groups/{group['id']}", {"version": group["version"], "fieldNeedsPhoto": True})
    assert status == 200, group
    sign_in_as(b, NANCY)
    allow_location(b)
    put_phone_at(b, FAR)
    open_check_in(b)
    b.until(lambda: b.find(sel("checkin-button")).get_attribute("data-mode") == "field", "a field check-in, 1.07 km away")
    next_minute()

    b.driver.execute_cdp_cmd("Network.enable", {})
    b.driver.execute_cdp_cmd("Network.emulateNetworkConditions", {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
    b.visible(sel("checkin-offline"))
    note = f"Visiting a shop with no signal ({uuid.uuid4().hex[:6]})"
    b.type_into(sel("checkin-note"), note)
    take_photo(b)
    b.text_is(sel("checkin-photo-name"), "shopfront.jpg")
    assert not b.find_all(sel("field-error", '[data-field="photo"]')), "no network is no error: the photo is kept"
    b.driver.get_log("browser")  # the upload tried without a network failed in the console, as it should
    minute = now_on_group_clock()
    b.click(sel("checkin-button"))
    notice = b.visible(sel("checkin-notice"))
    assert f"the punch at {minute} is kept on this phone" in notice.text, notice.text
    kept = b.driver.execute_async_script("""
        const done = arguments[0];
        import('/app/core/outbox.js').then(async (o) => done((await o.commands())
          .filter((c) => c.path === '/attendance/punches' && c.state === 'waiting')
          .map((c) => ({ photo: c.body.photoFileID ?? null, files: c.files.map((f) => [f.field, f.name, !!f.blob]) }))));""")
    assert kept == [{"photo": None, "files": [["photoFileID", "shopfront.jpg", True]]}], kept

    b.driver.execute_cdp_cmd("Network.emulateNetworkConditions", {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
    b.until(lambda: not b.find_all(sel("checkin-waiting-item")), "nothing waits any more")
    b.until(lambda: minute in punch_times(b), "the sent punch is listed with the time it was made")
    status, today = nancy.call("GET", "/attendance/today")
    sent = [p for p in today["punches"] if p["queued"] and p["field"] and p["note"] == note]
    assert len(sent) == 1 and sent[0]["photoFileID"], today["punches"]
    b.check_console("attendance-offline-photo-end")


# --------------------------------------------------------------------------- months, team, groups

@pytest.mark.parametrize("browser", SIZES, indirect=True)
def test_my_month_and_team_month(browser, admin):
    b = browser
    nancy = Api(NANCY)
    set_up_group(admin, nancy.me["employeeId"])
    status, today = nancy.call("GET", "/attendance/today")
    day = today["today"]

    # Nancy's month: the figures, a Monday-first calendar with today's cell, its details on a tap.
    sign_in_as(b, NANCY)
    allow_location(b)
    put_phone_at(b, NEAR)
    b.driver.get(f"{BASE_URL}/#/attendance")
    b.click(sel("attendance-tab-month"))
    b.visible(sel("month-calendar"))
    b.until(lambda: b.find_all(sel("month-day", f'[data-date="{day}"]')), "today's cell")
    headers = [h.text for h in b.find_all(".att-weekday")]
    assert headers[0] == "Mon" and headers[6] == "Sun", headers
    figures = {f.get_attribute("data-figure"): f.text for f in b.find_all(sel("month-figure"))}
    assert {"daysWorked", "late", "absent", "missing", "field"} <= set(figures), figures
    b.click(sel("month-day", f'[data-date="{day}"]'))
    detail = b.visible(sel("month-day-detail"))
    assert detail.get_attribute("data-date") == day
    if today["punches"]:
        assert re.fullmatch(r"\d{2}:\d{2}", b.find(sel("month-detail-first")).text), b.find(sel("month-detail-first")).text
    # Every cell is a tap target of a reasonable size, and the calendar fits the screen.
    cell = b.find(sel("month-day", f'[data-date="{day}"]')).rect
    assert cell["height"] >= 44 and cell["width"] >= 40, cell
    no_overflow(b, "my month")
    no_raw_keys(b, "my month")
    scroll_top(b)
    b.shot("attendance-10-my-month")
    b.click(sel("month-prev"))
    b.until(lambda: "month=" in b.driver.current_url, "the month is in the address")
    b.click(sel("month-next"))
    b.until(lambda: b.find_all(sel("month-day", f'[data-date="{day}"]')), "back to this month")

    # The manager's view: everyone he may see this month, a total, the CSV; Nancy opens her month.
    sign_in_as(b, ADMIN)
    b.driver.get(f"{BASE_URL}/#/attendance/team")
    b.until(lambda: b.find_all(sel("team-row")), "the team's rows")
    rows = b.find_all(sel("team-row"))
    nancy_row = next(r for r in rows if r.get_attribute("data-id").lower() == nancy.me["employeeId"].lower())
    assert "Nancy Davolio" in nancy_row.text
    total = b.find(sel("team-total"))
    assert f"Total ({len(rows)})" in total.text
    export = b.find(sel("team-export"))
    assert re.search(r"/api/v1/attendance/summary/export\.csv\?month=\d{4}-\d{2}$", export.get_attribute("href")), export.get_attribute("href")
    if b.phone:
        assert nancy_row.value_of_css_property("display") == "grid", "cards on a phone"
    else:
        assert b.find("table.att-team-table thead").is_displayed(), "a table on a desktop"
    no_overflow(b, "team")
    no_raw_keys(b, "team")
    b.shot("attendance-11-team")
    # A department filter narrows the rows and goes into the CSV link.
    options = b.find_all(sel("team-department") + " option")
    usa = next(o for o in options if o.text.endswith("Sales USA"))
    b.driver.execute_script("arguments[0].selected = true; arguments[0].parentElement.dispatchEvent(new Event('change'))", usa)
    b.until(lambda: "department=" in b.driver.current_url, "the department is in the address")
    b.until(lambda: "department=" in b.find(sel("team-export")).get_attribute("href"), "the CSV follows the filter")
    b.until(lambda: all("Sales USA" in r.text for r in b.find_all(sel("team-row"))), "only Sales USA")
    nancy_row = next(r for r in b.find_all(sel("team-row")) if r.get_attribute("data-id").lower() == nancy.me["employeeId"].lower())
    nancy_row.find_element(By.CSS_SELECTOR, sel("team-name")).click()
    b.text_is(sel("month-employee"), "Nancy Davolio")
    b.visible(sel("month-back"))
    b.visible(sel("month-calendar"))
    b.shot("attendance-12-nancy-month")
    b.check_console("attendance-team-end")


@pytest.mark.parametrize("browser", SIZES, indirect=True)
def test_groups_page_adds_and_edits_a_group(browser, admin):
    b = browser
    tag = uuid.uuid4().hex[:6]
    set_up_group(admin, Api(NANCY).me["employeeId"])
    sign_in_as(b, ADMIN)
    allow_location(b)
    put_phone_at(b, NEAR)
    b.driver.get(f"{BASE_URL}/#/attendance")
    b.click(sel("attendance-tab-groups"))
    b.visible(sel("attendance-groups"))
    b.until(lambda: any(GROUP in r.text for r in b.find_all(sel("group-row"))), "the test's group is listed")
    row = next(r for r in b.find_all(sel("group-row")) if GROUP in r.text)
    assert "Mon–Fri 09:00–18:00" in row.find_element(By.CSS_SELECTOR, sel("group-hours")).text
    assert f"{SITE} (200 m)" in row.find_element(By.CSS_SELECTOR, sel("group-sites")).text

    b.click(sel("group-add"))
    b.visible(sel("group-form"))
    b.click(sel("group-form-save"))
    b.text_is(sel("field-error", '[data-field="name"]'), "This field is required.")
    name = f"E2E Night desk {tag}"
    b.type_into(sel("group-form-name"), name)
    b.type_into(sel("group-form-timeZone"), "Asia/Shanghai")
    # Tuesday to Saturday, 10:00–19:00.
    for d in (1, 6):
        b.find(sel("group-form-weekday", f'[data-weekday="{d}"]')).click()
    b.driver.execute_script("""
        for (const [name, value] of [['start', '10:00'], ['end', '19:00']]) {
          const input = document.querySelector(`[data-test="group-form-${name}"]`);
          input.value = value; input.dispatchEvent(new Event('input', { bubbles: true }));
        }""")
    site = next(s for s in b.find_all(sel("group-form-site")) if s.find_element(By.XPATH, "..").text.startswith(SITE))
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", site)
    site.click()
    b.type_into(sel("group-form-radius"), "150")
    b.find(sel("group-form-fieldCheckIn")).click()
    b.shot("attendance-20-group-form")
    b.click(sel("group-form-save"))
    b.until(lambda: any(name in r.text for r in b.find_all(sel("group-row"))), "the new group is listed")
    row = next(r for r in b.find_all(sel("group-row")) if name in r.text)
    assert "Tue–Sat 10:00–19:00" in row.text and f"{SITE} (150 m)" in row.text and "Allowed" in row.text, row.text
    status, groups = admin.call("GET", "/attendance/groups")
    made = next(g for g in groups if g["name"] == name)
    assert made["timeZone"] == "Asia/Shanghai" and made["fieldCheckIn"] is True
    assert [d["weekday"] for d in made["schedule"]["weekdays"]] == [2, 3, 4, 5, 6]

    wait_toast_gone(b)

    # Edit: a grace of 5 minutes; only that is sent, with the version read.
    row.find_element(By.CSS_SELECTOR, sel("group-edit")).click()
    b.visible(sel("group-form"))
    assert b.find(sel("group-form-name")).get_attribute("value") == name
    b.type_into(sel("group-form-graceLateMinutes"), "5")
    b.click(sel("group-form-save"))
    b.until(lambda: not b.find_all(sel("group-form")), "the form closes after saving")
    status, edited = admin.call("GET", f"/attendance/groups/{made['id']}")
    assert edited["graceLateMinutes"] == 5 and edited["version"] == made["version"] + 1
    assert edited["schedule"] == made["schedule"] and edited["sites"] == made["sites"], "what was not changed stays"
    no_overflow(b, "groups")
    no_raw_keys(b, "groups")
    scroll_top(b)
    b.shot("attendance-21-groups")
    b.check_console("attendance-groups-end")


@pytest.mark.parametrize("browser", [SIZES[1]], indirect=True)
def test_check_in_on_a_desktop(browser, admin):
    b = browser
    nancy = Api(NANCY)
    set_up_group(admin, nancy.me["employeeId"])
    sign_in_as(b, NANCY)
    allow_location(b)
    put_phone_at(b, NEAR)
    b.nav("attendance")
    b.visible(sel("checkin"))
    b.until(lambda: b.find(sel("checkin-location")).get_attribute("data-inside") == "true", "inside the fence")
    b.text_is(sel("checkin-distance"), f"73 m from {SITE}")
    no_overflow(b, "check-in")
    b.shot("attendance-01-inside")
    b.check_console("attendance-desktop-end")
