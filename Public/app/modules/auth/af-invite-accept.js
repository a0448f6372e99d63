// data-test: invite-code-input, invite-lookup, invite-company, invite-email, invite-name, invite-password, invite-accept,
//            invite-error, field-error (data-field name | password), invite-back
// Joining a company by invitation, #/invite/<code> (the link) or #/invite (type the code). Looks the code up
// (GET /auth/invitations/lookup?code=) to show which company and e-mail it is for, then the invitee picks
// their name and password (POST /auth/invitations/accept) and is signed in. A used, revoked or expired code
// answers 410 auth.invitation_invalid, shown as it comes.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText, fieldErrorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { acceptInvitation } from '../../core/session.js';
import { navigate } from '../../core/router.js';
import { authFrame, fieldErrors } from './auth-frame.js';

export class AfInviteAccept extends AfElement {
  static properties = ['code'];

  constructor() {
    super();
    this.typed = '';
    this.preview = null;
    this.values = { name: '', password: '' };
    this.busy = false;
    this.error = null;
  }

  connected() {
    if (this.code) this.lookup(this.code);
  }

  changed(name, old) {
    if (name === 'code' && this.code && this.code !== old) this.lookup(this.code);
  }

  async lookup(code) {
    this.busy = true;
    this.error = null;
    this.requestUpdate();
    try {
      this.preview = await api.get('/auth/invitations/lookup', { code });
      this.activeCode = code;
      this.values.name = this.preview.name ?? '';
    } catch (error) {
      this.preview = null;
      this.error = error;
    }
    this.busy = false;
    this.requestUpdate();
  }

  async accept(event) {
    event.preventDefault();
    if (this.busy) return;
    this.busy = true;
    this.error = null;
    this.requestUpdate();
    try {
      await acceptInvitation(this.activeCode, this.values.name.trim(), this.values.password);
    } catch (error) {
      this.error = error;
    }
    this.busy = false;
    this.requestUpdate();
  }

  codeForm() {
    return html`
      <form class="form auth-form" novalidate @submit=${(e) => { e.preventDefault(); if (this.typed.trim()) this.lookup(this.typed.trim()); }}>
        ${this.error ? html`<div class="alert alert-error" role="alert" data-test="invite-error">${errorText(this.error)}</div>` : ''}
        <label class="field">
          <span class="field-label">${t('auth.invite.code')}</span>
          <input class="input invite-code-input" type="text" autocomplete="one-time-code" autocapitalize="characters" spellcheck="false"
            placeholder="XXXX-XXXX-XXXX" data-test="invite-code-input" .value=${this.typed}
            @input=${(e) => { this.typed = e.target.value; }}>
        </label>
        <button class="btn btn-primary btn-block" type="submit" data-test="invite-lookup" ?disabled=${this.busy}>${t('auth.invite.continue')}</button>
        <p class="auth-alt"><a href="#/" data-test="invite-back" @click=${(e) => { e.preventDefault(); navigate('/'); }}>${t('auth.invite.back')}</a></p>
      </form>`;
  }

  acceptForm() {
    const errors = fieldErrors(this.error);
    const unplaced = this.error && !errors.name && !errors.password;
    const p = this.preview;
    return html`
      <form class="form auth-form" novalidate @submit=${(e) => this.accept(e)}>
        <dl class="fields invite-facts">
          <div class="field-pair"><dt>${t('auth.invite.company')}</dt><dd data-test="invite-company">${p.companyName}</dd></div>
          <div class="field-pair"><dt>${t('auth.invite.email')}</dt><dd data-test="invite-email">${p.email}</dd></div>
        </dl>
        ${unplaced ? html`<div class="alert alert-error" role="alert" data-test="invite-error">${errorText(this.error)}</div>` : ''}
        <input type="email" name="username" autocomplete="username" .value=${p.email} hidden>
        <label class="field">
          <span class="field-label">${t('auth.invite.name')}</span>
          <input class="input ${errors.name ? 'is-invalid' : ''}" type="text" autocomplete="name" data-test="invite-name"
            aria-invalid="${errors.name ? 'true' : 'false'}" .value=${this.values.name} @input=${(e) => { this.values.name = e.target.value; }}>
          ${errors.name ? html`<span class="field-error" data-test="field-error" data-field="name">${fieldErrorText(errors.name)}</span>` : ''}
        </label>
        <label class="field">
          <span class="field-label">${t('auth.invite.password')}</span>
          <input class="input ${errors.password ? 'is-invalid' : ''}" type="password" autocomplete="new-password" data-test="invite-password"
            aria-invalid="${errors.password ? 'true' : 'false'}" .value=${this.values.password}
            @input=${(e) => { this.values.password = e.target.value; }}>
          ${errors.password ? html`<span class="field-error" data-test="field-error" data-field="password">${fieldErrorText(errors.password)}</span>` : ''}
        </label>
        <p class="muted small">${t('auth.register.hint')}</p>
        <button class="btn btn-primary btn-block" type="submit" data-test="invite-accept" ?disabled=${this.busy}>
          ${this.busy ? t('auth.invite.joining') : t('auth.invite.join', { company: p.companyName })}
        </button>
      </form>`;
  }

  view() {
    return authFrame(t('auth.invite.title'), this.preview ? t('auth.invite.subtitle') : t('auth.invite.codeSubtitle'),
      this.preview ? this.acceptForm() : this.codeForm());
  }
}
AfInviteAccept.define('af-invite-accept');
