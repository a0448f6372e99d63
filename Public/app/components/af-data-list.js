// data-test: list-sort (the phone's sort select), <testId>-row, <testId>-search, <testId>-export (CSV), <testId>-export-xlsx, list-sort-<column>, list-select-all (table), list-select-page (cards),
//            list-select, list-selected-count, list-clear-selection, list-bulk-<action>, list-bulk-value, list-bulk-result,
//            list-filters-toggle, list-filter-<param>, list-filter-reset, list-columns-toggle, list-column-<key>,
//            list-column-up-<key>, list-column-down-<key>, list-columns-reset, list-saved, list-save-filter, list-saved-name,
//            list-saved-confirm, list-saved-delete, list-export-progress, list-export-download, list-count, empty-list, pager-*
//
// The one list of the web app (issue 9 point 1). A module gives a `config` and the route's `query`; the server's
// GET /lists/{key} says which columns exist (headers in the reader's language), which the user chose, their saved
// filters and the bulk actions they may run. Sort, filters and page live in the URL; column choice and saved filters
// on the server, per user. A desktop shows a table with sortable headers, a phone the same rows as cards (styles.css
// `responsive-table`); selection and bulk actions work on both.
//
// config = {
//   key: 'sales.orders', endpoint: '/sales/orders', path: '/orders', title: 'nav.orders', testId: 'order',
//   rowHref(item), search: 'orders.searchPlaceholder' (the `q` box; omit for none), actions() → extra header buttons,
//   cells: { <column key>: { render(item), num: true } },   // how a cell looks (default: the item's field as text)
//   values: { <column key>: (value) => label },              // labels of enumeration values
//   references: { <column key>: { search(q), label(id), options() } }, // a record filter: a picker or a select
//   bulkValues: { <action key>: { options() → [{id, label}] } },
//   extraFilters(query, go) → more filter controls (parameters that are not columns), extraParams: their names,
//   rowActions(item) → buttons in a last cell, rowDetail(item) → a row opened under it, before()/after() → content around the list,
//   selectable: false → no selection (a list without ids, e.g. the audit log), itemKey(item) → the row's key (default item.id),
//   keep: ['tab', 'box'] → route parameters that are not filters and stay when filters are reset or a saved filter is applied,
//   local: ['tab'] → route parameters of the page, never sent to the server (nor saved, nor exported),
//   empty() → what an empty list says when nothing filters it,
//   embedded: true → the list sits in a tab of a page that has its title: no heading of its own,
// }
// Events: `bulk-done` (detail: the result) after a bulk action, for pages that show counts beside the list.
import { AfElement } from '../core/element.js';
import { html } from '../core/html.js';
import { t, errorText, getLanguage } from '../core/i18n.js';
import { api } from '../core/api.js';
import { debounce } from '../core/debounce.js';
import { href, navigate } from '../core/router.js';
import { notify } from '../core/notify.js';
import { icon } from './icons.js';
import { PAGE_SIZE, pageFrom, listStatus, pageHeader, openRow } from './list-helpers.js';

const RANGE_KINDS = new Set(['day', 'instant', 'number', 'money']);

export class AfDataList extends AfElement {
  static properties = ['config', 'query'];

  constructor() {
    super();
    this.info = null;
    this.state = { loading: false, data: null, error: null };
    this.selected = new Set();
    this.panel = null; // 'filters' | 'columns' | 'save'
    this.draftColumns = null;
    this.search = '';
    this.bulkValue = {};
    this.bulkOptions = {};
    this.result = null;
    this.exportJob = null;
    this.refLabels = {};
    this.seq = 0;
    this.pushSearch = debounce(() => this.go({ q: this.search.trim() }, true), 250);
  }

  connected() {
    this.search = this.query?.q ?? '';
    this.loadInfo();
    this.reload();
  }

  disconnected() {
    this.pushSearch.cancel();
    clearTimeout(this.pollTimer);
  }

  changed(name, old) {
    if (name === 'config') {
      // Another list (an inbox's other box): nothing of the last one stays.
      this.info = null;
      this.selected = new Set();
      this.result = null;
      this.search = this.query?.q ?? '';
      this.loadInfo();
      this.reload();
      return;
    }
    const before = JSON.stringify(old ?? {});
    if (before !== JSON.stringify(this.query ?? {})) {
      // Keep what is being typed; anything else (a tab, a saved filter, back) shows the URL's search.
      const typing = this.contains(document.activeElement) && document.activeElement.matches('input[type="search"]');
      if (!typing) this.search = this.query?.q ?? '';
      this.reload();
    }
  }

  async loadInfo() {
    const config = this.config;
    if (!config) return;
    const language = getLanguage();
    try {
      const info = await api.get(`/lists/${encodeURIComponent(config.key)}`);
      if (config !== this.config) return;
      this.info = info;
      this.infoLanguage = language;
      for (const action of info.bulkActions) {
        const source = config.bulkValues?.[action.key];
        if (source && !this.bulkOptions[action.key]) {
          source.options().then((options) => { this.bulkOptions[action.key] = options; this.requestUpdate(); }).catch(() => {});
        }
      }
      for (const column of info.columns) {
        const ref = config.references?.[column.key];
        if (ref?.options && !this.refLabels[column.key]) {
          ref.options().then((options) => { this.refLabels[column.key] = options; this.requestUpdate(); }).catch(() => {});
        }
      }
    } catch (error) {
      this.state = { ...this.state, error };
    }
    this.requestUpdate();
  }

  // The list's own parameters from the route: filters, q, sort, page.
  params() {
    const q = { ...(this.query ?? {}) };
    delete q.page;
    for (const name of this.config?.local ?? []) delete q[name];
    return q;
  }

  // The route parameters that are not filters (a page's tab, an inbox's box): kept when filters change wholesale.
  kept(extra = {}) {
    const kept = {};
    for (const name of this.config?.keep ?? []) if (this.query?.[name]) kept[name] = this.query[name];
    return { ...kept, ...extra };
  }

  go(patch, replace = false) {
    navigate(this.config.path, { ...this.query, ...patch, page: undefined }, { replace });
  }

  async load() {
    const config = this.config;
    if (!config) return;
    const seq = ++this.seq;
    this.state = { ...this.state, loading: true, error: null };
    this.requestUpdate();
    try {
      const data = await api.get(config.endpoint, { ...this.params(), page: pageFrom(this.query), limit: PAGE_SIZE });
      if (seq !== this.seq) return;
      this.state = { loading: false, data, error: null };
    } catch (error) {
      if (seq !== this.seq) return;
      this.state = { loading: false, data: this.state.data, error };
    }
    this.requestUpdate();
  }

  // --- columns -------------------------------------------------------------------------------------------------------

  visibleColumns() {
    if (!this.info) return [];
    const byKey = new Map(this.info.columns.map((c) => [c.key, c]));
    const keys = this.info.chosenColumns ?? this.info.defaultColumns;
    return keys.map((k) => byKey.get(k)).filter(Boolean);
  }

  sortKeys() {
    const text = this.query?.sort || this.info?.defaultSort || '';
    return text.split(',').filter(Boolean).map((part) => ({ key: part.replace(/^-/, ''), descending: part.startsWith('-') }));
  }

  toggleSort(column) {
    const [first] = this.sortKeys();
    const descending = first?.key === column.key ? !first.descending : false;
    this.go({ sort: `${descending ? '-' : ''}${column.key}` });
  }

  async saveColumns(keys) {
    try {
      this.info = await api.put(`/lists/${encodeURIComponent(this.config.key)}/columns`, { columns: keys });
      this.panel = null;
      this.draftColumns = null;
    } catch (error) {
      notify(errorText(error), 'error');
    }
    this.requestUpdate();
  }

  moveColumn(key, delta) {
    const keys = [...this.draftColumns];
    const at = keys.indexOf(key);
    const to = at + delta;
    if (at < 0 || to < 0 || to >= keys.length) return;
    [keys[at], keys[to]] = [keys[to], keys[at]];
    this.draftColumns = keys;
    this.requestUpdate();
  }

  // --- selection and bulk actions ------------------------------------------------------------------------------------

  toggleRow(id, on) {
    if (on) this.selected.add(id);
    else this.selected.delete(id);
    this.requestUpdate();
  }

  togglePage(on) {
    for (const item of this.state.data?.items ?? []) {
      if (on) this.selected.add(item.id);
      else this.selected.delete(item.id);
    }
    this.requestUpdate();
  }

  async runBulk(action) {
    const value = this.bulkValue[action.key];
    if (action.valueKind && !value) {
      notify(t('list.chooseValue'), 'error');
      return;
    }
    try {
      const result = await api.post(`${this.config.endpoint}/bulk/${action.key}`, { ids: [...this.selected], value: value || undefined });
      // Names as shown now: a refused row may have left the page when it is drawn again.
      const names = Object.fromEntries(result.items.map((i) => [i.id, this.rowName(i.id)]));
      this.result = { action: action.label, names, ...result };
      for (const item of result.items) if (item.outcome === 'done') this.selected.delete(item.id);
      this.dispatchEvent(new CustomEvent('bulk-done', { detail: result, bubbles: true }));
      notify(t('list.bulkDone', { done: result.done, refused: result.refused }), result.refused ? 'error' : 'info');
      this.reload();
    } catch (error) {
      notify(errorText(error), 'error');
    }
    this.requestUpdate();
  }

  // --- export ---------------------------------------------------------------------------------------------------------

  exportQuery(format) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(this.params())) if (v) params.set(k, v);
    params.set('columns', this.visibleColumns().map((c) => c.key).join(','));
    if (this.selected.size) params.set('ids', [...this.selected].join(','));
    if (format) params.set('format', format);
    return params;
  }

  exportHref(format) {
    return `/api/v1${this.config.endpoint}/export?${this.exportQuery(format).toString()}`;
  }

  // Past the direct limit the export runs on the server as a job: show its progress, then its file.
  async exportClick(event, format) {
    const total = this.state.data?.total ?? 0;
    const large = !this.selected.size && (total > (this.info?.directExportLimit ?? 5000) || this.state.data?.totalIsLowerBound);
    if (!large) return;
    event.preventDefault();
    try {
      const query = this.exportQuery().toString();
      this.exportJob = await api.post(`${this.config.endpoint}/exports`, { format, query });
      this.poll();
    } catch (error) {
      notify(errorText(error), 'error');
    }
    this.requestUpdate();
  }

  poll() {
    clearTimeout(this.pollTimer);
    const job = this.exportJob;
    if (!job || job.state === 'done' || job.state === 'failed') return;
    this.pollTimer = setTimeout(async () => {
      try {
        this.exportJob = await api.get(`/lists/exports/${job.id}`);
      } catch (error) {
        this.exportJob = { ...job, state: 'failed' };
      }
      this.requestUpdate();
      this.poll();
    }, 1000);
  }

  // --- saved filters --------------------------------------------------------------------------------------------------

  currentQueryString() {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(this.params())) if (v) params.set(k, v);
    return params.toString();
  }

  applySaved(id) {
    const saved = this.info?.savedFilters.find((f) => f.id === id);
    if (!saved) return;
    const query = Object.fromEntries(new URLSearchParams(saved.query));
    navigate(this.config.path, this.kept(query));
  }

  async saveFilter(name) {
    try {
      await api.post(`/lists/${encodeURIComponent(this.config.key)}/filters`, { name, query: this.currentQueryString() });
      this.panel = null;
      await this.loadInfo();
      notify(t('list.filterSaved'));
    } catch (error) {
      notify(errorText(error), 'error');
    }
  }

  async deleteSaved(id) {
    try {
      await api.delete(`/lists/${encodeURIComponent(this.config.key)}/filters/${id}`);
      await this.loadInfo();
    } catch (error) {
      notify(errorText(error), 'error');
    }
  }

  // --- rendering ------------------------------------------------------------------------------------------------------

  cell(column, item) {
    const custom = this.config.cells?.[column.key];
    if (custom) return custom.render(item);
    const value = item[column.key];
    if (column.kind === 'enumeration' && this.config.values?.[column.key]) return this.config.values[column.key](value);
    return value ?? '';
  }

  filterControls() {
    const q = this.query ?? {};
    const controls = [];
    for (const column of this.info?.columns ?? []) {
      const params = column.filterParams;
      if (!params.length) continue;
      const label = html`<span class="filter-label">${column.header}</span>`;
      if (column.kind === 'enumeration') {
        const chosen = new Set((q[params[0]] ?? '').split(',').filter(Boolean));
        const toggle = (value, on) => {
          const next = column.values.filter((v) => (v === value ? on : chosen.has(v)));
          this.go({ [params[0]]: next.join(',') });
        };
        controls.push(html`<fieldset class="filter filter-wide list-chips" data-test="list-filter-${params[0]}">
          <legend class="filter-label">${column.header}</legend>
          ${column.values.map((v) => html`<label class="chip ${chosen.has(v) ? 'is-on' : ''}">
            <input type="checkbox" data-value="${v}" .checked=${chosen.has(v)} @change=${(e) => toggle(v, e.target.checked)}>
            <span>${this.config.values?.[column.key]?.(v) ?? v}</span></label>`)}
        </fieldset>`);
      } else if (RANGE_KINDS.has(column.kind)) {
        const type = column.kind === 'day' || column.kind === 'instant' ? 'date' : 'text';
        const hints = type === 'date' ? [t('list.from'), t('list.to')] : [t('list.min'), t('list.max')];
        params.forEach((param, i) => {
          controls.push(html`<label class="filter">
            <span class="filter-label">${column.header} · ${hints[i]}</span>
            <input type="${type}" class="input" inputmode="${type === 'text' ? 'decimal' : ''}" data-test="list-filter-${param}"
              .value=${q[param] ?? ''} @change=${(e) => this.go({ [param]: e.target.value.trim() })}>
          </label>`);
        });
      } else if (column.kind === 'reference') {
        const ref = this.config.references?.[column.key];
        if (ref?.options) {
          controls.push(html`<label class="filter">${label}
            <select class="input select" data-test="list-filter-${params[0]}" .value=${q[params[0]] ?? ''}
              @change=${(e) => this.go({ [params[0]]: e.target.value })}>
              <option value="">${t('list.any')}</option>
              ${(this.refLabels[column.key] ?? []).map((o) => html`<option value="${o.id}" data-key="${o.id}">${o.label}</option>`)}
            </select></label>`);
        } else if (ref?.search) {
          const id = q[params[0]];
          const current = id ? (this.refLabels[`${column.key}:${id}`] ?? { id, label: '…' }) : null;
          if (id && !this.refLabels[`${column.key}:${id}`] && ref.label) {
            this.refLabels[`${column.key}:${id}`] = { id, label: '…' };
            ref.label(id).then((v) => { this.refLabels[`${column.key}:${id}`] = v; this.requestUpdate(); }).catch(() => {});
          }
          controls.push(html`<div class="filter filter-wide">${label}
            <af-search-picker .testId=${`list-filter-${params[0]}`} .value=${current} .search=${ref.search} .label=${column.header}
              .placeholder=${t('list.any')} @pick=${(e) => {
                if (e.detail) this.refLabels[`${column.key}:${e.detail.id}`] = e.detail;
                this.go({ [params[0]]: e.detail?.id });
              }}></af-search-picker></div>`);
        }
      } else if (column.kind === 'boolean') {
        controls.push(html`<label class="filter">${label}
          <select class="input select" data-test="list-filter-${params[0]}" .value=${q[params[0]] ?? ''}
            @change=${(e) => this.go({ [params[0]]: e.target.value })}>
            <option value="">${t('list.any')}</option><option value="true">${t('list.yes')}</option><option value="false">${t('list.no')}</option>
          </select></label>`);
      } else {
        controls.push(html`<label class="filter">${label}
          <input type="text" class="input" data-test="list-filter-${params[0]}" .value=${q[params[0]] ?? ''}
            @change=${(e) => this.go({ [params[0]]: e.target.value.trim() })}></label>`);
      }
    }
    return controls;
  }

  activeFilterCount() {
    const q = this.params();
    const names = new Set([...(this.info?.columns ?? []).flatMap((c) => c.filterParams), ...(this.config.extraParams ?? [])]);
    return Object.keys(q).filter((k) => names.has(k) && q[k]).length;
  }

  toolbar() {
    const config = this.config;
    const count = this.activeFilterCount();
    const saved = this.info?.savedFilters ?? [];
    return html`
      <div class="toolbar list-toolbar">
        ${config.search ? html`<label class="search-box">
          ${icon('search')}
          <input type="search" class="input" data-test="${config.testId}-search" placeholder="${t(config.search)}"
            aria-label="${t(config.search)}" .value=${this.search}
            @input=${(e) => { this.search = e.target.value; this.pushSearch(); }}>
        </label>` : ''}
        <div class="list-tools">
          <button type="button" class="btn btn-secondary ${this.panel === 'filters' ? 'is-active' : ''}" data-test="list-filters-toggle"
            aria-expanded="${this.panel === 'filters' ? 'true' : 'false'}" @click=${() => this.togglePanel('filters')}>
            ${icon('filter')}<span>${t('list.filters')}${count ? ` (${count})` : ''}</span></button>
          <button type="button" class="btn btn-secondary ${this.panel === 'columns' ? 'is-active' : ''}" data-test="list-columns-toggle"
            aria-expanded="${this.panel === 'columns' ? 'true' : 'false'}" @click=${() => this.togglePanel('columns')}>
            ${icon('settings')}<span>${t('list.columns')}</span></button>
          ${this.sortSelect()}
          <select class="input select list-saved" data-test="list-saved" aria-label="${t('list.savedFilters')}" .value=${''}
            @change=${(e) => { const v = e.target.value; e.target.value = ''; if (v === '+') this.togglePanel('save'); else this.applySaved(v); }}>
            <option value="">${t('list.savedFilters')}${saved.length ? ` (${saved.length})` : ''}</option>
            ${saved.map((f) => html`<option value="${f.id}" data-key="${f.id}">${f.name}</option>`)}
            <option value="+">${t('list.saveCurrent')}</option>
          </select>
        </div>
      </div>
      ${this.panel === 'filters' ? html`<div class="card list-panel toolbar" data-test="list-filter-panel">
        ${config.extraFilters?.(this.query ?? {}, (patch) => this.go(patch)) ?? ''}
        ${this.filterControls()}
        ${count ? html`<button type="button" class="btn btn-ghost filter-reset" data-test="list-filter-reset"
          @click=${() => { this.search = ''; navigate(config.path, this.kept(this.query?.sort ? { sort: this.query.sort } : {})); }}>${t('list.resetFilters')}</button>` : ''}
      </div>` : ''}
      ${this.panel === 'columns' ? this.columnPanel() : ''}
      ${this.panel === 'save' ? this.savePanel() : ''}`;
  }

  // On a phone the table's headers are not shown: the sort is a select there.
  sortSelect() {
    const [sort] = this.sortKeys();
    const current = sort ? `${sort.descending ? '-' : ''}${sort.key}` : '';
    const sortable = this.visibleColumns().filter((c) => c.sortable);
    return html`<select class="input select list-sort-select" data-test="list-sort" aria-label="${t('list.sortBy')}" .value=${current}
      @change=${(e) => this.go({ sort: e.target.value })}>
      ${sortable.flatMap((c) => [
        html`<option value="${c.key}">${c.header} ▲</option>`,
        html`<option value="-${c.key}">${c.header} ▼</option>`,
      ])}
    </select>`;
  }

  togglePanel(name) {
    this.panel = this.panel === name ? null : name;
    if (name === 'columns') this.draftColumns = this.visibleColumns().map((c) => c.key);
    this.requestUpdate();
  }

  columnPanel() {
    const chosen = this.draftColumns ?? [];
    const others = (this.info?.columns ?? []).filter((c) => !chosen.includes(c.key));
    const byKey = new Map((this.info?.columns ?? []).map((c) => [c.key, c]));
    const toggle = (key, on) => {
      this.draftColumns = on ? [...chosen, key] : chosen.filter((k) => k !== key);
      this.requestUpdate();
    };
    return html`<div class="card list-panel list-columns" data-test="list-column-panel">
      <ul class="list-column-list">
        ${chosen.map((key, i) => html`<li data-key="${key}">
          <label><input type="checkbox" data-test="list-column-${key}" .checked=${true} ?disabled=${chosen.length === 1}
            @change=${(e) => toggle(key, e.target.checked)}> ${byKey.get(key)?.header ?? key}</label>
          <span class="list-column-move">
            <button type="button" class="btn btn-ghost btn-icon" data-test="list-column-up-${key}" aria-label="${t('list.moveUp')}"
              ?disabled=${i === 0} @click=${() => this.moveColumn(key, -1)}>↑</button>
            <button type="button" class="btn btn-ghost btn-icon" data-test="list-column-down-${key}" aria-label="${t('list.moveDown')}"
              ?disabled=${i === chosen.length - 1} @click=${() => this.moveColumn(key, 1)}>↓</button>
          </span></li>`)}
        ${others.map((c) => html`<li data-key="${c.key}" class="muted">
          <label><input type="checkbox" data-test="list-column-${c.key}" .checked=${false} @change=${(e) => toggle(c.key, e.target.checked)}> ${c.header}</label></li>`)}
      </ul>
      <div class="list-panel-actions">
        <button type="button" class="btn btn-ghost" data-test="list-columns-reset" @click=${() => this.saveColumns([])}>${t('list.defaultColumns')}</button>
        <button type="button" class="btn btn-primary" data-test="list-columns-save" @click=${() => this.saveColumns(chosen)}>${t('common.save')}</button>
      </div>
    </div>`;
  }

  savePanel() {
    const saved = this.info?.savedFilters ?? [];
    return html`<div class="card list-panel" data-test="list-save-panel">
      <form class="list-save-form" @submit=${(e) => { e.preventDefault(); const name = this.querySelector('[data-test="list-saved-name"]').value.trim(); if (name) this.saveFilter(name); }}>
        <label class="filter filter-wide"><span class="filter-label">${t('list.filterName')}</span>
          <input class="input" data-test="list-saved-name" maxlength="80" required></label>
        <button type="submit" class="btn btn-primary" data-test="list-saved-confirm">${t('list.saveCurrent')}</button>
      </form>
      ${saved.length ? html`<ul class="list-saved-list">${saved.map((f) => html`<li data-key="${f.id}">
        <a href="${href(this.config.path, this.kept(Object.fromEntries(new URLSearchParams(f.query))))}">${f.name}</a>
        <button type="button" class="btn btn-ghost btn-icon" data-test="list-saved-delete" aria-label="${t('list.deleteSaved')}"
          @click=${() => this.deleteSaved(f.id)}>${icon('close')}</button></li>`)}</ul>` : ''}
    </div>`;
  }

  bulkBar() {
    if (!this.selected.size) return '';
    const actions = this.info?.bulkActions ?? [];
    return html`<div class="list-bulk-bar" role="region" aria-label="${t('list.selection')}">
      <span data-test="list-selected-count">${t('list.selected', { count: this.selected.size })}</span>
      <button type="button" class="btn btn-ghost" data-test="list-clear-selection"
        @click=${() => { this.selected.clear(); this.result = null; this.requestUpdate(); }}>${t('list.clearSelection')}</button>
      ${actions.map((a) => html`<span class="list-bulk-action">
        ${a.valueKind ? html`<select class="input select" data-test="list-bulk-value" aria-label="${a.label}" .value=${this.bulkValue[a.key] ?? ''}
          @change=${(e) => { this.bulkValue[a.key] = e.target.value; }}>
          <option value="">${a.label}…</option>
          ${(this.bulkOptions[a.key] ?? []).map((o) => html`<option value="${o.id}" data-key="${o.id}">${o.label}</option>`)}
        </select>` : ''}
        <button type="button" class="btn btn-secondary" data-test="list-bulk-${a.key}" @click=${() => this.runBulk(a)}>${a.label}</button>
      </span>`)}
    </div>`;
  }

  resultPanel() {
    const result = this.result;
    if (!result) return '';
    const refused = result.items.filter((i) => i.outcome === 'refused');
    return html`<div class="alert ${refused.length ? 'alert-error' : 'alert-success'} list-bulk-result" role="status" data-test="list-bulk-result">
      <strong>${result.action}: ${t('list.bulkDone', { done: result.done, refused: result.refused })}</strong>
      ${refused.length ? html`<ul>${refused.map((i) => html`<li data-key="${i.id}">${result.names?.[i.id] ?? this.rowName(i.id)}: ${i.message}</li>`)}</ul>` : ''}
      <button type="button" class="btn btn-ghost btn-icon" aria-label="${t('common.close')}" @click=${() => { this.result = null; this.requestUpdate(); }}>${icon('close')}</button>
    </div>`;
  }

  rowName(id) {
    const item = (this.state.data?.items ?? []).find((i) => i.id === id);
    const first = this.visibleColumns()[0];
    return item && first ? String(this.cellText(first, item)) : id.slice(0, 8);
  }

  cellText(column, item) {
    const value = item[column.key];
    return value ?? '';
  }

  // A module may open a row in place (the users' editor) under it.
  detailRow(item, span, key) {
    const detail = this.config.rowDetail?.(item);
    if (!detail) return '';
    return html`<tr class="detail-row" data-key="${key}-detail"><td colspan="${span}">${detail}</td></tr>`;
  }

  exportStatus() {
    const job = this.exportJob;
    if (!job) return '';
    const pct = job.rowsTotal ? Math.round((100 * job.rowsDone) / job.rowsTotal) : 0;
    return html`<div class="alert list-export" role="status" data-test="list-export-progress" data-state="${job.state}">
      ${job.state === 'done'
        ? html`<a class="btn btn-primary" data-test="list-export-download" href="/api/v1/lists/exports/${job.id}/file" download="${job.fileName}">
            ${t('list.download', { name: job.fileName })}</a>`
        : job.state === 'failed' ? html`<span>${t('list.exportFailed')}</span>`
          : html`<span>${t('list.exporting', { done: job.rowsDone, total: job.rowsTotal ?? '…' })}</span>
              <progress max="100" value="${pct}"></progress>`}
      <button type="button" class="btn btn-ghost btn-icon" aria-label="${t('common.close')}" @click=${() => { this.exportJob = null; this.requestUpdate(); }}>${icon('close')}</button>
    </div>`;
  }

  view() {
    const config = this.config;
    if (!config) return '';
    // Headers come from the server in the reader's language: ask again after a language switch.
    if (this.info && this.infoLanguage !== getLanguage() && this.infoLanguage !== 'loading') {
      this.infoLanguage = 'loading';
      // Rows may carry the server's words too (the audit log's sentences): ask for them again as well.
      queueMicrotask(() => { this.loadInfo(); this.reload(); });
    }
    const data = this.state.data;
    const columns = this.visibleColumns();
    const items = data?.items ?? [];
    const [sort] = this.sortKeys();
    const allOnPage = items.length > 0 && items.every((i) => this.selected.has(i.id));
    const someOnPage = items.some((i) => this.selected.has(i.id));
    const countText = data ? (data.totalIsLowerBound ? t('list.countAtLeast', { count: data.total.toLocaleString() }) : t('common.count', { count: data.total })) : '';
    // The module's own actions come first so that the export buttons and the count, which appear when the
    // list's settings and rows arrive, never move them under a finger or a pointer.
    const canExport = this.info?.canExport;
    const selectable = config.selectable !== false;
    const keyOf = (item) => (config.itemKey ? config.itemKey(item) : item.id);
    const head = (actions) => (config.embedded
      ? html`<div class="page-header list-embedded-header"><div class="page-actions">${actions}</div></div>`
      : pageHeader(t(config.title), actions));
    return html`
      ${head(html`
        ${config.actions?.() ?? ''}
        ${canExport ? html`<a class="btn btn-secondary" href="${this.exportHref('csv')}" download="" data-test="${config.testId}-export"
            @click=${(e) => this.exportClick(e, 'csv')}>${this.selected.size ? t('list.exportSelectedCsv', { count: this.selected.size }) : t('list.exportCsv')}</a>
          <a class="btn btn-secondary" href="${this.exportHref('xlsx')}" download="" data-test="${config.testId}-export-xlsx"
            @click=${(e) => this.exportClick(e, 'xlsx')}>${this.selected.size ? t('list.exportSelectedXlsx', { count: this.selected.size }) : t('list.exportXlsx')}</a>` : ''}
        ${data ? html`<span class="muted count" data-test="list-count">${countText}</span>` : ''}`)}
      ${config.before?.() ?? ''}
      ${this.toolbar()}
      ${this.exportStatus()}
      ${items.length && selectable ? html`<label class="check list-select-page">
        <input type="checkbox" data-test="list-select-page" .checked=${allOnPage} .indeterminate=${someOnPage && !allOnPage}
          @change=${(e) => this.togglePage(e.target.checked)}><span>${t('list.selectPage')}</span></label>` : ''}
      ${this.bulkBar()}
      ${this.resultPanel()}
      <div class="card table-card list-card ${this.state.loading ? 'is-loading' : ''}">
        <table class="table responsive-table data-list">
          <thead>
            <tr>
              ${selectable ? html`<th scope="col" class="list-check"><input type="checkbox" data-test="list-select-all" aria-label="${t('list.selectPage')}"
                .checked=${allOnPage} .indeterminate=${someOnPage && !allOnPage} @change=${(e) => this.togglePage(e.target.checked)}></th>` : ''}
              ${columns.map((c) => {
                const active = sort?.key === c.key;
                const ariaSort = active ? (sort.descending ? 'descending' : 'ascending') : 'none';
                return html`<th scope="col" class="${this.config.cells?.[c.key]?.num ? 'num' : ''}" aria-sort="${ariaSort}" data-key="${c.key}">
                  ${c.sortable ? html`<button type="button" class="sort-button ${active ? 'is-active' : ''}" data-test="list-sort-${c.key}"
                    @click=${() => this.toggleSort(c)}>${c.header}<span class="sort-mark" aria-hidden="true">${active ? (sort.descending ? '▼' : '▲') : ''}</span></button>`
                  : c.header}</th>`;
              })}
              ${config.rowActions ? html`<th scope="col" class="list-row-actions"><span class="visually-hidden">${t('list.actions')}</span></th>` : ''}
            </tr>
          </thead>
          <tbody>
            ${listStatus(this.state, columns.length + (selectable ? 1 : 0), config.empty && !this.activeFilterCount() && !this.query?.q ? config.empty() : '')}
            ${items.map((item) => html`
              <tr class="${config.rowHref ? 'row-link' : ''} ${this.selected.has(item.id) ? 'is-selected' : ''}" data-test="${config.testId}-row"
                data-key="${keyOf(item)}" data-id="${item.id ?? ''}" @click=${(e) => { if (config.rowHref) openRow(e, config.rowHref(item)); }}>
                ${selectable ? html`<td class="list-check"><input type="checkbox" data-test="list-select" aria-label="${t('list.selectRow')}"
                  .checked=${this.selected.has(item.id)} @change=${(e) => this.toggleRow(item.id, e.target.checked)}></td>` : ''}
                ${columns.map((c, i) => i === 0
                  ? html`<td class="cell-title" data-col="${c.key}">${config.rowHref
                    ? html`<a href="${href(config.rowHref(item))}">${this.cell(c, item)}</a>` : this.cell(c, item)}</td>`
                  : html`<td data-label="${c.header}" data-col="${c.key}" class="${this.config.cells?.[c.key]?.num ? 'num' : ''}">${this.cell(c, item)}</td>`)}
                ${config.rowActions ? html`<td class="list-row-actions">${config.rowActions(item)}</td>` : ''}
              </tr>
              ${this.detailRow(item, columns.length + (selectable ? 2 : 1), keyOf(item))}`)}
          </tbody>
        </table>
      </div>
      ${data && data.total > 0 ? html`<af-pager .page=${data.page} .limit=${data.limit} .total=${data.total}
        @page-change=${(e) => navigate(config.path, { ...this.query, page: e.detail.page })}></af-pager>` : ''}
      ${config.after?.() ?? ''}`;
  }

  // The page as the server has it now (after an edit in a row), keeping the selection.
  refresh() {
    this.reload();
  }
}
AfDataList.define('af-data-list');
