// data-test: audit-filter-entity, audit-filter-user, audit-filter-from, audit-filter-to, audit-filter-record,
//            audit-row (data-seq), audit-summary, audit-row-toggle, audit-detail, audit-only-record, audit-open-record
//            (the changes inside a detail: audit-changes, audit-change, change-before, change-after), and those of af-data-list
// The audit log (审计日志), #/audit — only for holders of audit.entry.read — on the shared list
// (components/af-data-list.js): GET /audit/entries, newest first, sortable by its columns, filtered by kind of
// record, record, user, source and days, exportable as CSV/XLSX under the same filters. Every filter is in the URL:
// #/audit?entity=&user=&source=&from=&to=&record=&sort=&page=
// Each row reads as the server's sentence in the current language, naming the record ("Confirmed sales order
// SO-1997-10248"); the record types of the filter are the modules' own (GET /audit/entities). A row opens to
// show the changed fields, before → after, and where the change came from. Entries have no id of their own to
// select by, so the list offers no selection.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, onLanguageChange } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { href, navigate } from '../../core/router.js';
import { formatDateTime } from '../../core/format.js';
import { can } from '../../core/store.js';
import { icon } from '../../components/icons.js';
import '../../components/af-data-list.js';
import { ENTITIES, entityLabel, sourceLabel, fieldLabel, changeEntries, changeList, actorName, loadIdNames, idName, entrySentence } from './audit-format.js';

// Records with a page of their own.
const RECORD_PAGES = { 'sales.order': '/orders' };

export class AfAuditLog extends AfElement {
  static properties = ['query'];

  constructor() {
    super();
    this.users = null;
    // [{ entity, label }] in the current language, from the server; null until loaded.
    this.entities = null;
    this.open = new Set();
    // Names of the ids in changes (departments, employees…), and of the filtered record once a row names it.
    this.names = {};
    this.config = this.listConfig();
  }

  connected() {
    // The user filter needs the user list, which only user managers may read.
    if (can('auth.user.manage')) {
      api.get('/auth/users', { limit: 200 }).then((page) => { this.users = page.items; this.refreshList(); }).catch(() => {});
    }
    this.loadEntities();
    loadIdNames().then(() => this.refreshList()).catch(() => {});
    this.offLanguage = onLanguageChange(() => this.loadEntities());
  }

  disconnected() {
    this.offLanguage?.();
  }

  loadEntities() {
    api.get('/audit/entities').then((list) => { this.entities = list; this.refreshList(); }).catch(() => {});
  }

  // The list's rows are drawn by af-data-list from this config: redraw it when what the config reads changes.
  refreshList() {
    this.querySelector('af-data-list')?.requestUpdate();
  }

  toggle(seq) {
    if (this.open.has(seq)) this.open.delete(seq);
    else this.open.add(seq);
    this.refreshList();
  }

  filter(patch) {
    this.open.clear();
    navigate('/audit', { ...this.query, ...patch, page: undefined });
  }

  userName(id) {
    return this.users?.find((u) => u.id === id)?.name ?? idName(id);
  }

  // The name the server gave the filtered record, once a row about it is on the page.
  recordName(id) {
    const items = this.querySelector('af-data-list')?.state?.data?.items ?? [];
    return items.find((e) => e.entityId === id)?.entityName ?? idName(id);
  }

  listConfig() {
    return {
      key: 'audit.entries',
      endpoint: '/audit/entries',
      path: '/audit',
      title: 'nav.audit',
      testId: 'audit',
      selectable: false,
      itemKey: (e) => `seq-${e.seq}`,
      cells: {
        summary: { render: (e) => {
          const fields = changeEntries(e.changes).map(([f]) => fieldLabel(f));
          return html`<span class="audit-summary" data-test="audit-summary" data-seq="${e.seq}">${entrySentence(e)}</span>
            ${fields.length ? html`<span class="muted small audit-fields">${fields.slice(0, 4).join(t('audit.listSeparator'))}${fields.length > 4 ? ` +${fields.length - 4}` : ''}</span>` : ''}`;
        } },
        at: { render: (e) => html`<time datetime="${e.at}" title="${e.at}">${formatDateTime(e.at)}</time>` },
        actorName: { render: (e) => actorName(e) },
        source: { render: (e) => html`<span class="badge source-badge">${sourceLabel(e.source)}</span>` },
        entityLabel: { render: (e) => e.entityLabel ?? entityLabel(e.entity) },
      },
      extraParams: ['entity', 'user', 'from', 'to', 'record'],
      extraFilters: (q, go) => this.filters(q, go),
      before: () => this.recordChip(this.query ?? {}),
      rowActions: (e) => {
        const open = this.open.has(e.seq);
        return html`<button type="button" class="btn btn-ghost btn-small audit-toggle ${open ? 'is-open' : ''}" data-test="audit-row-toggle"
          aria-expanded="${open ? 'true' : 'false'}" aria-label="${t('audit.details')}" title="${t('audit.details')}"
          @click=${() => this.toggle(e.seq)}>${icon('chevron', 'icon chart-chevron')}</button>`;
      },
      rowDetail: (e) => (this.open.has(e.seq) ? this.detail(e) : ''),
    };
  }

  filters(q, go) {
    return html`
      <label class="filter">
        <span class="filter-label">${t('audit.entity')}</span>
        <select class="input select" data-test="audit-filter-entity" .value=${q.entity ?? ''} @change=${(e) => go({ entity: e.target.value })}>
          <option value="">${t('audit.allEntities')}</option>
          ${(this.entities ?? ENTITIES.map((code) => ({ entity: code, label: entityLabel(code) })))
            .map((k) => html`<option value="${k.entity}" data-key="${k.entity}">${k.label}</option>`)}
        </select>
      </label>
      ${this.users ? html`
        <label class="filter">
          <span class="filter-label">${t('audit.user')}</span>
          <select class="input select" data-test="audit-filter-user" .value=${q.user ?? ''} @change=${(e) => go({ user: e.target.value })}>
            <option value="">${t('audit.anyone')}</option>
            ${this.users.map((u) => html`<option value="${u.id}" data-key="${u.id}">${u.name}</option>`)}
          </select>
        </label>` : ''}
      <label class="filter">
        <span class="filter-label">${t('orders.from')}</span>
        <input type="date" class="input" data-test="audit-filter-from" .value=${q.from ?? ''} max="${q.to ?? ''}"
          @change=${(e) => go({ from: e.target.value })}>
      </label>
      <label class="filter">
        <span class="filter-label">${t('orders.to')}</span>
        <input type="date" class="input" data-test="audit-filter-to" .value=${q.to ?? ''} min="${q.from ?? ''}"
          @change=${(e) => go({ to: e.target.value })}>
      </label>`;
  }

  // Filtered to one record ("Only this record" in a row, or a record's History link): always shown, with a way out.
  recordChip(q) {
    if (!q.record) return '';
    const name = this.recordName(q.record);
    return html`<div class="audit-record-filter">
      <span class="filter-label">${t('audit.record')}</span>
      <span class="record-chip" data-test="audit-filter-record">
        ${name ? html`<span>${name}</span>` : html`<code title="${q.record}">${q.record.slice(0, 8)}…</code>`}
        <button type="button" class="picker-clear" aria-label="${t('picker.clear')}" @click=${() => this.filter({ record: '' })}>${icon('close')}</button>
      </span>
    </div>`;
  }

  detail(e) {
    const page = RECORD_PAGES[e.entity];
    const behalf = e.onBehalfOf ? this.userName(e.onBehalfOf) ?? e.onBehalfOf : null;
    return html`
      <div class="audit-detail" data-test="audit-detail">
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
      </div>`;
  }

  view() {
    return html`<af-data-list class="audit-log" .config=${this.config} .query=${this.query}></af-data-list>`;
  }
}
AfAuditLog.define('af-audit-log');
