// data-test: form-fields, form-field (data-field-key), form-input-<key> (and form-input-<table>-<row>-<column>),
//            form-row-add-<table>, form-row-remove-<table>, form-sum-<table>-<column>, form-computed-<key>,
//            form-file-input-<key>, form-file-remove-<key>, field-error (data-field = server path)
// Fills in a custom approval form (GET /approvals/forms/{id} → schema). The owner sets `schema`
// ({fields}), optionally `values` (a previous submission) and `errors` (the `fields` of a 422 answer,
// paths like `values.items[2].qty`), and reads `.values` to submit (POST …/check or the engine's
// submit). Computed fields are recomputed here for display only — the server computes what counts.
// Attachments upload to POST /api/v1/files (raw body, X-File-Name) and keep the answered file ids.
// Handlers find what they edit through data-path attributes and this.values, never captured locals.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText, fieldErrorText } from '../../core/i18n.js';
import { api, request } from '../../core/api.js';
import { icon } from '../../components/icons.js';
import '../../components/af-search-picker.js';

// Exact decimals for display: BigInt scaled by 10^SCALE (never binary floating point).
const SCALE = 6;
const ONE = 10n ** BigInt(SCALE);

export function parseDecimal(text) {
  const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?\s*$/.exec(String(text ?? ''));
  if (!m || (!m[2] && !m[3])) return null;
  const frac = (m[3] ?? '').slice(0, SCALE).padEnd(SCALE, '0');
  const value = BigInt(m[2] || '0') * ONE + BigInt(frac || '0');
  return m[1] === '-' ? -value : value;
}

function divRound(n, d) {
  if (d === 0n) return null;
  const negative = (n < 0n) !== (d < 0n);
  const a = n < 0n ? -n : n;
  const b = d < 0n ? -d : d;
  let q = a / b;
  if ((a % b) * 2n >= b) q += 1n;
  return negative ? -q : q;
}

export function formatDecimal(value, digits) {
  if (value == null) return '';
  const rounded = divRound(value, 10n ** BigInt(SCALE - digits));
  const negative = rounded < 0n;
  let s = (negative ? -rounded : rounded).toString().padStart(digits + 1, '0');
  if (digits > 0) s = `${s.slice(0, -digits)}.${s.slice(-digits)}`;
  return (negative ? '-' : '') + s;
}

function dayNumber(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text ?? '');
  if (!m) return null;
  return Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86400000);
}

// A tiny parser for the server's formula grammar (+ - * /, parentheses, keys, sum(t.c), days(r)).
function evaluate(formula, resolve) {
  const tokens = String(formula ?? '').match(/\d+(?:\.\d+)?|[A-Za-z][A-Za-z0-9_]*|[-+*/().]/g) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++];
  function factor() {
    const tok = next();
    if (tok === '-') { const v = factor(); return v == null ? null : -v; }
    if (tok === '+') return factor();
    if (tok === '(') { const v = expr(); next(); return v; }
    if (tok == null) throw new Error('end');
    if (/^\d/.test(tok)) return parseDecimal(tok);
    if (peek() === '(') {
      next();
      const a = next();
      if (tok === 'sum') { next(); const b = next(); next(); return resolve({ sum: [a, b] }); }
      next();
      return resolve({ days: a });
    }
    return resolve({ field: tok });
  }
  function term() {
    let v = factor();
    while (peek() === '*' || peek() === '/') {
      const op = next();
      const w = factor();
      if (v == null || w == null) v = null;
      else v = op === '*' ? divRound(v * w, ONE) : divRound(v * ONE, w);
    }
    return v;
  }
  function expr() {
    let v = term();
    while (peek() === '+' || peek() === '-') {
      const op = next();
      const w = term();
      v = v == null || w == null ? null : op === '+' ? v + w : v - w;
    }
    return v;
  }
  try {
    return expr();
  } catch {
    return null;
  }
}

const TEXT_MAX = { text: 200, textarea: 2000 };

export class AfFormFields extends AfElement {
  static properties = ['schema', 'values', 'errors', 'currencyDigits', 'disabled'];

  constructor() {
    super();
    this.values = {};
    this.errors = [];
    this.labels = {};      // id → label of chosen people / departments / files
    this.uploading = {};   // field key → true while uploading
    this.uploadError = {};
    this.departments = null;
  }

  get fields() {
    return this.schema?.fields ?? [];
  }

  digits() {
    return this.currencyDigits ?? 2;
  }

  emitChange() {
    this.dispatchEvent(new CustomEvent('change', { detail: this.values, bubbles: true }));
  }

  // path: ['amount'] | ['period', 'start'] | ['items', 2, 'qty']
  setPath(path, value) {
    const values = { ...this.values };
    if (path.length === 1) {
      values[path[0]] = value;
    } else if (path.length === 2) {
      values[path[0]] = { ...(values[path[0]] ?? {}), [path[1]]: value };
    } else {
      const rows = [...(values[path[0]] ?? [])];
      rows[path[1]] = { ...(rows[path[1]] ?? {}), [path[2]]: value };
      values[path[0]] = rows;
    }
    this.values = values;
    this.clearError(path);
    this.emitChange();
  }

  static serverPath(path) {
    if (path.length === 3) return `values.${path[0]}[${path[1]}].${path[2]}`;
    return `values.${path.join('.')}`;
  }

  clearError(path) {
    const p = AfFormFields.serverPath(path);
    const before = this.errors?.length ?? 0;
    this.errors = (this.errors ?? []).filter((e) => e.field !== p && !e.field.startsWith(`${p}[`));
    if (this.errors.length !== before) this.requestUpdate();
  }

  pathOf(event) {
    const el = event.target.closest('[data-path]');
    return el ? JSON.parse(el.dataset.path) : null;
  }

  onInput(event) {
    const path = this.pathOf(event);
    if (path) this.setPath(path, event.target.value);
  }

  onMulti(event) {
    const path = this.pathOf(event);
    if (!path) return;
    const field = this.fields.find((f) => f.key === path[0]);
    const chosen = new Set(this.values[path[0]] ?? []);
    if (event.target.checked) chosen.add(event.target.value);
    else chosen.delete(event.target.value);
    this.setPath(path, (field?.options ?? []).map((o) => o.value).filter((v) => chosen.has(v)));
  }

  onPick(event) {
    const path = this.pathOf(event);
    if (!path) return;
    const item = event.detail;
    if (item) this.labels[item.id] = item.label;
    this.setPath(path, item?.id ?? null);
  }

  addRow(event) {
    const path = this.pathOf(event);
    if (!path) return;
    this.values = { ...this.values, [path[0]]: [...(this.values[path[0]] ?? []), {}] };
    this.emitChange();
  }

  removeRow(event) {
    const path = this.pathOf(event);
    if (!path) return;
    const rows = [...(this.values[path[0]] ?? [])];
    rows.splice(path[1], 1);
    this.values = { ...this.values, [path[0]]: rows };
    // Row errors no longer match their rows once one is gone.
    this.errors = (this.errors ?? []).filter((e) => !e.field.startsWith(`values.${path[0]}[`));
    this.emitChange();
  }

  async upload(event) {
    const path = this.pathOf(event);
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    if (!path || !files.length) return;
    const key = path[0];
    this.uploading = { ...this.uploading, [key]: true };
    this.uploadError = { ...this.uploadError, [key]: null };
    this.requestUpdate();
    for (const file of files) {
      try {
        const answer = await request('POST', '/files', { raw: file, headers: { 'X-File-Name': encodeURIComponent(file.name) } });
        this.labels[answer.id] = answer.name ?? file.name;
        this.setPath([key], [...(this.values[key] ?? []), answer.id]);
      } catch (error) {
        this.uploadError = { ...this.uploadError, [key]: errorText(error) };
        break;
      }
    }
    this.uploading = { ...this.uploading, [key]: false };
    this.requestUpdate();
  }

  removeFile(event) {
    const path = this.pathOf(event);
    const id = event.target.closest('[data-file]')?.dataset.file;
    if (!path || !id) return;
    this.setPath(path, (this.values[path[0]] ?? []).filter((v) => v !== id));
  }

  async searchPeople(q) {
    const page = await api.get('/org/employees', { q, account: 'active', limit: 20 });
    return (page?.items ?? []).filter((e) => e.userId).map((e) => ({ id: e.userId, label: e.name, detail: e.departmentName ?? e.title ?? '' }));
  }

  async searchDepartments(q) {
    this.departments ??= await api.get('/org/departments');
    const needle = q.trim().toLowerCase();
    return this.departments.filter((d) => !d.archived && (!needle || d.name.toLowerCase().includes(needle))).slice(0, 30)
      .map((d) => ({ id: d.id, label: d.name }));
  }

  // ---- display-only computation ----

  decimalOf(field, value) {
    if (!field) return null;
    if (field.type === 'number' || field.type === 'money') return parseDecimal(value) ?? 0n;
    return null;
  }

  computedValues() {
    const results = {};
    const byKey = Object.fromEntries(this.fields.map((f) => [f.key, f]));
    const visiting = new Set();
    const compute = (key) => {
      if (key in results) return results[key];
      const field = byKey[key];
      if (!field || visiting.has(key)) return null;
      visiting.add(key);
      const value = evaluate(field.formula, (ref) => {
        if (ref.field) return byKey[ref.field]?.type === 'computed' ? compute(ref.field) : this.decimalOf(byKey[ref.field], this.values[ref.field]);
        if (ref.sum) return this.columnSum(ref.sum[0], ref.sum[1]);
        const range = this.values[ref.days];
        const a = dayNumber(range?.start), b = dayNumber(range?.end);
        return a == null || b == null ? 0n : BigInt(b - a + 1) * ONE;
      });
      visiting.delete(key);
      results[key] = value;
      return value;
    };
    for (const f of this.fields) if (f.type === 'computed') compute(f.key);
    return results;
  }

  columnSum(table, column) {
    let total = 0n;
    for (const row of this.values[table] ?? []) total += parseDecimal(row?.[column]) ?? 0n;
    return total;
  }

  usesMoney(field, seen = new Set()) {
    if (seen.has(field.key)) return false;
    seen.add(field.key);
    const byKey = Object.fromEntries(this.fields.map((f) => [f.key, f]));
    for (const m of String(field.formula ?? '').matchAll(/sum\(\s*(\w+)\s*\.\s*(\w+)\s*\)|([A-Za-z]\w*)/g)) {
      if (m[1]) {
        if (byKey[m[1]]?.columns?.find((c) => c.key === m[2])?.type === 'money') return true;
      } else {
        const ref = byKey[m[3]];
        if (ref?.type === 'money') return true;
        if (ref?.type === 'computed' && this.usesMoney(ref, seen)) return true;
      }
    }
    return false;
  }

  // ---- rendering ----

  errorFor(path) {
    const p = AfFormFields.serverPath(path);
    return (this.errors ?? []).filter((e) => e.field === p || e.field.startsWith(`${p}.`) || e.field.startsWith(`${p}[`));
  }

  errorView(path) {
    const list = this.errorFor(path);
    return list.map((e) => html`<span class="field-error" data-test="field-error" data-field="${e.field}">${fieldErrorText(e)}</span>`);
  }

  input(field, path, testId) {
    const value = path.length === 3 ? this.values[path[0]]?.[path[1]]?.[path[2]] : this.values[path[0]];
    const invalid = this.errorFor(path).length > 0;
    const cls = `input ${invalid ? 'is-invalid' : ''}`;
    const dataPath = JSON.stringify(path);
    const common = { invalid: invalid ? 'true' : 'false' };
    switch (field.type) {
      case 'textarea':
        return html`<textarea class="${cls}" rows="3" maxlength="${TEXT_MAX.textarea}" data-path="${dataPath}" data-test="${testId}"
          placeholder="${field.placeholder ?? ''}" aria-invalid="${common.invalid}" ?disabled=${this.disabled}
          .value=${value ?? ''} @input=${(e) => this.onInput(e)}></textarea>`;
      case 'number':
      case 'money':
        return html`<input class="${cls} input-num" type="text" inputmode="decimal" autocomplete="off" data-path="${dataPath}"
          data-test="${testId}" placeholder="${field.placeholder ?? ''}" aria-invalid="${common.invalid}" ?disabled=${this.disabled}
          .value=${value ?? ''} @input=${(e) => this.onInput(e)}>`;
      case 'date':
        return html`<input class="${cls}" type="date" data-path="${dataPath}" data-test="${testId}" aria-invalid="${common.invalid}"
          ?disabled=${this.disabled} .value=${value ?? ''} @input=${(e) => this.onInput(e)}>`;
      case 'dateRange':
        return html`<span class="form-range">
          <input class="${cls}" type="date" data-path="${JSON.stringify([path[0], 'start'])}" data-test="${testId}-start"
            aria-label="${t('forms.fields.start')}" ?disabled=${this.disabled} .value=${value?.start ?? ''} @input=${(e) => this.onInput(e)}>
          <span class="muted">–</span>
          <input class="${cls}" type="date" data-path="${JSON.stringify([path[0], 'end'])}" data-test="${testId}-end"
            aria-label="${t('forms.fields.end')}" ?disabled=${this.disabled} .value=${value?.end ?? ''} @input=${(e) => this.onInput(e)}>
        </span>`;
      case 'select':
        return html`<select class="${cls} select" data-path="${dataPath}" data-test="${testId}" aria-invalid="${common.invalid}"
          ?disabled=${this.disabled} .value=${value ?? ''} @change=${(e) => this.onInput(e)}>
          <option value="">${t('forms.fields.choose')}</option>
          ${(field.options ?? []).map((o) => html`<option value="${o.value}" data-key="${o.value}">${o.label}</option>`)}
        </select>`;
      case 'multiSelect':
        return html`<span class="form-choices" data-path="${dataPath}" data-test="${testId}">
          ${(field.options ?? []).map((o) => html`<label class="check" data-key="${o.value}">
            <input type="checkbox" value="${o.value}" ?disabled=${this.disabled} .checked=${(value ?? []).includes(o.value)}
              @change=${(e) => this.onMulti(e)}> ${o.label}</label>`)}
        </span>`;
      case 'user':
      case 'department': {
        const search = field.type === 'user' ? (q) => this.searchPeople(q) : (q) => this.searchDepartments(q);
        const current = typeof value === 'string' && value ? { id: value, label: this.labels[value] ?? value } : null;
        return html`<span data-path="${dataPath}"><af-search-picker .value=${current} .search=${search} .testId=${testId}
          .invalid=${invalid} .label=${field.label} @pick=${(e) => this.onPick(e)}></af-search-picker></span>`;
      }
      case 'attachment':
      case 'image': {
        const ids = Array.isArray(value) ? value : [];
        return html`<span class="form-files" data-path="${dataPath}">
          ${ids.map((id) => html`<span class="form-file" data-key="${id}" data-file="${id}">
            <span class="form-file-name">${this.labels[id] ?? id}</span>
            <button type="button" class="btn btn-ghost btn-icon" data-test="form-file-remove-${field.key}" ?disabled=${this.disabled}
              aria-label="${t('forms.fields.removeFile', { name: this.labels[id] ?? id })}" @click=${(e) => this.removeFile(e)}>${icon('close')}</button>
          </span>`)}
          <label class="btn btn-ghost form-file-add">
            ${icon('plus')} ${this.uploading[field.key] ? t('forms.fields.uploading') : t(field.type === 'image' ? 'forms.fields.uploadImage' : 'forms.fields.upload')}
            <input type="file" class="visually-hidden" multiple accept="${field.type === 'image' ? 'image/*' : ''}" data-test="form-file-input-${field.key}"
              ?disabled=${this.disabled || this.uploading[field.key] || ids.length >= 20} @change=${(e) => this.upload(e)}>
          </label>
          ${this.uploadError[field.key] ? html`<span class="field-error">${t('forms.fields.uploadFailed', { message: this.uploadError[field.key] })}</span>` : ''}
        </span>`;
      }
      default:
        return html`<input class="${cls}" type="text" maxlength="${TEXT_MAX.text}" autocomplete="off" data-path="${dataPath}" data-test="${testId}"
          placeholder="${field.placeholder ?? ''}" aria-invalid="${common.invalid}" ?disabled=${this.disabled}
          .value=${value ?? ''} @input=${(e) => this.onInput(e)}>`;
    }
  }

  label(field) {
    return html`<span class="field-label">${field.label}${field.required ? html` <span class="required" aria-hidden="true">*</span>` : ''}</span>`;
  }

  tableView(field) {
    const rows = this.values[field.key] ?? [];
    const columns = field.columns ?? [];
    const path = JSON.stringify([field.key]);
    return html`
      <div class="form-table" data-path="${path}">
        ${rows.length === 0 ? html`<p class="muted">${t('forms.fields.noRows')}</p>` : ''}
        ${rows.map((_, i) => html`
          <fieldset class="form-table-row" data-key="${i}" data-path="${JSON.stringify([field.key, i])}">
            <legend class="form-table-legend">${t('forms.fields.row', { n: i + 1 })}
              <button type="button" class="btn btn-ghost btn-icon" data-test="form-row-remove-${field.key}" ?disabled=${this.disabled}
                aria-label="${t('forms.fields.removeRow', { n: i + 1 })}" @click=${(e) => this.removeRow(e)}>${icon('close')}</button>
            </legend>
            <div class="form-grid">
              ${columns.map((c) => html`
                <label class="field" data-key="${c.key}">
                  ${this.label(c)}
                  ${this.input(c, [field.key, i, c.key], `form-input-${field.key}-${i}-${c.key}`)}
                  ${this.errorView([field.key, i, c.key])}
                </label>`)}
            </div>
            ${(this.errors ?? []).filter((e) => e.field === `values.${field.key}[${i}]`).map((e) => html`<span class="field-error" data-test="field-error" data-field="${e.field}">${fieldErrorText(e)}</span>`)}
          </fieldset>`)}
        <div class="form-table-foot">
          <button type="button" class="btn btn-ghost" data-test="form-row-add-${field.key}" ?disabled=${this.disabled || rows.length >= 200}
            @click=${(e) => this.addRow(e)}>${icon('plus')} ${t('forms.fields.addRow')}</button>
          ${columns.filter((c) => c.summable && (c.type === 'number' || c.type === 'money')).map((c) => html`
            <span class="form-sum" data-key="${c.key}" data-test="form-sum-${field.key}-${c.key}">${t('forms.fields.sum')} · ${c.label}:
              <strong>${formatDecimal(this.columnSum(field.key, c.key), c.type === 'money' ? this.digits() : (c.precision ?? 0))}</strong></span>`)}
        </div>
      </div>`;
  }

  view() {
    const computed = this.computedValues();
    return html`
      <div class="form-fields form-grid" data-test="form-fields">
        ${this.fields.map((field) => {
          const wide = ['textarea', 'table', 'attachment', 'image', 'multiSelect', 'dateRange'].includes(field.type);
          if (field.type === 'computed') {
            const digits = this.usesMoney(field) ? this.digits() : (field.precision ?? 0);
            return html`<div class="field" data-key="${field.key}" data-test="form-field" data-field-key="${field.key}">
              ${this.label(field)}
              <output class="input input-num form-computed" data-test="form-computed-${field.key}" title="${t('forms.fields.computed')}">${formatDecimal(computed[field.key], digits)}</output>
            </div>`;
          }
          if (field.type === 'table') {
            return html`<div class="field field-span" data-key="${field.key}" data-test="form-field" data-field-key="${field.key}">
              ${this.label(field)}
              ${this.tableView(field)}
              ${this.errorFor([field.key]).filter((e) => e.field === `values.${field.key}`).map((e) => html`<span class="field-error" data-test="field-error" data-field="${e.field}">${fieldErrorText(e)}</span>`)}
            </div>`;
          }
          const tag = ['multiSelect', 'attachment', 'image', 'dateRange', 'user', 'department'].includes(field.type);
          return tag
            ? html`<div class="field ${wide ? 'field-span' : ''}" data-key="${field.key}" data-test="form-field" data-field-key="${field.key}" role="group" aria-label="${field.label}">
                ${this.label(field)} ${this.input(field, [field.key], `form-input-${field.key}`)} ${this.errorView([field.key])}
              </div>`
            : html`<label class="field ${wide ? 'field-span' : ''}" data-key="${field.key}" data-test="form-field" data-field-key="${field.key}">
                ${this.label(field)} ${this.input(field, [field.key], `form-input-${field.key}`)} ${this.errorView([field.key])}
              </label>`;
        })}
      </div>`;
  }
}
AfFormFields.define('af-form-fields');
