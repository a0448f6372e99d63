// Shared display of expenses: claim states as badges, a line's flags for the approver (duplicate invoice,
// over the per-day limit, over budget), exact sums of decimal text (never a float), and the pages' own tabs.
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { href } from '../../core/router.js';
import { can } from '../../core/store.js';

const STATE_BADGE = { draft: 'badge-muted', pending: 'badge-warning', approved: 'badge-success', paid: 'badge-success', rejected: 'badge-danger', cancelled: 'badge-muted' };

export function claimState(state, testId = 'claim-state') {
  return html`<span class="badge ${STATE_BADGE[state] ?? 'badge-muted'} lv-state" data-test="${testId}" data-state="${state}">${t(`expenses.state.${state}`)}</span>`;
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

const PAGES = [
  { id: 'claims', path: '/expenses', label: 'expenses.tab.claims' },
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
