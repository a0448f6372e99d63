// Shared pieces of the approval pages: state and mode badges, people lists, user search for the
// pickers, exact decimal sums and the read-only display of form values.
import { html } from '../../core/html.js';
import { t, has } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { formatDecimal, formatMoney, formatDateTime } from '../../core/format.js';

export const APPROVAL_STATES = ['pending', 'returned', 'approved', 'rejected', 'withdrawn', 'voided'];
export const BOXES = ['todo', 'done', 'mine', 'cc'];

export function approvalBadge(state, testId = '') {
  return html`<span class="badge badge-state approval-state-${state}" data-state="${state}" data-test="${testId}">${t(`approvals.states.${state}`)}</span>`;
}

export function modeBadge(mode, count = 2) {
  if (!mode || count < 2) return '';
  return html`<span class="badge badge-muted approval-mode" data-mode="${mode}">${t(`approvals.modes.${mode}`)}</span>`;
}

export function people(list) {
  return (list ?? []).map((p) => p.name).join(t('approvals.listSeparator'));
}

export function when(value) {
  return formatDateTime(value);
}

// A phrase for an action name (`approve`, `addSigner`…), falling back to the name itself.
export function actionText(action) {
  const key = `approvals.action.${action}`;
  return has(key) ? t(key) : action;
}

// What happened, for the timeline ("approved", "transferred").
export function eventText(action) {
  const key = `approvals.event.${action}`;
  return has(key) ? t(key) : action;
}

// People for pickers: the company directory's current employees with an active account (the task
// and flow APIs want user ids, not employee ids; someone who left is never offered).
export async function searchUsers(q) {
  const page = await api.get('/org/employees', { q, account: 'active', limit: 20 });
  return (page?.items ?? [])
    .filter((e) => e.userId && !e.archived)
    .slice(0, 10)
    .map((e) => ({ id: e.userId, label: e.name, detail: [e.title, e.departmentName].filter(Boolean).join(' · ') }));
}

// ---- exact decimals (money never goes through a JS number) ----

const DEC = /^([+-]?)(\d*)(?:\.(\d*))?$/;

function parseDecimal(text) {
  const m = DEC.exec(String(text ?? '').trim());
  if (!m || (!m[2] && !m[3])) return null;
  const fraction = m[3] ?? '';
  const digits = BigInt((m[2] || '0') + fraction);
  return { value: m[1] === '-' ? -digits : digits, scale: fraction.length };
}

export function sumDecimals(values) {
  let total = 0n;
  let scale = 0;
  let any = false;
  for (const v of values) {
    const d = parseDecimal(v);
    if (!d) continue;
    any = true;
    if (d.scale > scale) {
      total *= 10n ** BigInt(d.scale - scale);
      scale = d.scale;
    }
    total += d.value * 10n ** BigInt(scale - d.scale);
  }
  if (!any) return '';
  const negative = total < 0n;
  let digits = (negative ? -total : total).toString().padStart(scale + 1, '0');
  const text = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return (negative ? '-' : '') + text;
}

// ---- form values, read-only ----

function optionLabel(field, value) {
  const option = (field?.options ?? []).find((o) => (typeof o === 'object' ? o.value === value : o === value));
  if (option && typeof option === 'object') return option.label ?? option.value;
  return value;
}

function personName(value) {
  if (value && typeof value === 'object') return value.name ?? value.label ?? value.id ?? '';
  return String(value ?? '');
}

const NUMERIC = new Set(['number', 'money', 'computed', 'formula', 'amount']);

export function formatValue(field, value) {
  if (value == null || value === '') return '';
  const type = field?.type ?? '';
  if (Array.isArray(value)) {
    if (type === 'dateRange' || type === 'daterange') return value.join(' – ');
    if (type === 'user' || type === 'users' || type === 'department') return value.map(personName).join(t('approvals.listSeparator'));
    return value.map((v) => (typeof v === 'object' ? personName(v) : optionLabel(field, v))).join(t('approvals.listSeparator'));
  }
  if (typeof value === 'object') {
    if ('start' in value || 'end' in value) return `${value.start ?? ''} – ${value.end ?? ''}`;
    if ('from' in value || 'to' in value) return `${value.from ?? ''} – ${value.to ?? ''}`;
    return personName(value);
  }
  if (typeof value === 'boolean') return value ? t('approvals.yes') : t('approvals.no');
  if (type === 'money') return formatMoney(String(value), field?.currency);
  if (NUMERIC.has(type) || typeof value === 'number') return formatDecimal(String(value));
  if (type === 'select' || type === 'radio' || type === 'option') return optionLabel(field, value);
  return String(value);
}

function isTable(field, value) {
  return field?.type === 'table' || field?.type === 'detail' || (Array.isArray(value) && value.length > 0 && value.every((r) => r && typeof r === 'object' && !('id' in r && 'name' in r)));
}

function tableValue(field, rows) {
  const columns = field?.columns?.length
    ? field.columns
    : [...new Set(rows.flatMap((r) => Object.keys(r)))].map((key) => ({ key, label: key }));
  const sums = columns.map((c) => (NUMERIC.has(c.type) ? sumDecimals(rows.map((r) => r[c.key])) : ''));
  return html`
    <div class="approval-table-wrap">
      <table class="table approval-value-table">
        <thead><tr>${columns.map((c) => html`<th scope="col" class="${NUMERIC.has(c.type) ? 'num' : ''}">${c.label ?? c.key}</th>`)}</tr></thead>
        <tbody>
          ${rows.map((r) => html`<tr>${columns.map((c) => html`<td class="${NUMERIC.has(c.type) ? 'num' : ''}">${formatValue(c, r[c.key])}</td>`)}</tr>`)}
        </tbody>
        ${sums.some(Boolean) ? html`<tfoot><tr>${columns.map((c, i) => html`
          <td class="${NUMERIC.has(c.type) ? 'num' : ''}">${i === 0 && !sums[0] ? t('approvals.total') : sums[i] ? formatValue(c, sums[i]) : ''}</td>`)}</tr></tfoot>` : ''}
      </table>
    </div>`;
}

// The submitted values as label / value pairs, in the form's field order (then any extra keys).
export function valueList(schema, values) {
  const fields = schema?.fields ?? [];
  const known = new Set(fields.map((f) => f.key));
  const all = [...fields, ...Object.keys(values ?? {}).filter((k) => !known.has(k)).map((key) => ({ key, label: key }))];
  return html`
    <dl class="fields approval-values">
      ${all.filter((f) => values?.[f.key] != null && values[f.key] !== '').map((f) => {
        const v = values[f.key];
        return isTable(f, v)
          ? html`<div class="field-pair approval-value-wide" data-test="approval-value" data-field="${f.key}"><dt>${f.label ?? f.key}</dt><dd>${tableValue(f, v)}</dd></div>`
          : html`<div class="field-pair" data-test="approval-value" data-field="${f.key}"><dt>${f.label ?? f.key}</dt><dd class="pre-line">${formatValue(f, v)}</dd></div>`;
      })}
    </dl>`;
}
