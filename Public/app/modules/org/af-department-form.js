// data-test: dept-form, dept-form-name, dept-form-parent, dept-form-head (picker), dept-form-save,
//            dept-form-cancel, dept-form-error, dept-form-stale, field-error (data-field name | parent | head)
// Add a department (POST /org/departments) or rename / move / change the head of one
// (PATCH /org/departments/{id} with the version read; only what changed is sent). "Top level" as the
// parent sends moveToRoot. Field errors (field.required, org.department.cycle, …) show at their field;
// 409 conflict.stale_version shows the department as it is now (the answer's `current`) to check
// and save again. Emits `saved` (detail: the department) and `cancel`; `stale` asks for a reload.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText, fieldErrorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { uuid } from '../../core/uuid.js';
import { choices, subtreeIds, searchEmployees } from './dept-tree.js';

const SERVER_FIELDS = { name: 'name', parentId: 'parent', moveToRoot: 'parent', headId: 'head' };

export class AfDepartmentForm extends AfElement {
  static properties = ['department', 'departments', 'parentId'];

  constructor() {
    super();
    this.values = { name: '', parent: '', head: null };
    this.errors = {};
    this.error = null;
    this.stale = false;
    this.busy = false;
    this.focusField = 'name';
    // One key per attempt to add, so a retried request cannot add the department twice.
    this.idempotencyKey = uuid();
  }

  connected() {
    this.fill();
  }

  changed(name, old) {
    // A reload of the list hands over an equal copy: keep what the user typed unless it really changed.
    const d = this.department;
    if (name === 'department' && (old?.id !== d?.id || old?.version !== d?.version)) this.fill();
    if (name === 'parentId' && !d) this.fill();
  }

  fill() {
    const d = this.department;
    this.values = d
      ? { name: d.name, parent: d.parentId ?? '', head: d.headId ? { id: d.headId, label: d.headName ?? '' } : null }
      : { name: '', parent: this.parentId ?? '', head: null };
  }

  updated() {
    if (!this.focusField) return;
    const target = this.querySelector(`[data-field-input="${this.focusField}"]`);
    this.focusField = null;
    // The head is a search picker: focus its text box.
    (target?.matches('input, select') ? target : target?.querySelector('input'))?.focus();
  }

  body() {
    const v = this.values;
    const name = v.name.trim();
    const d = this.department;
    if (!d) {
      const body = { name };
      if (v.parent) body.parentId = v.parent;
      if (v.head) body.headId = v.head.id;
      return body;
    }
    const body = { version: d.version };
    if (name !== d.name) body.name = name;
    if (v.parent !== (d.parentId ?? '')) {
      if (v.parent) body.parentId = v.parent;
      else body.moveToRoot = true;
    }
    if (v.head && v.head.id !== d.headId) body.headId = v.head.id;
    return body;
  }

  localErrors() {
    const errors = {};
    if (!this.values.name.trim()) errors.name = { code: 'field.required' };
    // The API can replace a head but not remove one.
    if (this.department?.headId && !this.values.head) errors.head = { key: 'org.dept.headRequired' };
    return errors;
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
    if (this.department && Object.keys(body).length === 1) {
      this.dispatchEvent(new CustomEvent('cancel', { bubbles: true }));
      return;
    }
    this.busy = true;
    this.requestUpdate();
    try {
      const saved = this.department
        ? await api.patch(`/org/departments/${encodeURIComponent(this.department.id)}`, body)
        : await api.post('/org/departments', body, { 'Idempotency-Key': this.idempotencyKey });
      this.idempotencyKey = uuid();
      this.dispatchEvent(new CustomEvent('saved', { detail: saved, bubbles: true }));
    } catch (error) {
      this.failed(error);
    }
    this.busy = false;
    this.requestUpdate();
  }

  failed(error) {
    // Moving under a sub-department means the tree changed meanwhile: show it as it is now.
    if ((error.fields ?? []).some((f) => f.code === 'org.department.cycle')) {
      this.dispatchEvent(new CustomEvent('stale', { bubbles: true }));
    }
    if (error.code === 'conflict.stale_version') {
      this.stale = true;
      if (error.current) this.department = error.current;
      this.dispatchEvent(new CustomEvent('stale', { bubbles: true }));
      return;
    }
    const errors = {};
    for (const f of error.fields ?? []) {
      const field = SERVER_FIELDS[f.field];
      if (field) errors[field] = f;
    }
    this.errors = errors;
    if (Object.keys(errors).length) this.focusField = Object.keys(errors)[0];
    // Field errors for fields this form does not show (e.g. `archived`) still need saying.
    const shown = new Set(Object.values(errors));
    const rest = (error.fields ?? []).filter((f) => !shown.has(f));
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

  fieldError(name) {
    const error = this.errors[name];
    if (!error) return '';
    return html`<span class="field-error" data-test="field-error" data-field="${name}" id="dept-${name}-error">${error.key ? t(error.key) : fieldErrorText(error)}</span>`;
  }

  parentOptions() {
    const all = this.departments ?? [];
    const exclude = this.department ? subtreeIds(all, this.department.id) : new Set();
    // Keep the chosen parent listed even when the tree changed under it, so its error makes sense.
    if (this.values.parent !== this.department?.id) exclude.delete(this.values.parent);
    return choices(all, { exclude }).map((c) => html`<option value="${c.id}" data-key="${c.id}">${c.label}</option>`);
  }

  view() {
    const v = this.values;
    const editing = Boolean(this.department);
    const invalid = (name) => (this.errors[name] ? 'true' : 'false');
    return html`
      <form class="dept-form" novalidate data-test="dept-form" @submit=${(e) => this.submit(e)}
        aria-label="${editing ? t('org.dept.editTitle', { name: this.department.name }) : t('org.dept.addTitle')}">
        <h3 class="dept-form-title">${editing ? t('org.dept.editTitle', { name: this.department.name }) : t('org.dept.addTitle')}</h3>
        ${this.stale ? html`<div class="alert alert-warning" role="alert" data-test="dept-form-stale">${t('org.dept.stale')}</div>` : ''}
        ${this.error ? html`<div class="alert alert-error" role="alert" data-test="dept-form-error">${errorText(this.error)}</div>` : ''}
        <div class="dept-form-grid">
          <label class="field">
            <span class="field-label">${t('org.dept.name')} <span class="required" aria-hidden="true">*</span></span>
            <input class="input ${this.errors.name ? 'is-invalid' : ''}" type="text" maxlength="100" required autocomplete="off"
              data-test="dept-form-name" data-field-input="name" aria-invalid="${invalid('name')}" aria-describedby="dept-name-error"
              .value=${v.name} @input=${(e) => this.input('name', e.target.value)}>
            ${this.fieldError('name')}
          </label>
          <label class="field">
            <span class="field-label">${t('org.dept.parent')}</span>
            <select class="input select ${this.errors.parent ? 'is-invalid' : ''}" data-test="dept-form-parent" data-field-input="parent"
              aria-invalid="${invalid('parent')}" aria-describedby="dept-parent-error"
              .value=${v.parent} @change=${(e) => this.input('parent', e.target.value)}>
              <option value="">${t('org.dept.topLevel')}</option>
              ${this.parentOptions()}
            </select>
            ${this.fieldError('parent')}
          </label>
          <div class="field">
            <span class="field-label">${t('org.dept.head')}</span>
            <af-search-picker class="${this.errors.head ? 'is-invalid' : ''}" data-field-input="head" .testId=${'dept-form-head'}
              .value=${v.head} .search=${(q) => searchEmployees(q)} .invalid=${Boolean(this.errors.head)}
              .label=${t('org.dept.head')} .placeholder=${t('org.dept.noHead')}
              @pick=${(e) => this.input('head', e.detail)}></af-search-picker>
            ${this.fieldError('head')}
          </div>
        </div>
        <div class="form-actions dept-form-actions">
          <button type="button" class="btn btn-ghost" data-test="dept-form-cancel"
            @click=${() => this.dispatchEvent(new CustomEvent('cancel', { bubbles: true }))}>${t('common.cancel')}</button>
          <button type="submit" class="btn btn-primary" data-test="dept-form-save" ?disabled=${this.busy}>
            ${this.busy ? t('common.saving') : editing ? t('common.save') : t('org.dept.add')}
          </button>
        </div>
      </form>`;
  }
}
AfDepartmentForm.define('af-department-form');
