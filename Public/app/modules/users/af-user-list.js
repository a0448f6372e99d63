// data-test: user-search, user-new, user-row (data-id = user id), user-name, user-email, user-role, user-status,
//            user-manage, pager-prev, pager-next, pager-status (the forms' names are in af-user-create.js, af-user-editor.js)
// Users (用户管理), #/users?q=&page= — only for holders of auth.user.manage. Lists GET /auth/users;
// "New user" opens af-user-create above the list, "Manage" opens af-user-editor under that user.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { debounce } from '../../core/debounce.js';
import { navigate } from '../../core/router.js';
import { icon } from '../../components/icons.js';
import { PAGE_SIZE, pageFrom, listStatus, pageHeader, loadLatest } from '../../components/list-helpers.js';
import { roleBadges, loadRoles } from './roles.js';

export class AfUserList extends AfElement {
  static properties = ['query'];

  constructor() {
    super();
    this.state = { loading: false, data: null, error: null };
    this.search = '';
    this.creating = false;
    this.managing = null;
    this.seq = 0;
    this.pushSearch = debounce(() => navigate('/users', { q: this.search.trim() }, { replace: true }), 250);
  }

  connected() {
    this.search = this.query?.q ?? '';
    this.reload();
    // Custom roles' names, for the badges.
    loadRoles(true).then(() => this.requestUpdate(), () => {});
  }

  disconnected() {
    this.pushSearch.cancel();
  }

  changed(name, old) {
    if (old?.q !== this.query?.q || old?.page !== this.query?.page) {
      if (!this.contains(document.activeElement)) this.search = this.query?.q ?? '';
      this.reload();
    }
  }

  async load() {
    const q = this.query ?? {};
    await loadLatest(this, () => api.get('/auth/users', { q: q.q, page: pageFrom(q), limit: PAGE_SIZE }));
  }

  // Put the user as the server answered into the list, without a reload that would move rows.
  replace(user) {
    const data = this.state.data;
    if (!data) return;
    this.state = { ...this.state, data: { ...data, items: data.items.map((u) => (u.id === user.id ? user : u)) } };
    this.requestUpdate();
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

  row(u) {
    const open = this.managing === u.id;
    return html`
      <tr data-test="user-row" data-key="${u.id}" data-id="${u.id}" class="${u.active ? '' : 'is-archived'} ${open ? 'is-open' : ''}">
        <td class="cell-title">
          <div class="user-cell">
            <span class="avatar avatar-sm" aria-hidden="true">${(u.name ?? '?').slice(0, 1)}</span>
            <div class="user-cell-text">
              <div data-test="user-name">${u.name}</div>
              <div class="muted small user-email" data-test="user-email" title="${u.email}">${u.email}</div>
            </div>
          </div>
        </td>
        <td data-label="${t('users.roles')}">${roleBadges(u.roles)}</td>
        <td data-label="${t('users.status')}">${this.status(u)}</td>
        <td class="user-actions">
          <button type="button" class="btn btn-secondary btn-small" data-test="user-manage" aria-expanded="${open ? 'true' : 'false'}"
            aria-label="${t('users.manage')}: ${u.name}"
            @click=${() => { this.managing = open ? null : u.id; this.creating = false; this.requestUpdate(); }}>
            ${icon('edit')}<span>${t('users.manage')}</span>
          </button>
        </td>
      </tr>
      ${open ? html`
        <tr class="detail-row" data-key="${u.id}-editor">
          <td colspan="4">
            <af-user-editor .user=${u} @changed=${(e) => this.replace(e.detail)}
              @close=${() => { this.managing = null; this.requestUpdate(); }}></af-user-editor>
          </td>
        </tr>` : ''}`;
  }

  view() {
    const q = this.query ?? {};
    const data = this.state.data;
    return html`
      ${pageHeader(t('nav.users'), html`
        ${data ? html`<span class="muted count">${t('common.count', { count: data.total })}</span>` : ''}
        <button type="button" class="btn btn-primary" data-test="user-new" ?disabled=${this.creating}
          @click=${() => { this.creating = true; this.managing = null; this.requestUpdate(); }}>${icon('plus')}<span>${t('users.new')}</span></button>`)}
      ${this.creating ? html`
        <div class="card card-pad section-gap-bottom">
          <af-user-create @created=${() => { this.load(); this.querySelector('af-invitation-list')?.reload(); }} @close=${() => { this.creating = false; this.requestUpdate(); }}></af-user-create>
        </div>` : ''}
      <div class="toolbar">
        <label class="search-box">
          ${icon('search')}
          <input type="search" class="input" data-test="user-search" placeholder="${t('users.searchPlaceholder')}"
            aria-label="${t('users.searchPlaceholder')}" .value=${this.search}
            @input=${(e) => { this.search = e.target.value; this.pushSearch(); }}>
        </label>
      </div>
      <div class="card table-card ${this.state.loading ? 'is-loading' : ''}">
        <table class="table responsive-table user-table">
          <thead>
            <tr>
              <th scope="col">${t('users.name')}</th>
              <th scope="col">${t('users.roles')}</th>
              <th scope="col">${t('users.status')}</th>
              <th scope="col"><span class="visually-hidden">${t('users.manage')}</span></th>
            </tr>
          </thead>
          <tbody>
            ${listStatus(this.state, 4)}
            ${(data?.items ?? []).map((u) => this.row(u))}
          </tbody>
        </table>
      </div>
      ${data && data.total > 0 ? html`<af-pager .page=${data.page} .limit=${data.limit} .total=${data.total}
        @page-change=${(e) => navigate('/users', { ...q, page: e.detail.page })}></af-pager>` : ''}
      <af-invitation-list></af-invitation-list>`;
  }
}
AfUserList.define('af-user-list');
