// data-test: receipt-form, receipt-date, receipt-amount, receipt-note, receipt-save, receipt-cancel, receipt-error,
//            field-error (data-field receivedOn | amount | note)
// Money received (回款) against a contract, recorded by hand until invoices and receipts exist:
// POST /crm/contracts/{id}/receipts {receivedOn, amount, note?} → the contract, whose instalments the server then matches
// first due first. The amount starts as what is still outstanding. Emits `recorded` (detail: the contract) and `cancel`.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText, fieldErrorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { todayIn } from '../../core/format.js';
import { getUser } from '../../core/store.js';
import { uuid } from '../../core/uuid.js';

export class AfContractReceipt extends AfElement {
  static properties = ['contract'];

  constructor() {
    super();
    const user = getUser();
    this.values = { receivedOn: todayIn(user?.timeZone ?? user?.tenant?.timeZone), amount: '', note: '' };
    this.errors = {};
    this.error = null;
    this.busy = false;
    this.key = uuid();
  }

  connected() {
    const outstanding = this.contract?.outstanding;
    if (outstanding && !/^-|^0(\.0*)?$/.test(outstanding)) this.values.amount = outstanding;
    queueMicrotask(() => this.querySelector('[data-test="receipt-amount"]')?.focus());
  }

  set(name, value) {
    this.values = { ...this.values, [name]: value };
    if (this.errors[name]) {
      delete this.errors[name];
      this.requestUpdate();
    }
  }

  emit(name, detail) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true }));
  }

  async submit(event) {
    event.preventDefault();
    if (this.busy) return;
    const v = this.values;
    this.errors = {};
    this.error = null;
    if (!v.receivedOn) this.errors.receivedOn = { code: 'field.required' };
    if (!v.amount.trim()) this.errors.amount = { code: 'field.required' };
    if (Object.keys(this.errors).length) {
      this.requestUpdate();
      return;
    }
    this.busy = true;
    this.requestUpdate();
    try {
      const body = { receivedOn: v.receivedOn, amount: v.amount.trim(), ...(v.note.trim() ? { note: v.note.trim() } : {}) };
      const contract = await api.post(`/crm/contracts/${encodeURIComponent(this.contract.id)}/receipts`, body, { 'Idempotency-Key': this.key });
      this.key = uuid();
      this.emit('recorded', contract);
    } catch (error) {
      for (const f of error.fields ?? []) {
        if (['receivedOn', 'amount', 'note'].includes(f.field) && !this.errors[f.field]) this.errors[f.field] = f;
      }
      if (!Object.keys(this.errors).length) this.error = error;
      this.key = uuid();
    }
    this.busy = false;
    this.requestUpdate();
  }

  field(name, label, input) {
    return html`<label class="field ${name === 'note' ? 'field-wide' : ''}">
      <span class="field-label">${label}${name === 'note' ? '' : html` <span class="required" aria-hidden="true">*</span>`}</span>
      ${input}
      ${this.errors[name] ? html`<span class="field-error" data-test="field-error" data-field="${name}">${fieldErrorText(this.errors[name])}</span>` : ''}
    </label>`;
  }

  view() {
    const v = this.values;
    const invalid = (name) => (this.errors[name] ? 'is-invalid' : '');
    return html`<form class="receipt-form" novalidate data-test="receipt-form" @submit=${(e) => this.submit(e)}>
      ${this.error ? html`<div class="alert alert-error" role="alert" data-test="receipt-error">${errorText(this.error)}</div>` : ''}
      <div class="form-grid">
        ${this.field('receivedOn', t('crm.contract.receivedOn'), html`<input class="input ${invalid('receivedOn')}" type="date" data-test="receipt-date"
          .value=${v.receivedOn} @input=${(e) => this.set('receivedOn', e.target.value)}>`)}
        ${this.field('amount', t('crm.contract.amount'), html`<input class="input ${invalid('amount')}" inputmode="decimal" maxlength="20" data-test="receipt-amount"
          .value=${v.amount} @input=${(e) => this.set('amount', e.target.value)}>`)}
        ${this.field('note', t('crm.contract.plan.note'), html`<input class="input ${invalid('note')}" maxlength="500" data-test="receipt-note"
          .value=${v.note} @input=${(e) => this.set('note', e.target.value)}>`)}
      </div>
      <div class="form-actions">
        <button type="button" class="btn btn-ghost" data-test="receipt-cancel" @click=${() => this.emit('cancel')}>${t('common.cancel')}</button>
        <button type="submit" class="btn btn-primary" data-test="receipt-save" ?disabled=${this.busy}>${this.busy ? t('common.saving') : t('crm.contract.recordReceipt')}</button>
      </div>
    </form>`;
  }
}
AfContractReceipt.define('af-contract-receipt');
