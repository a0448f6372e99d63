"""Sensitive HR fields in the real browser (issue 3): the administrator edits Robert King's national
ID, bank account and salary on his employee page (a salary with three decimals gets its error at the
field first); Nancy Davolio, a sales user, then sees the ID and account masked to their last four
digits, the salary hidden and no Edit button, and the History tab says only that the fields changed.

Rerunnable: the same values are written each time (an unchanged save changes nothing).
"""

import re

import pytest

import test_web
from test_web import BASE_URL, SIZES, Browser, sel

ADMIN = "andrew.fuller@northwind.example"
SALES = "nancy.davolio@northwind.example"
PASSWORD = "afield-demo"
NATIONAL_ID = "110101199003077777"
BANK = "6222 0212 3456 7890"
SECRETS = [NATIONAL_ID, BANK, "8500.50", "8,500.50", "0212 3456"]

# The salary with three decimals is refused on purpose.
test_web.EXPECTED_HTTP_ERRORS.append((re.compile(r"/api/v1/org/employees/[0-9A-Fa-f-]{36}\b"), 422))


@pytest.fixture
def browser(request):
    width, height = request.param
    b = Browser(width, height)
    yield b
    b.quit()


def sign_in_as(b, email):
    # Leave the page first: its working set may still be fetching ahead, and each of those requests
    # would end in a 401 (a console error) once the cookie is gone.
    b.driver.get("about:blank")
    b.driver.execute_cdp_cmd("Network.clearBrowserCookies", {})
    b.driver.get(BASE_URL + "/#/sign-in")
    b.driver.refresh()
    b.type_into(sel("signin-email"), email)
    b.type_into(sel("signin-password"), PASSWORD)
    b.click(sel("signin-submit"))
    b.until(lambda: b.find_all(sel("nav-orders")) or b.find_all(sel("nav-org")), f"{email} should be signed in")
    if b.language() != "en":
        b.api("PATCH", "/auth/me", {"locale": "en"})
        b.driver.refresh()
        b.until(lambda: b.language() == "en", "English")


def open_robert(b):
    b.driver.get(BASE_URL + "/#/org?tab=people")
    b.until(lambda: any("Robert King" in r.text for r in b.find_all(sel("emp-link"))), "the directory should list Robert King")
    next(r for r in b.find_all(sel("emp-link")) if "Robert King" in r.text).click()
    b.text_is(sel("employee-name"), "Robert King")
    b.visible(sel("emp-sensitive"))


def field_text(b, field):
    return b.find(sel(f"emp-sensitive-{field}") + " dd").text.strip()


@pytest.mark.parametrize("browser", SIZES, indirect=True)
def test_admin_edits_sensitive_field_sales_user_sees_it_masked(browser):
    b = browser
    sign_in_as(b, ADMIN)
    open_robert(b)
    assert b.find(sel("emp-sensitive")).get_attribute("data-revealed") == "true"
    b.click(sel("employee-edit"))
    b.visible(sel("employee-form-sensitive"))
    b.type_into(sel("employee-form-nationalId"), NATIONAL_ID)
    b.type_into(sel("employee-form-bankAccount"), BANK)
    salary = b.type_into(sel("employee-form-salary"), "8500.505")
    b.click(sel("employee-form-save"))

    # The server's error appears at the salary field, nothing is saved.
    error = b.visible(sel("field-error", '[data-field="salary"]'))
    b.until(lambda: b.find(sel("field-error", '[data-field="salary"]')).text.strip() == "Use at most 2 decimal places.", "salary error text")
    assert salary.get_attribute("aria-invalid") == "true"
    assert b.driver.execute_script("return arguments[0].closest('label') === arguments[1].closest('label')", error, salary), \
        "the error must sit in the salary field"
    assert len(b.find_all(sel("field-error"))) == 1 and not b.find_all(sel("employee-form-error"))
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", salary)
    b.shot("hr-01-salary-error")

    b.type_into(sel("employee-form-salary"), "8500.50")
    b.until(lambda: not b.find_all(sel("field-error")), "the salary error should go away while typing")
    b.click(sel("employee-form-save"))
    b.until(lambda: not b.find_all(sel("employee-form")), "the form should close after saving")
    b.until(lambda: field_text(b, "nationalId") == NATIONAL_ID, "the administrator sees the national ID in full")
    assert field_text(b, "bankAccount") == BANK
    assert field_text(b, "salary") == "$8,500.50"
    b.shot("hr-02-admin-sees-all")

    sign_in_as(b, SALES)
    open_robert(b)
    b.until(lambda: field_text(b, "nationalId") == "•••• 7777", "the sales user sees the national ID masked")
    assert b.find(sel("emp-sensitive")).get_attribute("data-revealed") == "false"
    assert field_text(b, "bankAccount") == "•••• 7890"
    assert field_text(b, "salary") == "Hidden"
    assert field_text(b, "homeAddress") == "Hidden"
    assert b.find(sel("emp-sensitive-note")).text.strip() == "Masked: only HR can see these in full."
    assert not b.find_all(sel("employee-edit")), "a sales user cannot edit employees"
    page = b.driver.page_source
    assert not any(secret in page for secret in SECRETS), "the page holds a sensitive value"
    b.shot("hr-03-sales-sees-masked")

    b.click(sel("history-tab"))
    b.until(lambda: b.find_all(sel("history-entry")), "the History tab should list entries")
    concealed = b.find_all('[data-test="audit-change"][data-field="national_id"] [data-concealed="true"]')
    assert concealed and concealed[0].text.strip() == "hidden", "History shows that the national ID changed, not its value"
    page = b.driver.page_source
    assert not any(secret in page for secret in SECRETS), "the History holds a sensitive value"
    status, employees = b.api("GET", "/org/employees?q=Robert")
    sensitive = employees["items"][0]["sensitive"]
    assert status == 200 and sensitive["revealed"] is False and sensitive["nationalId"] == "•••• 7777", sensitive
    assert "salary" not in sensitive and "homeAddress" not in sensitive, "the API leaves salary and address out"
    b.shot("hr-04-sales-history")
