// data-test: lead-import, lead-import-file, lead-import-send, lead-import-created, lead-import-refused (a row each:
//            data-row), lead-import-error
// Leads from a CSV file or an Excel workbook (POST /crm/leads/import, the file as the body: Content-Type text/csv, or
// application/vnd.openxmlformats-officedocument.spreadsheetml.sheet for .xlsx, whose first sheet is read): a header row
// with company/公司, contact/联系人, phone/电话, email/邮箱, source/来源, notes/备注. The answer says how many were made and
// which rows were refused and why (a duplicate, an existing customer…). Emits `imported` when any were made.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText } from '../../core/i18n.js';
import { request } from '../../core/api.js';
import { uuid } from '../../core/uuid.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// A workbook by its name or type (a phone's file picker may give no type); anything else is taken as CSV text.
export function isWorkbook(file) {
  return file?.type === XLSX_TYPE || /\.xlsx$/i.test(file?.name ?? '');
}

export class AfLeadImport extends AfElement {
  constructor() {
    super();
    this.file = null;
    this.busy = false;
    this.result = null;
    this.error = null;
  }

  async send() {
    if (!this.file) return;
    this.busy = true;
    this.error = null;
    this.result = null;
    this.requestUpdate();
    try {
      const raw = isWorkbook(this.file)
        ? new Blob([await this.file.arrayBuffer()], { type: XLSX_TYPE })
        : new Blob([await this.file.text()], { type: 'text/csv' });
      this.result = await request('POST', '/crm/leads/import', { raw, headers: { 'Idempotency-Key': uuid() } });
      if (this.result.created) this.dispatchEvent(new CustomEvent('imported', { detail: this.result, bubbles: true }));
    } catch (error) {
      this.error = error;
    }
    this.busy = false;
    this.requestUpdate();
  }

  view() {
    const r = this.result;
    return html`
      <section class="card card-pad lead-import" data-test="lead-import">
        <h2 class="section-title">${t('crm.lead.import')}</h2>
        <p class="muted small">${t('crm.lead.importHint')}</p>
        <div class="toolbar">
          <input type="file" class="input" accept=".csv,text/csv,.xlsx,${XLSX_TYPE}" data-test="lead-import-file"
            @change=${(e) => { this.file = e.target.files?.[0] ?? null; this.result = null; this.requestUpdate(); }}>
          <button type="button" class="btn btn-primary" data-test="lead-import-send" ?disabled=${!this.file || this.busy}
            @click=${() => this.send()}>${this.busy ? t('common.saving') : t('crm.lead.importSend')}</button>
        </div>
        ${this.error ? html`<div class="alert alert-error" role="alert" data-test="lead-import-error">${errorText(this.error)}</div>` : ''}
        ${r ? html`<div class="alert ${r.refused?.length ? 'alert-warning' : 'alert-success'}" role="status">
          <strong data-test="lead-import-created">${t('crm.lead.imported', { count: r.created })}</strong>
          ${r.refused?.length ? html`<div>${t('crm.lead.importRefused', { count: r.refused.length })}</div>
            <ul>${r.refused.map((x) => html`<li data-test="lead-import-refused" data-row="${x.row}" data-key="${x.row}">
              ${t('crm.lead.importRow', { row: x.row })} ${x.company ? html`<strong>${x.company}</strong>` : ''} — ${x.message}</li>`)}</ul>` : ''}
        </div>` : ''}
      </section>`;
  }
}
AfLeadImport.define('af-lead-import');
