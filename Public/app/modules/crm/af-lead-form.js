// data-test: lead-form, lead-form-<company|contactName|phone|email|source|notes>, lead-form-division-* (af-division-picker),
//            lead-form-save, lead-form-cancel, lead-form-error, field-error (data-field company | phone | email | division …)
// A new lead (线索, POST /crm/leads): the company, who to talk to, how to reach them, where it came from and its region.
// The server checks it against open leads and customers: crm.lead.duplicate and crm.lead.customer_exists come back as
// field errors (company, phone) with the lead's number or the customer's owner in their message, shown at the field.
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { AfRecordForm } from '../../components/record-form.js';
import { divisionField } from '../../components/af-division-picker.js';
import { SOURCES } from '../partners/af-partner-form.js';

const TEXT = ['company', 'contactName', 'phone', 'email', 'source', 'notes'];
const DIVISION = ['provinceCode', 'cityCode', 'districtCode'];

export class AfLeadForm extends AfRecordForm {
  static prefix = 'lead';
  static fieldMap = { ...Object.fromEntries(TEXT.map((f) => [f, f])), ...Object.fromEntries(DIVISION.map((f) => [f, 'division'])) };

  path() {
    return '/crm/leads';
  }

  fill() {
    return Object.fromEntries([...TEXT, ...DIVISION].map((f) => [f, '']));
  }

  localErrors() {
    return this.values.company.trim() ? {} : { company: { code: 'field.required' } };
  }

  body() {
    const body = { id: this.idempotencyKey };
    for (const f of [...TEXT, ...DIVISION]) {
      const value = this.values[f].trim();
      if (value) body[f] = value;
    }
    return body;
  }

  view() {
    const sources = SOURCES.map((s) => ({ id: s, label: t(`partners.source.${s}`) }));
    return html`
      <form class="crm-form" novalidate data-test="lead-form" @submit=${(e) => this.submit(e)}>
        <h1 class="page-title">${t('crm.lead.new')}</h1>
        ${this.alerts()}
        <div class="form-grid">
          ${this.textField('company', t('crm.lead.company'), { required: true, maxlength: 200, wide: true })}
          ${this.textField('contactName', t('crm.lead.contactName'))}
          ${this.textField('phone', t('partners.phone'), { type: 'tel', inputmode: 'tel', maxlength: 30 })}
          ${this.textField('email', t('partners.email'), { type: 'email', inputmode: 'email', maxlength: 200 })}
          ${this.selectField('source', t('partners.source'), sources, t('partners.source.none'))}
          ${divisionField(this, `${AfLeadForm.prefix}-form-division`)}
          ${this.textField('notes', t('crm.lead.notes'), { maxlength: 2000, wide: true })}
        </div>
        ${this.actions(t('crm.lead.add'))}
      </form>`;
  }
}
AfLeadForm.define('af-lead-form');
