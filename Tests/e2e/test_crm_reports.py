"""Issue 12 (CRM), the CRM reports page (#/crm/reports), in the real browser at 390x844 and 1366x768:

Nancy makes a little of everything through the API first — a customer from a referral, a lead from an exhibition, a
follow-up on the customer, one opportunity won and one lost with a reason of this run — then opens "CRM reports" from the
menu. Every section renders with numbers: the funnel (SVG and table), new customers and leads by source (table and bar
chart), visits and follow-ups per rep and week (table and column chart), customers not followed up for N days (N changed
to 7 in the page; the total links to the customer list filtered by notFollowedSince, which opens), and wins and losses
with the win rate, this run's lost reason and Nancy's row. Each figure is checked against the API. On the desktop the
page is also looked at in 中文.

Rerunnable against the same server: every run makes its own records; figures are compared with the API's, not fixed.
"""

import re

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from test_web import BASE_URL, sel, ok
from test_approvals import NANCY, sign_in_as
from test_crm_customers import PHONE, DESKTOP, crm_browser, tag


@pytest.fixture
def browser(request, monkeypatch):
    b = crm_browser(request, monkeypatch, [])
    yield b
    b.quit()


def make_data(b, run):
    customer = ok(b.api("POST", "/partners/customers", {"name": f"Reports {run} Ltd", "level": "A", "source": "referral"}))
    ok(b.api("POST", "/crm/leads", {"company": f"Reports lead {run}", "source": "exhibition"}))
    ok(b.api("POST", "/crm/follow-ups", {"customerId": customer["id"], "kind": "call", "notes": f"Called about the report {run}"}))
    stages = ok(b.api("GET", "/crm/stages"))
    won = next(s for s in stages if s["kind"] == "won" and not s["archived"])
    lost = next(s for s in stages if s["kind"] == "lost" and not s["archived"])
    reason = f"Price {run}"
    for name, stage, extra in ((f"Won {run}", won, {}), (f"Lost {run}", lost, {"lostReason": reason})):
        o = ok(b.api("POST", "/crm/opportunities", {"name": name, "customerId": customer["id"], "amount": "5000"}))
        ok(b.api("POST", f"/crm/opportunities/{o['id']}/move", {"version": o["version"], "stageId": stage["id"], **extra}))
    return customer, reason


def number(text):
    return int(re.sub(r"[^\d]", "", text) or "0")


@pytest.mark.parametrize("browser", [PHONE, DESKTOP], indirect=True)
def test_crm_reports_render_every_section(browser):
    b = browser
    run = tag()
    sign_in_as(b, NANCY)
    _, reason = make_data(b, run)
    me = ok(b.api("GET", "/auth/me"))

    b.nav("crm_reports")
    b.visible(sel("crm-reports"))
    b.until(lambda: b.driver.current_url.endswith("#/crm/reports"), "the reports page")
    for name in ("funnel", "sources", "activity", "idle", "outcomes"):
        b.until(lambda: b.find_all(sel(f"report-{name}")) and not b.find(sel(f"report-{name}")).find_elements(By.CSS_SELECTOR, ".spinner"),
                f"the {name} section loads")
    assert not b.find_all(sel("reports-error")), [e.text for e in b.find_all(sel("reports-error"))]
    start, end = b.find(sel("reports-from")).get_attribute("value"), b.find(sel("reports-to")).get_attribute("value")
    assert re.match(r"\d{4}-\d{2}-\d{2}$", start) and re.match(r"\d{4}-\d{2}-\d{2}$", end) and start < end, (start, end)
    period = f"from={start}&to={end}"

    # Funnel: a band per stage, and the table.
    assert b.find(sel("report-funnel")).find_elements(By.CSS_SELECTOR, sel("funnel-stage")), "funnel bands"
    assert b.find(sel("report-funnel")).find_elements(By.CSS_SELECTOR, "svg title"), "the funnel SVG has a title"
    b.shot("crm-reports-01-top")

    # Sources: referral counts this run's customer, exhibition its lead; the chart has bars and a title.
    sources = ok(b.api("GET", f"/crm/reports/sources?{period}"))
    referral = next(r for r in sources["rows"] if r["source"] == "referral")
    row = b.find(sel("source-row", '[data-source="referral"]'))
    assert number(row.find_elements(By.CSS_SELECTOR, "td")[0].text) == referral["customers"] >= 1, row.text
    assert b.find_all(sel("source-row", '[data-source="exhibition"]')), "the exhibition lead's row"
    assert number(b.find(sel("sources-total")).find_elements(By.CSS_SELECTOR, "td")[1].text) == sources["totals"]["leads"]
    chart = b.find(sel("sources-chart"))
    assert chart.find_elements(By.CSS_SELECTOR, sel("chart-bar")) and chart.find_elements(By.CSS_SELECTOR, "title")
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", b.find(sel("report-sources")))
    b.shot("crm-reports-02-sources")

    # Activity: Nancy's row has this run's follow-up; the columns are the report's weeks.
    activity = ok(b.api("GET", f"/crm/reports/activity?{period}"))
    mine = next(r for r in activity["rows"] if r["ownerName"] == "Nancy Davolio")
    assert mine["followUps"] >= 1, mine
    row = next(r for r in b.find_all(sel("activity-row")) if r.get_attribute("data-owner-id").lower() == mine["ownerId"].lower())
    assert len(row.find_elements(By.CSS_SELECTOR, sel("activity-week"))) == len(activity["weeks"]) >= 12
    assert row.find_elements(By.CSS_SELECTOR, "td")[-1].text.replace(" ", "") == f"{mine['visits']}/{mine['followUps']}", row.text
    assert b.find(sel("activity-chart")).find_elements(By.CSS_SELECTOR, sel("chart-bar"))
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", b.find(sel("report-activity")))
    b.shot("crm-reports-03-activity")

    # Idle customers: 7 days instead of 30; the total links to the customer list filtered by notFollowedSince.
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", b.find(sel("idle-days")))
    b.type_into(sel("idle-days"), "7")
    b.find(sel("idle-days")).send_keys(Keys.ENTER)
    b.until(lambda: "days=7" in b.driver.current_url, "the days go into the address")
    idle = ok(b.api("GET", "/crm/reports/idle-customers?days=7"))
    b.until(lambda: number(b.find(sel("idle-total")).text) == idle["total"], "the idle total is the API's")
    assert idle["since"] in b.find(sel("idle-link")).text
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", b.find(sel("report-idle")))
    b.shot("crm-reports-04-idle")

    # Wins and losses: this run's reason, Nancy's row, the rate.
    outcomes = ok(b.api("GET", f"/crm/reports/outcomes?{period}"))
    assert outcomes["won"]["count"] >= 1 and outcomes["lost"]["count"] >= 1, outcomes
    assert number(b.find(sel("outcome-won")).text) == outcomes["won"]["count"]
    assert number(b.find(sel("outcome-lost")).text) == outcomes["lost"]["count"]
    assert b.find(sel("outcome-rate")).text.endswith("%")
    assert any(reason in r.text for r in b.find_all(sel("reason-row"))), "this run's lost reason"
    assert b.find(sel("reasons-chart")).find_elements(By.CSS_SELECTOR, sel("chart-bar"))
    assert any(r.get_attribute("data-owner-id").lower() == str(me.get("employeeId", "")).lower() or "Nancy Davolio" in r.text
               for r in b.find_all(sel("outcome-owner-row"))), "Nancy's row"
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", b.find(sel("report-outcomes")))
    b.shot("crm-reports-05-outcomes")

    if not b.phone:
        status, _ = b.api("PATCH", "/auth/me", {"locale": "zh-CN"})
        assert status == 200
        try:
            b.driver.refresh()
            b.until(lambda: b.language() == "zh-CN", "Chinese")
            b.until(lambda: "赢单与输单" in b.find(sel("report-outcomes")).text, "the sections' titles in Chinese")
            b.until(lambda: not b.find_all(".report-section .spinner"), "every section loads again")
            b.driver.execute_script("window.scrollTo(0, 0)")
            b.shot("crm-reports-06-zh")
        finally:
            b.api("PATCH", "/auth/me", {"locale": "en"})
            b.driver.refresh()
            b.until(lambda: b.language() == "en", "English again")

    # The idle link opens the customer list with the filter.
    link = b.visible(sel("idle-link"))  # the sections load again after the refresh
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    b.until(lambda: "#/customers" in b.driver.current_url and "notFollowedSince=" in b.driver.current_url, "the filtered customer list")
    b.visible(sel("customer-search"))
    b.check_console("crm-reports-end")
