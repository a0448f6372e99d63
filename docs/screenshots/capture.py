"""Takes the README's screenshots (docs/screenshots/*.png) in headless Chromium, at 390x844 and 1366x768.

Start a server on a fresh demo database, then run this from the repository:

    .build/debug/afield --port 8741 --database /tmp/shots/demo.sqlite
    AFIELD_E2E_URL=http://127.0.0.1:8741 python3 docs/screenshots/capture.py

First it makes the demo company look used today, through the API: orders this month and last month
(Andrew Fuller's and Nancy Davolio's), four requests waiting for Andrew's approval, and on one of
Nancy's orders a comment mentioning Andrew, his answer and an attached PDF of the order. A second run
against the same database skips that. Then it signs in as Andrew and takes each picture; it stops on
any error the browser logs. The PNGs are reduced to 256 colours when Pillow is installed.
Needs what Tests/e2e needs (Chromium, chromedriver, Tests/e2e/requirements.txt).
"""

import json
import sys
import time
import urllib.error
import urllib.request
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "Tests" / "e2e"))

from test_approvals import sign_in_as  # noqa: E402
from test_web import BASE_URL, Browser, sel  # noqa: E402

OUT = Path(__file__).resolve().parent
COMPANY_TZ = "America/Los_Angeles"  # Northwind's: order dates are its days, times are shown in it
PASSWORD = "afield-demo"


# --------------------------------------------------------------------------- the API


def call(method, path, body=None, token=None, raw=None, headers=None):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    req = urllib.request.Request(f"{BASE_URL}/api/v1{path}", data=data, method=method)
    req.add_header("Accept", "application/json")
    req.add_header("Accept-Language", "en")
    if body is not None:
        req.add_header("Content-Type", "application/json")
    for name, value in (headers or {}).items():
        req.add_header(name, value)
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req) as answer:
            content = answer.read()
            kind = answer.headers.get("Content-Type", "")
            return answer.status, (json.loads(content) if content and "json" in kind else content)
    except urllib.error.HTTPError as error:
        content = error.read()
        return error.code, (json.loads(content) if content else None)


def ok(answer, expected=(200, 201)):
    status, body = answer
    assert status in expected, f"{status}: {body}"
    return body


def login(name):
    return ok(call("POST", "/auth/login", {"email": f"{name}@northwind.example", "password": PASSWORD}))["token"]


# --------------------------------------------------------------------------- a company in use


def days_this_month(today, count):
    """`count` days of this month up to today, oldest first (all the 1st early in a month)."""
    return [max(today - timedelta(days=k), today.replace(day=1)) for k in reversed(range(count))]


def seed():
    andrew, nancy = login("andrew.fuller"), login("nancy.davolio")
    if ok(call("GET", "/approvals/inbox/counts", token=andrew))["todo"] > 0:
        print("The demo company is in use already: no new data.")
        return
    customers = {c["name"]: c["id"] for c in ok(call("GET", "/partners/customers?limit=100", token=andrew))["items"]}
    products = {p["name"]: p["id"] for p in ok(call("GET", "/products/products?limit=100", token=andrew))["items"]}

    def order(token, customer, lines, day=None, confirm=True):
        body = {"customerId": customers[customer],
                "lines": [{"productId": products[name], "quantity": str(quantity)} for name, quantity in lines]}
        if day:
            body["orderDate"] = day.isoformat()
        made = ok(call("POST", "/sales/orders", body, token=token))
        if confirm:
            ok(call("POST", f"/sales/orders/{made['id']}/confirm", {"version": made["version"]}, token=token))
        return made

    today = datetime.now(ZoneInfo(COMPANY_TZ)).date()
    last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=12)
    d = days_this_month(today, 5)
    order(andrew, "Alfreds Futterkiste", [("Carnarvon Tigers", 6)], last_month)
    order(andrew, "Ernst Handel", [("Chai", 30)], last_month + timedelta(days=8))
    order(andrew, "Alfreds Futterkiste", [("Chai", 12), ("Côte de Blaye", 2)], d[0])
    order(andrew, "Ernst Handel", [("Camembert Pierrot", 20), ("Gnocchi di nonna Alice", 15)], d[1])
    order(nancy, "Alfreds Futterkiste", [("Filo Mix", 40)], d[1])
    order(andrew, "Blauer See Delikatessen", [("Chang", 24)], d[2])
    order(andrew, "Berglunds snabbköp", [("Gravad lax", 10), ("Geitost", 30)], d[3])
    discussed = order(nancy, "Drachenblut Delikatessen", [("Chocolade", 25), ("Chai", 10)], d[4])
    order(andrew, "Around the Horn", [("Gorgonzola Telino", 8)], confirm=False)

    # Requests from the people who report to Andrew: the built-in forms' default flow asks him.
    next_week = today + timedelta(days=7)
    requests = {
        "nancy.davolio": ("businessTrip", {"destination": "Lyon", "period": {"start": next_week.isoformat(),
                          "end": (next_week + timedelta(days=2)).isoformat()}, "transport": "train",
                          "estimatedCost": "860.00", "reason": "Visit our French customers after the food fair"}),
        "janet.leverling": ("overtime", {"date": today.isoformat(), "hours": "4", "compensation": "timeOff",
                            "reason": "Stock count at the Seattle warehouse"}),
        "margaret.peacock": ("paymentRequest", {"payee": "Exotic Liquids", "amount": "1240.00",
                             "items": [{"description": "Syrup and spices for next month", "amount": "1240.00"}]}),
        "steven.buchanan": ("outing", {"startDate": next_week.isoformat(), "endDate": next_week.isoformat(),
                            "place": "Royal Albert Hall", "reason": "Customer concert with Seven Seas Imports"}),
    }
    for person, (template, values) in requests.items():
        token = login(person)
        form = next(f for f in ok(call("GET", "/approvals/forms", token=token)) if f.get("templateKey") == template)
        ok(call("POST", "/approvals/instances", {"formId": form["id"], "values": values}, token=token))

    # A question on Nancy's order, Andrew's answer, and the order's PDF attached.
    record = f"/records/sales.order/{discussed['id']}"
    andrew_id = next(p["id"] for p in ok(call("GET", f"{record}/mentionable", token=nancy)) if p["name"] == "Andrew Fuller")
    ok(call("POST", f"{record}/comments", {"text": "@Andrew Fuller Drachenblut want 10 more Chai if we can hold "
                                           "this price until January. OK?", "mentions": [andrew_id]}, token=nancy))
    time.sleep(1)  # the answer comes second, also when both are in the same second
    nancy_id = next(p["id"] for p in ok(call("GET", f"{record}/mentionable", token=andrew)) if p["name"] == "Nancy Davolio")
    ok(call("POST", f"{record}/comments", {"text": "@Nancy Davolio Yes, hold it until the end of January and add "
                                           "the 10 Chai as a new order.", "mentions": [nancy_id]}, token=andrew))
    pdf = ok(call("GET", f"/sales/orders/{discussed['id']}/print", token=nancy))
    file = ok(call("POST", "/files", raw=pdf, token=nancy, headers={
        "Content-Type": "application/pdf", "X-File-Name": f"{discussed['number']}-confirmation.pdf"}))
    ok(call("POST", f"{record}/attachments", {"fileId": file["id"]}, token=nancy))


# --------------------------------------------------------------------------- pictures


def open_browser(width, height, locale="en"):
    b = Browser(width, height)
    b.driver.execute_cdp_cmd("Emulation.setTimezoneOverride", {"timezoneId": COMPANY_TZ})
    sign_in_as(b, "andrew.fuller@northwind.example")
    if locale != "en":
        ok(b.api("PATCH", "/auth/me", {"locale": locale}))
        b.driver.refresh()
        b.visible("nav.nav")
    return b


def go(b, path, ready):
    b.driver.get(f"{BASE_URL}/#{path}")
    b.visible(ready)


def shot(b, name):
    """Rests the pointer on the company's name (nothing lights up under it), lets the page settle and saves."""
    b.driver.execute_cdp_cmd("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": 150 if b.phone else 300, "y": 28})
    time.sleep(1)
    path = OUT / f"{name}.png"
    b.driver.save_screenshot(str(path))
    b.check_console(name)
    try:
        from PIL import Image
        Image.open(path).convert("RGB").quantize(256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)
        note = ""
    except ImportError:
        note = " (no Pillow: not reduced)"
    print(f"{path.name}: {path.stat().st_size // 1024} KB{note}")


def workbench_desktop(b):
    go(b, "/workbench", sel("workbench-kpi"))
    b.visible(sel("workbench-todo-item"))
    shot(b, "workbench-desktop")


def workbench_figures_zh(b):
    """The lower half of the workbench in Chinese: the figures and the unread notifications."""
    go(b, "/workbench", sel("workbench-kpi"))
    b.visible(sel("workbench-todo-item"))
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", b.find(sel("workbench-kpi")))
    b.driver.execute_script("document.documentElement.scrollTop = 0")  # only the page's own scroller moves
    shot(b, "workbench-phone-zh")


def orders_desktop(b):
    first = datetime.now(ZoneInfo(COMPANY_TZ)).date().replace(day=1)
    go(b, f"/orders?from={first.isoformat()}&state=confirmed&sort=-total", sel("order-row"))
    b.until(lambda: not b.find_all(".list-card.is-loading"), "the list settles")
    for row in [r.get_attribute("data-id") for r in b.find_all(sel("order-row"))][1:3]:
        b.click(f'{sel("order-row")}[data-id="{row}"] {sel("list-select")}')
    b.text_is(sel("list-selected-count"), "2 selected")
    shot(b, "orders-desktop")


def order_desktop(b):
    """Nancy's order that Andrew and she discussed, its comments in the chatter beside it."""
    page = ok(b.api("GET", "/sales/orders?limit=50&q=Drachenblut"))
    order = max(page["items"], key=lambda o: o["number"])  # this year's SO-… after Northwind's 10xxx
    go(b, f"/orders/{order['id']}", sel("comment"))
    shot(b, "order-desktop")


def search_phone(b):
    go(b, "/workbench", sel("workbench"))
    b.click(sel("search-open"))
    b.visible(sel("search-input")).send_keys("ber")
    b.until(lambda: len({e.get_attribute("data-kind") for e in b.find_all(sel("search-hit"))}) >= 4, "hits of four kinds")
    shot(b, "search-phone")


def main():
    seed()
    b = open_browser(1366, 768)
    try:
        workbench_desktop(b)
        orders_desktop(b)
        order_desktop(b)
    finally:
        b.quit()
    b = open_browser(390, 844)
    try:
        go(b, "/orders", sel("order-row"))
        shot(b, "orders-phone")
        search_phone(b)
    finally:
        b.quit()
    b = open_browser(390, 844, "zh-CN")
    try:
        workbench_figures_zh(b)
    finally:
        ok(b.api("PATCH", "/auth/me", {"locale": "en"}))
        b.quit()


if __name__ == "__main__":
    main()
