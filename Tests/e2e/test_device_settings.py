"""Settings → This device → Offline data: fetching ahead for offline use, turned off and on again.

Nancy (a field rep, Northwind demo) signs in: the app fetches her data ahead (core/working-set.js) and says so with
`afield:working-set` events. She turns "Offline data" off in her settings: the device remembers it, the network
coming back starts no run. She turns it on again: a run starts at once. At 390×844 and 1366×768, in English and 中文.
"""

import time

import pytest

from test_web import SIZES, BASE_URL, Browser, sel
from test_approvals import sign_in_as

NANCY = "nancy.davolio@northwind.example"


@pytest.fixture
def browser(request):
    b = Browser(*request.param, fetch_ahead=True)
    yield b
    b.quit()


def runs(b):
    return b.driver.execute_script("return window.__runs.slice()")


@pytest.mark.parametrize("browser", SIZES, indirect=True)
def test_offline_data_can_be_turned_off_on_a_shared_computer(browser):
    b = browser
    sign_in_as(b, NANCY)
    b.driver.get(BASE_URL + "/#/settings")
    toggle = b.visible(sel("device-fetch-ahead"))
    assert toggle.is_selected(), "on by default"
    b.driver.execute_script("""
        window.__runs = [];
        addEventListener('afield:working-set', (e) => window.__runs.push(e.detail.phase));""")
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", toggle)
    b.shot("device-01-fetch-ahead-on")

    toggle.click()
    b.until(lambda: b.driver.execute_script("return localStorage.getItem('afield.fetchAhead')") == "off",
            "the device remembers the choice")
    settled = len(runs(b))  # a run already going may still end
    b.driver.execute_script("dispatchEvent(new Event('online'))")
    time.sleep(2)  # the working set starts at once on `online` (soon(0)); nothing may start now
    assert "start" not in runs(b)[settled:], runs(b)
    b.driver.refresh()
    toggle = b.visible(sel("device-fetch-ahead"))
    assert not toggle.is_selected(), "still off after a reload"
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", toggle)
    b.shot("device-02-fetch-ahead-off")

    # 中文
    b.api("PATCH", "/auth/me", {"locale": "zh-CN"})
    try:
        b.driver.refresh()
        b.until(lambda: b.language() == "zh-CN", "Chinese")
        label = b.find(sel("device-fetch-ahead")).find_element("xpath", "..")
        assert "提前下载我的客户" in label.text, label.text
        b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", label)
        b.shot("device-03-fetch-ahead-zh")
    finally:
        b.api("PATCH", "/auth/me", {"locale": "en"})
        b.driver.refresh()
        b.until(lambda: b.language() == "en", "English again")

    b.driver.execute_script("""
        window.__runs = [];
        addEventListener('afield:working-set', (e) => window.__runs.push(e.detail.phase));""")
    toggle = b.visible(sel("device-fetch-ahead"))
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", toggle)
    toggle.click()
    b.until(lambda: "start" in runs(b), "turned on again, a run starts")
    b.until(lambda: "done" in runs(b), "and ends")
    assert b.driver.execute_script("return localStorage.getItem('afield.fetchAhead')") is None
    b.check_console("device-end")
