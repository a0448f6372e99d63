// data-test: payables-page, payables-error, payable-claim (data-id), payable-advance (data-id), payables-empty, pay-open, pay-panel,
//            pay-date, pay-offset-row (data-id), pay-offset-amount, pay-offset-balance, pay-total, pay-offset, pay-net, pay-confirm,
//            pay-error, advance-pay
// To pay (finance, expenses.claim.pay), #/expenses/payables, phone first: approved claims and approved advances waiting for
// money (GET /expenses/payables). Paying a claim opens a panel with the claimant's open advances (GET /expenses/advances?
// employee=…), each prefilled oldest first up to the claim's total (ERPNext's allocation; DingTalk 借款核销) and editable;
// the panel shows total, offset and the net to pay, exactly (decimal text, never a float), and POSTs …/pay with the offsets.
// The server checks the same rules again (at most each balance and the total) in the paying transaction.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText, fieldErrorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { notify } from '../../core/notify.js';
import { href } from '../../core/router.js';
import { getUser } from '../../core/store.js';
import { formatMoney, todayIn } from '../../core/format.js';
import { icon } from '../../components/icons.js';
import { currencyDigits, expensesNav, fromMinor, toMinor } from './expenses-format.js';

const OFFSET_FIELD = /^offsets\[(\d+)\]\.(\w+)/;

function today() {
  const user = getUser();
  return todayIn(user?.timeZone || user?.tenant?.timeZone);
}

export class AfExpensePayables extends AfElement {
  constructor() {
    super();
    this.data = null;
    this.error = null;
    this.paying = null; // { claim, advances: [{ advance, amount }], date, busy, error, errors }
  }

  connected() {
    this.load();
  }

  async load() {
    try {
      this.data = await api.get('/expenses/payables');
      this.error = null;
    } catch (error) {
      this.error = error;
    }
    this.requestUpdate();
  }

  async openPay(claim) {
    this.paying = { claim, advances: null, date: today(), busy: false, error: null, errors: {} };
    this.requestUpdate();
    try {
      const all = (await api.get(`/expenses/advances?employee=${encodeURIComponent(claim.employeeID)}`)) ?? [];
      const digits = currencyDigits(claim.currency);
      const open = all.filter((a) => a.state === 'paid' && (toMinor(a.balance, digits) ?? 0n) > 0n)
        .sort((a, b) => `${a.paidOn} ${a.number}`.localeCompare(`${b.paidOn} ${b.number}`));
      // Oldest first, up to the claim's total.
      let left = toMinor(claim.total, digits) ?? 0n;
      this.paying.advances = open.map((advance) => {
        const balance = toMinor(advance.balance, digits) ?? 0n;
        const take = balance < left ? balance : left;
        left -= take;
        return { advance, amount: fromMinor(take, digits) };
      });
    } catch (error) {
      this.paying.error = error;
      this.paying.advances = [];
    }
    this.requestUpdate();
  }

  setOffset(index, value) {
    this.paying.advances = this.paying.advances.map((x, i) => (i === index ? { ...x, amount: value } : x));
    delete this.paying.errors[index];
    this.requestUpdate();
  }

  figures() {
    const { claim, advances } = this.paying;
    const digits = currencyDigits(claim.currency);
    const total = toMinor(claim.total, digits) ?? 0n;
    const offset = (advances ?? []).reduce((sum, x) => sum + (toMinor(x.amount.trim() || '0', digits) ?? 0n), 0n);
    return { digits, total, offset, net: total - offset };
  }

  async confirmPay() {
    const p = this.paying;
    if (p.busy) return;
    const { digits, total, offset } = this.figures();
    p.errors = {};
    p.error = null;
    p.advances.forEach((x, i) => {
      const amount = toMinor(x.amount.trim() || '0', digits);
      if (amount === null || amount < 0n) p.errors[i] = { key: 'expenses.pay.badAmount' };
      else if (amount > (toMinor(x.advance.balance, digits) ?? 0n)) p.errors[i] = { key: 'expenses.pay.overBalance', params: { balance: x.advance.balance } };
    });
    if (!Object.keys(p.errors).length && offset > total) p.error = { message: t('expenses.pay.overTotal') };
    if (Object.keys(p.errors).length || p.error) {
      this.requestUpdate();
      return;
    }
    const offsets = p.advances.filter((x) => (toMinor(x.amount.trim() || '0', digits) ?? 0n) > 0n)
      .map((x) => ({ advanceID: x.advance.id, amount: x.amount.trim() }));
    p.busy = true;
    this.requestUpdate();
    try {
      const paid = await api.post(`/expenses/claims/${p.claim.id}/pay`, { version: p.claim.version, paidOn: p.date, offsets });
      notify(t('expenses.pay.done', { number: paid.number, net: formatMoney(paid.netPaid, paid.currency) }), 'success');
      this.paying = null;
      await this.load();
      return;
    } catch (error) {
      p.error = error;
      for (const f of error.fields ?? []) {
        const m = OFFSET_FIELD.exec(f.field ?? '');
        if (m) p.errors[m[1]] = f;
      }
    }
    p.busy = false;
    this.requestUpdate();
  }

  async payAdvance(advance) {
    try {
      const paid = await api.post(`/expenses/advances/${advance.id}/pay`, { version: advance.version, paidOn: today() });
      notify(t('expenses.pay.advanceDone', { number: paid.number }), 'success');
      await this.load();
    } catch (error) {
      this.error = error;
      this.requestUpdate();
    }
  }

  payPanel() {
    const p = this.paying;
    const c = p.claim;
    if (!p.advances) return html`<div class="ex-pay-panel" data-test="pay-panel"><span class="spinner"></span> ${t('common.loading')}</div>`;
    const { digits, total, offset, net } = this.figures();
    return html`
      <div class="ex-pay-panel" data-test="pay-panel">
        <label class="field">
          <span class="field-label">${t('expenses.pay.date')}</span>
          <input type="date" class="input" data-test="pay-date" .value=${p.date} @change=${(e) => { p.date = e.target.value; }}>
        </label>
        ${p.advances.length ? html`
          <div class="field-label">${t('expenses.pay.openAdvances')}</div>
          <ul class="ex-offsets">
            ${p.advances.map((x, i) => html`
              <li class="ex-offset" data-test="pay-offset-row" data-key="${x.advance.id}" data-id="${x.advance.id}">
                <div class="ex-offset-what"><strong>${x.advance.number}</strong>
                  <span class="muted small" data-test="pay-offset-balance">${t('expenses.pay.balance', { balance: formatMoney(x.advance.balance, x.advance.currency) })}</span></div>
                <input type="text" inputmode="decimal" autocomplete="off" class="input ex-amount ${p.errors[i] ? 'is-invalid' : ''}" data-test="pay-offset-amount"
                  aria-label="${t('expenses.pay.offsetOf', { number: x.advance.number })}" .value=${x.amount} @input=${(e) => this.setOffset(i, e.target.value)}>
                ${p.errors[i] ? html`<span class="field-error" data-test="field-error" data-field="offset">${p.errors[i].key ? t(p.errors[i].key, p.errors[i].params) : fieldErrorText(p.errors[i])}</span>` : ''}
              </li>`)}
          </ul>` : html`<div class="muted small">${t('expenses.pay.noAdvances')}</div>`}
        <dl class="ex-pay-figures">
          <div class="ex-total-row"><dt>${t('expenses.claim.total')}</dt><dd data-test="pay-total">${formatMoney(fromMinor(total, digits), c.currency)}</dd></div>
          <div class="ex-total-row"><dt>${t('expenses.pay.offset')}</dt><dd data-test="pay-offset">−${formatMoney(fromMinor(offset, digits), c.currency)}</dd></div>
          <div class="ex-total-row ex-net"><dt>${t('expenses.pay.net')}</dt><dd><strong data-test="pay-net">${formatMoney(fromMinor(net, digits), c.currency)}</strong></dd></div>
        </dl>
        ${p.error ? html`<div class="alert alert-error" role="alert" data-test="pay-error">${p.error.message && !p.error.status ? p.error.message : errorText(p.error)}</div>` : ''}
        <div class="form-actions ex-actions">
          <button type="button" class="btn btn-secondary lv-tap" @click=${() => { this.paying = null; this.requestUpdate(); }}>${t('common.cancel')}</button>
          <button type="button" class="btn btn-primary lv-tap" data-test="pay-confirm" ?disabled=${p.busy || net < 0n} @click=${() => this.confirmPay()}>
            ${p.busy ? t('common.saving') : t('expenses.pay.confirm')}</button>
        </div>
      </div>`;
  }

  claimCard(c) {
    const open = this.paying?.claim.id === c.id;
    return html`
      <li class="card card-pad ex-payable" data-test="payable-claim" data-key="${c.id}" data-id="${c.id}">
        <div class="ex-line-head">
          <a href="${href(`/expenses/${c.id}`)}"><strong>${c.number}</strong></a>
          <span class="ex-view-amount">${formatMoney(c.total, c.currency)}</span>
        </div>
        <div class="muted small">${[c.employeeName, c.title].filter(Boolean).join(' · ')}</div>
        ${open ? this.payPanel() : html`
          <div class="form-actions"><button type="button" class="btn btn-primary lv-tap" data-test="pay-open" @click=${() => this.openPay(c)}>
            ${icon('expenses')}<span>${t('expenses.pay.open')}</span></button></div>`}
      </li>`;
  }

  advanceCard(a) {
    return html`
      <li class="card card-pad ex-payable" data-test="payable-advance" data-key="${a.id}" data-id="${a.id}">
        <div class="ex-line-head"><strong>${a.number}</strong><span class="ex-view-amount">${formatMoney(a.amount, a.currency)}</span></div>
        <div class="muted small">${[a.employeeName, a.purpose].filter(Boolean).join(' · ')}</div>
        <div class="form-actions"><button type="button" class="btn btn-primary lv-tap" data-test="advance-pay" @click=${() => this.payAdvance(a)}>
          ${icon('expenses')}<span>${t('expenses.pay.advance')}</span></button></div>
      </li>`;
  }

  view() {
    const d = this.data;
    return html`
      <section class="lv-page" data-test="payables-page">
        <div class="page-header att-header"><h1 class="page-title">${t('nav.expense_payables')}</h1></div>
        ${expensesNav('payables')}
        ${this.error ? html`<div class="alert alert-error" role="alert" data-test="payables-error">${errorText(this.error)}</div>` : ''}
        ${!d ? (this.error ? '' : html`<div class="card card-pad"><span class="spinner"></span> ${t('common.loading')}</div>`) : html`
          <h2 class="section-title">${t('expenses.pay.claims')}</h2>
          ${d.claims.length ? html`<ul class="ex-lines">${d.claims.map((c) => this.claimCard(c))}</ul>`
            : html`<div class="card card-pad muted" data-test="payables-empty">${t('expenses.pay.noClaims')}</div>`}
          <h2 class="section-title ex-section-gap">${t('expenses.pay.advances')}</h2>
          ${d.advances.length ? html`<ul class="ex-lines">${d.advances.map((a) => this.advanceCard(a))}</ul>`
            : html`<div class="card card-pad muted">${t('expenses.pay.noAdvancesToPay')}</div>`}`}
      </section>`;
  }
}
AfExpensePayables.define('af-expense-payables');
