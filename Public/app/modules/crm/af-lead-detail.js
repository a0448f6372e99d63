// data-test: lead-detail, lead-company, lead-field-<number|contactName|phone|email|source|division|notes|owner|invalidReason>,
//            lead-convert, lead-invalidate, lead-customer-link, lead-error, convert-dialog, convert-customer-name,
//            convert-opportunity-name, convert-amount, convert-confirm, convert-cancel, convert-error, back-link
//            (the reason's dialog: af-confirm-dialog.js; the state badge: lead-state)
// One lead, #/crm/leads/{id}: who and where, with Convert — one dialog that makes the customer (and, when named, an
// opportunity with its amount) and opens the new customer (POST /crm/leads/{id}/convert) — and Mark invalid with a
// reason (POST …/invalidate), and its follow-ups (af-follow-up-list.js) with Log follow-up while open. A converted lead
// links to its customer.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText, has } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { href, navigate } from '../../core/router.js';
import { can } from '../../core/store.js';
import { notify } from '../../core/notify.js';
import { uuid } from '../../core/uuid.js';
import { icon } from '../../components/icons.js';
import './af-follow-up-list.js';
import '../../components/af-confirm-dialog.js';
import { leadState } from './crm-format.js';

export class AfLeadDetail extends AfElement {
  static properties = ['leadId'];

  constructor() {
    super();
    this.lead = null;
    this.error = null;
    this.dialog = null; // 'convert' | 'invalid'
    this.convert = { customerName: '', opportunityName: '', amount: '' };
    this.busy = false;
    this.dialogError = null;
    this.key = uuid();
  }

  connected() {
    this.reload();
  }

  async load() {
    try {
      this.lead = await api.get(`/crm/leads/${encodeURIComponent(this.leadId)}`);
      this.error = null;
    } catch (error) {
      this.error = error;
    }
    this.requestUpdate();
  }

  open(dialog) {
    this.dialog = dialog;
    this.dialogError = null;
    if (dialog === 'convert') this.convert = { customerName: this.lead.company, opportunityName: '', amount: '' };
    this.requestUpdate();
  }

  async run(work) {
    this.busy = true;
    this.dialogError = null;
    this.requestUpdate();
    try {
      await work();
      this.key = uuid();
      this.dialog = null;
    } catch (error) {
      this.dialogError = error;
      if (error.code === 'conflict.stale_version' && error.current) this.lead = error.current;
    }
    this.busy = false;
    this.requestUpdate();
  }

  doConvert(event) {
    event.preventDefault();
    const c = this.convert;
    const body = { version: this.lead.version, customerName: c.customerName.trim() || this.lead.company };
    if (c.opportunityName.trim()) body.opportunityName = c.opportunityName.trim();
    if (c.opportunityName.trim() && c.amount.trim()) body.amount = c.amount.trim();
    this.run(async () => {
      const answer = await api.post(`/crm/leads/${encodeURIComponent(this.lead.id)}/convert`, body, { 'Idempotency-Key': this.key });
      notify(t('crm.lead.converted', { name: body.customerName }), 'success');
      navigate(`/customers/${answer.customerId}`);
    });
  }

  invalidate({ note }) {
    this.run(async () => {
      this.lead = await api.post(`/crm/leads/${encodeURIComponent(this.lead.id)}/invalidate`, { version: this.lead.version, reason: note },
        { 'Idempotency-Key': this.key });
      notify(t('crm.lead.invalidated', { name: this.lead.company }), 'success');
    });
  }

  convertDialog() {
    const c = this.convert;
    const field = (name, label, attrs = {}) => html`<label class="field"><span class="field-label">${label}</span>
      <input class="input" data-test="convert-${attrs.test}" maxlength="200" inputmode="${attrs.inputmode ?? 'text'}" .value=${c[name]}
        @input=${(e) => { this.convert = { ...this.convert, [name]: e.target.value }; this.requestUpdate(); }}></label>`;
    return html`
      <div class="dialog-backdrop" @click=${() => { if (!this.busy) { this.dialog = null; this.requestUpdate(); } }}></div>
      <form class="dialog" role="dialog" aria-modal="true" aria-labelledby="convert-title" data-test="convert-dialog" @submit=${(e) => this.doConvert(e)}
        @keydown=${(e) => { if (e.key === 'Escape' && !this.busy) { this.dialog = null; this.requestUpdate(); } }}>
        <h2 class="section-title" id="convert-title">${t('crm.lead.convertTitle', { name: this.lead.company })}</h2>
        <p class="muted">${t('crm.lead.convertMessage')}</p>
        ${field('customerName', t('crm.lead.customerName'), { test: 'customer-name' })}
        ${field('opportunityName', t('crm.lead.opportunityName'), { test: 'opportunity-name' })}
        ${c.opportunityName.trim() ? field('amount', t('crm.opportunity.amount'), { test: 'amount', inputmode: 'decimal' }) : ''}
        ${this.dialogError ? html`<div class="alert alert-error" role="alert" data-test="convert-error">${errorText(this.dialogError)}</div>` : ''}
        <div class="form-actions">
          <button type="button" class="btn btn-secondary" data-test="convert-cancel" ?disabled=${this.busy}
            @click=${() => { this.dialog = null; this.requestUpdate(); }}>${t('common.cancel')}</button>
          <button type="submit" class="btn btn-primary" data-test="convert-confirm" ?disabled=${this.busy}>${t('crm.lead.convert')}</button>
        </div>
      </form>`;
  }

  dialogView() {
    if (this.dialog === 'convert') return this.convertDialog();
    if (this.dialog === 'invalid') {
      return html`<af-confirm-dialog data-key="invalid" .heading=${t('crm.lead.invalidTitle', { name: this.lead.company })}
        .message=${t('crm.lead.invalidMessage')} .action=${t('crm.lead.markInvalid')} .danger=${true} .noteLabel=${t('partners.reason')}
        .busy=${this.busy} .error=${this.dialogError} @confirm=${(e) => this.invalidate(e.detail)}
        @dismiss=${() => { this.dialog = null; this.requestUpdate(); }}></af-confirm-dialog>`;
    }
    return '';
  }

  view() {
    const l = this.lead;
    const back = html`<a class="back-link" href="${href('/crm/leads')}" data-test="back-link">${icon('back')}<span>${t('nav.crm_leads')}</span></a>`;
    if (!l) return html`${back}${this.error ? html`<div class="alert alert-error" role="alert" data-test="lead-error">${errorText(this.error)}</div>` : html`<span class="spinner"></span>`}`;
    const pair = (name, label, value) => (value ? html`<div class="field-pair" data-test="lead-field-${name}"><dt>${label}</dt><dd>${value}</dd></div>` : '');
    const open = l.state === 'new' || l.state === 'following';
    const source = l.source && has(`partners.source.${l.source}`) ? t(`partners.source.${l.source}`) : l.source;
    return html`${back}
      <div class="lead-detail" data-test="lead-detail">
        <div class="page-header">
          <h1 class="page-title" data-test="lead-company">${l.company} ${leadState(l.state)}</h1>
          <div class="page-actions">
            ${open && can('crm.lead.write') ? html`
              <button type="button" class="btn btn-secondary" data-test="lead-invalidate" @click=${() => this.open('invalid')}>${t('crm.lead.markInvalid')}</button>
              <button type="button" class="btn btn-primary" data-test="lead-convert" @click=${() => this.open('convert')}>${t('crm.lead.convert')}</button>` : ''}
            ${l.customerId ? html`<a class="btn btn-secondary" data-test="lead-customer-link" href="${href(`/customers/${l.customerId}`)}">${t('crm.lead.openCustomer')}</a>` : ''}
          </div>
        </div>
        <section class="card card-pad">
          <dl class="fields">
            ${pair('number', t('crm.opportunity.number'), l.number)}
            ${pair('contactName', t('crm.lead.contactName'), l.contactName)}
            ${pair('phone', t('partners.phone'), l.phone ? html`<a href="tel:${l.phone}">${l.phone}</a>` : '')}
            ${pair('email', t('partners.email'), l.email)}
            ${pair('source', t('partners.source'), source)}
            ${pair('division', t('division.label'), l.divisionName)}
            ${pair('owner', t('partners.owner'), l.ownerName)}
            ${pair('notes', t('crm.lead.notes'), l.notes)}
            ${pair('invalidReason', t('crm.lead.invalidReason'), l.invalidReason)}
          </dl>
        </section>
        <af-follow-up-list data-key="follow-ups" .path=${`/crm/leads/${encodeURIComponent(l.id)}/follow-ups`} .subject=${{ leadId: l.id }}
          .canLog=${open && can('crm.visit.write')} @logged=${() => this.reload()}></af-follow-up-list>
      </div>
      ${this.dialogView()}`;
  }
}
AfLeadDetail.define('af-lead-detail');
