// data-test: contract-plan, plan-row (data-index), plan-due, plan-amount, plan-note, plan-remove, plan-add, plan-total,
//            plan-difference, plan-error
// The instalment plan (回款计划) of a contract being written: rows of due date, amount and note, added and removed here;
// under them the plan's total against the contract's amount (a plan must add up to it before the contract is submitted).
// The owner passes `rows` [{dueOn, amount, note}], `amount`, `currency` and `error` (a server field error of the plan);
// every change is a `plan-change` event whose detail is the new rows.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, fieldErrorText } from '../../core/i18n.js';
import { formatMoney } from '../../core/format.js';
import { icon } from '../../components/icons.js';
import { sumMoney, compareMoney } from './contract-format.js';

export class AfContractPlan extends AfElement {
  static properties = ['rows', 'amount', 'currency', 'error'];

  emitRows(rows) {
    this.dispatchEvent(new CustomEvent('plan-change', { detail: rows, bubbles: true }));
  }

  edit(index, field, value) {
    this.emitRows((this.rows ?? []).map((r, i) => (i === index ? { ...r, [field]: value } : r)));
  }

  add() {
    const rows = this.rows ?? [];
    // A new row suggests what is left to plan.
    const left = sumMoney([this.amount, ...rows.map((r) => `-${String(r.amount || '0').replace(/^-/, '')}`)]);
    this.emitRows([...rows, { dueOn: '', amount: /^-|^0\.00$/.test(left) ? '' : left, note: '' }]);
    queueMicrotask(() => this.querySelector('[data-test="plan-row"]:last-of-type [data-test="plan-due"]')?.focus());
  }

  drop(index) {
    this.emitRows((this.rows ?? []).filter((_, i) => i !== index));
  }

  summary(rows) {
    if (!rows.length) return html`<p class="muted small">${t('crm.contract.plan.none')}</p>`;
    const total = sumMoney(rows.map((r) => r.amount));
    const amount = String(this.amount ?? '').trim();
    const diff = amount ? compareMoney(total, amount) : 0;
    return html`<div class="plan-summary ${diff ? 'is-off' : 'is-even'}">
      <span>${t('crm.contract.plan.total')}: <strong data-test="plan-total">${formatMoney(total, this.currency)}</strong>
        ${amount ? html` / ${formatMoney(sumMoney([amount]), this.currency)}` : ''}</span>
      ${amount ? html`<span class="small" data-test="plan-difference" data-diff="${diff}">${diff === 0 ? t('crm.contract.plan.even')
        : diff > 0 ? t('crm.contract.plan.over', { amount: formatMoney(sumMoney([total, `-${amount}`]), this.currency) })
          : t('crm.contract.plan.short', { amount: formatMoney(sumMoney([amount, `-${total}`]), this.currency) })}</span>` : ''}
    </div>`;
  }

  view() {
    const rows = this.rows ?? [];
    return html`<div class="contract-plan" data-test="contract-plan">
      ${rows.length ? html`<ol class="plan-rows">
        ${rows.map((r, i) => html`<li class="plan-row" data-test="plan-row" data-index="${i}">
          <span class="plan-position" aria-hidden="true">${i + 1}</span>
          <label class="field"><span class="field-label">${t('crm.contract.plan.due')}</span>
            <input class="input" type="date" data-test="plan-due" .value=${r.dueOn ?? ''} @input=${(e) => this.edit(i, 'dueOn', e.target.value)}></label>
          <label class="field"><span class="field-label">${t('crm.contract.amount')}</span>
            <input class="input" inputmode="decimal" maxlength="20" data-test="plan-amount" .value=${r.amount ?? ''}
              @input=${(e) => this.edit(i, 'amount', e.target.value)}></label>
          <label class="field plan-note"><span class="field-label">${t('crm.contract.plan.note')}</span>
            <input class="input" maxlength="200" data-test="plan-note" .value=${r.note ?? ''} @input=${(e) => this.edit(i, 'note', e.target.value)}></label>
          <button type="button" class="btn btn-ghost btn-small plan-remove" data-test="plan-remove"
            aria-label="${t('crm.contract.plan.remove', { n: i + 1 })}" title="${t('crm.contract.plan.remove', { n: i + 1 })}"
            @click=${() => this.drop(i)}>${icon('close')}</button>
        </li>`)}
      </ol>` : ''}
      ${this.summary(rows)}
      ${this.error ? html`<span class="field-error" data-test="plan-error">${this.error.key ? t(this.error.key) : fieldErrorText(this.error)}</span>` : ''}
      <button type="button" class="btn btn-secondary btn-small" data-test="plan-add" @click=${() => this.add()}>${icon('plus')}<span>${t('crm.contract.plan.add')}</span></button>
    </div>`;
  }
}
AfContractPlan.define('af-contract-plan');
