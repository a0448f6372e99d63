// data-test: signin-email, signin-password, signin-submit, signin-error, lang-switch,
//            signin-code, signin-verify, signin-use-recovery, signin-back (second step, two-factor), signin-invite
// Step 1 e-mail + password; when the account has two-factor authentication, step 2 asks for an
// authenticator code or a recovery code. Too many attempts disable the button until the wait is over.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText } from '../../core/i18n.js';
import { signIn, verifySignIn } from '../../core/session.js';
import { authFrame } from './auth-frame.js';
import { waitText } from './wait-text.js';

export class AfSignIn extends AfElement {
  constructor() {
    super();
    this.email = '';
    this.password = '';
    this.challenge = null;
    this.code = '';
    this.recovery = false;
    this.busy = false;
    this.error = null;
    this.retryUntil = 0;
  }

  disconnected() {
    clearInterval(this.ticker);
  }

  updated() {
    if (!this.focusNext) return;
    this.querySelector(`[data-test="${this.focusNext}"]`)?.focus();
    this.focusNext = null;
  }

  async run(action) {
    if (this.busy || this.waiting()) return;
    this.busy = true;
    this.error = null;
    this.requestUpdate();
    try {
      await action();
    } catch (error) {
      this.failed(error);
    }
    this.busy = false;
    this.requestUpdate();
  }

  submit(event) {
    event.preventDefault();
    this.run(async () => {
      const answer = await signIn(this.email.trim(), this.password);
      this.password = '';
      if (answer.challenge) this.toCodeStep(answer.challenge);
    });
  }

  verify(event) {
    event.preventDefault();
    const code = this.code.replace(/\s+/g, '');
    if (!code) {
      this.focusNext = 'signin-code';
      this.requestUpdate();
      return;
    }
    this.run(() => verifySignIn(this.challenge, code));
  }

  failed(error) {
    this.error = error;
    if (!this.challenge) this.password = '';
    if (error.code === 'auth.challenge_expired') {
      // The challenge is gone: start again from the password.
      this.challenge = null;
      this.focusNext = 'signin-password';
    } else if (this.challenge) {
      this.code = '';
      this.focusNext = 'signin-code';
    }
    const seconds = Number(error.params?.retryAfter);
    if (error.status === 429 && seconds > 0) this.startWait(seconds);
  }

  toCodeStep(challenge) {
    this.challenge = challenge;
    this.code = '';
    this.recovery = false;
    this.focusNext = 'signin-code';
  }

  back() {
    this.challenge = null;
    this.code = '';
    this.error = null;
    this.focusNext = 'signin-password';
    this.requestUpdate();
  }

  toggleRecovery() {
    this.recovery = !this.recovery;
    this.code = '';
    this.error = null;
    this.focusNext = 'signin-code';
    this.requestUpdate();
  }

  startWait(seconds) {
    this.retryUntil = Date.now() + seconds * 1000;
    clearInterval(this.ticker);
    this.ticker = setInterval(() => {
      if (!this.waiting()) {
        clearInterval(this.ticker);
        this.error = null;
      }
      this.requestUpdate();
    }, 1000);
  }

  waiting() {
    return this.retryUntil > Date.now();
  }

  errorAlert() {
    if (!this.error) return '';
    let text = errorText(this.error);
    if (this.waiting()) text = t('auth.tooManyAttemptsWait', { wait: waitText(Math.ceil((this.retryUntil - Date.now()) / 1000)) });
    // The generic wrong-code text talks about the phone's clock, which a recovery code does not depend on.
    else if (this.recovery && this.error.code === 'auth.invalid_code') text = t('auth.verify.wrongRecoveryCode');
    return html`<div class="alert alert-error" role="alert" data-test="signin-error">${text}</div>`;
  }

  view() {
    return this.challenge ? this.codeStep() : this.passwordStep();
  }

  passwordStep() {
    const blocked = this.busy || this.waiting();
    return authFrame(t('auth.signIn.title'), t('auth.signIn.subtitle'), html`
      <form class="form auth-form" novalidate @submit=${(e) => this.submit(e)}>
        ${this.errorAlert()}
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
        <button class="btn btn-primary btn-block" type="submit" data-test="signin-submit" ?disabled=${blocked}>
          ${this.busy ? t('auth.signingIn') : t('auth.signIn.submit')}
        </button>
        <p class="auth-alt"><a href="#/invite" data-test="signin-invite">${t('auth.invite.haveCode')}</a></p>
      </form>`);
  }

  codeStep() {
    const blocked = this.busy || this.waiting();
    const invalid = this.error?.code === 'auth.invalid_code';
    const mode = this.recovery ? 'recovery' : 'app';
    return authFrame(t('auth.verify.title'), t(`auth.verify.subtitle.${mode}`), html`
      <form class="form auth-form" novalidate @submit=${(e) => this.verify(e)}>
        ${this.errorAlert()}
        <label class="field">
          <span class="field-label">${t(`auth.verify.label.${mode}`)}</span>
          <input class="input input-code ${invalid ? 'is-invalid' : ''}" type="text" name="code" required
            autocomplete="one-time-code" inputmode="${this.recovery ? 'text' : 'numeric'}" autocapitalize="off" spellcheck="false"
            placeholder="${this.recovery ? 'xxxxx-xxxxx' : '123456'}" aria-invalid="${invalid ? 'true' : 'false'}"
            data-test="signin-code" .value=${this.code} @input=${(e) => { this.code = e.target.value; }}>
        </label>
        <button class="btn btn-primary btn-block" type="submit" data-test="signin-verify" ?disabled=${blocked}>
          ${this.busy ? t('auth.verify.checking') : t('auth.verify.submit')}
        </button>
        <div class="auth-links">
          <button type="button" class="btn-link" data-test="signin-use-recovery" @click=${() => this.toggleRecovery()}>
            ${this.recovery ? t('auth.verify.useApp') : t('auth.verify.useRecovery')}
          </button>
          <button type="button" class="btn-link" data-test="signin-back" @click=${() => this.back()}>${t('auth.verify.back')}</button>
        </div>
      </form>`);
  }
}
AfSignIn.define('af-sign-in');
