"""People in the real browser (issue 3 points 3, 4 and 7): an administrator invites someone by a
one-time link, the invitee joins on a phone; personal settings (time zone, notifications); a
role that requires two-factor sign-in keeps its holder on the two-factor settings.

Each run uses fresh e-mail addresses and role names, so it can run again on the same database.
"""

import time

import pytest

from test_web import BASE_URL, EMAIL, PASSWORD, Browser, sel

NEW_PASSWORD = "lotus pond morning"


@pytest.fixture
def admin():
    b = Browser(1366, 768)
    yield b
    b.quit()


@pytest.fixture
def phone():
    b = Browser(390, 844)
    yield b
    b.quit()


def sign_in(b, email, password):
    b.driver.get(BASE_URL + "/")
    b.type_into(sel("signin-email"), email)
    b.type_into(sel("signin-password"), password)
    b.click(sel("signin-submit"))


def test_invite_by_link_and_join_on_a_phone(admin, phone):
    stamp = int(time.time() * 1000)
    email = f"invitee.{stamp}@northwind.example"
    sign_in(admin, EMAIL, PASSWORD)
    admin.visible(sel("nav-customers"))
    admin.driver.get(BASE_URL + "/#/users")
    admin.click(sel("user-new"))
    admin.click('label:has([data-test="user-create-mode-invite"])')
    admin.type_into(sel("user-create-email"), email)
    admin.type_into(sel("user-create-name"), "Zhao Lei")
    admin.click(sel("user-create-roles-option", '[data-role="employee"]'))  # off (the default)
    admin.click(sel("user-create-roles-option", '[data-role="sales"]'))     # on
    admin.click(sel("user-create-submit"))
    link = admin.visible(sel("invite-link")).text.strip()
    assert link.startswith(BASE_URL + "/#/invite/"), link
    admin.shot("people-01-invitation")

    phone.driver.get(link)
    phone.text_is(sel("invite-company"), "Northwind Traders")
    phone.text_is(sel("invite-email"), email)
    assert phone.find(sel("invite-name")).get_attribute("value") == "Zhao Lei"
    phone.type_into(sel("invite-password"), NEW_PASSWORD)
    phone.shot("people-02-join")
    phone.click(sel("invite-accept"))
    phone.until(lambda: "/invite" not in phone.driver.current_url and phone.find_all(".content"), "never landed in the app")
    status, me = phone.api("GET", "/auth/me")
    assert status == 200 and me["email"] == email and me["roles"] == ["sales"], me
    phone.shot("people-03-joined")

    # The link works once.
    fresh = Browser(390, 844)
    try:
        fresh.driver.get(link)
        fresh.visible(sel("invite-error"))
    finally:
        fresh.quit()
    admin.driver.refresh()
    admin.until(lambda: any(r.get_attribute("data-state") == "accepted" for r in admin.find_all(sel("invitation-row"))),
                "the invitation never showed as accepted")


def test_personal_settings_time_zone_and_notifications(admin):
    sign_in(admin, "nancy.davolio@northwind.example", PASSWORD)
    admin.visible(sel("nav-customers"))
    admin.driver.get(BASE_URL + "/#/settings")
    zone = admin.visible(sel("settings-time-zone"))
    admin.driver.execute_script("arguments[0].value = 'Asia/Shanghai'; arguments[0].dispatchEvent(new Event('change'))", zone)
    admin.click(sel("settings-profile-save"))
    admin.until(lambda: admin.api("GET", "/auth/me")[1].get("timeZone") == "Asia/Shanghai", "time zone not saved")
    admin.click(sel("notify-email", '[data-kind="announcement"]'))
    admin.click(sel("notify-save"))
    admin.until(lambda: admin.api("GET", "/auth/me")[1]["notifications"]["events"]["announcement"]["email"] is True,
                "notification preference not saved")
    admin.shot("people-04-settings")
    # Leave Nancy as she was.
    status, _ = admin.api("PATCH", "/auth/me", {"timeZone": "", "notifications": {"events": {}}})
    assert status == 200


def test_role_requiring_two_factor_keeps_user_on_its_settings(admin, phone):
    stamp = int(time.time() * 1000)
    sign_in(admin, EMAIL, PASSWORD)
    admin.visible(sel("nav-customers"))
    status, role = admin.api("POST", "/auth/roles", {"name": f"Cashier {stamp}", "permissions": ["products.product.read"],
                                                    "requireTwoFactor": True})
    assert status == 201, role
    email = f"cashier.{stamp}@northwind.example"
    status, made = admin.api("POST", "/auth/users", {"name": "Qian Yu", "email": email, "roles": [role["key"]]})
    assert status == 201, made

    sign_in(phone, email, made["temporaryPassword"])
    phone.type_into(sel("password-current"), made["temporaryPassword"])
    phone.type_into(sel("password-new"), NEW_PASSWORD)
    phone.type_into(sel("password-repeat"), NEW_PASSWORD)
    phone.click(sel("password-submit"))
    phone.visible(sel("two-factor-required"))
    phone.visible(sel("totp-setup"))
    phone.driver.get(BASE_URL + "/#/products")
    phone.until(lambda: "#/settings" in phone.driver.current_url, "left the two-factor settings while 2FA is required")
    phone.shot("people-05-two-factor-required")
