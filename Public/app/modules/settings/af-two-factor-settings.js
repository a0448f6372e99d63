// data-test: totp-status, totp-setup, totp-secret, totp-uri, totp-copy-secret, totp-code, totp-enable,
//            totp-cancel, totp-recovery-codes, totp-copy-codes, totp-done, totp-disable, totp-error,
//            field-error (data-field="code")
// Two-factor authentication with an authenticator app (TOTP).
// Off: "Set up" → POST /auth/totp/setup {secret, otpauthUri}; the key is shown in groups of four
//      (no QR code) → the user enters a code → POST /auth/totp/enable {code} → ten recovery codes,
//      shown once. On: "Turn off" asks for a current code (the same button then confirms) →
//      POST /auth/totp/disable {code}.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText, fieldErrorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { getUser, onUserChange } from '../../core/store.js';
import { refreshUser } from '../../core/session.js';
import { notify } from '../../core/notify.js';
import { copyText } from '../../components/copy-text.js';
import { icon } from '../../components/icons.js';
import { settingsSection } from './settings-section.js';

export function groupSecret(secret) {
  return (String(secret).replace(/\s+/g, '').match(/.{1,4}/g) ?? []).join(' ');
}

export class AfTwoFactorSettings extends AfElement {
  constructor() {
    super();
    this.stage = 'idle'; // idle | setup | codes | disabling
    this.setup = null;
    this.recoveryCodes = null;
    this.code = '';
    this.codeError = null;
    this.error = null;
    this.busy = false;
  }

  connected() {
    this.offUser = onUserChange(() => this.requestUpdate());
  }

  disconnected() {
    this.offUser?.();
  }

  updated() {
    if (!this.focusCode) return;
    this.focusCode = false;
    this.querySelector('[data-test="totp-code"]')?.focus();
  }

  reset(stage = 'idle') {
    this.stage = stage;
    this.setup = null;
    this.code = '';
    this.codeError = null;
    this.error = null;
    this.requestUpdate();
  }

  async run(action) {
    if (this.busy) return;
    this.busy = true;
    this.error = null;
    this.codeError = null;
    this.requestUpdate();
    try {
      await action();
    } catch (error) {
      const field = error.fields?.find((f) => f.field === 'code');
      if (field || error.code === 'auth.invalid_code') {
        this.codeError = field ?? { code: error.code };
        this.code = '';
        this.focusCode = true;
      } else {
        this.error = error;
      }
    }
    this.busy = false;
    this.requestUpdate();
  }

  startSetup() {
    this.run(async () => {
      this.setup = await api.post('/auth/totp/setup');
      this.stage = 'setup';
      this.code = '';
    });
  }

  // The code as sent: "123 456" from a grouped display is still 123456.
  enteredCode() {
    const code = this.code.replace(/\s+/g, '');
    if (!code) {
      this.codeError = { code: 'validation.required' };
      this.focusCode = true;
      this.requestUpdate();
    }
    return code;
  }

  enable(event) {
    event.preventDefault();
    const code = this.enteredCode();
    if (!code) return;
    this.run(async () => {
      const answer = await api.post('/auth/totp/enable', { code });
      this.setup = null;
      this.code = '';
      this.recoveryCodes = answer?.recoveryCodes ?? [];
      this.stage = 'codes';
      notify(t('settings.twoFactor.enabled'), 'success');
      await refreshUser().catch(() => {});
    });
  }

  askToDisable() {
    this.reset('disabling');
    this.focusCode = true;
  }

  disable(event) {
    event.preventDefault();
    const code = this.enteredCode();
    if (!code) return;
    this.run(async () => {
      await api.post('/auth/totp/disable', { code });
      this.reset();
      notify(t('settings.twoFactor.disabled'), 'success');
      await refreshUser().catch(() => {});
    });
  }

  done() {
    this.recoveryCodes = null;
    this.reset();
  }

  async copy(text) {
    const copied = await copyText(text);
    notify(copied ? t('common.copied') : t('common.copyFailed'), copied ? 'info' : 'error');
  }

  view() {
    const user = getUser();
    if (!user) return '';
    const on = Boolean(user.twoFactorEnabled);
    return settingsSection({
      id: 'two-factor',
      iconName: 'shield',
      title: t('settings.twoFactor'),
      badge: html`<span class="badge ${on ? 'badge-success' : ''}" data-test="totp-status">${t(on ? 'settings.twoFactor.on' : 'settings.twoFactor.off')}</span>`,
      body: html`
        ${this.error ? html`<div class="alert alert-error" role="alert" data-test="totp-error">${errorText(this.error)}</div>` : ''}
        ${this.body(on)}`,
    });
  }

  body(on) {
    if (this.stage === 'codes' && this.recoveryCodes) return this.codesView();
    if (on && this.stage === 'disabling') return this.disableForm();
    if (on) {
      return html`
        <p class="settings-text">${t('settings.twoFactor.onText')}</p>
        <div class="settings-actions">
          <button type="button" class="btn btn-secondary" data-test="totp-disable" @click=${() => this.askToDisable()}>${t('settings.twoFactor.disable')}</button>
        </div>`;
    }
    if (this.stage === 'setup' && this.setup) return this.setupView();
    return html`
      <p class="settings-text">${t('settings.twoFactor.offText')}</p>
      <div class="settings-actions">
        <button type="button" class="btn btn-primary" data-test="totp-setup" ?disabled=${this.busy} @click=${() => this.startSetup()}>
          ${this.busy ? html`<span class="spinner"></span>` : ''}<span>${t('settings.twoFactor.setup')}</span>
        </button>
      </div>`;
  }

  codeField() {
    const error = this.codeError;
    return html`
      <label class="field totp-code-field">
        <span class="field-label">${t('settings.twoFactor.code')}</span>
        <input class="input input-code ${error ? 'is-invalid' : ''}" type="text" name="code" inputmode="numeric"
          autocomplete="one-time-code" autocapitalize="off" spellcheck="false" placeholder="123456" required
          aria-invalid="${error ? 'true' : 'false'}" data-test="totp-code"
          .value=${this.code} @input=${(e) => { this.code = e.target.value; }}>
        ${error ? html`<span class="field-error" data-test="field-error" data-field="code">${fieldErrorText(error)}</span>` : ''}
      </label>`;
  }

  setupView() {
    const { secret, otpauthUri } = this.setup;
    return html`
      <ol class="totp-steps">
        <li>
          <p class="settings-text">${t('settings.twoFactor.step1')}</p>
          <div class="secret-box">
            <code class="totp-secret" data-test="totp-secret" aria-label="${t('settings.twoFactor.secret')}">${groupSecret(secret)}</code>
            <button type="button" class="btn btn-secondary btn-small" data-test="totp-copy-secret" @click=${() => this.copy(String(secret).replace(/\s+/g, ''))}>
              ${icon('copy')}<span>${t('common.copy')}</span>
            </button>
          </div>
          ${otpauthUri ? html`
            <label class="field">
              <span class="field-label">${t('settings.twoFactor.uri')}</span>
              <span class="copy-field">
                <input class="input input-mono" type="text" readonly data-test="totp-uri" .value=${otpauthUri}
                  @focus=${(e) => e.target.select()}>
                <button type="button" class="btn btn-secondary" aria-label="${t('common.copy')}" title="${t('common.copy')}"
                  @click=${() => this.copy(otpauthUri)}>${icon('copy')}</button>
              </span>
            </label>
            <a class="btn btn-secondary open-app" href="${otpauthUri}">${t('settings.twoFactor.openApp')}</a>` : ''}
        </li>
        <li>
          <p class="settings-text">${t('settings.twoFactor.step2')}</p>
          <form class="totp-form" novalidate @submit=${(e) => this.enable(e)}>
            ${this.codeField()}
            <div class="settings-actions">
              <button class="btn btn-primary" type="submit" data-test="totp-enable" ?disabled=${this.busy}>
                ${this.busy ? t('settings.twoFactor.checking') : t('settings.twoFactor.enable')}
              </button>
              <button class="btn btn-ghost" type="button" data-test="totp-cancel" @click=${() => this.reset()}>${t('common.cancel')}</button>
            </div>
          </form>
        </li>
      </ol>`;
  }

  codesView() {
    const codes = this.recoveryCodes;
    return html`
      <h3 class="settings-subtitle">${t('settings.twoFactor.recoveryTitle')}</h3>
      <div class="alert alert-warning" role="note">${t('settings.twoFactor.recoveryNote')}</div>
      <ul class="recovery-codes" data-test="totp-recovery-codes">
        ${codes.map((code) => html`<li><code>${code}</code></li>`)}
      </ul>
      <div class="settings-actions">
        <button type="button" class="btn btn-secondary" data-test="totp-copy-codes" @click=${() => this.copy(codes.join('\n'))}>
          ${icon('copy')}<span>${t('settings.twoFactor.copyCodes')}</span>
        </button>
        <button type="button" class="btn btn-primary" data-test="totp-done" @click=${() => this.done()}>${t('settings.twoFactor.done')}</button>
      </div>`;
  }

  disableForm() {
    return html`
      <p class="settings-text">${t('settings.twoFactor.disableText')}</p>
      <form class="totp-form" novalidate @submit=${(e) => this.disable(e)}>
        ${this.codeField()}
        <div class="settings-actions">
          <button class="btn btn-danger" type="submit" data-test="totp-disable" ?disabled=${this.busy}>
            ${this.busy ? t('settings.twoFactor.checking') : t('settings.twoFactor.disable')}
          </button>
          <button class="btn btn-ghost" type="button" data-test="totp-cancel" @click=${() => this.reset()}>${t('common.cancel')}</button>
        </div>
      </form>`;
  }
}
AfTwoFactorSettings.define('af-two-factor-settings');
