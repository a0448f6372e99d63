// data-test: history (the list), history-entry (data-seq), history-actor, history-time, history-action,
//            history-source, history-error, history-empty (changes inside: audit-changes, audit-change)
// A record's history as a timeline, newest first: who, when (this device's clock), what and where
// from, with the changed fields. `path` is the API's history route, e.g. /sales/orders/{id}/history.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, has, errorText, onLanguageChange } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { formatDateTime } from '../../core/format.js';
import { actionLabel, sourceLabel, changeList, actorName, loadIdNames, entrySentence } from './audit-format.js';

export class AfHistoryTimeline extends AfElement {
  static properties = ['path'];

  constructor() {
    super();
    this.entries = null;
    this.error = null;
    this.seq = 0;
  }

  connected() {
    // The server words entries in the language asked for: ask again in the new one.
    this.offLanguage = onLanguageChange(() => this.reload());
    this.reload();
  }

  disconnected() {
    this.offLanguage?.();
  }

  changed() {
    this.reload();
  }

  async load() {
    if (!this.path) return;
    const seq = ++this.seq;
    try {
      const [entries] = await Promise.all([api.get(this.path), loadIdNames()]);
      if (seq !== this.seq) return;
      this.entries = Array.isArray(entries) ? entries : entries?.items ?? [];
      this.error = null;
    } catch (error) {
      if (seq !== this.seq) return;
      this.error = error;
    }
    this.requestUpdate();
  }

  // The record is the page's own, so a short word does ("Confirmed"); actions without one use the server's sentence.
  actionText(e) {
    return has(`audit.action.${e.action}`) ? actionLabel(e.action) : entrySentence(e);
  }

  entry(e) {
    return html`
      <li class="history-entry history-${e.action}" data-test="history-entry" data-key="${e.seq}" data-seq="${e.seq}">
        <span class="history-dot" aria-hidden="true"></span>
        <div class="history-body">
          <div class="history-head">
            <strong class="history-action" data-test="history-action" data-action="${e.action}">${this.actionText(e)}</strong>
            <span data-test="history-actor">${t('history.by', { name: actorName(e) })}</span>
          </div>
          <div class="muted small history-when">
            <time data-test="history-time" datetime="${e.at}" title="${e.at}">${formatDateTime(e.at)}</time>
            <span class="badge source-badge" data-test="history-source" data-source="${e.source}">${sourceLabel(e.source)}</span>
          </div>
          ${changeList(e.changes)}
        </div>
      </li>`;
  }

  view() {
    if (this.error) {
      return html`
        <div class="alert alert-error" role="alert" data-test="history-error">${errorText(this.error)}</div>
        <button type="button" class="btn btn-secondary" @click=${() => this.load()}>${t('common.retry')}</button>`;
    }
    if (!this.entries) return html`<div class="card card-pad"><span class="spinner"></span> ${t('common.loading')}</div>`;
    if (!this.entries.length) return html`<div class="card card-pad muted" data-test="history-empty">${t('history.empty')}</div>`;
    return html`
      <section class="card card-pad">
        <ol class="history" data-test="history">${this.entries.map((e) => this.entry(e))}</ol>
      </section>`;
  }
}
AfHistoryTimeline.define('af-history-timeline');
