// data-test: user-create-form, user-create-name, user-create-email, user-create-role, user-create-employee (picker),
//            user-create-submit, user-create-cancel, user-create-error, field-error (data-field name | email | role | employeeId),
//            temp-password, temp-password-copy, temp-password-done
// Add a user: POST /auth/users {name, email, role, employeeId?} → 201 {user, temporaryPassword}.
// The temporary password is shown once, with a copy button; the new user must change it at first
// sign-in. Emits `created` (detail: the user) as soon as it exists, and `close`.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText, fieldErrorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { uuid } from '../../core/uuid.js';
import { notify } from '../../core/notify.js';
import { copyText } from '../../components/copy-text.js';
import { icon } from '../../components/icons.js';
import { searchEmployees } from '../org/dept-tree.js';
import { roleOptions } from './roles.js';

const FIELDS = ['name', 'email', 'role', 'employeeId'];

export class AfUserCreate extends AfElement {
  constructor() {
    super();
    this.values = { name: '', email: '', role: 'employee', employee: null };
    this.errors = {};
    this.error = null;
    this.busy = false;
    this.result = null;
    this.focusField = 'name';
    this.idempotencyKey = uuid();
  }

  updated() {
    if (!this.focusField) return;
    const target = this.querySelector(`[data-field-input="${this.focusField}"]`);
    this.focusField = null;
    (target?.matches('input, select, button') ? target : target?.querySelector('input'))?.focus();
  }

  close() {
    this.dispatchEvent(new CustomEvent('close', { bubbles: true }));
  }

  async submit(event) {
    event.preventDefault();
    if (this.busy) return;
    const v = this.values;
    this.error = null;
    this.errors = {};
    if (!v.name.trim()) this.errors.name = { code: 'field.required' };
    if (!v.email.trim()) this.errors.email = { code: 'field.required' };
    if (Object.keys(this.errors).length) {
      this.focusField = Object.keys(this.errors)[0];
      this.requestUpdate();
      return;
    }
    this.busy = true;
    this.requestUpdate();
    try {
      const body = { name: v.name.trim(), email: v.email.trim(), role: v.role };
      if (v.employee) body.employeeId = v.employee.id;
      const answer = await api.post('/auth/users', body, { 'Idempotency-Key': this.idempotencyKey });
      this.result = answer;
      this.focusField = 'done';
      this.dispatchEvent(new CustomEvent('created', { detail: answer.user, bubbles: true }));
    } catch (error) {
      for (const f of error.fields ?? []) if (FIELDS.includes(f.field)) this.errors[f.field] = f;
      if (error.code === 'auth.email_taken' && !this.errors.email) this.errors.email = { code: error.code };
      const keys = Object.keys(this.errors);
      if (keys.length) this.focusField = keys[0];
      else this.error = error;
      // A changed request needs a new key; the same one would be refused as reused.
      this.idempotencyKey = uuid();
    }
    this.busy = false;
    this.requestUpdate();
  }

  input(name, value) {
    this.values = { ...this.values, [name]: value };
    const key = name === 'employee' ? 'employeeId' : name;
    if (this.errors[key]) {
      delete this.errors[key];
      this.requestUpdate();
    }
  }

  async copy() {
    const copied = await copyText(this.result.temporaryPassword);
    notify(copied ? t('common.copied') : t('common.copyFailed'), copied ? 'info' : 'error');
  }

  fieldError(name) {
    const error = this.errors[name];
    return error ? html`<span class="field-error" data-test="field-error" data-field="${name}">${fieldErrorText(error)}</span>` : '';
  }

  resultView() {
    const { user, temporaryPassword } = this.result;
    return html`
      <div class="user-created" data-test="user-created">
        <h2 class="section-title">${t('users.created', { name: user.name })}</h2>
        <p class="settings-text">${t('users.tempPasswordIntro', { email: user.email })}</p>
        <div class="secret-box">
          <code class="totp-secret" data-test="temp-password">${temporaryPassword}</code>
          <button type="button" class="btn btn-secondary btn-small" data-test="temp-password-copy" @click=${() => this.copy()}>
            ${icon('copy')}<span>${t('common.copy')}</span>
          </button>
        </div>
        <div class="alert alert-warning" role="note">${t('users.tempPasswordNote')}</div>
        <div class="settings-actions">
          <button type="button" class="btn btn-primary" data-test="temp-password-done" data-field-input="done"
            @click=${() => this.close()}>${t('users.tempPasswordDone')}</button>
        </div>
      </div>`;
  }

  view() {
    if (this.result) return this.resultView();
    const v = this.values;
    const invalid = (name) => (this.errors[name] ? 'true' : 'false');
    return html`
      <form class="user-form" novalidate data-test="user-create-form" @submit=${(e) => this.submit(e)}>
        <h2 class="section-title">${t('users.newTitle')}</h2>
        ${this.error ? html`<div class="alert alert-error" role="alert" data-test="user-create-error">${errorText(this.error)}</div>` : ''}
        <div class="form-grid">
          <label class="field">
            <span class="field-label">${t('users.name')} <span class="required" aria-hidden="true">*</span></span>
            <input class="input ${this.errors.name ? 'is-invalid' : ''}" type="text" autocomplete="off" required
              data-test="user-create-name" data-field-input="name" aria-invalid="${invalid('name')}"
              .value=${v.name} @input=${(e) => this.input('name', e.target.value)}>
            ${this.fieldError('name')}
          </label>
          <label class="field">
            <span class="field-label">${t('users.email')} <span class="required" aria-hidden="true">*</span></span>
            <input class="input ${this.errors.email ? 'is-invalid' : ''}" type="email" autocomplete="off" required inputmode="email"
              autocapitalize="off" spellcheck="false" data-test="user-create-email" data-field-input="email" aria-invalid="${invalid('email')}"
              .value=${v.email} @input=${(e) => this.input('email', e.target.value)}>
            ${this.fieldError('email')}
          </label>
          <label class="field">
            <span class="field-label">${t('users.role')}</span>
            <select class="input select ${this.errors.role ? 'is-invalid' : ''}" data-test="user-create-role" data-field-input="role"
              aria-invalid="${invalid('role')}" .value=${v.role} @change=${(e) => this.input('role', e.target.value)}>
              ${roleOptions()}
            </select>
            ${this.fieldError('role')}
          </label>
          <div class="field">
            <span class="field-label">${t('users.employee')}</span>
            <af-search-picker data-field-input="employeeId" .testId=${'user-create-employee'} .value=${v.employee}
              .search=${(q) => searchEmployees(q, { withoutAccount: true })} .invalid=${Boolean(this.errors.employeeId)}
              .label=${t('users.employee')} .placeholder=${t('users.employeeNone')}
              @pick=${(e) => this.input('employee', e.detail)}></af-search-picker>
            ${this.fieldError('employeeId')}
          </div>
        </div>
        <p class="muted small user-form-note">${t('users.createNote')}</p>
        <div class="form-actions">
          <button type="button" class="btn btn-ghost" data-test="user-create-cancel" @click=${() => this.close()}>${t('common.cancel')}</button>
          <button type="submit" class="btn btn-primary" data-test="user-create-submit" ?disabled=${this.busy}>
            ${this.busy ? t('common.saving') : t('users.create')}
          </button>
        </div>
      </form>`;
  }
}
AfUserCreate.define('af-user-create');
