"""Roles and permissions (#/roles) in the real browser, at 390x844 and 1366x768.

As the administrator: create a custom role "UK order reader <run>" that may only read sales orders
and sees the orders of the chosen department Sales UK; save it with the matrix's save bar and check
through the API that the role holds exactly that. Then take "Export sales orders" away from the
built-in Sales role: a first save meets a change someone else made meanwhile (409: the role is
reloaded and the user told), the second save goes through; check it through the API, reset Sales
to its defaults from the matrix's column heading and check that too. Finally the custom role is
archived on the Roles tab, and the page is looked at in 中文.

Server:       AFIELD_E2E_URL          (default http://127.0.0.1:8080), demo company Northwind Traders
Screenshots:  AFIELD_E2E_SCREENSHOTS  (default Tests/e2e/screenshots), roles-<step>-<width>x<height>.png

Rerunnable against the same server: the role's name is new each run, and whatever happens the
Sales role is put back to its defaults, the new role archived and the account left in English.
"""

import json
import re
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_web import BASE_URL, EMAIL, PASSWORD, SIZES, Browser, sel, switch_language

LOCALES = Path(__file__).resolve().parents[2] / "Public" / "app" / "locales"

# 4xx answers this flow provokes on purpose; Chromium logs each as a SEVERE "network" entry.
EXPECTED_HTTP_ERRORS = [
    (re.compile(r"/api/v1/auth/me\b"), 401),          # first visit, not signed in yet
    (re.compile(r"/api/v1/auth/roles/[0-9A-Fa-f-]{36}\b"), 409),  # the save that meets someone else's change
]


# --------------------------------------------------------------------------- the API, as another client

class Api:
    """A second client with its own bearer token (POST /auth/login), independent of the browser."""

    def __init__(self):
        status, body = self.call("POST", "/auth/login", {"email": EMAIL, "password": PASSWORD}, token=None)
        assert status == 200 and body.get("token"), f"login answered {status}: {body}"
        self.token = body["token"]

    def call(self, method, path, body=None, token=""):
        token = self.token if token == "" else token
        request = urllib.request.Request(BASE_URL + "/api/v1" + path, method=method,
                                         data=None if body is None else json.dumps(body).encode())
        request.add_header("Accept", "application/json")
        request.add_header("Accept-Language", "en")
        if body is not None:
            request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        try:
            with urllib.request.urlopen(request, timeout=15) as response:
                text = response.read().decode()
                return response.status, json.loads(text) if text else None
        except urllib.error.HTTPError as error:
            text = error.read().decode()
            return error.code, json.loads(text) if text else None

    def roles(self):
        status, roles = self.call("GET", "/auth/roles")
        assert status == 200, f"GET /auth/roles answered {status}: {roles}"
        return roles

    def role(self, *, key=None, name=None):
        found = [r for r in self.roles() if (key and r["key"] == key) or (name and r.get("name") == name)]
        assert len(found) == 1, f"expected one role {key or name!r}, found {found}"
        return found[0]

    def patch(self, role, body):
        status, answer = self.call("PATCH", f"/auth/roles/{role['id']}", {"version": role["version"], **body})
        assert status == 200, f"PATCH role {role['key']} answered {status}: {answer}"
        return answer

    def department(self, name):
        status, departments = self.call("GET", "/org/departments")
        assert status == 200, departments
        return next(d for d in departments if d["name"] == name)


# --------------------------------------------------------------------------- the browser

class RolesBrowser(Browser):
    def check_console(self, step):
        """Fail on CSP violations, JS exceptions and any unexpected SEVERE entry."""
        for entry in self.driver.get_log("browser"):
            if entry["level"] != "SEVERE":
                continue
            message = entry["message"]
            if entry.get("source") == "network" and any(
                    pattern.search(message) and f"status of {status} " in message
                    for pattern, status in EXPECTED_HTTP_ERRORS):
                continue
            self.console_problems.append(f"{step}: {entry.get('source')}: {message}")
        assert not self.console_problems, f"[{self.size}] browser console:\n" + "\n".join(self.console_problems)

    def shot(self, step):
        super().shot(f"roles-{step}")

    def select(self, css, value):
        Select(self.visible(css)).select_by_value(value)

    def scroll_to(self, css):
        element = self.visible(css)
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center', inline: 'center'})", element)
        return element

    def toast_gone(self):
        self.until(lambda: not self.find_all(sel("toast")), "the toast should go away")


@pytest.fixture
def api():
    return Api()


@pytest.fixture
def browser(request, api):
    width, height = request.param
    b = RolesBrowser(width, height)
    b.created_name = None
    yield b
    try:
        if b.driver.current_url.startswith(BASE_URL):
            b.api("PATCH", "/auth/me", {"locale": "en"})
    finally:
        b.quit()
        # Put the demo company back as it was, whatever step failed.
        sales = api.role(key="sales")
        if sales["customised"] or sales.get("description"):
            api.patch(sales, {"resetToDefaults": True, "description": ""})
        if b.created_name:
            created = [r for r in api.roles() if r.get("name") == b.created_name and not r["archived"]]
            for role in created:
                api.patch(role, {"archived": True})


# --------------------------------------------------------------------------- steps

def sign_in(b):
    b.driver.get(BASE_URL + "/")
    assert b.driver.execute_script("return [innerWidth, innerHeight]") == [b.width, b.height], "viewport size"
    b.type_into(sel("signin-email"), EMAIL)
    b.type_into(sel("signin-password"), PASSWORD)
    b.click(sel("signin-submit"))
    b.visible(sel("nav-customers"))
    if b.language() != "en":
        switch_language(b, "en")


def open_roles(b):
    if b.phone:
        b.click(sel("nav-more"))
        b.visible(".sheet")
    b.click(sel("nav-roles"))
    b.until(lambda: "#/roles" in b.driver.current_url, "the Roles page should open")
    b.visible(sel("permission-matrix"))
    b.until(lambda: len(b.find_all(sel("perm-row"))) >= 20, "the permission matrix should list the catalogue")


def no_sideways_page(b):
    """The page itself never scrolls sideways; only the matrix does, inside its card."""
    wide = b.driver.execute_script(
        "const m = document.querySelector('main'); return [m.scrollWidth, m.clientWidth, document.documentElement.scrollWidth, innerWidth]")
    assert wide[0] <= wide[1] + 1 and wide[2] <= wide[3] + 1, f"[{b.size}] the page scrolls sideways: {wide}"


def check_matrix(b):
    # Rows grouped by module, each with a label and its raw key.
    groups = [g.get_attribute("data-module") for g in b.find_all(sel("perm-group"))]
    assert groups[:1] == ["auth"] and "sales" in groups, groups
    row = b.find(sel("perm-row", '[data-permission="sales.order.export"]'))
    assert "Export sales orders" in row.text and "sales.order.export" in row.find_element(By.CSS_SELECTOR, sel("perm-key")).text
    # The administrator's column (on a phone: after picking it) is fully ticked and locked.
    if b.phone:
        b.select(sel("roles-focus"), b.find(sel("roles-focus") + " option:nth-child(2)").get_attribute("value"))
    admin = b.find_all(sel("perm-cell", '[data-role="administrator"]'))
    assert len(admin) >= 20 and all(c.is_selected() and not c.is_enabled() for c in admin), "administrator column"
    assert "always holds every permission" in b.find(sel("matrix-role", '[data-role="administrator"]')).get_attribute("title")
    no_sideways_page(b)
    b.shot("01-permissions")


def create_role(b, name):
    b.click(sel("roles-new"))
    b.visible(sel("role-create-form"))
    # The name is required: the form says so at the field.
    b.click(sel("role-create-submit"))
    b.until(lambda: b.find(sel("field-error", '[data-field="name"]')).text.strip() == "This field is required.", "name required")
    b.type_into(sel("role-create-name"), name)
    b.type_into(sel("role-create-description"), "Reads the sales orders of Sales UK")
    b.shot("02-new-role")
    b.click(sel("role-create-submit"))
    b.until(lambda: not b.find_all(sel("role-create-form")), "the form should close once the role exists")
    b.until(lambda: name in b.find(sel("toast")).text, "a toast should name the new role")
    heading = b.until(lambda: next((h for h in b.find_all(sel("matrix-role")) if name in h.text), None),
                      "the new role should get a column")
    return heading.get_attribute("data-role")


def give_permission_and_scope(b, key, name):
    cell = b.scroll_to(sel("perm-cell", f'[data-role="{key}"][data-permission="sales.order.read"]'))
    assert not cell.is_selected()
    cell.click()
    b.until(lambda: b.find(sel("roles-save")).text.strip() == "Save changes (1 role)", "save bar for one role")
    assert "is-changed" in cell.find_element(By.XPATH, "./ancestor::td").get_attribute("class")
    b.toast_gone()
    b.shot("03-permission-ticked")

    # Data scopes: sales orders of the chosen department Sales UK.
    b.click(sel("roles-tab-scopes"))
    b.visible(sel("scope-matrix"))
    select = sel("scope-cell", f'[data-role="{key}"][data-resource="sales.order"]')
    b.scroll_to(select)
    assert b.find(select).get_attribute("value") == "own"
    labels = [o.text for o in Select(b.find(select)).options]
    assert labels == ["Own records", "Own department", "Department and below", "Chosen departments", "All"], labels
    b.select(select, "departments")
    b.visible(sel("scope-picker"))
    assert name in b.find(sel("scope-picker-title")).text and "Sales orders" in b.find(sel("scope-picker-title")).text
    b.visible(sel("scope-picker-empty"))
    uk = b.find(sel("dept-picker-option", '[data-name="Sales UK"]'))
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", uk)
    uk.click()
    b.until(lambda: not b.find_all(sel("scope-picker-empty")), "a department is chosen")
    b.shot("04-scope-picker")
    b.click(sel("scope-picker-done"))
    b.until(lambda: not b.find_all(sel("scope-picker")), "the picker should close")
    chosen = sel("scope-departments", f'[data-role="{key}"][data-resource="sales.order"]')
    b.text_is(chosen, "Sales UK")
    b.until(lambda: b.find(sel("roles-save")).text.strip() == "Save changes (1 role)", "still one role to save")
    no_sideways_page(b)
    b.shot("05-scope-chosen")

    b.click(sel("roles-save"))
    b.until(lambda: not b.find_all(sel("roles-save-bar")), "the save bar should go once saved")
    b.until(lambda: "Changes to 1 role saved." in b.find(sel("toast")).text, "saved toast")
    assert not b.find_all(sel("roles-errors"))
    b.text_is(chosen, "Sales UK")


def check_created_role(api, name, uk_id):
    role = api.role(name=name)
    assert role["builtIn"] is False and role["key"].startswith("custom-") and role["archived"] is False
    assert role["permissions"] == ["sales.order.read"], role["permissions"]
    scopes = {s["resource"]: s for s in role["scopes"]}
    assert scopes["sales.order"]["level"] == "departments" and scopes["sales.order"]["departmentIds"] == [uk_id], scopes
    assert scopes["partners.customer"]["level"] == "own", scopes
    assert role["description"] == "Reads the sales orders of Sales UK" and role["requireTwoFactor"] is False
    return role


def show_sales(b):
    b.click(sel("roles-tab-permissions"))
    b.visible(sel("permission-matrix"))
    if b.phone:
        options = b.find_all(sel("roles-focus") + " option")
        sales_id = next(o.get_attribute("value") for o in options if o.text.strip().rstrip(" •") == "Sales")
        b.select(sel("roles-focus"), sales_id)
    return b.scroll_to(sel("perm-cell", '[data-role="sales"][data-permission="sales.order.export"]'))


def take_export_from_sales(b, api):
    cell = show_sales(b)
    assert cell.is_selected(), "Sales may export orders by default"
    cell.click()
    b.until(lambda: b.find_all(sel("roles-save-bar")), "save bar")

    # Someone else changes the Sales role meanwhile: the save meets a stale version.
    api.patch(api.role(key="sales"), {"description": "Changed by another administrator"})
    b.toast_gone()
    b.click(sel("roles-save"))
    error = b.visible(sel("roles-error", '[data-role="sales"][data-kind="stale"]'))
    assert "Someone else changed this role" in error.text and error.text.startswith("Sales"), error.text
    b.until(lambda: b.find(sel("perm-cell", '[data-role="sales"][data-permission="sales.order.export"]')).is_selected(),
            "the reloaded role still exports; the local change was dropped")
    assert not b.find_all(sel("roles-save-bar"))
    b.shot("06-stale")

    # Again, now against the current version.
    b.find(sel("perm-cell", '[data-role="sales"][data-permission="sales.order.export"]')).click()
    b.until(lambda: not b.find_all(sel("roles-errors")), "editing the role again clears its message")
    b.click(sel("roles-save"))
    b.until(lambda: not b.find_all(sel("roles-save-bar")), "saved")
    b.visible(sel("role-customised"))
    sales = api.role(key="sales")
    assert "sales.order.export" not in sales["permissions"] and "sales.order.read" in sales["permissions"]
    assert sales["customised"] is True
    b.toast_gone()
    b.scroll_to(sel("matrix-role", '[data-role="sales"]'))
    b.shot("07-sales-customised")


def reset_sales(b, api):
    b.click(sel("role-reset", '[data-role="sales"]'))
    b.visible(sel("roles-reset-confirm"))
    assert "Reset “Sales”" in b.find(sel("roles-reset-confirm")).text
    b.shot("08-reset-confirm")
    b.click(sel("roles-reset-yes"))
    b.until(lambda: "back to its default" in b.find(sel("toast")).text, "reset toast")
    b.until(lambda: not b.find_all(sel("role-customised")), "no longer customised")
    assert b.find(sel("perm-cell", '[data-role="sales"][data-permission="sales.order.export"]')).is_selected()
    sales = api.role(key="sales")
    assert sales["customised"] is False and "sales.order.export" in sales["permissions"]
    api.patch(sales, {"description": ""})


def archive_role(b, api, name):
    b.click(sel("roles-tab-roles"))
    row = b.until(lambda: next((r for r in b.find_all(sel("role-row")) if name in r.text), None), "the new role's row")
    assert "0 users" in row.find_element(By.CSS_SELECTOR, sel("role-users")).text
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", row)
    b.toast_gone()
    b.shot("09-roles-tab")
    row.find_element(By.CSS_SELECTOR, sel("role-archive")).click()
    b.until(lambda: "archived" in b.find(sel("toast")).text, "archived toast")
    b.until(lambda: not any(name in r.text for r in b.find_all(sel("role-row"))), "archived roles are hidden")
    assert api.role(name=name)["archived"] is True


def in_chinese(b):
    switch_language(b, "zh-CN")
    # The page is still scrolled to the archived row: bring the tabs out from under the top bar.
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", b.find(sel("roles-tab-permissions")))
    b.click(sel("roles-tab-permissions"))
    b.text_is(".page-title", "角色与权限")
    b.text_is(sel("roles-tab-scopes"), "数据范围")
    row = b.find(sel("perm-row", '[data-permission="sales.order.confirm"]'))
    assert "确认销售订单" in row.text
    assert b.find(sel("perm-group", '[data-module="sales"]')).text.strip() == "销售"
    b.click(sel("roles-tab-scopes"))
    labels = [o.text for o in Select(b.find(sel("scope-cell", '[data-role="sales"][data-resource="sales.order"]'))).options]
    assert labels == ["本人", "本部门", "本部门及下级", "指定部门", "全部"], labels
    b.shot("10-scopes-zh")
    b.click(sel("roles-tab-permissions"))
    b.visible(sel("permission-matrix"))
    b.shot("11-permissions-zh")
    switch_language(b, "en")


# --------------------------------------------------------------------------- the tests

def test_locales_have_the_same_keys():
    def keys(name):
        return set(re.findall(r"^\s*'([^']+)':", (LOCALES / name).read_text(encoding="utf-8"), re.M))
    en, zh = keys("en.js"), keys("zh-CN.js")
    assert en == zh, f"only in en: {sorted(en - zh)}; only in zh-CN: {sorted(zh - en)}"


def test_every_permission_has_a_label(api):
    status, catalog = api.call("GET", "/auth/roles/catalog")
    assert status == 200, catalog
    text = {name: (LOCALES / name).read_text(encoding="utf-8") for name in ("en.js", "zh-CN.js")}
    wanted = [f"permission.{p['key']}" for p in catalog["permissions"]] + [f"module.{p['module']}" for p in catalog["permissions"]]
    wanted += [f"scope.resource.{r['key']}" for r in catalog["scopedResources"]] + [f"scope.level.{l}" for l in catalog["levels"]]
    for name, body in text.items():
        missing = sorted({k for k in wanted if f"'{k}':" not in body})
        assert not missing, f"{name} lacks {missing}"


@pytest.mark.parametrize("browser", SIZES, indirect=True)
def test_roles_matrix(browser, api):
    b = browser
    name = f"UK order reader {time.strftime('%m%d-%H%M%S')}-{b.width}"
    uk = api.department("Sales UK")
    sign_in(b)
    open_roles(b)
    check_matrix(b)
    b.created_name = name
    key = create_role(b, name)
    give_permission_and_scope(b, key, name)
    check_created_role(api, name, uk["id"])
    take_export_from_sales(b, api)
    reset_sales(b, api)
    archive_role(b, api, name)
    in_chinese(b)
    b.check_console("end")
