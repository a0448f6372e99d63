// data-test: role-list, role-row (data-id, data-role = key), role-name, role-kind, role-description, role-users,
//            role-2fa (checkbox), role-edit, role-reset, role-archive, role-restore, role-error (data-kind error | stale)
//            (the editor's names are in af-role-editor.js)
// The roles themselves (角色): name and description, built-in or custom, how many users hold each,
// "Require two-factor sign-in", and the actions: rename a custom role, reset a customised built-in
// role, archive or restore a custom role (refused while users hold it: the server's message is shown
// under the role). Properties: roles, manage, busy (Set of role ids), errors (Map id → {kind, text}).
// Emits `role-patch` {role, body, message} for the page to send, `role-reset` {role} and
// `role-changed` (detail: the role, after a rename).
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { icon } from '../../components/icons.js';
import { ADMINISTRATOR, roleLabel, userCount } from './role-text.js';

export class AfRoleList extends AfElement {
  static properties = ['roles', 'manage', 'busy', 'errors'];

  constructor() {
    super();
    this.editing = null;
  }

  emit(name, detail) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true }));
  }

  patch(role, body, message) {
    this.emit('role-patch', { role, body, message });
  }

  actions(r, label) {
    if (!this.manage) return '';
    const busy = this.busy?.has(r.id) ?? false;
    const open = this.editing === r.id;
    return html`
      ${!r.builtIn && !r.archived ? html`
        <button type="button" class="btn btn-ghost btn-small" data-test="role-edit" aria-expanded="${open ? 'true' : 'false'}"
          aria-label="${t('roles.edit')}: ${label}" @click=${() => { this.editing = open ? null : r.id; this.requestUpdate(); }}>
          ${icon('edit')}<span>${t('roles.edit')}</span>
        </button>` : ''}
      ${r.builtIn && r.customised ? html`
        <button type="button" class="btn btn-ghost btn-small" data-test="role-reset" data-role="${r.key}" ?disabled=${busy}
          aria-label="${t('roles.reset')}: ${label}" @click=${() => this.emit('role-reset', { role: r })}>
          ${icon('reset')}<span>${t('roles.reset')}</span>
        </button>` : ''}
      ${!r.builtIn && !r.archived ? html`
        <button type="button" class="btn btn-ghost btn-small" data-test="role-archive" ?disabled=${busy}
          aria-label="${t('roles.archive')}: ${label}" @click=${() => this.patch(r, { archived: true }, 'roles.archivedDone')}>
          ${icon('archive')}<span>${t('roles.archive')}</span>
        </button>` : ''}
      ${r.archived ? html`
        <button type="button" class="btn btn-ghost btn-small" data-test="role-restore" ?disabled=${busy}
          aria-label="${t('roles.restore')}: ${label}" @click=${() => this.patch(r, { archived: false }, 'roles.restoredDone')}>
          <span>${t('roles.restore')}</span>
        </button>` : ''}`;
  }

  row(r) {
    const label = roleLabel(r);
    const admin = r.key === ADMINISTRATOR;
    const busy = this.busy?.has(r.id) ?? false;
    const open = this.editing === r.id;
    const error = this.errors?.get(r.id);
    return html`
      <tr data-test="role-row" data-key="${r.id}" data-id="${r.id}" data-role="${r.key}" class="${r.archived ? 'is-archived' : ''} ${open ? 'is-open' : ''}">
        <td class="cell-title">
          <div class="role-title">
            <span data-test="role-name">${label}</span>
            <span class="badge ${r.builtIn ? 'badge-muted' : 'badge-info'} role-kind" data-test="role-kind">${t(r.builtIn ? 'roles.builtIn' : 'roles.custom')}</span>
            ${r.customised ? html`<span class="badge badge-warning">${t('roles.customised')}</span>` : ''}
            ${r.archived ? html`<span class="badge badge-inactive">${t('common.archived')}</span>` : ''}
          </div>
          ${r.description ? html`<div class="muted small role-description" data-test="role-description">${r.description}</div>` : ''}
          ${admin ? html`<div class="muted small role-description">${t('roles.adminAlways')}</div>` : ''}
        </td>
        <td data-label="${t('roles.usersHeader')}" data-test="role-users" data-count="${r.userCount}">${userCount(r.userCount)}</td>
        <td data-label="${t('roles.twoFactor')}">
          <label class="check role-2fa" title="${admin ? t('roles.adminAlways') : ''}">
            <input type="checkbox" data-test="role-2fa" .checked=${r.requireTwoFactor}
              ?disabled=${!this.manage || !r.editable || r.archived || busy}
              aria-label="${t('roles.requireTwoFactor')}: ${label}"
              @change=${(e) => this.patch(r, { requireTwoFactor: e.target.checked }, e.target.checked ? 'roles.twoFactorOn' : 'roles.twoFactorOff')}>
            <span>${t('roles.twoFactorRequired')}</span>
          </label>
        </td>
        <td class="role-actions ${this.manage && (!r.builtIn || r.customised) ? '' : 'is-empty'}">${this.actions(r, label)}</td>
      </tr>
      ${error ? html`
        <tr class="detail-row" data-key="${r.id}-error">
          <td colspan="4">
            <div class="alert ${error.kind === 'stale' ? 'alert-warning' : 'alert-error'} role-error" role="alert"
              data-test="role-error" data-kind="${error.kind}">${error.text}</div>
          </td>
        </tr>` : ''}
      ${open ? html`
        <tr class="detail-row" data-key="${r.id}-editor">
          <td colspan="4">
            <af-role-editor .role=${r} @changed=${(e) => { e.stopPropagation(); this.emit('role-changed', e.detail); }}
              @close=${(e) => { e.stopPropagation(); this.editing = null; this.requestUpdate(); }}></af-role-editor>
          </td>
        </tr>` : ''}`;
  }

  view() {
    const roles = this.roles ?? [];
    return html`
      <div class="card table-card">
        <table class="table responsive-table role-table" data-test="role-list">
          <thead>
            <tr>
              <th scope="col">${t('roles.role')}</th>
              <th scope="col">${t('roles.usersHeader')}</th>
              <th scope="col">${t('roles.twoFactor')}</th>
              <th scope="col"><span class="visually-hidden">${t('roles.actions')}</span></th>
            </tr>
          </thead>
          <tbody>${roles.map((r) => this.row(r))}</tbody>
        </table>
      </div>`;
  }
}
AfRoleList.define('af-role-list');
