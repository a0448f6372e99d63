// data-test: audit-filter-toggle (phone only), audit-filter-entity, audit-filter-user, audit-filter-source,
//            audit-filter-from, audit-filter-to, audit-filter-record, audit-filter-reset, audit-row (data-seq),
//            audit-row-toggle, audit-detail, audit-only-record, audit-open-record, pager-prev, pager-next, pager-status
//            (the changes inside a detail: audit-changes, audit-change, change-before, change-after)
// The audit log (审计日志), #/audit — only for holders of audit.entry.read. GET /audit/entries, newest
// first; every filter is in the URL: #/audit?entity=&user=&source=&from=&to=&record=&page=
// Each row reads as the server's sentence in the current language, naming the record ("Confirmed sales order
// SO-1997-10248"); the record types of the filter are the modules' own (GET /audit/entities). A row opens to
// show the changed fields, before → after, and where the change came from.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, onLanguageChange } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { href, navigate } from '../../core/router.js';
import { formatDateTime } from '../../core/format.js';
import { can } from '../../core/store.js';
import { icon } from '../../components/icons.js';
import { pageFrom, listStatus, pageHeader } from '../../components/list-helpers.js';
import { ENTITIES, SOURCES, entityLabel, sourceLabel, fieldLabel, changeEntries, changeList, actorName, loadIdNames, idName, entrySentence } from './audit-format.js';

const FILTERS = ['entity', 'user', 'source', 'from', 'to', 'record', 'page'];
const LIMIT = 50;
// Records with a page of their own.
const RECORD_PAGES = { 'sales.order': '/orders' };

export class AfAuditLog extends AfElement {
  static properties = ['query'];

  constructor() {
    super();
    this.state = { loading: false, data: null, error: null };
    this.users = null;
    // [{ entity, label }] in the current language, from the server; null until loaded.
    this.entities = null;
    this.open = new Set();
    this.filtersOpen = false;
    this.seq = 0;
  }

  connected() {
    // The user filter needs the user list, which only user managers may read.
    if (can('auth.user.manage')) {
      api.get('/auth/users', { limit: 200 }).then((page) => { this.users = page.items; this.requestUpdate(); }).catch(() => {});
    }
    this.loadEntities();
    // Sentences and labels come from the server in the language asked for: ask again in the new one.
    this.offLanguage = onLanguageChange(() => { this.loadEntities(); this.reload(); });
    this.reload();
  }

  disconnected() {
    this.offLanguage?.();
  }

  loadEntities() {
    api.get('/audit/entities').then((list) => { this.entities = list; this.requestUpdate(); }).catch(() => {});
  }

  changed(name, old) {
    const q = this.query ?? {};
    if (FILTERS.some((k) => q[k] !== old?.[k])) this.reload();
  }

  filter(patch) {
    this.open.clear();
    navigate('/audit', { ...this.query, ...patch, page: undefined });
  }

  async load() {
    const seq = ++this.seq;
    const q = this.query ?? {};
    this.state = { ...this.state, loading: true, error: null };
    this.requestUpdate();
    try {
      const [data] = await Promise.all([api.get('/audit/entries', {
        entity: q.entity, user: q.user, source: q.source, from: q.from, to: q.to, record: q.record, page: pageFrom(q), limit: LIMIT,
      }), loadIdNames()]);
      if (seq !== this.seq) return;
      this.state = { loading: false, data, error: null };
    } catch (error) {
      if (seq !== this.seq) return;
      this.state = { loading: false, data: this.state.data, error };
    }
    this.requestUpdate();
  }

  toggle(seq) {
    if (this.open.has(seq)) this.open.delete(seq);
    else this.open.add(seq);
    this.requestUpdate();
  }

  // The name the server gave the filtered record, once a row about it is on the page.
  recordName(id) {
    return (this.state.data?.items ?? []).find((e) => e.entityId === id)?.entityName ?? idName(id);
  }

  userName(id) {
    return this.users?.find((u) => u.id === id)?.name ?? idName(id);
  }

  filters(q) {
    const count = ['entity', 'user', 'source', 'from', 'to', 'record'].filter((k) => q[k]).length;
    return html`
      <div class="toolbar filters audit-filters ${this.filtersOpen ? 'is-open' : ''}">
        <button type="button" class="btn btn-secondary filter-toggle" data-test="audit-filter-toggle"
          aria-expanded="${this.filtersOpen ? 'true' : 'false'}"
          @click=${() => { this.filtersOpen = !this.filtersOpen; this.requestUpdate(); }}>
          ${icon('filter')}<span>${t('orders.filters')}${count ? ` (${count})` : ''}</span>
        </button>
        <label class="filter">
          <span class="filter-label">${t('audit.entity')}</span>
          <select class="input select" data-test="audit-filter-entity" .value=${q.entity ?? ''} @change=${(e) => this.filter({ entity: e.target.value })}>
            <option value="">${t('audit.allEntities')}</option>
            ${(this.entities ?? ENTITIES.map((code) => ({ entity: code, label: entityLabel(code) })))
              .map((k) => html`<option value="${k.entity}" data-key="${k.entity}">${k.label}</option>`)}
          </select>
        </label>
        ${this.users ? html`
          <label class="filter">
            <span class="filter-label">${t('audit.user')}</span>
            <select class="input select" data-test="audit-filter-user" .value=${q.user ?? ''} @change=${(e) => this.filter({ user: e.target.value })}>
              <option value="">${t('audit.anyone')}</option>
              ${this.users.map((u) => html`<option value="${u.id}" data-key="${u.id}">${u.name}</option>`)}
            </select>
          </label>` : ''}
        <label class="filter">
          <span class="filter-label">${t('audit.source')}</span>
          <select class="input select" data-test="audit-filter-source" .value=${q.source ?? ''} @change=${(e) => this.filter({ source: e.target.value })}>
            <option value="">${t('audit.anySource')}</option>
            ${SOURCES.map((code) => html`<option value="${code}">${sourceLabel(code)}</option>`)}
          </select>
        </label>
        <label class="filter">
          <span class="filter-label">${t('orders.from')}</span>
          <input type="date" class="input" data-test="audit-filter-from" .value=${q.from ?? ''} max="${q.to ?? ''}"
            @change=${(e) => this.filter({ from: e.target.value })}>
        </label>
        <label class="filter">
          <span class="filter-label">${t('orders.to')}</span>
          <input type="date" class="input" data-test="audit-filter-to" .value=${q.to ?? ''} min="${q.from ?? ''}"
            @change=${(e) => this.filter({ to: e.target.value })}>
        </label>
        ${q.record ? html`
          <div class="filter filter-wide">
            <span class="filter-label">${t('audit.record')}</span>
            <span class="record-chip" data-test="audit-filter-record">
              ${this.recordName(q.record) ? html`<span>${this.recordName(q.record)}</span>` : html`<code title="${q.record}">${q.record.slice(0, 8)}…</code>`}
              <button type="button" class="picker-clear" aria-label="${t('picker.clear')}" @click=${() => this.filter({ record: '' })}>${icon('close')}</button>
            </span>
          </div>` : ''}
        ${count ? html`<button type="button" class="btn btn-ghost filter-reset" data-test="audit-filter-reset"
          @click=${() => { this.open.clear(); navigate('/audit'); }}>${t('orders.resetFilters')}</button>` : ''}
      </div>`;
  }

  detail(e) {
    const page = RECORD_PAGES[e.entity];
    const behalf = e.onBehalfOf ? this.userName(e.onBehalfOf) ?? e.onBehalfOf : null;
    return html`
      <tr class="detail-row audit-detail-row" data-key="${e.seq}-detail">
        <td colspan="5" data-test="audit-detail">
          <div class="audit-detail">
            ${changeList(e.changes)}
            <dl class="fields audit-meta">
              ${e.entityId ? html`
                <div class="field-pair"><dt>${t('audit.record')}</dt>
                  <dd class="audit-record">
                    ${e.entityName ?? idName(e.entityId) ? html`<span>${e.entityName ?? idName(e.entityId)}</span>` : ''}
                    <code class="change-id">${e.entityId}</code>
                    <span class="audit-record-actions">
                      <button type="button" class="btn-link" data-test="audit-only-record" @click=${() => this.filter({ record: e.entityId, entity: e.entity })}>${t('audit.onlyRecord')}</button>
                      ${page ? html`<a href="${href(`${page}/${e.entityId}`)}" data-test="audit-open-record">${t('audit.openRecord')}</a>` : ''}
                    </span>
                  </dd></div>` : ''}
              ${behalf ? html`<div class="field-pair"><dt>${t('audit.onBehalfOf')}</dt><dd>${behalf}</dd></div>` : ''}
              ${e.ip ? html`<div class="field-pair"><dt>${t('audit.ip')}</dt><dd data-test="audit-ip">${e.ip}</dd></div>` : ''}
              ${e.userAgent ? html`<div class="field-pair"><dt>${t('audit.userAgent')}</dt><dd class="audit-user-agent" data-test="audit-user-agent">${e.userAgent}</dd></div>` : ''}
              ${e.requestId ? html`<div class="field-pair"><dt>${t('audit.requestId')}</dt><dd><code class="change-id">${e.requestId}</code></dd></div>` : ''}
              <div class="field-pair"><dt>${t('audit.seq')}</dt><dd>${e.seq}</dd></div>
            </dl>
          </div>
        </td>
      </tr>`;
  }

  row(e) {
    const open = this.open.has(e.seq);
    const fields = changeEntries(e.changes).map(([f]) => fieldLabel(f));
    return html`
      <tr class="row-link audit-row ${open ? 'is-open' : ''}" data-test="audit-row" data-key="${e.seq}" data-seq="${e.seq}"
        @click=${(ev) => { if (!ev.target.closest('a, button')) this.toggle(e.seq); }}>
        <td class="cell-title audit-what">
          <span class="audit-summary" data-test="audit-summary">${entrySentence(e)}</span>
          ${fields.length ? html`<span class="muted small audit-fields">${fields.slice(0, 4).join(t('audit.listSeparator'))}${fields.length > 4 ? ` +${fields.length - 4}` : ''}</span>` : ''}
        </td>
        <td data-label="${t('audit.at')}" class="nowrap"><time datetime="${e.at}" title="${e.at}">${formatDateTime(e.at)}</time></td>
        <td data-label="${t('audit.user')}">${actorName(e)}</td>
        <td data-label="${t('audit.source')}"><span class="badge source-badge">${sourceLabel(e.source)}</span></td>
        <td class="audit-toggle-cell">
          <button type="button" class="btn btn-ghost btn-small audit-toggle ${open ? 'is-open' : ''}" data-test="audit-row-toggle"
            aria-expanded="${open ? 'true' : 'false'}" aria-label="${t('audit.details')}" title="${t('audit.details')}"
            @click=${() => this.toggle(e.seq)}>${icon('chevron', 'icon chart-chevron')}</button>
        </td>
      </tr>
      ${open ? this.detail(e) : ''}`;
  }

  view() {
    const q = this.query ?? {};
    const data = this.state.data;
    return html`
      ${pageHeader(t('nav.audit'), data ? html`<span class="muted count">${t('common.count', { count: data.total })}</span>` : '')}
      ${this.filters(q)}
      <div class="card table-card ${this.state.loading ? 'is-loading' : ''}">
        <table class="table responsive-table audit-table">
          <thead>
            <tr>
              <th scope="col">${t('audit.what')}</th>
              <th scope="col">${t('audit.at')}</th>
              <th scope="col">${t('audit.user')}</th>
              <th scope="col">${t('audit.source')}</th>
              <th scope="col"><span class="visually-hidden">${t('audit.details')}</span></th>
            </tr>
          </thead>
          <tbody>
            ${listStatus(this.state, 5)}
            ${(data?.items ?? []).map((e) => this.row(e))}
          </tbody>
        </table>
      </div>
      ${data && data.total > 0 ? html`<af-pager .page=${data.page} .limit=${data.limit} .total=${data.total}
        @page-change=${(ev) => { this.open.clear(); navigate('/audit', { ...q, page: ev.detail.page }); }}></af-pager>` : ''}`;
  }
}
AfAuditLog.define('af-audit-log');
