// data-test: user-search, user-new, user-row (data-id = user id), user-name, user-email, user-status, user-manage
//            (and those of af-data-list; the forms' names are in af-user-create.js, af-user-editor.js)
// Users (用户管理), #/users?q=&active=&sort=&page= — only for holders of auth.user.manage, on the shared list
// (components/af-data-list.js). "New user" opens af-user-create above the list, "Manage" opens af-user-editor under
// that user; invitations are listed below.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { icon } from '../../components/icons.js';
import '../../components/af-data-list.js';
import { roleBadges, loadRoles } from './roles.js';

export class AfUserList extends AfElement {
  static properties = ['query'];

  constructor() {
    super();
    this.creating = false;
    this.managing = null;
    this.config = {
      key: 'identity.users',
      endpoint: '/auth/users',
      path: '/users',
      title: 'nav.users',
      testId: 'user',
      search: 'users.searchPlaceholder',
      cells: {
        name: { render: (u) => html`<div class="user-cell">
          <span class="avatar avatar-sm" aria-hidden="true">${(u.name ?? '?').slice(0, 1)}</span>
          <div class="user-cell-text"><div data-test="user-name">${u.name}</div>
            <div class="muted small user-email" data-test="user-email" title="${u.email}">${u.email}</div></div></div>` },
        roles: { render: (u) => roleBadges(u.roles) },
        active: { render: (u) => this.status(u) },
        locked: { render: (u) => (u.locked ? html`<span class="badge badge-danger">${t('users.locked')}</span>` : '') },
        twoFactorEnabled: { render: (u) => (u.twoFactorEnabled ? html`<span class="badge badge-info">${t('users.twoFactor')}</span>` : '') },
      },
      actions: () => html`<button type="button" class="btn btn-primary" data-test="user-new" ?disabled=${this.creating}
        @click=${() => { this.creating = true; this.managing = null; this.refreshList(); }}>${icon('plus')}<span>${t('users.new')}</span></button>`,
      before: () => (this.creating ? html`
        <div class="card card-pad section-gap-bottom">
          <af-user-create @created=${() => { this.list()?.refresh(); this.querySelector('af-invitation-list')?.reload(); }}
            @close=${() => { this.creating = false; this.refreshList(); }}></af-user-create>
        </div>` : ''),
      rowActions: (u) => {
        const open = this.managing === u.id;
        return html`<button type="button" class="btn btn-secondary btn-small" data-test="user-manage" aria-expanded="${open ? 'true' : 'false'}"
          aria-label="${t('users.manage')}: ${u.name}"
          @click=${() => { this.managing = open ? null : u.id; this.creating = false; this.refreshList(); }}>
          ${icon('edit')}<span>${t('users.manage')}</span></button>`;
      },
      rowDetail: (u) => (this.managing === u.id ? html`<af-user-editor .user=${u} @changed=${() => this.list()?.refresh()}
        @close=${() => { this.managing = null; this.refreshList(); }}></af-user-editor>` : ''),
      after: () => html`<af-invitation-list></af-invitation-list>`,
    };
  }

  connected() {
    // Custom roles' names, for the badges.
    loadRoles(true).then(() => this.refreshList(), () => {});
  }

  list() {
    return this.querySelector('af-data-list');
  }

  refreshList() {
    this.requestUpdate();
    this.list()?.requestUpdate();
  }

  status(u) {
    return html`
      <span class="user-badges" data-test="user-status" data-active="${u.active ? 'true' : 'false'}" data-locked="${u.locked ? 'true' : 'false'}">
        ${u.active ? html`<span class="badge badge-success">${t('users.active')}</span>` : html`<span class="badge badge-inactive">${t('users.inactive')}</span>`}
        ${u.locked ? html`<span class="badge badge-danger">${t('users.locked')}</span>` : ''}
        ${u.twoFactorEnabled ? html`<span class="badge badge-info">${t('users.twoFactor')}</span>` : ''}
        ${u.mustChangePassword ? html`<span class="badge badge-warning">${t('users.mustChangePassword')}</span>` : ''}
      </span>`;
  }

  view() {
    return html`<af-data-list .config=${this.config} .query=${this.query}></af-data-list>`;
  }
}
AfUserList.define('af-user-list');
