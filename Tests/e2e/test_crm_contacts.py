"""Issue 12 (CRM), a customer's contacts (联系人) edited on its page, in the real browser (390x844 and 1366x768):

Nancy opens one of her customers: no contacts yet. She adds a decision maker with a title, phone, e-mail and birthday
(the row shows the role, a tel: and a mailto: link and the birthday; the server has them), changes the role to
influencer (sent with the version read), gets the server's field error at the e-mail field for a bad address, and
removes another contact after the question. Then the page in 中文 shows the role as 影响者.

Rerunnable against the same server: every run makes its own customer.
"""

import re

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_web import BASE_URL, sel, switch_language
from test_approvals import NANCY, sign_in_as
from test_crm_customers import PHONE, DESKTOP, crm_browser, tag, wait_toast


@pytest.fixture
def browser(request, monkeypatch):
    b = crm_browser(request, monkeypatch, [(re.compile(r"/api/v1/partners/customers/[\w-]+/contacts\b"), 422)])  # the bad e-mail
    yield b
    try:
        b.api("PATCH", "/auth/me", {"locale": "en"})
    except Exception:  # noqa: BLE001
        pass
    b.quit()


def row(b, name):
    rows = [r for r in b.find_all(sel("contact-row")) if name in r.find_element(By.CSS_SELECTOR, sel("contact-name")).text]
    return rows[0] if rows else None


def server_contacts(b, customer_id):
    status, c = b.api("GET", f"/partners/customers/{customer_id}")
    assert status == 200, c
    return {x["name"]: x for x in c["contacts"]}


def set_date(b, css, value):
    b.driver.execute_script("""const i = document.querySelector(arguments[0]); i.value = arguments[1];
      i.dispatchEvent(new Event('input', {bubbles: true})); i.dispatchEvent(new Event('change', {bubbles: true}));""", css, value)


def press(b, css):
    """Clicks a button after scrolling it to the middle: a notice lies over the bottom of a phone's screen for a while."""
    button = b.visible(css)
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()


def scroll_to(b, element):
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)


@pytest.mark.parametrize("browser", [PHONE, DESKTOP], indirect=True)
def test_contacts_added_edited_refused_and_removed(browser):
    b = browser
    sign_in_as(b, NANCY)
    run = tag()
    status, customer = b.api("POST", "/partners/customers", {"name": f"Contacts {run} Trading"})
    assert status == 201, customer
    b.driver.get(f"{BASE_URL}/#/customers/{customer['id']}")
    section = b.visible(sel("customer-contacts"))
    scroll_to(b, section)
    b.visible(sel("contacts-empty"))

    # A decision maker with a birthday.
    b.click(sel("contact-add"))
    b.visible(sel("contact-form"))
    name = f"Wang Fang {run}"
    b.type_into(sel("contact-form-name"), name)
    b.type_into(sel("contact-form-title"), "Purchasing director")
    Select(b.find(sel("contact-form-role"))).select_by_value("decision_maker")
    b.type_into(sel("contact-form-phone"), "138 0013 8000")
    b.type_into(sel("contact-form-email"), f"wang.{run}@example.com")
    set_date(b, sel("contact-form-birthday"), "1984-05-17")
    scroll_to(b, b.find(sel("contact-form")))
    b.shot("crm-contacts-01-form")
    press(b, sel("contact-form-save"))
    wait_toast(b, f"Contact {name} added")
    b.until(lambda: row(b, name), "the new contact is listed")
    r = row(b, name)
    assert r.get_attribute("data-role") == "decision_maker", r.get_attribute("data-role")
    assert "Decision maker" in r.find_element(By.CSS_SELECTOR, sel("contact-role")).text
    assert r.find_element(By.CSS_SELECTOR, sel("contact-phone")).get_attribute("href") == "tel:13800138000"
    assert r.find_element(By.CSS_SELECTOR, sel("contact-email")).get_attribute("href") == f"mailto:wang.{run}@example.com"
    assert "1984-05-17" in r.find_element(By.CSS_SELECTOR, sel("contact-birthday")).text
    saved = server_contacts(b, customer["id"])[name]
    assert saved["role"] == "decision_maker" and saved["birthday"] == "1984-05-17" and saved["title"] == "Purchasing director", saved
    scroll_to(b, r)
    b.shot("crm-contacts-02-added")

    # The role changes to influencer, sent with the version read.
    r.find_element(By.CSS_SELECTOR, sel("contact-edit")).click()
    b.visible(sel("contact-form"))
    assert b.find(sel("contact-form-name")).get_attribute("value") == name
    Select(b.find(sel("contact-form-role"))).select_by_value("influencer")
    press(b, sel("contact-form-save"))
    wait_toast(b, f"Contact {name} saved")
    b.until(lambda: row(b, name) and row(b, name).get_attribute("data-role") == "influencer", "the new role is shown")
    edited = server_contacts(b, customer["id"])[name]
    assert edited["role"] == "influencer" and edited["version"] > saved["version"] and edited["birthday"] == "1984-05-17", edited

    # A bad e-mail: the server's message at the field.
    row(b, name).find_element(By.CSS_SELECTOR, sel("contact-edit")).click()
    b.visible(sel("contact-form"))
    email = b.find(sel("contact-form-email"))
    email.clear()
    email.send_keys("not-an-address")
    press(b, sel("contact-form-save"))
    error = b.visible(f'{sel("field-error")}[data-field="email"]')
    assert error.text.strip(), "the server's message"
    assert b.find(sel("contact-form-email")).get_attribute("aria-invalid") == "true"
    scroll_to(b, b.find(sel("contact-form")))
    b.shot("crm-contacts-03-bad-email")
    press(b, sel("contact-form-cancel"))
    b.until(lambda: not b.find_all(sel("contact-form")), "the form closes")
    assert server_contacts(b, customer["id"])[name]["email"] == f"wang.{run}@example.com"

    # Another contact, removed after the question.
    other = f"Li Lei {run}"
    status, added = b.api("POST", f"/partners/customers/{customer['id']}/contacts", {"name": other, "role": "finance"})
    assert status == 201, added
    b.driver.refresh()
    b.until(lambda: row(b, other), "the other contact")
    assert "Finance" in row(b, other).find_element(By.CSS_SELECTOR, sel("contact-role")).text
    button = row(b, other).find_element(By.CSS_SELECTOR, sel("contact-remove"))
    scroll_to(b, button)
    button.click()
    b.visible(sel("confirm-dialog"))
    b.shot("crm-contacts-04-remove-question")
    b.click(sel("dialog-confirm"))
    wait_toast(b, f"Contact {other} removed")
    b.until(lambda: not row(b, other), "the contact is gone")
    assert other not in server_contacts(b, customer["id"]) and name in server_contacts(b, customer["id"])

    # In 中文 the role reads 影响者.
    switch_language(b, "zh-CN")
    b.until(lambda: row(b, name) and "影响者" in row(b, name).find_element(By.CSS_SELECTOR, sel("contact-role")).text, "the role in Chinese")
    scroll_to(b, row(b, name))
    b.shot("crm-contacts-05-zh")
