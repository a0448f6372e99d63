// Shared display of expenses: claim states as badges, a line's flags for the approver (duplicate invoice,
// over the per-day limit, over budget), exact sums of decimal text (never a float), and the pages' own tabs.
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { href } from '../../core/router.js';
import { can } from '../../core/store.js';

const STATE_BADGE = {
  draft: 'badge-muted', pending: 'badge-warning', approved: 'badge-success', paid: 'badge-success', rejected: 'badge-danger', cancelled: 'badge-muted',
  settled: 'badge-muted', withdrawn: 'badge-muted',
};

export function claimState(state, testId = 'claim-state') {
  return html`<span class="badge ${STATE_BADGE[state] ?? 'badge-muted'} lv-state" data-test="${testId}" data-state="${state}">${t(`expenses.state.${state}`)}</span>`;
}

// An advance's state (pending, approved, paid, settled, rejected, withdrawn) as a badge.
export function advanceState(state) {
  return html`<span class="badge ${STATE_BADGE[state] ?? 'badge-muted'} lv-state" data-test="advance-state" data-state="${state}">${t(`expenses.advanceState.${state}`)}</span>`;
}

const FLAGS = [
  ['duplicateInvoice', 'badge-danger'],
  ['overLimit', 'badge-warning'],
  ['overBudget', 'badge-warning'],
];

export function lineFlags(line) {
  const on = FLAGS.filter(([name]) => line?.[name]);
  if (!on.length) return '';
  return html`<span class="badges">${on.map(([name, badge]) => html`
    <span class="badge ${badge} lv-state" data-test="claim-line-flag" data-flag="${name}">${t(`expenses.flag.${name}`)}</span>`)}</span>`;
}

// A warning code from the server (expenses.over_limit, expenses.duplicate_invoice, expenses.budget_exceeded) in
// words; the code itself when unknown.
export function warningText(code) {
  const key = `expenses.warning.${String(code).replace(/^expenses\./, '')}`;
  const text = t(key);
  return text === key ? code : text;
}

const DECIMAL = /^\s*(-?)(\d*)(?:\.(\d*))?\s*$/;
const SCALE = 4;

export function validAmount(text) {
  const m = DECIMAL.exec(text ?? '');
  return Boolean(m && (m[2] || m[3]) && !m[1] && (m[3] ?? '').length <= SCALE);
}

// The exact sum of decimal texts, at least two decimals ("12.50"); invalid entries count as nothing.
export function sumDecimals(values) {
  let total = 0n;
  for (const v of values) {
    if (!validAmount(v)) continue;
    const m = DECIMAL.exec(v);
    total += BigInt(m[2] || '0') * 10n ** BigInt(SCALE) + BigInt(((m[3] ?? '') + '0000').slice(0, SCALE));
  }
  const whole = total / 10n ** BigInt(SCALE);
  let frac = String(total % 10n ** BigInt(SCALE)).padStart(SCALE, '0').replace(/0+$/, '');
  if (frac.length < 2) frac = frac.padEnd(2, '0');
  return `${whole}.${frac}`;
}

// Minor units (BigInt) of a decimal text with at most `scale` digits after the point; null when it is not one.
export function toMinor(text, scale = 2) {
  const m = DECIMAL.exec(text ?? '');
  if (!m || !(m[2] || m[3]) || m[1] || (m[3] ?? '').length > scale) return null;
  return BigInt(m[2] || '0') * 10n ** BigInt(scale) + BigInt(((m[3] ?? '') + '0'.repeat(scale)).slice(0, scale));
}

// Decimal text of minor units (BigInt), `scale` digits after the point: 15050n → "150.50".
export function fromMinor(value, scale = 2) {
  const negative = value < 0n;
  const v = negative ? -value : value;
  const unit = 10n ** BigInt(scale);
  const text = scale ? `${v / unit}.${String(v % unit).padStart(scale, '0')}` : `${v}`;
  return negative ? `-${text}` : text;
}

// Digits after the point of a currency (ISO 4217 minor unit), as the server knows them.
export function currencyDigits(code) {
  if (['JPY', 'KRW', 'VND', 'CLP', 'ISK'].includes(code)) return 0;
  if (['KWD', 'BHD', 'OMR', 'JOD', 'TND'].includes(code)) return 3;
  return 2;
}

// An amount in another currency times a rate (at most 6 decimals) in the company currency, rounded half-up as the
// server does by default (the company's rounding rule decides there): "1000.00" CNY × "0.138765" → "138.77". Null
// when either is not a number.
export function convertAmount(amount, fromCurrency, rate, toCurrency) {
  const from = currencyDigits(fromCurrency);
  const to = currencyDigits(toCurrency);
  const a = toMinor(amount, from);
  const r = toMinor(rate, 6);
  if (a === null || r === null) return null;
  const numerator = a * r * 10n ** BigInt(to);
  const denominator = 10n ** BigInt(from + 6);
  let q = numerator / denominator;
  if ((numerator % denominator) * 2n >= denominator) q += 1n;
  return fromMinor(q, to);
}

const PAGES = [
  { id: 'claims', path: '/expenses', label: 'expenses.tab.claims' },
  { id: 'advances', path: '/expenses/advances', label: 'nav.expense_advances' },
  { id: 'payables', path: '/expenses/payables', label: 'nav.expense_payables', permission: 'expenses.claim.pay' },
  { id: 'budgets', path: '/expenses/budgets', label: 'nav.expense_budgets', permission: 'expenses.budget.read' },
];

export function expensesNav(current) {
  const pages = PAGES.filter((p) => !p.permission || can(p.permission));
  if (pages.length < 2) return '';
  return html`
    <nav class="tabs att-tabs" aria-label="${t('module.expenses')}">
      ${pages.map((p) => html`
        <a class="tab ${p.id === current ? 'is-active' : ''}" href="${href(p.path)}" data-test="expenses-tab-${p.id}"
          aria-current="${p.id === current ? 'page' : 'false'}">${t(p.label)}</a>`)}
    </nav>`;
}
