// data-test: signin-email, signin-password, signin-submit, signin-error, lang-switch
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText } from '../../core/i18n.js';
import { signIn } from '../../core/session.js';
import { authFrame } from './auth-frame.js';

export class AfSignIn extends AfElement {
  constructor() {
    super();
    this.email = '';
    this.password = '';
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
      await signIn(this.email.trim(), this.password);
    } catch (error) {
      this.error = error;
      this.password = '';
    }
    this.busy = false;
    this.requestUpdate();
  }

  view() {
    return authFrame(t('auth.signIn.title'), t('auth.signIn.subtitle'), html`
      <form class="form auth-form" novalidate @submit=${(e) => this.submit(e)}>
        ${this.error ? html`<div class="alert alert-error" role="alert" data-test="signin-error">${errorText(this.error)}</div>` : ''}
        <label class="field">
          <span class="field-label">${t('auth.email')}</span>
          <input class="input" type="email" name="email" autocomplete="username" required data-test="signin-email"
            .value=${this.email} @input=${(e) => { this.email = e.target.value; }}>
        </label>
        <label class="field">
          <span class="field-label">${t('auth.password')}</span>
          <input class="input" type="password" name="password" autocomplete="current-password" required data-test="signin-password"
            .value=${this.password} @input=${(e) => { this.password = e.target.value; }}>
        </label>
        <button class="btn btn-primary btn-block" type="submit" data-test="signin-submit" ?disabled=${this.busy}>
          ${this.busy ? t('auth.signingIn') : t('auth.signIn.submit')}
        </button>
      </form>`);
  }
}
AfSignIn.define('af-sign-in');
