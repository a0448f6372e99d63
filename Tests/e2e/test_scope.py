"""Data scopes in the real browser (issue 3): a manager of one department sees only that
department's customers and orders — in the list, the search, the report and the export.

Northwind: Steven Buchanan manages "Sales UK" (Michael Suyama, Robert King, Anne Dodsworth and
himself). A customer belongs to the employee who took most of its orders (ties: lower id), so the
expected visibility is computed here from Demo/northwind, independently of the server.
"""

import csv
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from test_web import BASE_URL, Browser, sel

DEMO = Path(__file__).resolve().parents[2] / "Demo" / "northwind"
STEVEN = "steven.buchanan@northwind.example"
PASSWORD = "afield-demo"


def northwind():
    employees = {r["employee_id"]: r for r in csv.DictReader(open(DEMO / "employees.csv", encoding="utf-8"))}
    orders = list(csv.DictReader(open(DEMO / "orders.csv", encoding="utf-8")))
    customers = {r["customer_id"]: r["company_name"] for r in csv.DictReader(open(DEMO / "customers.csv", encoding="utf-8"))}
    uk = {eid for eid, e in employees.items() if e["country"] == "UK"}
    names = {eid: f'{e["first_name"]} {e["last_name"]}' for eid, e in employees.items()}
    counts = defaultdict(Counter)
    for o in orders:
        counts[o["customer_id"]][o["employee_id"]] += 1
    owner = {c: max(cnt.items(), key=lambda kv: (kv[1], -int(kv[0])))[0] for c, cnt in counts.items()}
    return {
        "uk_names": {names[e] for e in uk},
        "usa_names": {names[e] for e in employees if e not in uk},
        "uk_orders": [o for o in orders if o["employee_id"] in uk],
        "usa_order": next(o["order_id"] for o in orders if o["employee_id"] not in uk),
        "uk_order": next(o["order_id"] for o in orders if o["employee_id"] in uk),
        "uk_customer": next(customers[c] for c, e in owner.items() if e in uk),
        "usa_customer": next(customers[c] for c, e in owner.items() if e not in uk),
    }


@pytest.fixture
def browser():
    b = Browser(1366, 768)
    yield b
    b.quit()


def rows_settled(b, test_id):
    b.until(lambda: b.find_all(sel(test_id)) or b.find_all(sel("empty-list")), f"{test_id} list never settled")
    return b.find_all(sel(test_id))


def test_manager_sees_only_own_department(browser):
    b, nw = browser, northwind()
    b.driver.get(BASE_URL + "/")
    b.type_into(sel("signin-email"), STEVEN)
    b.type_into(sel("signin-password"), PASSWORD)
    b.click(sel("signin-submit"))
    b.visible(sel("nav-orders"))

    # The list: only orders of Sales UK's people, and exactly as many as they took.
    b.click(sel("nav-orders"))
    rows = rows_settled(b, "order-row")
    assert rows and all(any(n in r.text for n in nw["uk_names"]) for r in rows), [r.text for r in rows]
    b.until(lambda: str(len(nw["uk_orders"])) in b.find(".page-header .count").text, "the order count should be the department's")
    b.shot("scope-01-orders")

    # The search: a USA order is not found, a UK one is.
    b.type_into(sel("order-search"), nw["usa_order"])
    b.until(lambda: b.find_all(sel("empty-list")), f"order {nw['usa_order']} (USA) must not be found")
    b.type_into(sel("order-search"), nw["uk_order"])
    b.until(lambda: len(b.find_all(sel("order-row"))) == 1, f"order {nw['uk_order']} (UK) should be found")
    b.shot("scope-02-search")

    # Customers: those of UK account managers only.
    b.click(sel("nav-customers"))
    b.type_into(sel("customer-search"), nw["usa_customer"])
    b.until(lambda: b.find_all(sel("empty-list")), f"{nw['usa_customer']} belongs to Sales USA and must not be listed")
    b.type_into(sel("customer-search"), nw["uk_customer"])
    b.until(lambda: any(nw["uk_customer"] in r.text for r in b.find_all(sel("customer-row"))), f"{nw['uk_customer']} should be listed")
    b.shot("scope-03-customers")

    # The grouped report: only the department's salespeople.
    b.nav("reports")
    b.until(lambda: b.find_all(sel("report-by-salesperson-row")), "the salesperson report never loaded")
    names = {r.find_element("css selector", "td").text.strip() for r in b.find_all(sel("report-by-salesperson-row"))}
    assert names == nw["uk_names"], names
    b.shot("scope-04-report")

    # The export: the button's file holds the same orders as the list, nothing more.
    b.click(sel("nav-orders"))
    link = b.visible(sel("order-export")).get_attribute("href")
    text = b.driver.execute_async_script(
        "const [url, done] = arguments; fetch(url, {credentials: 'same-origin'}).then((r) => r.text()).then(done, (e) => done(String(e)));",
        link)
    lines = [l for l in text.lstrip("\ufeff").split("\r\n") if l]
    assert lines[0].startswith("Number,"), lines[0]
    assert len(lines) - 1 == len(nw["uk_orders"]), len(lines)
    assert not any(n in text for n in nw["usa_names"]), "the export leaked another department's orders"
    b.check_console("scope-05-export")
