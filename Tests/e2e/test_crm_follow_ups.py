"""Issue 12 (CRM), follow-ups on a lead and an opportunity, and leads imported from an Excel workbook, in the real
browser (390x844 and 1366x768):

- Nancy logs a call on a new lead: it heads the lead's follow-ups (GET /crm/leads/{id}/follow-ups) with its notes and
  next step; a meeting logged on an opportunity heads that opportunity's follow-ups, under one logged through the API.
- The leads page imports an .xlsx workbook (sent as application/vnd.openxmlformats-officedocument.spreadsheetml.sheet):
  one row made, one refused because it repeats an open lead; the file input offers .csv and .xlsx.

Rerunnable against the same server: every run makes its own leads, customer and opportunity.
"""

import zipfile
from xml.sax.saxutils import escape

import pytest
from selenium.webdriver.support.ui import Select

from test_web import BASE_URL, sel
from test_approvals import NANCY, sign_in_as
from test_crm_customers import PHONE, DESKTOP, crm_browser, tag, wait_toast


@pytest.fixture
def browser(request, monkeypatch):
    b = crm_browser(request, monkeypatch, [])
    yield b
    b.quit()


def write_xlsx(path, rows):
    """A minimal workbook (one sheet, shared strings), as Excel or WPS writes them."""
    strings, index = [], {}

    def ref(value):
        if value not in index:
            index[value] = len(strings)
            strings.append(value)
        return index[value]

    def col(i):
        return chr(ord("A") + i)

    sheet_rows = []
    for r, row in enumerate(rows, start=1):
        cells = "".join(f'<c r="{col(c)}{r}" t="s"><v>{ref(v)}</v></c>' for c, v in enumerate(row) if v != "")
        sheet_rows.append(f'<row r="{r}">{cells}</row>')
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            '</Types>'))
        z.writestr("_rels/.rels", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>'))
        z.writestr("xl/workbook.xml", (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{main}" xmlns:r="{rel}">'
            '<sheets><sheet name="Leads" sheetId="1" r:id="rId1"/></sheets></workbook>'))
        z.writestr("xl/_rels/workbook.xml.rels", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>'))
        z.writestr("xl/worksheets/sheet1.xml", (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{main}"><sheetData>'
            + "".join(sheet_rows) + '</sheetData></worksheet>'))
        z.writestr("xl/sharedStrings.xml", (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="{main}" count="{len(strings)}" uniqueCount="{len(strings)}">'
            + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings) + '</sst>'))


def entries(b):
    return b.find_all(sel("follow-up-entry"))


def log_follow_up(b, kind, notes, next_step=""):
    form = b.find(sel("follow-ups"))
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", form)
    Select(b.find(sel("follow-up-kind"))).select_by_value(kind)
    b.type_into(sel("follow-up-notes"), notes)
    if next_step:
        b.type_into(sel("follow-up-next-step"), next_step)
    b.click(sel("follow-up-save"))
    wait_toast(b, "Follow-up logged")


@pytest.mark.parametrize("browser", [PHONE, DESKTOP], indirect=True)
def test_lead_and_opportunity_follow_ups_and_xlsx_import(browser, tmp_path):
    b = browser
    sign_in_as(b, NANCY)
    run = tag()

    # A lead: none yet, then a call heads the list.
    status, lead = b.api("POST", "/crm/leads", {"company": f"FU {run} Lead Foods", "contactName": "Zhao Min"})
    assert status == 201, lead
    b.driver.get(f"{BASE_URL}/#/crm/leads/{lead['id']}")
    b.visible(sel("lead-detail"))
    b.visible(sel("follow-ups-empty"))
    notes = f"Called about tasting {run}"
    log_follow_up(b, "call", notes, "Send samples")
    b.until(lambda: entries(b) and notes in entries(b)[0].text, "the call heads the lead's follow-ups")
    first = entries(b)[0]
    assert first.get_attribute("data-kind") == "call" and "Call" in first.text and "Send samples" in first.text, first.text
    b.until(lambda: b.find(sel("lead-state")).get_attribute("data-state") == "following", "the lead is being followed up")
    status, listed = b.api("GET", f"/crm/leads/{lead['id']}/follow-ups")
    assert status == 200 and [f["notes"] for f in listed] == [notes], listed
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", b.find(sel("follow-ups")))
    b.shot("crm-follow-ups-01-lead")

    # An opportunity: one follow-up from the API, then a meeting from the page heads the list.
    status, customer = b.api("POST", "/partners/customers", {"name": f"FU {run} Customer"})
    assert status == 201, customer
    status, opportunity = b.api("POST", "/crm/opportunities", {"name": f"FU deal {run}", "customerId": customer["id"], "amount": "5000"})
    assert status == 201, opportunity
    status, earlier = b.api("POST", "/crm/follow-ups", {"opportunityId": opportunity["id"], "kind": "email", "notes": f"Sent the offer {run}"})
    assert status == 201, earlier
    b.driver.get(f"{BASE_URL}/#/crm/opportunities/{opportunity['id']}")
    b.visible(sel("opportunity-detail"))
    b.until(lambda: len(entries(b)) == 1 and entries(b)[0].get_attribute("data-kind") == "email", "the e-mail follow-up")
    meeting = f"Met the buyer {run}"
    log_follow_up(b, "meeting", meeting)
    b.until(lambda: len(entries(b)) == 2 and meeting in entries(b)[0].text, "the meeting heads the opportunity's follow-ups")
    assert f"Sent the offer {run}" in entries(b)[1].text
    status, listed = b.api("GET", f"/crm/opportunities/{opportunity['id']}/follow-ups")
    assert status == 200 and [f["notes"] for f in listed] == [meeting, f"Sent the offer {run}"], listed
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", b.find(sel("follow-ups")))
    b.shot("crm-follow-ups-02-opportunity")

    # Leads from an Excel workbook: one made, one refused (it repeats the open lead above).
    book = tmp_path / "leads.xlsx"
    write_xlsx(book, [["公司", "联系人", "电话"], [f"FU {run} Imported", "Li Lei", f"136{run}"], [f"FU {run} Lead Foods", "", ""]])
    b.nav("crm_leads")
    b.click(sel("lead-import-toggle"))
    file_input = b.find(sel("lead-import-file"))
    assert ".xlsx" in file_input.get_attribute("accept") and ".csv" in file_input.get_attribute("accept")
    assert "xlsx" in b.find(sel("lead-import")).text
    file_input.send_keys(str(book))
    b.click(sel("lead-import-send"))
    assert "Leads made: 1." in b.visible(sel("lead-import-created")).text
    refused = b.find_all(sel("lead-import-refused"))
    assert len(refused) == 1 and f"FU {run} Lead Foods" in refused[0].text, [r.text for r in refused]
    status, found = b.api("GET", f"/crm/leads?q=FU%20{run}%20Imported")
    assert status == 200 and found["total"] == 1 and found["items"][0]["contactName"] == "Li Lei", found
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", b.find(sel("lead-import")))
    b.shot("crm-follow-ups-03-xlsx-import")
