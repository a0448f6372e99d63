// data-test: workbench, workbench-todo (data-id), workbench-todo-count, workbench-todo-item, workbench-todo-all,
//            workbench-empty-todos, workbench-shortcut (data-id), workbench-kpi (data-id), workbench-kpi-value,
//            workbench-kpi-change, workbench-notification, workbench-notifications-all
// The home workbench (工作台, #/workbench), where phone and desktop land: what waits for me (the
// modules' to-dos: approvals waiting, orders past their date…), the create shortcuts I use most,
// a few figures against the period before, and my unread notifications. GET /workbench gives
// the first three, each already limited to what I may see; GET /notifications?unread=true the last.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText, onLanguageChange } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { getUser } from '../../core/store.js';
import { formatMoney, formatDecimal, formatDateTime } from '../../core/format.js';
import { icon } from '../../components/icons.js';
import { pageHeader } from '../../components/list-helpers.js';
import { setWaiting } from '../approvals/waiting.js';
import { getUnread } from '../notifications/unread.js';

const NOTIFICATIONS = 5;

export class AfWorkbench extends AfElement {
  constructor() {
    super();
    this.state = { loading: true, data: null, notifications: null, error: null };
  }

  connected() {
    // Titles come in the language of the request: ask again in the new one.
    this.offLanguage = onLanguageChange(() => this.load());
    this.load();
  }

  disconnected() {
    this.offLanguage?.();
  }

  async load() {
    const seq = (this.seq = (this.seq ?? 0) + 1);
    this.state = { ...this.state, loading: true, error: null };
    this.requestUpdate();
    try {
      const [data, notifications] = await Promise.all([
        api.get('/workbench'),
        api.get('/notifications', { unread: 'true', limit: NOTIFICATIONS }).catch(() => null),
      ]);
      if (seq !== this.seq) return;
      this.state = { loading: false, data, notifications, error: null };
      const waiting = data.todos.find((todo) => todo.id === 'approvals.waiting');
      setWaiting(waiting?.count ?? 0);
    } catch (error) {
      if (seq !== this.seq) return;
      this.state = { ...this.state, loading: false, error };
    }
    this.requestUpdate();
  }

  todo(todo) {
    return html`
      <article class="card workbench-todo ${todo.overdue ? 'is-overdue' : ''}" data-test="workbench-todo" data-id="${todo.id}">
        <header class="workbench-card-head">
          <h3>${todo.title}</h3>
          <span class="count-badge ${todo.overdue ? 'is-danger' : ''}" data-test="workbench-todo-count">${todo.count > 999 ? '999+' : String(todo.count)}</span>
        </header>
        <ul class="workbench-items">
          ${todo.items.map((item) => html`
            <li><a href="#${item.path}" data-test="workbench-todo-item" data-id="${item.id}">
              <span class="workbench-item-title">${item.title}</span>
              <span class="muted workbench-item-sub">${[item.subtitle, item.day].filter(Boolean).join(' · ')}</span>
            </a></li>`)}
        </ul>
        ${todo.count > todo.items.length ? html`<a class="workbench-all" href="#${todo.path}" data-test="workbench-todo-all">${t('workbench.all', { count: todo.count })}</a>` : ''}
      </article>`;
  }

  kpi(kpi) {
    const value = kpi.currency ? formatMoney(kpi.value, kpi.currency) : formatDecimal(kpi.value);
    const previous = kpi.previous == null ? '' : (kpi.currency ? formatMoney(kpi.previous, kpi.currency) : formatDecimal(kpi.previous));
    const change = kpi.changePercent;
    const direction = change == null ? '' : change.startsWith('-') ? 'is-down' : change === '0.0' ? '' : 'is-up';
    const body = html`
      <span class="muted workbench-kpi-title">${kpi.title}</span>
      <strong class="workbench-kpi-value" data-test="workbench-kpi-value">${value}</strong>
      <span class="muted workbench-kpi-previous">${t('workbench.previous', { period: kpi.previousPeriod ?? '', value: previous })}
        ${change != null ? html`<span class="workbench-kpi-change ${direction}" data-test="workbench-kpi-change">${change.startsWith('-') ? '' : '+'}${formatDecimal(change)}%</span>` : ''}</span>`;
    return kpi.path
      ? html`<a class="card workbench-kpi" href="#${kpi.path}" data-test="workbench-kpi" data-id="${kpi.id}">${body}</a>`
      : html`<div class="card workbench-kpi" data-test="workbench-kpi" data-id="${kpi.id}">${body}</div>`;
  }

  notifications() {
    const items = this.state.notifications?.items ?? [];
    return html`
      <section class="workbench-section">
        <div class="workbench-section-head">
          <h2>${t('workbench.notifications')}</h2>
          <a href="#/notifications" data-test="workbench-notifications-all">${t('workbench.allNotifications', { count: getUnread() })}</a>
        </div>
        ${items.length ? html`<ul class="card workbench-notes">
          ${items.map((note) => html`<li><a href="#${note.link ?? '/notifications'}" data-test="workbench-notification" data-id="${note.id}">
            <span class="workbench-item-title">${note.title}</span>
            <span class="muted workbench-item-sub">${formatDateTime(note.createdAt)}</span></a></li>`)}
        </ul>` : html`<p class="muted">${t('workbench.noNotifications')}</p>`}
      </section>`;
  }

  view() {
    const { loading, data, error } = this.state;
    const user = getUser();
    return html`
      <div class="workbench" data-test="workbench">
        ${pageHeader(t('workbench.greeting', { name: user?.name ?? '' }))}
        ${error ? html`<div class="alert alert-error" role="alert">${errorText(error)}</div>` : ''}
        ${loading && !data ? html`<p class="muted"><span class="spinner"></span> ${t('common.loading')}</p>` : ''}
        ${data ? html`
          ${data.shortcuts.length ? html`<section class="workbench-section">
            <h2>${t('workbench.shortcuts')}</h2>
            <div class="workbench-shortcuts">
              ${data.shortcuts.map((s) => html`<a class="workbench-shortcut" href="#${s.path}" data-test="workbench-shortcut" data-id="${s.id}">
                <span class="workbench-shortcut-icon">${icon(s.icon)}</span><span>${s.title}</span></a>`)}
            </div>
          </section>` : ''}
          <section class="workbench-section">
            <h2>${t('workbench.todos')}</h2>
            ${data.todos.length ? html`<div class="workbench-grid">${data.todos.map((todo) => this.todo(todo))}</div>`
              : html`<p class="muted" data-test="workbench-empty-todos">${t('workbench.nothingWaiting')}</p>`}
          </section>
          ${data.kpis.length ? html`<section class="workbench-section">
            <h2>${t('workbench.figures')}</h2>
            <div class="workbench-kpis">${data.kpis.map((kpi) => this.kpi(kpi))}</div>
          </section>` : ''}
          ${this.notifications()}` : ''}
      </div>`;
  }
}

AfWorkbench.define('af-workbench');
