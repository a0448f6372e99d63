// data-test: sync-centre, sync-attention, sync-waiting, sync-applied, sync-row (data-id, data-state), sync-label,
//            sync-when, sync-state, sync-reason, sync-conflict, sync-conflict-field (data-field), sync-mine, sync-theirs,
//            sync-reapply, sync-edit, sync-discard, sync-retry, sync-send-now, sync-empty
// The sync centre (同步中心), #/sync: what this device keeps for the server (core/outbox.js). Changes that need
// attention first — refused by the server with its reason, and for a conflict the server's current record next to
// the change, to re-apply on the current version, edit the record, or discard — then what waits (with when it was
// made and the last try's problem) and the last 50 applied. Cards on a phone, a table on a desktop.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText, fieldErrorText, has } from '../../core/i18n.js';
import { href, navigate } from '../../core/router.js';
import { notify } from '../../core/notify.js';
import { formatDateTime } from '../../core/format.js';
import { commands, discard, flush, onOutboxChange, reapply, retry } from '../../core/outbox.js';

const HIDDEN = new Set(['version', 'base', 'id']);
// Where a record's field names are translated (partners.phone, orders.notes…).
const FIELD_PREFIX = { 'partners.partner': 'partners', 'sales.order': 'orders' };

function fieldName(entity, field) {
  const key = `${FIELD_PREFIX[entity] ?? entity}.${field}`;
  return has(key) ? t(key) : field;
}

export function commandLabel(c) {
  return c.label?.key ? t(c.label.key, c.label.params ?? {}) : `${c.method} ${c.path}`;
}

function show(value) {
  if (value == null || value === '') return '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export class AfSyncCentre extends AfElement {
  constructor() {
    super();
    this.list = null;
    this.busy = null;
  }

  connected() {
    this.off = onOutboxChange(() => this.load());
    this.onNetwork = () => this.requestUpdate();
    window.addEventListener('online', this.onNetwork);
    window.addEventListener('offline', this.onNetwork);
    this.load();
  }

  disconnected() {
    this.off();
    window.removeEventListener('online', this.onNetwork);
    window.removeEventListener('offline', this.onNetwork);
  }

  async load() {
    this.list = await commands();
    this.requestUpdate();
  }

  async act(id, what) {
    this.busy = id;
    this.requestUpdate();
    try {
      if (what === 'discard') {
        await discard(id);
        notify(t('sync.discarded'), 'info');
      } else if (what === 'reapply') {
        await reapply(id);
      } else if (what === 'retry') {
        await retry(id);
      }
    } finally {
      this.busy = null;
      await this.load();
    }
  }

  conflict(c) {
    const current = c.lastError?.current;
    if (!current) return '';
    const changed = Object.keys(c.body ?? {}).filter((f) => !HIDDEN.has(f));
    const clash = new Set((c.lastError.fields ?? []).map((f) => f.field));
    return html`
      <div class="sync-conflict" data-test="sync-conflict">
        <table class="sync-compare">
          <thead><tr><th scope="col">${t('sync.field')}</th><th scope="col">${t('sync.mine')}</th><th scope="col">${t('sync.theirs')}</th></tr></thead>
          <tbody>
            ${changed.map((f) => html`
              <tr data-test="sync-conflict-field" data-field="${f}" class="${clash.has(f) ? 'is-clash' : ''}">
                <th scope="row">${fieldName(c.entity, f)}</th>
                <td data-test="sync-mine">${show(c.body[f])}</td>
                <td data-test="sync-theirs">${show(current[f])}</td>
              </tr>`)}
          </tbody>
        </table>
      </div>`;
  }

  actions(c) {
    const busy = this.busy === c.id;
    const attention = c.state === 'rejected' || c.state === 'blocked';
    return html`
      <span class="sync-actions">
        ${attention && c.lastError?.current ? html`<button type="button" class="btn btn-primary btn-small" data-test="sync-reapply" ?disabled=${busy}
          @click=${() => this.act(c.id, 'reapply')}>${t('sync.reapply')}</button>` : ''}
        ${attention && !c.lastError?.current ? html`<button type="button" class="btn btn-secondary btn-small" data-test="sync-retry" ?disabled=${busy}
          @click=${() => this.act(c.id, 'retry')}>${t('sync.retry')}</button>` : ''}
        ${attention && c.link ? html`<a class="btn btn-secondary btn-small" data-test="sync-edit" href="${href(c.link)}">${t('sync.edit')}</a>` : ''}
        ${c.state !== 'applied' ? html`<button type="button" class="btn btn-ghost btn-small" data-test="sync-discard" ?disabled=${busy}
          @click=${() => this.act(c.id, 'discard')}>${t('sync.discard')}</button>` : ''}
        ${c.state === 'applied' && c.link ? html`<a class="btn btn-ghost btn-small" data-test="sync-open" href="${href(c.link)}">${t('sync.open')}</a>` : ''}
      </span>`;
  }

  reason(c) {
    const e = c.lastError;
    if (!e) return '';
    if (c.state === 'blocked') return t('sync.blockedBy', { what: this.labelOf(e.params?.by) });
    const fields = (e.fields ?? []).filter((f) => f.code !== 'conflict.field_changed');
    return html`${c.state === 'waiting' ? t('sync.lastTry', { reason: errorText(e) }) : errorText(e)}
      ${fields.length ? html`<ul class="sync-fields">${fields.map((f) => html`<li>${f.field}: ${fieldErrorText(f)}</li>`)}</ul>` : ''}`;
  }

  labelOf(id) {
    const other = this.list?.find((x) => x.id === id);
    return other ? commandLabel(other) : '';
  }

  state(c) {
    const cls = { waiting: 'badge-muted', sending: 'badge-info', applied: 'badge-success', rejected: 'badge-danger', blocked: 'badge-warning', discarded: 'badge-muted' }[c.state];
    return html`<span class="badge ${cls} sync-state" data-test="sync-state">${t(`sync.state.${c.state}`)}</span>`;
  }

  table(rows, test, empty) {
    return html`
      <div class="card table-card">
        <table class="table responsive-table sync-table" data-test="${test}">
          <thead><tr>
            <th scope="col">${t('sync.what')}</th>
            <th scope="col">${t('sync.when')}</th>
            <th scope="col">${t('sync.status')}</th>
            <th scope="col"><span class="visually-hidden">${t('sync.actions')}</span></th>
          </tr></thead>
          <tbody>
            ${rows.length ? '' : html`<tr class="table-message"><td colspan="4" class="muted" data-test="sync-empty">${empty}</td></tr>`}
            ${rows.map((c) => html`
              <tr data-test="sync-row" data-key="${c.id}" data-id="${c.id}" data-state="${c.state}">
                <td class="cell-title"><span data-test="sync-label">${commandLabel(c)}</span>
                  ${c.answer?.number ? html` <span class="muted">${c.answer.number}</span>` : ''}
                  ${c.lastError && c.state !== 'applied' ? html`<div class="sync-reason small" data-test="sync-reason">${this.reason(c)}</div>` : ''}
                  ${c.state === 'rejected' ? this.conflict(c) : ''}</td>
                <td data-label="${t('sync.when')}" data-test="sync-when">${formatDateTime(c.state === 'applied' ? c.doneAt ?? c.createdAt : c.createdAt)}</td>
                <td data-label="${t('sync.status')}">${this.state(c)}</td>
                <td class="sync-actions-cell">${this.actions(c)}</td>
              </tr>`)}
          </tbody>
        </table>
      </div>`;
  }

  view() {
    const all = this.list ?? [];
    const attention = all.filter((c) => c.state === 'rejected' || c.state === 'blocked');
    const waiting = all.filter((c) => c.state === 'waiting' || c.state === 'sending');
    const applied = all.filter((c) => c.state === 'applied').sort((a, b) => String(b.doneAt).localeCompare(String(a.doneAt))).slice(0, 50);
    const online = navigator.onLine !== false;
    return html`
      <section class="sync-page" data-test="sync-centre">
        <div class="page-header">
          <h1 class="page-title">${t('sync.title')}</h1>
          <div class="page-actions">
            ${waiting.length ? html`<button type="button" class="btn btn-secondary" data-test="sync-send-now" ?disabled=${!online}
              @click=${() => flush({ force: true }).then(() => this.load())}>${t('sync.sendNow')}</button>` : ''}
          </div>
        </div>
        <p class="muted">${online ? t('sync.intro') : t('sync.offline')}</p>
        ${this.list == null ? html`<div class="card card-pad"><span class="spinner"></span> ${t('common.loading')}</div>` : html`
          ${attention.length ? html`
            <h2 class="section-title sync-title is-attention">${attention.length === 1 ? t('shell.offlineAttentionOne') : t('shell.offlineAttentionMany', { count: attention.length })}</h2>
            ${this.table(attention, 'sync-attention', '')}` : ''}
          <h2 class="section-title sync-title">${t('sync.waiting', { count: waiting.length })}</h2>
          ${this.table(waiting, 'sync-waiting', t('sync.noneWaiting'))}
          <h2 class="section-title sync-title">${t('sync.applied')}</h2>
          ${this.table(applied, 'sync-applied', t('sync.noneApplied'))}`}
      </section>`;
  }
}
AfSyncCentre.define('af-sync-centre');

// Opens the sync centre (for links from pages that kept a change on the device).
export function openSyncCentre() {
  navigate('/sync');
}
