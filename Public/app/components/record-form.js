// Shared behaviour of small record forms (positions, sites, employees, customers, suppliers): values typed
// by the user, field errors shown at their field, a 409 conflict.stale_version that reloads the
// record as it is now (the answer's `current`), one Idempotency-Key per attempt to add.
// A subclass sets `static prefix` (data-test and id prefix), `static fieldMap` (API field → form
// field) and implements fill(record) → values, body() → request body or null (nothing changed),
// path(): the API collection path. Emits `saved` (detail: the record), `cancel` and `stale`.
import { AfElement } from '../core/element.js';
import { html } from '../core/html.js';
import { t, errorText, fieldErrorText } from '../core/i18n.js';
import { api } from '../core/api.js';
import { uuid } from '../core/uuid.js';

export class AfRecordForm extends AfElement {
  static properties = ['record'];
  static prefix = 'record';
  static fieldMap = {};

  constructor() {
    super();
    this.values = {};
    this.errors = {};
    this.error = null;
    this.stale = false;
    this.busy = false;
    this.focusField = 'name';
    this.idempotencyKey = uuid();
  }

  connected() {
    this.values = this.fill(this.record);
  }

  changed(name, old) {
    // A reload hands over an equal copy: keep what the user typed unless the record really changed.
    if (name === 'record' && (old?.id !== this.record?.id || old?.version !== this.record?.version)) this.values = this.fill(this.record);
  }

  updated() {
    if (!this.focusField) return;
    const target = this.querySelector(`[data-field-input="${this.focusField}"]`);
    this.focusField = null;
    (target?.matches('input, select, textarea') ? target : target?.querySelector('input'))?.focus();
  }

  localErrors() {
    return {};
  }

  emit(name, detail) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true }));
  }

  async submit(event) {
    event.preventDefault();
    if (this.busy) return;
    this.error = null;
    this.stale = false;
    this.errors = this.localErrors();
    if (Object.keys(this.errors).length) {
      this.focusField = Object.keys(this.errors)[0];
      this.requestUpdate();
      return;
    }
    const body = this.body();
    if (!body) {
      this.emit('cancel');
      return;
    }
    this.busy = true;
    this.requestUpdate();
    try {
      const saved = await this.send(body);
      this.idempotencyKey = uuid();
      // null: kept on the device for later (the subclass said so itself).
      if (saved !== null) this.emit('saved', saved);
    } catch (error) {
      this.failed(error);
    }
    this.busy = false;
    this.requestUpdate();
  }

  // Sends the body; answers the saved record, or null when it was kept to be sent later (see af-partner-form.js).
  send(body) {
    return this.record
      ? api.patch(`${this.path()}/${encodeURIComponent(this.record.id)}`, body)
      : api.post(this.path(), body, { 'Idempotency-Key': this.idempotencyKey });
  }

  failed(error) {
    if (error.code === 'conflict.stale_version') {
      this.stale = true;
      if (error.current) this.record = error.current;
      this.emit('stale');
      return;
    }
    const map = this.constructor.fieldMap;
    const errors = {};
    const rest = [];
    for (const f of error.fields ?? []) {
      const field = map[f.field];
      if (field && !errors[field]) errors[field] = f;
      else rest.push(f);
    }
    this.errors = errors;
    if (Object.keys(errors).length) this.focusField = Object.keys(errors)[0];
    // Errors of fields this form does not show still need saying.
    if (rest.length) this.error = { code: rest[0].code, message: rest[0].message, params: rest[0].params };
    else if (!Object.keys(errors).length) this.error = error;
  }

  input(name, value) {
    this.values = { ...this.values, [name]: value };
    if (this.errors[name]) {
      delete this.errors[name];
      this.requestUpdate();
    }
  }

  invalid(name) {
    return this.errors[name] ? 'true' : 'false';
  }

  errorId(name) {
    return `${this.constructor.prefix}-${name}-error`;
  }

  fieldError(name) {
    const error = this.errors[name];
    if (!error) return '';
    return html`<span class="field-error" data-test="field-error" data-field="${name}" id="${this.errorId(name)}">${error.key ? t(error.key) : fieldErrorText(error)}</span>`;
  }

  // A labelled text input bound to values[name]; `options` = { required, maxlength, type, inputmode, placeholder, suffix,
  // after (shown under the field: a hint, duplicates found) }.
  textField(name, label, options = {}) {
    const p = this.constructor.prefix;
    const input = html`<input class="input ${this.errors[name] ? 'is-invalid' : ''} ${options.className ?? ''}" type="${options.type ?? 'text'}"
      maxlength="${options.maxlength ?? 100}" autocomplete="off" inputmode="${options.inputmode ?? 'text'}" placeholder="${options.placeholder ?? ''}"
      list="${options.list ?? ''}" data-test="${p}-form-${name}" data-field-input="${name}" aria-invalid="${this.invalid(name)}"
      aria-describedby="${this.errorId(name)}" .value=${this.values[name] ?? ''} @input=${(e) => this.input(name, e.target.value)}>`;
    return html`
      <label class="field ${options.wide ? 'field-wide' : ''}">
        <span class="field-label">${label}${options.required ? html` <span class="required" aria-hidden="true">*</span>` : ''}</span>
        ${options.suffix ? html`<span class="input-with-suffix">${input}<span class="muted">${options.suffix}</span></span>` : input}
        ${this.fieldError(name)}
        ${options.after ?? ''}
      </label>`;
  }

  // A labelled <select> of `choices` = [{ id, label }] with an empty first option labelled `none`.
  selectField(name, label, choices, none) {
    const p = this.constructor.prefix;
    return html`
      <label class="field">
        <span class="field-label">${label}</span>
        <select class="input select ${this.errors[name] ? 'is-invalid' : ''}" data-test="${p}-form-${name}" data-field-input="${name}"
          aria-invalid="${this.invalid(name)}" aria-describedby="${this.errorId(name)}" .value=${this.values[name] ?? ''}
          @change=${(e) => this.input(name, e.target.value)}>
          <option value="">${none}</option>
          ${choices.map((c) => html`<option value="${c.id}" data-key="${c.id}">${c.label}</option>`)}
        </select>
        ${this.fieldError(name)}
      </label>`;
  }

  alerts() {
    const p = this.constructor.prefix;
    return html`
      ${this.stale ? html`<div class="alert alert-warning" role="alert" data-test="${p}-form-stale">${t('form.stale')}</div>` : ''}
      ${this.error ? html`<div class="alert alert-error" role="alert" data-test="${p}-form-error">${this.error.key ? t(this.error.key) : errorText(this.error)}</div>` : ''}`;
  }

  actions(addLabel) {
    const p = this.constructor.prefix;
    return html`
      <div class="form-actions dept-form-actions">
        <button type="button" class="btn btn-ghost" data-test="${p}-form-cancel" @click=${() => this.emit('cancel')}>${t('common.cancel')}</button>
        <button type="submit" class="btn btn-primary" data-test="${p}-form-save" ?disabled=${this.busy}>
          ${this.busy ? t('common.saving') : this.record ? t('common.save') : addLabel}
        </button>
      </div>`;
  }
}
