// data-test: user-create-form, user-create-mode (-password | -invite), user-create-name, user-create-email,
//            user-create-roles (-option, data-role), user-create-employee (picker), user-create-submit, user-create-cancel,
//            user-create-error, field-error (data-field name | email | roles | employeeId), temp-password, temp-password-copy,
//            temp-password-done, invite-link, invite-code, invite-link-copy
// Add a user, two ways (as DingTalk's 添加成员 / 邀请成员):
// - with a temporary password: POST /auth/users {name, email, roles, employeeId?} → 201 {user, temporaryPassword},
//   shown once; the new user must change it at first sign-in;
// - by invitation: POST /auth/invitations {email, name?, roles, employeeId?} → 201 {invitation, code, path}; the
//   one-time link (or the code, typed on the sign-in page's "I have an invitation") lets them pick their own password.
// Emits `created` (detail: the user or invitation) as soon as it exists, and `close`.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText, fieldErrorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { uuid } from '../../core/uuid.js';
import { notify } from '../../core/notify.js';
import { copyText } from '../../components/copy-text.js';
import { icon } from '../../components/icons.js';
import { searchEmployees } from '../org/dept-tree.js';
import { loadRoles, roleChecks, toggled } from './roles.js';

const FIELDS = ['name', 'email', 'roles', 'employeeId'];

export class AfUserCreate extends AfElement {
  constructor() {
    super();
    this.values = { name: '', email: '', roles: ['employee'], employee: null };
    this.mode = 'password';
    this.roles = null;
    this.errors = {};
    this.error = null;
    this.busy = false;
    this.result = null;
    this.focusField = 'name';
    this.idempotencyKey = uuid();
  }

  connected() {
    loadRoles().then((roles) => { this.roles = roles; this.requestUpdate(); }, (error) => { this.error = error; this.requestUpdate(); });
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
    if (!v.name.trim() && this.mode === 'password') this.errors.name = { code: 'field.required' };
    if (!v.email.trim()) this.errors.email = { code: 'field.required' };
    if (!v.roles.length) this.errors.roles = { code: 'field.required' };
    if (Object.keys(this.errors).length) {
      this.focusField = Object.keys(this.errors)[0];
      this.requestUpdate();
      return;
    }
    this.busy = true;
    this.requestUpdate();
    try {
      const body = { name: v.name.trim(), email: v.email.trim(), roles: v.roles };
      if (v.employee) body.employeeId = v.employee.id;
      const path = this.mode === 'invite' ? '/auth/invitations' : '/auth/users';
      const answer = await api.post(path, body, { 'Idempotency-Key': this.idempotencyKey });
      this.result = answer;
      this.focusField = 'done';
      this.dispatchEvent(new CustomEvent('created', { detail: answer.user ?? answer.invitation, bubbles: true }));
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

  async copy(text = this.result.temporaryPassword) {
    const copied = await copyText(text);
    notify(copied ? t('common.copied') : t('common.copyFailed'), copied ? 'info' : 'error');
  }

  fieldError(name) {
    const error = this.errors[name];
    return error ? html`<span class="field-error" data-test="field-error" data-field="${name}">${fieldErrorText(error)}</span>` : '';
  }

  inviteView() {
    const { invitation, code, path } = this.result;
    const link = `${location.origin}${location.pathname}${path.replace(/^\//, '')}`;
    return html`
      <div class="user-created" data-test="invite-created">
        <h2 class="section-title">${t('users.invite.created', { email: invitation.email })}</h2>
        <p class="settings-text">${t('users.invite.intro', { date: invitation.expiresAt.slice(0, 10) })}</p>
        <div class="secret-box">
          <code class="invite-link" data-test="invite-link">${link}</code>
          <button type="button" class="btn btn-secondary btn-small" data-test="invite-link-copy" @click=${() => this.copy(link)}>
            ${icon('copy')}<span>${t('common.copy')}</span>
          </button>
        </div>
        <p class="settings-text">${t('users.invite.codeIntro')} <code class="totp-secret" data-test="invite-code">${code}</code></p>
        <div class="alert alert-warning" role="note">${t('users.invite.note')}</div>
        <div class="settings-actions">
          <button type="button" class="btn btn-primary" data-test="temp-password-done" data-field-input="done"
            @click=${() => this.close()}>${t('users.tempPasswordDone')}</button>
        </div>
      </div>`;
  }

  setMode(mode) {
    this.mode = mode;
    this.errors = {};
    this.idempotencyKey = uuid();
    this.requestUpdate();
  }

  resultView() {
    if (this.result.invitation) return this.inviteView();
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
        <div class="segmented" role="radiogroup" aria-label="${t('users.invite.how')}" data-test="user-create-mode">
          ${['password', 'invite'].map((m) => html`
            <label class="segmented-option ${this.mode === m ? 'is-on' : ''}">
              <input type="radio" name="user-create-mode" value="${m}" data-test="user-create-mode-${m}" .checked=${this.mode === m}
                @change=${() => this.setMode(m)}>
              <span>${t(`users.invite.mode.${m}`)}</span>
            </label>`)}
        </div>
        ${this.error ? html`<div class="alert alert-error" role="alert" data-test="user-create-error">${errorText(this.error)}</div>` : ''}
        <div class="form-grid">
          <label class="field">
            <span class="field-label">${t('users.name')} ${this.mode === 'password' ? html`<span class="required" aria-hidden="true">*</span>` : ''}</span>
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
          <div class="field field-wide" data-field-input="roles">
            <span class="field-label">${t('users.roles')} <span class="required" aria-hidden="true">*</span></span>
            ${roleChecks({ roles: this.roles, selected: v.roles, testId: 'user-create-roles', invalid: Boolean(this.errors.roles),
              onToggle: (key, on) => this.input('roles', toggled(this.values.roles, key, on)) })}
            ${this.fieldError('roles')}
          </div>
          <div class="field">
            <span class="field-label">${t('users.employee')}</span>
            <af-search-picker data-field-input="employeeId" .testId=${'user-create-employee'} .value=${v.employee}
              .search=${(q) => searchEmployees(q, { withoutAccount: true })} .invalid=${Boolean(this.errors.employeeId)}
              .label=${t('users.employee')} .placeholder=${t('users.employeeNone')}
              @pick=${(e) => this.input('employee', e.detail)}></af-search-picker>
            ${this.fieldError('employeeId')}
          </div>
        </div>
        <p class="muted small user-form-note">${t(this.mode === 'invite' ? 'users.invite.createNote' : 'users.createNote')}</p>
        <div class="form-actions">
          <button type="button" class="btn btn-ghost" data-test="user-create-cancel" @click=${() => this.close()}>${t('common.cancel')}</button>
          <button type="submit" class="btn btn-primary" data-test="user-create-submit" ?disabled=${this.busy}>
            ${this.busy ? t('common.saving') : t(this.mode === 'invite' ? 'users.invite.send' : 'users.create')}
          </button>
        </div>
      </form>`;
  }
}
AfUserCreate.define('af-user-create');
