// data-test: advances-page, advance-form, advance-amount, advance-purpose, advance-expected, advance-request, advance-error,
//            advance-row (data-id, data-state), advance-number, advance-balance, advance-movement, advances-empty, field-error (data-field)
// My advances (借款/备用金), #/expenses/advances, phone first: a short form to ask for one (amount in the company currency,
// purpose, when I expect to claim; POST /expenses/advances submits it for approval at once) and my advances newest first
// with their state, what is still open (balance) and what was set against which claim or given back.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText, fieldErrorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { notify } from '../../core/notify.js';
import { href } from '../../core/router.js';
import { getUser } from '../../core/store.js';
import { formatMoney } from '../../core/format.js';
import { icon } from '../../components/icons.js';
import { advanceState, expensesNav, validAmount } from './expenses-format.js';

export class AfExpenseAdvances extends AfElement {
  constructor() {
    super();
    this.advances = null;
    this.error = null;
    this.form = { amount: '', purpose: '', expectedClaimDate: '' };
    this.errors = {};
    this.formError = null;
    this.busy = false;
  }

  connected() {
    this.load();
  }

  async load() {
    try {
      this.advances = (await api.get('/expenses/advances')) ?? [];
      this.error = null;
    } catch (error) {
      this.error = error;
    }
    this.requestUpdate();
  }

  set(name, value) {
    this.form = { ...this.form, [name]: value };
    delete this.errors[name];
    this.requestUpdate();
  }

  async request(event) {
    event.preventDefault();
    if (this.busy) return;
    this.errors = {};
    this.formError = null;
    if (!validAmount(this.form.amount) || /^[0.]*$/.test(this.form.amount.trim())) this.errors.amount = { key: 'expenses.line.amountRequired' };
    if (!this.form.purpose.trim()) this.errors.purpose = { key: 'expenses.advance.purposeRequired' };
    if (Object.keys(this.errors).length) {
      this.requestUpdate();
      return;
    }
    this.busy = true;
    this.requestUpdate();
    const body = { amount: this.form.amount.trim(), purpose: this.form.purpose.trim() };
    if (this.form.expectedClaimDate) body.expectedClaimDate = this.form.expectedClaimDate;
    try {
      const advance = await api.post('/expenses/advances', body);
      notify(t(advance.state === 'approved' ? 'expenses.advance.requestedApproved' : 'expenses.advance.requested', { number: advance.number }), 'success');
      this.form = { amount: '', purpose: '', expectedClaimDate: '' };
      this.advances = [advance, ...(this.advances ?? [])];
    } catch (error) {
      this.formError = error;
      for (const f of error.fields ?? []) this.errors[f.field] = f;
    }
    this.busy = false;
    this.requestUpdate();
  }

  fieldError(name) {
    const e = this.errors[name];
    return e ? html`<span class="field-error" data-test="field-error" data-field="${name}">${e.key ? t(e.key) : fieldErrorText(e)}</span>` : '';
  }

  formView() {
    const currency = getUser()?.tenant?.currency ?? '';
    return html`
      <form class="card card-pad ex-advance-form" data-test="advance-form" novalidate @submit=${(e) => this.request(e)}>
        <h2 class="card-title">${t('expenses.advance.ask')}</h2>
        <div class="ex-line-grid">
          <label class="field">
            <span class="field-label">${t('expenses.line.amount', { currency })}</span>
            <input type="text" inputmode="decimal" autocomplete="off" class="input ex-amount ${this.errors.amount ? 'is-invalid' : ''}" data-test="advance-amount"
              placeholder="0.00" .value=${this.form.amount} @input=${(e) => this.set('amount', e.target.value)}>
            ${this.fieldError('amount')}
          </label>
          <label class="field">
            <span class="field-label">${t('expenses.advance.expected')}</span>
            <input type="date" class="input" data-test="advance-expected" .value=${this.form.expectedClaimDate}
              @change=${(e) => this.set('expectedClaimDate', e.target.value)}>
            ${this.fieldError('expectedClaimDate')}
          </label>
        </div>
        <label class="field">
          <span class="field-label">${t('expenses.advance.purpose')}</span>
          <input type="text" class="input ${this.errors.purpose ? 'is-invalid' : ''}" data-test="advance-purpose" maxlength="200"
            placeholder="${t('expenses.advance.purposePlaceholder')}" .value=${this.form.purpose} @input=${(e) => this.set('purpose', e.target.value)}>
          ${this.fieldError('purpose')}
        </label>
        ${this.formError && !this.formError.fields?.length ? html`<div class="alert alert-error" role="alert" data-test="advance-error">${errorText(this.formError)}</div>` : ''}
        <div class="form-actions">
          <button type="submit" class="btn btn-primary lv-tap" data-test="advance-request" ?disabled=${this.busy}>
            ${icon('plus')}<span>${this.busy ? t('expenses.submitting') : t('expenses.advance.request')}</span></button>
        </div>
      </form>`;
  }

  movement(m, currency) {
    const what = m.kind === 'return' ? t('expenses.advance.returnedOn', { date: m.date })
      : t('expenses.advance.offsetOn', { number: m.claimNumber ?? '', date: m.date });
    return html`<li class="ex-movement" data-test="advance-movement" data-key="${m.id}" data-kind="${m.kind}">
      <span>${m.claimID && m.kind === 'offset' ? html`<a href="${href(`/expenses/${m.claimID}`)}">${what}</a>` : what}</span>
      <span class="num">−${formatMoney(m.amount, currency)}</span></li>`;
  }

  list(advances) {
    if (!advances.length) return html`<div class="card card-pad muted" data-test="advances-empty">${t('expenses.advance.none')}</div>`;
    return html`
      <ul class="ex-lines">
        ${advances.map((a) => html`
          <li class="card card-pad ex-advance" data-test="advance-row" data-key="${a.id}" data-id="${a.id}" data-state="${a.state}">
            <div class="ex-line-head">
              <strong data-test="advance-number">${a.number}</strong>
              ${advanceState(a.state)}
              <span class="ex-view-amount">${formatMoney(a.amount, a.currency)}</span>
            </div>
            <div class="muted small">${[a.purpose, a.expectedClaimDate ? t('expenses.advance.expectedOn', { date: a.expectedClaimDate }) : '',
              a.paidOn ? t('expenses.paidOn', { date: a.paidOn }) : ''].filter(Boolean).join(' · ')}</div>
            ${a.movements.length ? html`<ul class="ex-movements">${a.movements.map((m) => this.movement(m, a.currency))}</ul>` : ''}
            ${a.state === 'paid' || a.state === 'settled' ? html`
              <div class="ex-total-row"><span>${t('expenses.advance.balance')}</span>
                <strong data-test="advance-balance">${formatMoney(a.balance, a.currency)}</strong></div>` : ''}
            ${a.approvalID && a.state === 'pending' ? html`<a class="small" href="${href(`/approvals/${a.approvalID}`)}">${t('expenses.openApproval')}</a>` : ''}
          </li>`)}
      </ul>`;
  }

  view() {
    return html`
      <section class="lv-page" data-test="advances-page">
        <div class="page-header att-header"><h1 class="page-title">${t('nav.expense_advances')}</h1></div>
        ${expensesNav('advances')}
        ${this.formView()}
        ${this.error ? html`<div class="alert alert-error" role="alert">${errorText(this.error)}</div>` : ''}
        ${this.advances ? this.list(this.advances) : this.error ? '' : html`<div class="card card-pad"><span class="spinner"></span> ${t('common.loading')}</div>`}
      </section>`;
  }
}
AfExpenseAdvances.define('af-expense-advances');
