// data-test: password-current, password-new, password-repeat, password-submit, password-error,
//            field-error (with data-field current | new | repeat)
// Change the password: POST /auth/password {current, new} → 204. The server's field errors show at
// their field; an empty field and a repeat that does not match are caught here first.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText, fieldErrorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { getUser } from '../../core/store.js';
import { notify } from '../../core/notify.js';
import { fieldErrors } from '../auth/auth-frame.js';
import { settingsSection } from './settings-section.js';

const FIELDS = [
  { name: 'current', autocomplete: 'current-password' },
  { name: 'new', autocomplete: 'new-password', hint: true },
  { name: 'repeat', autocomplete: 'new-password' },
];

export class AfPasswordSettings extends AfElement {
  constructor() {
    super();
    this.values = { current: '', new: '', repeat: '' };
    this.errors = {};
    this.error = null;
    this.busy = false;
  }

  updated() {
    if (!this.focusInvalid) return;
    this.focusInvalid = false;
    this.querySelector('.settings-password .input.is-invalid')?.focus();
  }

  localErrors() {
    const v = this.values;
    const errors = {};
    for (const { name } of FIELDS) if (!v[name]) errors[name] = { code: 'validation.required' };
    if (v.new && v.repeat && v.new !== v.repeat) errors.repeat = { key: 'settings.password.mismatch' };
    return errors;
  }

  async submit(event) {
    event.preventDefault();
    if (this.busy) return;
    this.error = null;
    this.errors = this.localErrors();
    if (Object.keys(this.errors).length) {
      this.focusInvalid = true;
      this.requestUpdate();
      return;
    }
    this.busy = true;
    this.requestUpdate();
    try {
      await api.post('/auth/password', { current: this.values.current, new: this.values.new });
      this.values = { current: '', new: '', repeat: '' };
      notify(t('settings.password.changed'), 'success');
      this.dispatchEvent(new CustomEvent('password-changed', { bubbles: true }));
    } catch (error) {
      this.errors = fieldErrors(error);
      // A wrong current password may come without `fields`; it still belongs to that field.
      if (!error.fields.length && error.code === 'auth.invalid_credentials') this.errors.current = { code: error.code };
      if (Object.keys(this.errors).length) this.focusInvalid = true;
      else this.error = error;
    }
    this.busy = false;
    this.requestUpdate();
  }

  input(name, value) {
    this.values[name] = value;
    if (this.errors[name]) {
      delete this.errors[name];
      this.requestUpdate();
    }
  }

  field({ name, autocomplete, hint }) {
    const error = this.errors[name];
    return html`
      <label class="field">
        <span class="field-label">${t(`settings.password.${name}`)}</span>
        <input class="input ${error ? 'is-invalid' : ''}" type="password" name="${name}" autocomplete="${autocomplete}"
          required data-test="password-${name}" aria-invalid="${error ? 'true' : 'false'}"
          .value=${this.values[name]} @input=${(e) => this.input(name, e.target.value)}>
        ${error ? html`<span class="field-error" data-test="field-error" data-field="${name}">${error.key ? t(error.key) : fieldErrorText(error)}</span>` : ''}
        ${hint && !error ? html`<span class="muted small">${t('settings.password.hint')}</span>` : ''}
      </label>`;
  }

  view() {
    return settingsSection({
      id: 'password',
      iconName: 'lock',
      title: t('settings.password'),
      body: html`
        <form class="form settings-form settings-password" novalidate @submit=${(e) => this.submit(e)}>
          ${this.error ? html`<div class="alert alert-error" role="alert" data-test="password-error">${errorText(this.error)}</div>` : ''}
          <input type="email" name="username" autocomplete="username" hidden readonly .value=${getUser()?.email ?? ''}>
          ${FIELDS.map((f) => this.field(f))}
          <div class="settings-actions">
            <button class="btn btn-primary" type="submit" data-test="password-submit" ?disabled=${this.busy}>
              ${this.busy ? t('settings.password.saving') : t('settings.password.submit')}
            </button>
          </div>
        </form>`,
    });
  }
}
AfPasswordSettings.define('af-password-settings');
