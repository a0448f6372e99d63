// data-test: user-editor, user-edit-name, user-edit-roles (-option, data-role), user-save, user-deactivate, user-deactivate-confirm,
//            user-reactivate, user-unlock, user-edit-error, user-edit-stale, field-error (data-field name | roles | active)
// Manage one user: rename and change the roles (PATCH /auth/users/{id} {version, name?, roles?}),
// deactivate or reactivate ({version, active}), unlock after failed sign-ins (POST …/unlock → 204).
// Deactivating signs the user out everywhere, so it asks once more. An administrator cannot take the
// administrator role from themself or deactivate themself. Emits `changed` (detail: the user as it is now) and `close`.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText, fieldErrorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { getUser } from '../../core/store.js';
import { notify } from '../../core/notify.js';
import { loadRoles, roleChecks, toggled } from './roles.js';

const FIELDS = ['name', 'roles', 'active'];

export class AfUserEditor extends AfElement {
  static properties = ['user'];

  constructor() {
    super();
    this.values = { name: '', roles: [] };
    this.roles = null;
    this.errors = {};
    this.error = null;
    this.stale = false;
    this.busy = false;
    this.confirming = false;
  }

  connected() {
    this.fill();
    this.focusName = true;
    loadRoles().then((roles) => { this.roles = roles; this.requestUpdate(); }, (error) => { this.error = error; this.requestUpdate(); });
  }

  changed(name, old) {
    if (name === 'user' && (old?.id !== this.user?.id || old?.version !== this.user?.version)) this.fill();
  }

  fill() {
    const u = this.user;
    if (u) this.values = { name: u.name, roles: [...(u.roles ?? [])] };
  }

  updated() {
    if (!this.focusName) return;
    this.focusName = false;
    this.querySelector('[data-test="user-edit-name"]')?.focus();
  }

  announce(user) {
    this.user = user;
    this.dispatchEvent(new CustomEvent('changed', { detail: user, bubbles: true }));
  }

  async run(action) {
    if (this.busy) return;
    this.busy = true;
    this.error = null;
    this.stale = false;
    this.errors = {};
    this.requestUpdate();
    try {
      await action();
    } catch (error) {
      if (error.code === 'conflict.stale_version') {
        this.stale = true;
        if (error.current) this.announce(error.current);
      } else {
        for (const f of error.fields ?? []) if (FIELDS.includes(f.field)) this.errors[f.field] = f;
        if (!Object.keys(this.errors).length) this.error = error;
      }
    }
    this.busy = false;
    this.confirming = false;
    this.requestUpdate();
  }

  save(event) {
    event.preventDefault();
    const u = this.user;
    const name = this.values.name.trim();
    if (!name || !this.values.roles.length) {
      this.errors = name ? { roles: { code: 'field.required' } } : { name: { code: 'field.required' } };
      this.requestUpdate();
      return;
    }
    const body = { version: u.version };
    if (name !== u.name) body.name = name;
    if ([...this.values.roles].sort().join(' ') !== [...(u.roles ?? [])].sort().join(' ')) body.roles = this.values.roles;
    if (Object.keys(body).length === 1) {
      this.dispatchEvent(new CustomEvent('close', { bubbles: true }));
      return;
    }
    this.run(async () => {
      this.announce(await api.patch(`/auth/users/${encodeURIComponent(u.id)}`, body));
      notify(t('users.saved', { name: this.user.name }), 'success');
      this.dispatchEvent(new CustomEvent('close', { bubbles: true }));
    });
  }

  setActive(active) {
    const u = this.user;
    this.run(async () => {
      this.announce(await api.patch(`/auth/users/${encodeURIComponent(u.id)}`, { version: u.version, active }));
      notify(t(active ? 'users.reactivated' : 'users.deactivated', { name: u.name }), 'success');
    });
  }

  unlock() {
    const u = this.user;
    this.run(async () => {
      await api.post(`/auth/users/${encodeURIComponent(u.id)}/unlock`);
      this.announce({ ...u, locked: false });
      notify(t('users.unlocked', { name: u.name }), 'success');
    });
  }

  input(name, value) {
    this.values = { ...this.values, [name]: value };
    if (this.errors[name]) {
      delete this.errors[name];
      this.requestUpdate();
    }
  }

  fieldError(name) {
    const error = this.errors[name];
    return error ? html`<span class="field-error" data-test="field-error" data-field="${name}">${fieldErrorText(error)}</span>` : '';
  }

  statusActions(u, self) {
    if (u.active) {
      if (self) return html`<p class="muted small">${t('users.selfNote')}</p>`;
      if (this.confirming) {
        return html`
          <div class="alert alert-warning user-confirm" role="alert">
            <span>${t('users.deactivateConfirm', { name: u.name })}</span>
            <span class="settings-actions">
              <button type="button" class="btn btn-danger btn-small" data-test="user-deactivate-confirm" ?disabled=${this.busy}
                @click=${() => this.setActive(false)}>${t('users.deactivate')}</button>
              <button type="button" class="btn btn-ghost btn-small" @click=${() => { this.confirming = false; this.requestUpdate(); }}>${t('common.cancel')}</button>
            </span>
          </div>`;
      }
      return html`<button type="button" class="btn btn-secondary" data-test="user-deactivate" ?disabled=${this.busy}
        @click=${() => { this.confirming = true; this.requestUpdate(); }}>${t('users.deactivate')}</button>`;
    }
    return html`<button type="button" class="btn btn-secondary" data-test="user-reactivate" ?disabled=${this.busy}
      @click=${() => this.setActive(true)}>${t('users.reactivate')}</button>`;
  }

  view() {
    const u = this.user;
    if (!u) return '';
    const self = u.id === getUser()?.id;
    const invalid = (name) => (this.errors[name] ? 'true' : 'false');
    return html`
      <div class="user-editor" data-test="user-editor">
        ${this.stale ? html`<div class="alert alert-warning" role="alert" data-test="user-edit-stale">${t('users.stale')}</div>` : ''}
        ${this.error ? html`<div class="alert alert-error" role="alert" data-test="user-edit-error">${errorText(this.error)}</div>` : ''}
        <form class="user-edit-form" novalidate @submit=${(e) => this.save(e)}>
          <label class="field">
            <span class="field-label">${t('users.name')}</span>
            <input class="input ${this.errors.name ? 'is-invalid' : ''}" type="text" autocomplete="off" data-test="user-edit-name"
              aria-invalid="${invalid('name')}" .value=${this.values.name} @input=${(e) => this.input('name', e.target.value)}>
            ${this.fieldError('name')}
          </label>
          <div class="field field-wide">
            <span class="field-label">${t('users.roles')}</span>
            ${roleChecks({ roles: this.roles, selected: this.values.roles, testId: 'user-edit-roles', invalid: Boolean(this.errors.roles),
              locked: self ? ['administrator'] : [], onToggle: (key, on) => this.input('roles', toggled(this.values.roles, key, on)) })}
            ${this.fieldError('roles')}
            ${self ? html`<span class="muted small">${t('users.ownRoleNote')}</span>` : ''}
          </div>
          <div class="user-edit-buttons">
            <button type="submit" class="btn btn-primary" data-test="user-save" ?disabled=${this.busy}>${t('common.save')}</button>
            <button type="button" class="btn btn-ghost" @click=${() => this.dispatchEvent(new CustomEvent('close', { bubbles: true }))}>${t('common.close')}</button>
          </div>
        </form>
        <div class="user-status-actions">
          ${u.locked ? html`<button type="button" class="btn btn-secondary" data-test="user-unlock" ?disabled=${this.busy}
            @click=${() => this.unlock()}>${t('users.unlock')}</button>` : ''}
          ${this.statusActions(u, self)}
          ${this.fieldError('active')}
        </div>
      </div>`;
  }
}
AfUserEditor.define('af-user-editor');
