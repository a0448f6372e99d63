"""Issue 9 point 2 in the real browser, at a phone size and a desktop size: every record page has the
platform's chatter — beside the record on a desktop, below it on a phone.

- On a sales order: a comment with an @mention chosen in the picker, a file attached and listed,
  the order's history in the chatter, and Print, whose PDF arrives from the server.
- On a customer: a comment with an @mention and an attached file.

Rerunnable against the same server: every run's comments and files carry a unique mark.
"""

import tempfile
import time
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from test_web import BASE_URL, SIZES, Browser, sel, sign_in


@pytest.fixture
def browser(request):
    width, height = request.param
    b = Browser(width, height)
    yield b
    b.quit()


def chatter_placement(b):
    """Beside the record on a desktop, below it on a phone."""
    main = b.find(".record-main").rect
    side = b.visible(sel("chatter")).rect
    if b.phone:
        assert side["y"] >= main["y"] + main["height"] - 1, f"on a phone the chatter comes below the record: {main} {side}"
        assert side["width"] >= b.width - 40, f"and takes the width: {side}"
    else:
        assert side["x"] >= main["x"] + main["width"] - 1, f"on a desktop the chatter is a column beside the record: {main} {side}"
        assert abs(side["y"] - main["y"]) < 4, f"side by side: {main} {side}"


def colleague(b, entity, record_id):
    """Someone the picker will offer: a colleague who may read the record."""
    status, people = b.api("GET", f"/records/{entity}/{record_id}/mentionable")
    assert status == 200 and people, (status, people)
    return people[0]["name"]


def comment_with_mention(b, text, person):
    b.click(sel("chatter-tab-comments"))
    b.type_into(sel("comment-input"), text)
    b.type_into(sel("comment-mention"), person.split(" ")[0])
    b.until(lambda: any(o.find_element(By.CSS_SELECTOR, ".picker-option-label").text.strip() == person
                        for o in b.find_all(sel("comment-mention-option"))),
            f"the mention picker should offer {person}")
    next(o for o in b.find_all(sel("comment-mention-option"))
         if o.find_element(By.CSS_SELECTOR, ".picker-option-label").text.strip() == person).click()
    b.until(lambda: any(person in c.text for c in b.find_all(sel("comment-mention-chip"))), "the chosen person shows as a chip")
    b.until(lambda: f"@{person}" in b.find(sel("comment-input")).get_attribute("value"), "the text names the person")
    b.click(sel("comment-post"))
    b.until(lambda: any(text in c.find_element(By.CSS_SELECTOR, sel("comment-text")).text for c in b.find_all(sel("comment"))),
            "the new comment is listed")
    posted = next(c for c in b.find_all(sel("comment")) if text in c.find_element(By.CSS_SELECTOR, sel("comment-text")).text)
    assert f"@{person}" in posted.find_element(By.CSS_SELECTOR, sel("comment-text")).text
    assert [m.text for m in posted.find_elements(By.CSS_SELECTOR, sel("comment-mention-name"))] == [f"@{person}"]
    assert b.find(sel("comment-input")).get_attribute("value") == "", "the box is empty again"
    assert b.find(sel("follow-toggle")).get_attribute("aria-pressed") == "true", "commenting follows the record"


def attach_file(b, mark):
    b.click(sel("chatter-tab-files"))
    folder = Path(tempfile.mkdtemp())
    path = folder / f"签收单-{mark}.txt"
    path.write_text(f"delivery note {mark}\n", encoding="utf-8")
    b.find(sel("attach-input")).send_keys(str(path))
    b.until(lambda: any(path.name in a.text for a in b.find_all(sel("attachment"))), "the attached file is listed")
    link = next(a for a in b.find_all(sel("attachment")) if path.name in a.text).find_element(By.CSS_SELECTOR, sel("attachment-link"))
    status, meta = b.api("GET", link.get_attribute("href").split("/api/v1", 1)[1] + "/meta")
    assert status == 200 and meta["name"] == path.name, (status, meta)


@pytest.mark.parametrize("browser", SIZES, indirect=True)
def test_order_chatter_and_print(browser):
    b = browser
    sign_in(b)
    # A confirmed order some colleague may read too (its salesperson), so there is someone to mention.
    status, page = b.api("GET", "/sales/orders?limit=50&state=confirmed")
    assert status == 200 and page["items"], page
    order = next(o for o in page["items"] if b.api("GET", f"/records/sales.order/{o['id']}/mentionable")[1])
    mark = f"{b.size}-{int(time.time() * 1000) % 10**8}"
    b.driver.get(f"{BASE_URL}/#/orders/{order['id']}")
    b.text_is(sel("order-number"), order["number"])
    chatter_placement(b)
    b.shot("records-01-order")

    comment_with_mention(b, f"Please check the freight {mark}", colleague(b, "sales.order", order["id"]))
    b.shot("records-02-order-comment")
    attach_file(b, mark)
    b.shot("records-03-order-file")
    b.click(sel("chatter-tab-history"))
    b.until(lambda: b.find_all(sel("history-entry")), "the chatter shows the order's history")

    b.click(sel("print-button"))
    b.until(lambda: b.find(sel("print-button")).get_attribute("data-state") in ("ready", "failed"), "the PDF should arrive")
    assert b.find(sel("print-button")).get_attribute("data-state") == "ready"
    assert int(b.find(sel("print-button")).get_attribute("data-bytes")) > 5000, "a real PDF, fonts embedded"
    b.shot("records-04-order-printed")
    b.check_console("records-order-end")


@pytest.mark.parametrize("browser", SIZES, indirect=True)
def test_customer_chatter(browser):
    b = browser
    sign_in(b)
    status, page = b.api("GET", "/partners/customers?q=Alfreds")
    assert status == 200 and page["items"], page
    customer = page["items"][0]
    mark = f"{b.size}-{int(time.time() * 1000) % 10**8}"
    b.driver.get(f"{BASE_URL}/#/customers/{customer['id']}")
    b.text_is(sel("partner-name"), customer["name"])
    chatter_placement(b)
    comment_with_mention(b, f"Called about the new catalogue {mark}", colleague(b, "partners.partner", customer["id"]))
    attach_file(b, mark)
    b.shot("records-05-customer")
    b.check_console("records-customer-end")
