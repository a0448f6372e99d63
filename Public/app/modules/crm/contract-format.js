// How contracts (合同) read everywhere (list, detail, the customer's contracts): the state as a badge, an instalment's
// state (overdue in red), the states' actions, and the pickers the contract form needs (employees, a customer's contacts,
// opportunities and orders).
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { api } from '../../core/api.js';

export const CONTRACT_STATES = ['draft', 'pending', 'active', 'expired', 'terminated', 'cancelled'];
const STATE_TONE = { draft: 'badge-muted', pending: 'badge-warning', active: 'badge-success', expired: 'badge-danger', terminated: 'badge-muted', cancelled: 'badge-muted' };
const INSTALMENT_TONE = { open: 'badge-info', partial: 'badge-warning', paid: 'badge-success', overdue: 'badge-danger' };

export function contractState(state, testId = 'contract-state') {
  return state ? html`<span class="badge ${STATE_TONE[state] ?? 'badge-muted'}" data-test="${testId}" data-state="${state}">${t(`crm.contract.state.${state}`)}</span>` : '';
}

export function instalmentState(state) {
  return state ? html`<span class="badge ${INSTALMENT_TONE[state] ?? 'badge-muted'}" data-test="instalment-state" data-state="${state}">${t(`crm.contract.instalment.${state}`)}</span>` : '';
}

// Money may be recorded against a contract that runs, ran out or was ended.
export const RECEIVABLE = new Set(['active', 'expired', 'terminated']);
export const RUNNING = new Set(['active', 'expired']);

// Decimal text added in hundredths (cents), so "0.1" + "0.2" is "0.30", never 0.30000000000000004.
export function sumMoney(values) {
  let cents = 0n;
  for (const v of values) {
    const m = /^\s*(-?)(\d*)(?:\.(\d{0,2})\d*)?\s*$/.exec(String(v ?? ''));
    if (!m || (!m[2] && !m[3])) continue;
    const c = BigInt(m[2] || '0') * 100n + BigInt((m[3] ?? '').padEnd(2, '0') || '0');
    cents += m[1] ? -c : c;
  }
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  return `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

// Compares two decimal texts: -1, 0, 1.
export function compareMoney(a, b) {
  const d = sumMoney([a, `-${String(b ?? '0').replace(/^-/, '')}`]);
  if (/^-/.test(d) && d !== '-0.00') return -1;
  return d === '0.00' || d === '-0.00' ? 0 : 1;
}

export async function searchEmployees(q) {
  const page = await api.get('/org/employees', { q, limit: 10 });
  return (page.items ?? []).map((e) => ({ id: e.id, label: e.name, detail: e.title ?? '' }));
}

// What the form offers once a customer is chosen: its contacts (signatory), open or won opportunities, and orders.
export async function customerChoices(customerId) {
  const id = encodeURIComponent(customerId);
  const [customer, opportunities, orders] = await Promise.all([
    api.get(`/partners/customers/${id}`),
    api.get('/crm/opportunities', { customer: customerId, limit: 100 }).catch(() => ({ items: [] })),
    api.get('/sales/orders', { customer: customerId, limit: 100 }).catch(() => ({ items: [] })),
  ]);
  return {
    contacts: (customer.contacts ?? []).map((c) => ({ id: c.id, label: [c.name, c.title].filter(Boolean).join(' · ') })),
    opportunities: (opportunities.items ?? []).filter((o) => o.state !== 'lost').map((o) => ({ id: o.id, label: `${o.number} ${o.name}` })),
    orders: orders.items ?? [],
  };
}
