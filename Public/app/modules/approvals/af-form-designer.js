// data-test: form-designer, designer-field (data-index), designer-add-field, designer-remove, designer-up, designer-down,
//            designer-key, designer-label, designer-type, designer-required, designer-placeholder, designer-precision,
//            designer-formula, designer-summable, designer-summary, designer-option-value, designer-option-label, designer-add-option,
//            designer-remove-option, designer-add-column, designer-error (unplaced server errors), field-error (data-field)
// Edits a form's fields: add, remove, reorder; key, label, type, required, hint, options of choice
// fields, columns of a detail table (one level), decimals and the formula of calculated fields.
// The owner sets `schema` ({fields}) and `errors` (the `fields` of a 422 answer: paths like
// `schema.fields[3].options` or `fields[3].options`), and reads `.schema` to save. Every edit emits `change`.
// Handlers find what they edit through data-path attributes and this.fields, never captured locals.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, fieldErrorText } from '../../core/i18n.js';
import { icon } from '../../components/icons.js';

const TYPES = ['text', 'textarea', 'number', 'money', 'date', 'dateRange', 'select', 'multiSelect', 'user', 'department',
  'attachment', 'image', 'table', 'computed'];
const COLUMN_TYPES = ['text', 'number', 'money', 'date', 'select'];
// Fields that can be shown on the request's card in the inbox (at most three per form).
const SUMMARY_TYPES = ['text', 'textarea', 'number', 'money', 'date', 'dateRange', 'select', 'multiSelect', 'computed'];

function clone(value) {
  return JSON.parse(JSON.stringify(value ?? null));
}

export class AfFormDesigner extends AfElement {
  static properties = ['errors', 'disabled'];

  constructor() {
    super();
    this.fields = [];
    this.errors = [];
  }

  // The schema as edited: attributes that do not apply to a type are dropped.
  get schema() {
    const tidy = (f, column) => {
      const out = { key: f.key, type: f.type, label: f.label, required: !!f.required };
      if (f.placeholder) out.placeholder = f.placeholder;
      if (f.type === 'select' || f.type === 'multiSelect') out.options = (f.options ?? []).map((o) => ({ value: o.value, label: o.label }));
      if (f.type === 'number' || f.type === 'computed') if (f.precision !== '' && f.precision != null) out.precision = Number(f.precision);
      if (f.type === 'computed') out.formula = f.formula ?? '';
      if (f.type === 'table' && !column) out.columns = (f.columns ?? []).map((c) => tidy(c, true));
      if (column && (f.type === 'number' || f.type === 'money')) out.summable = !!f.summable;
      if (!column && f.summary && SUMMARY_TYPES.includes(f.type)) out.summary = true;
      return out;
    };
    return { fields: this.fields.map((f) => tidy(f, false)) };
  }

  set schema(value) {
    // A parent re-rendering with the same object must not undo edits.
    if (value === this.source) return;
    this.source = value;
    this.fields = clone(value?.fields ?? []);
    this.requestUpdate();
  }

  emitChange() {
    this.dispatchEvent(new CustomEvent('change', { detail: this.schema, bubbles: true }));
    this.requestUpdate();
  }

  // data-path: [fieldIndex] or [fieldIndex, columnIndex]
  target(event) {
    const el = event.target.closest('[data-path]');
    if (!el) return null;
    const [i, j] = JSON.parse(el.dataset.path);
    const field = this.fields[i];
    return { i, j, item: j == null ? field : field?.columns?.[j], field };
  }

  static pathText(i, j, attribute) {
    return `fields[${i}]${j == null ? '' : `.columns[${j}]`}${attribute ? `.${attribute}` : ''}`;
  }

  dropErrors(prefix) {
    this.errors = (this.errors ?? []).filter((e) => !AfFormDesigner.local(e.field).startsWith(prefix));
  }

  static local(path) {
    return String(path ?? '').replace(/^schema\./, '');
  }

  set(event, attribute, value) {
    const at = this.target(event);
    if (!at?.item) return;
    at.item[attribute] = value;
    if (attribute === 'type') {
      if ((value === 'select' || value === 'multiSelect') && !at.item.options?.length) at.item.options = [{ value: 'a', label: 'A' }];
      if (value === 'table' && !at.item.columns?.length) at.item.columns = [{ key: 'item', type: 'text', label: t('forms.designer.newField'), required: false }];
    }
    this.dropErrors(AfFormDesigner.pathText(at.i, at.j, attribute));
    this.emitChange();
  }

  addField() {
    let n = this.fields.length + 1;
    while (this.fields.some((f) => f.key === `field${n}`)) n++;
    this.fields = [...this.fields, { key: `field${n}`, type: 'text', label: t('forms.designer.newField'), required: false }];
    this.errors = [];
    this.emitChange();
  }

  move(event, delta) {
    const at = this.target(event);
    if (!at) return;
    const list = at.j == null ? this.fields : at.field.columns;
    const from = at.j == null ? at.i : at.j;
    const to = from + delta;
    if (to < 0 || to >= list.length) return;
    [list[from], list[to]] = [list[to], list[from]];
    // Server errors point at positions that moved.
    this.errors = [];
    this.emitChange();
  }

  removeField(event) {
    const at = this.target(event);
    if (!at) return;
    if (at.j == null) this.fields.splice(at.i, 1);
    else at.field.columns.splice(at.j, 1);
    this.errors = [];
    this.emitChange();
  }

  addColumn(event) {
    const at = this.target(event);
    if (!at?.field) return;
    const columns = (at.field.columns ??= []);
    let n = columns.length + 1;
    while (columns.some((c) => c.key === `column${n}`)) n++;
    columns.push({ key: `column${n}`, type: 'text', label: t('forms.designer.newField'), required: false });
    this.emitChange();
  }

  optionEdit(event, attribute) {
    const at = this.target(event);
    const k = Number(event.target.closest('[data-option]')?.dataset.option);
    const option = at?.item?.options?.[k];
    if (!option) return;
    option[attribute] = event.target.value;
    this.dropErrors(`${AfFormDesigner.pathText(at.i, at.j, 'options')}[${k}].${attribute}`);
    this.emitChange();
  }

  addOption(event) {
    const at = this.target(event);
    if (!at?.item) return;
    const options = (at.item.options ??= []);
    let n = options.length + 1;
    while (options.some((o) => o.value === `option${n}`)) n++;
    options.push({ value: `option${n}`, label: '' });
    this.dropErrors(AfFormDesigner.pathText(at.i, at.j, 'options'));
    this.emitChange();
  }

  removeOption(event) {
    const at = this.target(event);
    const k = Number(event.target.closest('[data-option]')?.dataset.option);
    if (!at?.item?.options) return;
    at.item.options.splice(k, 1);
    this.dropErrors(AfFormDesigner.pathText(at.i, at.j, 'options'));
    this.emitChange();
  }

  // ---- errors ----

  errorsAt(path) {
    return (this.errors ?? []).filter((e) => AfFormDesigner.local(e.field) === path);
  }

  errorView(path) {
    return this.errorsAt(path).map((e) => html`<span class="field-error" data-test="field-error" data-field="${e.field}">${fieldErrorText(e)}</span>`);
  }

  // Server errors that no input shows (e.g. "fields": too many fields).
  unplaced() {
    const shown = new Set();
    this.fields.forEach((f, i) => {
      const paths = (j, item) => {
        for (const a of ['key', 'label', 'type', 'placeholder', 'options', 'columns', 'precision', 'formula']) shown.add(AfFormDesigner.pathText(i, j, a));
        (item.options ?? []).forEach((_, k) => ['value', 'label'].forEach((a) => shown.add(`${AfFormDesigner.pathText(i, j, 'options')}[${k}].${a}`)));
      };
      paths(undefined, f);
      (f.columns ?? []).forEach((c, j) => paths(j, c));
    });
    return (this.errors ?? []).filter((e) => !shown.has(AfFormDesigner.local(e.field)));
  }

  // ---- rendering ----

  textInput(i, j, attribute, value, label, options = {}) {
    const path = AfFormDesigner.pathText(i, j, attribute);
    const invalid = this.errorsAt(path).length > 0;
    return html`<label class="field ${options.wide ? 'field-span' : ''}">
      <span class="field-label">${label}</span>
      <input class="input ${invalid ? 'is-invalid' : ''} ${options.mono ? 'input-mono' : ''}" type="text" autocomplete="off" spellcheck="false"
        maxlength="${options.maxlength ?? 60}" inputmode="${options.inputmode ?? 'text'}" placeholder="${options.placeholder ?? ''}"
        data-test="designer-${attribute}" aria-invalid="${invalid ? 'true' : 'false'}" ?disabled=${this.disabled}
        .value=${value ?? ''} @input=${(e) => this.set(e, attribute, e.target.value)}>
      ${this.errorView(path)}
    </label>`;
  }

  optionsView(i, j, item) {
    const base = AfFormDesigner.pathText(i, j, 'options');
    return html`<div class="field field-span designer-options">
      <span class="field-label">${t('forms.designer.options')}</span>
      ${(item.options ?? []).map((o, k) => html`
        <div class="designer-option" data-option="${k}" data-key="${k}">
          <input class="input input-mono ${this.errorsAt(`${base}[${k}].value`).length ? 'is-invalid' : ''}" type="text" maxlength="60"
            aria-label="${t('forms.designer.optionValue')}" placeholder="${t('forms.designer.optionValue')}" data-test="designer-option-value"
            ?disabled=${this.disabled} .value=${o.value ?? ''} @input=${(e) => this.optionEdit(e, 'value')}>
          <input class="input ${this.errorsAt(`${base}[${k}].label`).length ? 'is-invalid' : ''}" type="text" maxlength="60"
            aria-label="${t('forms.designer.optionLabel')}" placeholder="${t('forms.designer.optionLabel')}" data-test="designer-option-label"
            ?disabled=${this.disabled} .value=${o.label ?? ''} @input=${(e) => this.optionEdit(e, 'label')}>
          <button type="button" class="btn btn-ghost btn-icon" data-test="designer-remove-option" aria-label="${t('forms.designer.remove')}"
            ?disabled=${this.disabled} @click=${(e) => this.removeOption(e)}>${icon('close')}</button>
          ${this.errorView(`${base}[${k}].value`)} ${this.errorView(`${base}[${k}].label`)}
        </div>`)}
      <button type="button" class="btn btn-ghost" data-test="designer-add-option" ?disabled=${this.disabled}
        @click=${(e) => this.addOption(e)}>${icon('plus')} ${t('forms.designer.addOption')}</button>
      ${this.errorView(base)}
    </div>`;
  }

  itemView(item, i, j, count) {
    const column = j != null;
    const types = column ? COLUMN_TYPES : TYPES;
    const index = column ? j : i;
    const typePath = AfFormDesigner.pathText(i, j, 'type');
    return html`
      <fieldset class="designer-field ${column ? 'designer-column' : ''}" data-path="${JSON.stringify(column ? [i, j] : [i])}"
        data-key="${column ? `c${j}` : `f${i}`}" data-test="designer-field" data-index="${index}">
        <legend class="designer-legend">
          <span>${item.label || item.key}</span>
          <span class="designer-tools">
            <button type="button" class="btn btn-ghost btn-icon" data-test="designer-up" aria-label="${t('forms.designer.moveUp')}"
              ?disabled=${this.disabled || index === 0} @click=${(e) => this.move(e, -1)}>▲</button>
            <button type="button" class="btn btn-ghost btn-icon" data-test="designer-down" aria-label="${t('forms.designer.moveDown')}"
              ?disabled=${this.disabled || index === count - 1} @click=${(e) => this.move(e, 1)}>▼</button>
            <button type="button" class="btn btn-ghost btn-icon" data-test="designer-remove" aria-label="${t('forms.designer.remove')}"
              ?disabled=${this.disabled} @click=${(e) => this.removeField(e)}>${icon('close')}</button>
          </span>
        </legend>
        <div class="form-grid">
          ${this.textInput(i, j, 'label', item.label, t('forms.designer.label'))}
          ${this.textInput(i, j, 'key', item.key, t('forms.designer.key'), { maxlength: 40, mono: true })}
          <label class="field">
            <span class="field-label">${t('forms.designer.type')}</span>
            <select class="input select ${this.errorsAt(typePath).length ? 'is-invalid' : ''}" data-test="designer-type" ?disabled=${this.disabled}
              .value=${item.type} @change=${(e) => this.set(e, 'type', e.target.value)}>
              ${types.map((type) => html`<option value="${type}" data-key="${type}">${t(`forms.type.${type}`)}</option>`)}
            </select>
            ${this.errorView(typePath)}
          </label>
          ${item.type === 'computed' ? '' : html`<label class="check">
            <input type="checkbox" data-test="designer-required" ?disabled=${this.disabled} .checked=${!!item.required}
              @change=${(e) => this.set(e, 'required', e.target.checked)}> ${t('forms.designer.required')}</label>`}
          ${!column && SUMMARY_TYPES.includes(item.type) ? html`<label class="check">
            <input type="checkbox" data-test="designer-summary" ?disabled=${this.disabled} .checked=${!!item.summary}
              @change=${(e) => this.set(e, 'summary', e.target.checked)}> ${t('forms.designer.summary')}</label>` : ''}
          ${['text', 'textarea', 'number', 'money'].includes(item.type)
            ? this.textInput(i, j, 'placeholder', item.placeholder, t('forms.designer.placeholder'), { maxlength: 100 }) : ''}
          ${item.type === 'number' || item.type === 'computed'
            ? this.textInput(i, j, 'precision', item.precision ?? '', t('forms.designer.precision'), { maxlength: 1, inputmode: 'numeric' }) : ''}
          ${column && (item.type === 'number' || item.type === 'money') ? html`<label class="check">
            <input type="checkbox" data-test="designer-summable" ?disabled=${this.disabled} .checked=${!!item.summable}
              @change=${(e) => this.set(e, 'summable', e.target.checked)}> ${t('forms.designer.summable')}</label>` : ''}
          ${item.type === 'computed'
            ? this.textInput(i, j, 'formula', item.formula, t('forms.designer.formula'), { wide: true, mono: true, maxlength: 200, placeholder: t('forms.designer.formulaHint') }) : ''}
          ${item.type === 'select' || item.type === 'multiSelect' ? this.optionsView(i, j, item) : ''}
        </div>
        ${item.type === 'table' && !column ? html`
          <div class="designer-columns">
            <span class="field-label">${t('forms.designer.columns')}</span>
            ${(item.columns ?? []).map((c, k) => this.itemView(c, i, k, item.columns.length))}
            <button type="button" class="btn btn-ghost" data-test="designer-add-column" ?disabled=${this.disabled}
              @click=${(e) => this.addColumn(e)}>${icon('plus')} ${t('forms.designer.addColumn')}</button>
            ${this.errorView(AfFormDesigner.pathText(i, undefined, 'columns'))}
          </div>` : ''}
      </fieldset>`;
  }

  view() {
    const unplaced = this.unplaced();
    return html`
      <div class="form-designer" data-test="form-designer">
        ${unplaced.length ? html`<div class="alert alert-error" role="alert" data-test="designer-error">
          ${unplaced.map((e) => html`<div data-field="${e.field}">${fieldErrorText(e)}</div>`)}</div>` : ''}
        ${this.fields.length === 0 ? html`<p class="muted">${t('forms.designer.empty')}</p>` : ''}
        ${this.fields.map((f, i) => this.itemView(f, i, undefined, this.fields.length))}
        <button type="button" class="btn btn-ghost" data-test="designer-add-field" ?disabled=${this.disabled || this.fields.length >= 60}
          @click=${() => this.addField()}>${icon('plus')} ${t('forms.designer.addField')}</button>
      </div>`;
  }
}
AfFormDesigner.define('af-form-designer');
