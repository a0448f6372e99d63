// Shared behaviour of the organisation's flat lists with add / edit / archive / restore (positions,
// sites): loading, the open form (one at a time), archiving with the version read and an error shown
// at its row (e.g. 422 org.position.in_use, or a 409 after which the list is reloaded).
// A subclass sets `static prefix` ('position'), `static path` ('/org/positions'), `static permission`
// and `static messages` ({ archived, restored, added, saved } i18n keys taking {name}).
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText, fieldErrorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { can } from '../../core/store.js';
import { notify } from '../../core/notify.js';
import { icon } from '../../components/icons.js';

export class AfArchivableList extends AfElement {
  constructor() {
    super();
    this.items = null;
    this.loadError = null;
    this.showArchived = false;
    this.form = null; // { mode: 'add' } | { mode: 'edit', id }
    this.rowErrors = {};
    this.busy = new Set();
    this.seq = 0;
  }

  connected() {
    this.reload();
  }

  async load() {
    const seq = ++this.seq;
    try {
      const items = await api.get(this.constructor.path);
      if (seq !== this.seq) return;
      this.items = items ?? [];
      this.loadError = null;
    } catch (error) {
      if (seq !== this.seq) return;
      this.loadError = error;
    }
    this.requestUpdate();
  }

  manage() {
    return can(this.constructor.permission);
  }

  open(form) {
    this.form = form;
    this.rowErrors = {};
    this.requestUpdate();
  }

  close() {
    this.form = null;
    this.requestUpdate();
  }

  saved(event) {
    event.stopPropagation();
    const messages = this.constructor.messages;
    notify(t(this.form?.mode === 'add' ? messages.added : messages.saved, { name: event.detail.name }), 'success');
    this.form = null;
    this.load();
  }

  async setArchived(item, archived) {
    if (this.busy.has(item.id)) return;
    this.busy.add(item.id);
    this.rowErrors = {};
    this.requestUpdate();
    try {
      await api.patch(`${this.constructor.path}/${encodeURIComponent(item.id)}`, { version: item.version, archived });
      const messages = this.constructor.messages;
      notify(t(archived ? messages.archived : messages.restored, { name: item.name }), 'success');
      if (this.form?.id === item.id) this.form = null;
    } catch (error) {
      if (error.code === 'conflict.stale_version') this.rowErrors[item.id] = { key: 'org.form.staleReloaded' };
      else this.rowErrors[item.id] = error.fields?.[0] ?? { error };
    }
    this.busy.delete(item.id);
    await this.load();
  }

  rowError(id, columns) {
    const e = this.rowErrors[id];
    if (!e) return '';
    const text = e.key ? t(e.key) : e.error ? errorText(e.error) : fieldErrorText(e);
    return html`<tr class="detail-row" data-key="${id}-error"><td colspan="${columns}">
      <div class="alert alert-error" role="alert" data-test="${this.constructor.prefix}-row-error">${text}</div></td></tr>`;
  }

  rowActions(item) {
    const p = this.constructor.prefix;
    const busy = this.busy.has(item.id);
    if (!this.manage()) return '';
    return html`
      <div class="dept-actions">
        ${item.archived ? html`
          <button type="button" class="btn btn-ghost btn-small" data-test="${p}-restore" ?disabled=${busy}
            @click=${() => this.setArchived(item, false)}>${t('org.dept.restore')}</button>` : html`
          <button type="button" class="btn btn-ghost btn-small" data-test="${p}-edit" aria-label="${t('org.dept.edit')}: ${item.name}"
            @click=${() => this.open({ mode: 'edit', id: item.id })}>${icon('edit')}<span>${t('org.dept.edit')}</span></button>
          <button type="button" class="btn btn-ghost btn-small" data-test="${p}-archive" ?disabled=${busy}
            aria-label="${t('org.dept.archive')}: ${item.name}"
            @click=${() => this.setArchived(item, true)}>${icon('archive')}<span>${t('org.dept.archive')}</span></button>`}
      </div>`;
  }

  // Toolbar with the add button and the archived switch, the add form, and the table (`head`, `row(item)`).
  frame(addLabel, head, row, columns, formFor) {
    const p = this.constructor.prefix;
    if (this.loadError && !this.items) {
      return html`
        <div class="alert alert-error" role="alert" data-test="${p}-load-error">${errorText(this.loadError)}</div>
        <button type="button" class="btn btn-secondary" @click=${() => this.load()}>${t('common.retry')}</button>`;
    }
    if (!this.items) return html`<div class="card card-pad"><span class="spinner"></span> ${t('common.loading')}</div>`;
    const shown = this.items.filter((i) => this.showArchived || !i.archived);
    const archivedCount = this.items.filter((i) => i.archived).length;
    return html`
      <div class="toolbar dept-toolbar">
        ${this.manage() ? html`
          <button type="button" class="btn btn-primary" data-test="${p}-add" ?disabled=${this.form?.mode === 'add'}
            @click=${() => this.open({ mode: 'add' })}>${icon('plus')}<span>${addLabel}</span></button>` : ''}
        <label class="check">
          <input type="checkbox" data-test="${p}-show-archived" .checked=${this.showArchived}
            @change=${(e) => { this.showArchived = e.target.checked; this.requestUpdate(); }}>
          <span>${t('org.dept.showArchived')}${archivedCount ? ` (${archivedCount})` : ''}</span>
        </label>
      </div>
      ${this.manage() && this.form?.mode === 'add' ? html`<div class="card card-pad section-gap-bottom">${formFor(null)}</div>` : ''}
      <div class="card table-card">
        <table class="table responsive-table" data-test="${p}-list">
          <thead><tr>${head}</tr></thead>
          <tbody>
            ${shown.length ? '' : html`<tr class="table-message"><td colspan="${columns}" class="muted" data-test="empty-list">${t('common.noResults')}</td></tr>`}
            ${shown.map((item) => html`
              ${row(item)}
              ${this.rowError(item.id, columns)}
              ${this.form?.mode === 'edit' && this.form.id === item.id ? html`
                <tr class="detail-row" data-key="${item.id}-form"><td colspan="${columns}">${formFor(item)}</td></tr>` : ''}`)}
          </tbody>
        </table>
      </div>`;
  }
}
