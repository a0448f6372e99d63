// data-test: role-create-form, role-create-name, role-create-description, role-create-copy (select: role id or ""),
//            role-create-2fa, role-create-submit, role-create-cancel, role-create-error, field-error (data-field name | description)
// A new custom role: POST /auth/roles {name, description?, permissions, scopes?, requireTwoFactor} → 201.
// "Copy from" starts it with another role's permissions and data scopes (as saved, not unsaved
// edits); otherwise it starts with none and sees only its holder's own records. Properties: roles.
// Emits `created` (detail: the role) and `close`.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText, fieldErrorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { uuid } from '../../core/uuid.js';
import { roleLabel } from './role-text.js';

const FIELDS = ['name', 'description'];

export class AfRoleCreate extends AfElement {
  static properties = ['roles'];

  constructor() {
    super();
    this.values = { name: '', description: '', copyFrom: '', requireTwoFactor: false };
    this.errors = {};
    this.error = null;
    this.busy = false;
    this.focusField = 'name';
    this.idempotencyKey = uuid();
  }

  updated() {
    if (!this.focusField) return;
    const target = this.querySelector(`[data-field-input="${this.focusField}"]`);
    this.focusField = null;
    target?.focus();
  }

  close() {
    this.dispatchEvent(new CustomEvent('close', { bubbles: true }));
  }

  input(name, value) {
    this.values = { ...this.values, [name]: value };
    if (this.errors[name]) {
      delete this.errors[name];
      this.requestUpdate();
    }
  }

  async submit(event) {
    event.preventDefault();
    if (this.busy) return;
    const v = this.values;
    this.error = null;
    this.errors = {};
    if (!v.name.trim()) {
      this.errors.name = { code: 'field.required' };
      this.focusField = 'name';
      this.requestUpdate();
      return;
    }
    const source = (this.roles ?? []).find((r) => r.id === v.copyFrom);
    const body = {
      name: v.name.trim(),
      permissions: source ? [...source.permissions] : [],
      requireTwoFactor: v.requireTwoFactor,
    };
    if (v.description.trim()) body.description = v.description.trim();
    if (source) body.scopes = source.scopes;
    this.busy = true;
    this.requestUpdate();
    try {
      const role = await api.post('/auth/roles', body, { 'Idempotency-Key': this.idempotencyKey });
      this.dispatchEvent(new CustomEvent('created', { detail: role, bubbles: true }));
    } catch (error) {
      for (const f of error.fields ?? []) if (FIELDS.includes(f.field)) this.errors[f.field] = f;
      const keys = Object.keys(this.errors);
      if (keys.length) this.focusField = keys[0];
      else this.error = error.fields?.length ? { text: error.fields.map(fieldErrorText).join(' ') } : { error };
      // A changed request needs a new key; the same one would be refused as reused.
      this.idempotencyKey = uuid();
    }
    this.busy = false;
    this.requestUpdate();
  }

  fieldError(name) {
    const error = this.errors[name];
    return error ? html`<span class="field-error" data-test="field-error" data-field="${name}" id="role-create-${name}-error">${fieldErrorText(error)}</span>` : '';
  }

  view() {
    const v = this.values;
    const sources = (this.roles ?? []).filter((r) => !r.archived);
    return html`
      <form class="role-form" novalidate data-test="role-create-form" @submit=${(e) => this.submit(e)}>
        <h2 class="section-title">${t('roles.newTitle')}</h2>
        ${this.error ? html`<div class="alert alert-error" role="alert" data-test="role-create-error">${this.error.text ?? errorText(this.error.error)}</div>` : ''}
        <div class="form-grid">
          <label class="field">
            <span class="field-label">${t('roles.name')} <span class="required" aria-hidden="true">*</span></span>
            <input class="input ${this.errors.name ? 'is-invalid' : ''}" type="text" autocomplete="off" required maxlength="100"
              data-test="role-create-name" data-field-input="name" aria-invalid="${this.errors.name ? 'true' : 'false'}"
              aria-describedby="${this.errors.name ? 'role-create-name-error' : ''}"
              .value=${v.name} @input=${(e) => this.input('name', e.target.value)}>
            ${this.fieldError('name')}
          </label>
          <label class="field">
            <span class="field-label">${t('roles.copyFrom')}</span>
            <select class="input select" data-test="role-create-copy" .value=${v.copyFrom}
              @change=${(e) => this.input('copyFrom', e.target.value)}>
              <option value="">${t('roles.copyNone')}</option>
              ${sources.map((r) => html`<option value="${r.id}">${roleLabel(r)}</option>`)}
            </select>
          </label>
          <label class="field field-wide">
            <span class="field-label">${t('roles.description')}</span>
            <input class="input ${this.errors.description ? 'is-invalid' : ''}" type="text" autocomplete="off" maxlength="500"
              data-test="role-create-description" data-field-input="description" .value=${v.description}
              @input=${(e) => this.input('description', e.target.value)}>
            ${this.fieldError('description')}
          </label>
        </div>
        <label class="check role-form-check">
          <input type="checkbox" data-test="role-create-2fa" .checked=${v.requireTwoFactor}
            @change=${(e) => this.input('requireTwoFactor', e.target.checked)}>
          <span>${t('roles.requireTwoFactor')}</span>
        </label>
        <p class="muted small role-form-note">${v.copyFrom ? t('roles.copyNote') : t('roles.emptyNote')}</p>
        <div class="form-actions">
          <button type="button" class="btn btn-ghost" data-test="role-create-cancel" @click=${() => this.close()}>${t('common.cancel')}</button>
          <button type="submit" class="btn btn-primary" data-test="role-create-submit" ?disabled=${this.busy}>
            ${this.busy ? t('common.saving') : t('roles.create')}
          </button>
        </div>
      </form>`;
  }
}
AfRoleCreate.define('af-role-create');
