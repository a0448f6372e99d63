// data-test: register-company, register-name, register-email, register-mobile, register-password, register-submit,
//            register-error, field-error (with data-field), lang-switch
// Shown instead of sign-in while the server has no company yet (GET /auth/setup).
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText, fieldErrorText } from '../../core/i18n.js';
import { register } from '../../core/session.js';
import { authFrame, fieldErrors } from './auth-frame.js';

const FIELDS = [
  { name: 'companyName', test: 'register-company', type: 'text', autocomplete: 'organization' },
  { name: 'name', test: 'register-name', type: 'text', autocomplete: 'name' },
  { name: 'email', test: 'register-email', type: 'email', autocomplete: 'username' },
  { name: 'mobile', test: 'register-mobile', type: 'tel', autocomplete: 'tel' },
  { name: 'password', test: 'register-password', type: 'password', autocomplete: 'new-password' },
];

export class AfRegister extends AfElement {
  constructor() {
    super();
    this.values = { companyName: '', name: '', email: '', mobile: '', password: '' };
    this.busy = false;
    this.error = null;
  }

  async submit(event) {
    event.preventDefault();
    if (this.busy) return;
    this.busy = true;
    this.error = null;
    this.requestUpdate();
    try {
      const v = this.values;
      await register({ companyName: v.companyName.trim(), name: v.name.trim(), email: v.email.trim(), mobile: v.mobile.trim(), password: v.password });
    } catch (error) {
      this.error = error;
    }
    this.busy = false;
    this.requestUpdate();
  }

  view() {
    const errors = fieldErrors(this.error);
    const unplaced = this.error && !FIELDS.some((f) => errors[f.name]);
    return authFrame(t('auth.register.title'), t('auth.register.subtitle'), html`
      <form class="form auth-form" novalidate @submit=${(e) => this.submit(e)}>
        ${unplaced ? html`<div class="alert alert-error" role="alert" data-test="register-error">${errorText(this.error)}</div>` : ''}
        ${FIELDS.map((f) => html`
          <label class="field">
            <span class="field-label">${t(`auth.register.${f.name}`)}</span>
            <input class="input ${errors[f.name] ? 'is-invalid' : ''}" type="${f.type}" name="${f.name}" required
              autocomplete="${f.autocomplete}" data-test="${f.test}" aria-invalid="${errors[f.name] ? 'true' : 'false'}"
              .value=${this.values[f.name]} @input=${(e) => { this.values[f.name] = e.target.value; }}>
            ${errors[f.name] ? html`<span class="field-error" data-test="field-error" data-field="${f.name}">${fieldErrorText(errors[f.name])}</span>` : ''}
          </label>`)}
        <p class="muted small">${t('auth.register.hint')}</p>
        <button class="btn btn-primary btn-block" type="submit" data-test="register-submit" ?disabled=${this.busy}>
          ${this.busy ? t('auth.register.creating') : t('auth.register.submit')}
        </button>
      </form>`);
  }
}

AfRegister.define('af-register');
