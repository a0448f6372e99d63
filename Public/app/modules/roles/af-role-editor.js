// data-test: role-editor, role-edit-name, role-edit-description, role-edit-save, role-edit-cancel, role-edit-error,
//            role-edit-stale, field-error (data-field name | description)
// Rename a custom role and change its description: PATCH /auth/roles/{id} {version, name, description}.
// A stale version reloads the role as it is now (409 carries it) and says so. Properties: role.
// Emits `changed` (detail: the role as the server answered) and `close`.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText, fieldErrorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { notify } from '../../core/notify.js';
import { roleLabel } from './role-text.js';

const FIELDS = ['name', 'description'];

export class AfRoleEditor extends AfElement {
  static properties = ['role'];

  constructor() {
    super();
    this.values = { name: '', description: '' };
    this.errors = {};
    this.error = null;
    this.stale = false;
    this.busy = false;
    this.focusName = true;
  }

  connected() {
    this.fill();
  }

  changed(name, old) {
    if (name === 'role' && (old?.id !== this.role?.id || old?.version !== this.role?.version)) this.fill();
  }

  fill() {
    const r = this.role;
    if (r) this.values = { name: r.name ?? '', description: r.description ?? '' };
  }

  updated() {
    if (!this.focusName) return;
    this.focusName = false;
    this.querySelector('[data-test="role-edit-name"]')?.focus();
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
    this.errors = {};
    this.error = null;
    this.stale = false;
    if (!v.name.trim()) {
      this.errors.name = { code: 'field.required' };
      this.focusName = true;
      this.requestUpdate();
      return;
    }
    this.busy = true;
    this.requestUpdate();
    try {
      const role = await api.patch(`/auth/roles/${encodeURIComponent(this.role.id)}`,
        { version: this.role.version, name: v.name.trim(), description: v.description.trim() });
      notify(t('roles.savedOne', { name: roleLabel(role) }), 'success');
      this.dispatchEvent(new CustomEvent('changed', { detail: role, bubbles: true }));
      this.dispatchEvent(new CustomEvent('close', { bubbles: true }));
    } catch (error) {
      if (error.code === 'conflict.stale_version' && error.current) {
        this.stale = true;
        this.dispatchEvent(new CustomEvent('changed', { detail: error.current, bubbles: true }));
      } else {
        for (const f of error.fields ?? []) if (FIELDS.includes(f.field)) this.errors[f.field] = f;
        if (Object.keys(this.errors).length) this.focusName = Boolean(this.errors.name);
        else this.error = error.fields?.length ? { text: error.fields.map(fieldErrorText).join(' ') } : { error };
      }
    }
    this.busy = false;
    this.requestUpdate();
  }

  fieldError(name) {
    const error = this.errors[name];
    return error ? html`<span class="field-error" data-test="field-error" data-field="${name}">${fieldErrorText(error)}</span>` : '';
  }

  view() {
    const v = this.values;
    return html`
      <form class="role-editor" novalidate data-test="role-editor" @submit=${(e) => this.submit(e)}>
        ${this.stale ? html`<div class="alert alert-warning" role="alert" data-test="role-edit-stale">${t('roles.staleForm')}</div>` : ''}
        ${this.error ? html`<div class="alert alert-error" role="alert" data-test="role-edit-error">${this.error.text ?? errorText(this.error.error)}</div>` : ''}
        <div class="role-edit-grid">
          <label class="field">
            <span class="field-label">${t('roles.name')} <span class="required" aria-hidden="true">*</span></span>
            <input class="input ${this.errors.name ? 'is-invalid' : ''}" type="text" autocomplete="off" required maxlength="100"
              data-test="role-edit-name" aria-invalid="${this.errors.name ? 'true' : 'false'}"
              .value=${v.name} @input=${(e) => this.input('name', e.target.value)}>
            ${this.fieldError('name')}
          </label>
          <label class="field">
            <span class="field-label">${t('roles.description')}</span>
            <input class="input ${this.errors.description ? 'is-invalid' : ''}" type="text" autocomplete="off" maxlength="500"
              data-test="role-edit-description" .value=${v.description} @input=${(e) => this.input('description', e.target.value)}>
            ${this.fieldError('description')}
          </label>
          <div class="role-edit-buttons">
            <button type="button" class="btn btn-ghost" data-test="role-edit-cancel"
              @click=${() => this.dispatchEvent(new CustomEvent('close', { bubbles: true }))}>${t('common.cancel')}</button>
            <button type="submit" class="btn btn-primary" data-test="role-edit-save" ?disabled=${this.busy}>
              ${this.busy ? t('common.saving') : t('common.save')}
            </button>
          </div>
        </div>
      </form>`;
  }
}
AfRoleEditor.define('af-role-editor');
