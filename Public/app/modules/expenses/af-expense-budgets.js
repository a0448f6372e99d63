// data-test: budgets-page, budgets-month, budgets-prev, budgets-next, budget-department (data-id), budget-row (data-id,
//            data-action), budget-amount, budget-used, budget-pending, budget-left, budget-bar, budgets-empty, budgets-error
// Budgets of a month (#/expenses/budgets?month=YYYY-MM, expenses.budget.read; GET /expenses/budgets?month): grouped by
// department, one row per category with the amount, what approved and paid claims used, what claims being approved
// hold, what is left, and a bar (used, then pending, over the amount shows red). Budgets that stop claims are marked.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { navigate } from '../../core/router.js';
import { getUser } from '../../core/store.js';
import { formatMoney } from '../../core/format.js';
import { icon } from '../../components/icons.js';
import { currentMonth, monthTitle, shiftMonth, validMonth } from '../attendance/attendance-format.js';
import { expensesNav, sumDecimals } from './expenses-format.js';

// Share of `part` in `whole` as a percentage for a bar's width (display only; the figures shown stay exact text). The
// bar is SVG: the CSP allows no inline style attributes.
function share(part, whole) {
  const w = Number(whole);
  if (!(w > 0)) return Number(part) > 0 ? 100 : 0;
  return Math.max(0, Math.min(100, (Number(part) / w) * 100));
}

function minus(a, b) {
  return sumDecimals([a]) && subtractText(a, b);
}

function subtractText(a, b) {
  const [x, y] = [sumDecimals([a]), sumDecimals([b])].map((s) => BigInt(s.replace('.', '')) * 10n ** BigInt(4 - s.split('.')[1].length));
  const n = x - y;
  const neg = n < 0n;
  const abs = neg ? -n : n;
  let frac = String(abs % 10000n).padStart(4, '0').replace(/0+$/, '');
  if (frac.length < 2) frac = frac.padEnd(2, '0');
  return `${neg ? '-' : ''}${abs / 10000n}.${frac}`;
}

export class AfExpenseBudgets extends AfElement {
  static properties = ['query'];

  constructor() {
    super();
    this.state = { loading: true, budgets: null, error: null };
    this.seq = 0;
  }

  connected() {
    this.reload();
  }

  changed(name, old) {
    if (name === 'query' && old?.month !== this.query?.month) this.reload();
  }

  month() {
    const user = getUser();
    return validMonth(this.query?.month) ? this.query.month : currentMonth(user?.timeZone || user?.tenant?.timeZone);
  }

  async load() {
    const seq = ++this.seq;
    this.state = { ...this.state, loading: true, error: null };
    this.requestUpdate();
    try {
      const budgets = await api.get('/expenses/budgets', { month: this.month() });
      if (seq !== this.seq) return;
      this.state = { loading: false, budgets: budgets ?? [], error: null };
    } catch (error) {
      if (seq !== this.seq) return;
      this.state = { loading: false, budgets: this.state.budgets, error };
    }
    this.requestUpdate();
  }

  go(month) {
    if (validMonth(month)) navigate('/expenses/budgets', { month }, { replace: true });
  }

  row(b, currency) {
    const left = minus(b.amount, sumDecimals([b.used, b.pending]));
    const over = left.startsWith('-');
    const used = share(b.used, b.amount);
    const pending = Math.min(100 - used, share(b.pending, b.amount));
    return html`
      <li class="ex-budget" data-test="budget-row" data-key="${b.id}" data-id="${b.id}" data-action="${b.action}">
        <div class="ex-budget-head">
          <strong>${b.categoryName ?? ''}</strong>
          <span class="badge ${b.action === 'stop' ? 'badge-danger' : 'badge-muted'} lv-state">${t(`expenses.budget.action.${b.action}`)}</span>
          <span class="ex-budget-amount" data-test="budget-amount">${formatMoney(b.amount, currency)}</span>
        </div>
        <div class="ex-bar ${over ? 'is-over' : ''}" data-test="budget-bar" role="img"
          aria-label="${t('expenses.budget.barLabel', { used: formatMoney(b.used, currency), pending: formatMoney(b.pending, currency), amount: formatMoney(b.amount, currency) })}">
          <svg class="ex-bar-svg" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
            <rect class="ex-bar-used" x="0" y="0" width="${used.toFixed(1)}" height="10"></rect>
            <rect class="ex-bar-pending" x="${used.toFixed(1)}" y="0" width="${pending.toFixed(1)}" height="10"></rect>
          </svg>
        </div>
        <div class="ex-budget-figures small">
          <span><span class="ex-key is-used"></span>${t('expenses.budget.used')} <span data-test="budget-used">${formatMoney(b.used, currency)}</span></span>
          <span><span class="ex-key is-pending"></span>${t('expenses.budget.pending')} <span data-test="budget-pending">${formatMoney(b.pending, currency)}</span></span>
          <span class="${over ? 'ex-over' : ''}">${t(over ? 'expenses.budget.over' : 'expenses.budget.left')} <span data-test="budget-left">${formatMoney(over ? left.slice(1) : left, currency)}</span></span>
        </div>
      </li>`;
  }

  view() {
    const month = this.month();
    const { budgets, error, loading } = this.state;
    const currency = getUser()?.tenant?.currency ?? '';
    const departments = new Map();
    for (const b of budgets ?? []) {
      if (!departments.has(b.departmentID)) departments.set(b.departmentID, { id: b.departmentID, name: b.departmentName ?? '', budgets: [] });
      departments.get(b.departmentID).budgets.push(b);
    }
    const groups = [...departments.values()].sort((a, b) => a.name.localeCompare(b.name));
    return html`
      <section class="lv-page ex-budgets" data-test="budgets-page">
        <div class="page-header att-header"><h1 class="page-title">${t('module.expenses')}</h1></div>
        ${expensesNav('budgets')}
        <div class="att-month-bar">
          <button type="button" class="btn btn-secondary att-month-step" data-test="budgets-prev" aria-label="${t('expenses.budget.previous')}"
            title="${t('expenses.budget.previous')}" @click=${() => this.go(shiftMonth(month, -1))}>${icon('back')}</button>
          <label class="att-month-title ex-month-pick">
            <span class="visually-hidden">${t('expenses.budget.month')}</span>
            <span aria-hidden="true">${monthTitle(month)}</span>
            <input type="month" class="input ex-month-input" data-test="budgets-month" .value=${month} @change=${(e) => this.go(e.target.value)}>
          </label>
          <button type="button" class="btn btn-secondary att-month-step" data-test="budgets-next" aria-label="${t('expenses.budget.next')}"
            title="${t('expenses.budget.next')}" @click=${() => this.go(shiftMonth(month, 1))}>${icon('chevron')}</button>
        </div>
        ${error ? html`<div class="alert alert-error" role="alert" data-test="budgets-error">${errorText(error)}</div>` : ''}
        ${budgets ? html`
          <div class="ex-budget-groups ${loading ? 'is-loading' : ''}">
            ${groups.length ? groups.map((g) => html`
              <section class="card card-pad ex-budget-group" data-test="budget-department" data-key="${g.id}" data-id="${g.id}">
                <h2 class="section-title">${g.name}</h2>
                <ul class="ex-budget-list">${g.budgets.map((b) => this.row(b, currency))}</ul>
              </section>`) : html`<div class="card card-pad muted" data-test="budgets-empty">${t('expenses.budget.empty')}</div>`}
          </div>` : error ? '' : html`<div class="card card-pad"><span class="spinner"></span> ${t('common.loading')}</div>`}
      </section>`;
  }
}
AfExpenseBudgets.define('af-expense-budgets');
