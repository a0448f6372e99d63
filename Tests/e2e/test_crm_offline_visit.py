"""Issue 12 (CRM), a visit checked in without a signal, in the real browser (390x844 and 1366x768):

Nancy has a visit planned today at one of her customers. At the door the phone has no network (DevTools offline): she
checks in anyway, without the shopfront photo (it cannot wait on the phone; the card says so). The card shows the visit checked in, marked as waiting, with the phone's time; the outbox keeps the
check-in (waiting, its deviceTime the phone's clock) and the sync centre lists it. Back online, the outbox sends it by
itself (queued, with sentAt): the card reads the visit from the server (distance shown, no waiting mark) and the
server's visit is in_progress with the phone's time as its device time, not the time it was sent. She then checks
out offline too and that lands the same way.

Rerunnable against the same server: every run makes its own customer and visit.
"""

import re
import time
from datetime import datetime

import pytest
from selenium.webdriver.common.by import By

from test_web import BASE_URL, sel
from test_approvals import NANCY, sign_in_as
from test_attendance import allow_location, put_phone_at, take_photo
from test_crm_customers import PHONE, DESKTOP, HERE, crm_browser, tag
from test_offline_outbox import console_ok, network, outbox, shot

NEAR = ("31.230450", "121.473750")


@pytest.fixture
def browser(request, monkeypatch):
    b = crm_browser(request, monkeypatch, [])
    yield b
    try:
        network(b, True)
    except Exception:  # noqa: BLE001 - the browser may be gone already
        pass
    b.quit()


def instant(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def card(b, visit_id):
    cards = [c for c in b.find_all(sel("visit-card")) if c.get_attribute("data-id").lower() == visit_id.lower()]
    return cards[0] if cards else None


def visit_commands(b, visit_id):
    return [c for c in outbox(b) if f"/crm/visits/{visit_id}/".lower() in c["path"].lower()]


@pytest.mark.parametrize("browser", [PHONE, DESKTOP], indirect=True)
def test_check_in_offline_is_kept_and_synced_with_the_phones_time(browser):
    b = browser
    sign_in_as(b, NANCY)
    allow_location(b)
    put_phone_at(b, HERE)
    run = tag()
    status, customer = b.api("POST", "/partners/customers", {"name": f"Offline visit {run}", "level": "B"})
    assert status == 201, customer
    status, customer = b.api("PATCH", f"/partners/customers/{customer['id']}",
                             {"version": customer["version"], "latitude": NEAR[0], "longitude": NEAR[1]})
    assert status == 200, customer
    status, visit = b.api("POST", "/crm/visits", {"customerId": customer["id"], "purpose": "Samples"})
    assert status == 201 and visit["state"] == "planned", visit

    # Today's visits, read while the network works.
    b.driver.get(f"{BASE_URL}/#/crm/visits")
    b.visible(sel("visits-day"))
    b.until(lambda: card(b, visit["id"]), "the planned visit on today's page")
    here = card(b, visit["id"])
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", here)

    # At the door without a signal: the shopfront photo cannot be sent, the card says so; check in anyway.
    network(b, False)
    take_photo(b, f'{sel("visit-card")}[data-id="{visit["id"]}"] {sel("visit-photo")}')
    b.until(lambda: card(b, visit["id"]).find_elements(By.CSS_SELECTOR, sel("visit-photo-offline")), "the photo cannot go offline")
    assert not card(b, visit["id"]).find_elements(By.CSS_SELECTOR, sel("visit-photo-name"))
    before = datetime.now().astimezone()
    card(b, visit["id"]).find_element(By.CSS_SELECTOR, sel("visit-checkin")).click()
    b.until(lambda: card(b, visit["id"]) and card(b, visit["id"]).get_attribute("data-state") == "in_progress", "checked in on the phone")
    here = card(b, visit["id"])
    assert here.find_elements(By.CSS_SELECTOR, sel("visit-waiting")), "marked as waiting to be sent"
    assert "Waiting to be sent" in here.find_element(By.CSS_SELECTOR, sel("visit-waiting")).text
    assert here.find_elements(By.CSS_SELECTOR, sel("visit-kept-time")), "the phone's check-in time"
    assert here.find_elements(By.CSS_SELECTOR, sel("visit-checkout-form")), "check-out is offered meanwhile"
    b.until(lambda: b.find_all(sel("toast")) and "on this phone, without the photo" in b.find(sel("toast")).text, "the notice says it is kept")
    kept = visit_commands(b, visit["id"])
    assert len(kept) == 1 and kept[0]["state"] == "waiting" and kept[0]["path"].endswith("/check-in"), kept
    device_time = instant(kept[0]["body"]["deviceTime"])
    assert abs((device_time - before).total_seconds()) < 30, (device_time, before)
    assert "queued" not in kept[0]["body"], "queued and sentAt are added when it is sent"
    shot(b, "crm-offline-visit-01-kept")

    # The sync centre lists it as waiting.
    b.driver.get(f"{BASE_URL}/#/sync")
    b.until(lambda: "Check-in at Offline visit" in b.find("main").text, "the sync centre lists the check-in")
    shot(b, "crm-offline-visit-02-sync-centre")

    # A while later the network is back: the outbox sends it by itself, marked queued with sentAt.
    time.sleep(4)
    b.driver.get(f"{BASE_URL}/#/crm/visits")
    b.visible(sel("visits-day"))
    b.until(lambda: card(b, visit["id"]) and card(b, visit["id"]).get_attribute("data-state") == "in_progress",
            "kept as checked in across pages")
    assert card(b, visit["id"]).find_elements(By.CSS_SELECTOR, sel("visit-waiting"))
    network(b, True)
    b.until(lambda: all(c["state"] == "applied" for c in visit_commands(b, visit["id"])), "the check-in is sent")
    b.until(lambda: card(b, visit["id"]) and not card(b, visit["id"]).find_elements(By.CSS_SELECTOR, sel("visit-waiting")),
            "no longer waiting")
    b.until(lambda: card(b, visit["id"]).find_elements(By.CSS_SELECTOR, sel("visit-distance")), "the server's distance")
    assert re.search(r"\d+ m", card(b, visit["id"]).find_element(By.CSS_SELECTOR, sel("visit-distance")).text)
    status, server = b.api("GET", f"/crm/visits/{visit['id']}")
    assert status == 200 and server["state"] == "in_progress" and not server.get("photoFileId"), server
    assert abs((instant(server["checkInDeviceAt"]) - device_time).total_seconds()) < 1, (server["checkInDeviceAt"], device_time)
    # The phone's time is kept: the check-in is dated when it was made, not when it arrived seconds later.
    assert abs((instant(server["checkInAt"]) - device_time).total_seconds()) < 3, (server["checkInAt"], device_time)
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", card(b, visit["id"]))
    shot(b, "crm-offline-visit-03-synced")

    # Check out without a signal too: kept, then sent after the network returns.
    network(b, False)
    here = card(b, visit["id"])
    summary = f"Left samples {run}"
    here.find_element(By.CSS_SELECTOR, sel("visit-summary")).send_keys(summary)
    button = here.find_element(By.CSS_SELECTOR, sel("visit-checkout"))
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    b.until(lambda: card(b, visit["id"]).get_attribute("data-state") == "done", "checked out on the phone")
    assert card(b, visit["id"]).find_elements(By.CSS_SELECTOR, sel("visit-waiting"))
    assert summary in card(b, visit["id"]).find_element(By.CSS_SELECTOR, sel("visit-summary-text")).text
    shot(b, "crm-offline-visit-04-checkout-kept")
    network(b, True)
    b.until(lambda: all(c["state"] == "applied" for c in visit_commands(b, visit["id"])), "the check-out is sent")
    b.until(lambda: card(b, visit["id"]) and not card(b, visit["id"]).find_elements(By.CSS_SELECTOR, sel("visit-waiting")),
            "no longer waiting")
    status, server = b.api("GET", f"/crm/visits/{visit['id']}")
    assert status == 200 and server["state"] == "done" and server["summary"] == summary, server
    console_ok(b, "crm-offline-visit-end")
