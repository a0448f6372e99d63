// data-test: notifications-unread-only, notifications-read-all, notification-item (data-id, data-unread),
//            empty-list, pager-prev, pager-next, pager-status
// The notifications page, #/notifications?unread=true&page=: the caller's own notifications,
// newest first, their text already in the caller's language. Unread ones are bold; opening one
// marks it read and goes to its link; "Mark all read" clears the bell.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText, onLanguageChange } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { navigate } from '../../core/router.js';
import { formatDateTime } from '../../core/format.js';
import { notify } from '../../core/notify.js';
import { pageFrom, pageHeader, loadLatest } from '../../components/list-helpers.js';
import { refreshUnread, setUnread, getUnread } from './unread.js';

const LIMIT = 20;

export class AfNotificationList extends AfElement {
  static properties = ['query'];

  constructor() {
    super();
    this.state = { loading: false, data: null, error: null };
  }

  connected() {
    // Titles come rendered in the language of the request: ask again in the new language.
    this.offLanguage = onLanguageChange(() => this.reload());
    this.reload();
  }

  disconnected() {
    this.offLanguage?.();
  }

  changed(name, old) {
    const q = this.query ?? {};
    if (q.unread !== old?.unread || q.page !== old?.page) this.reload();
  }

  reload() {
    const q = this.query ?? {};
    return loadLatest(this, () => api.get('/notifications', { unread: q.unread === 'true' ? 'true' : undefined, page: pageFrom(q), limit: LIMIT }));
  }

  async open(item) {
    if (!item.readAt) {
      try {
        await api.post(`/notifications/${item.id}/read`);
        setUnread(Math.max(0, getUnread() - 1));
      } catch (error) {
        notify(errorText(error), 'error');
        return;
      }
    }
    if (item.link) navigate(item.link);
    else this.reload();
  }

  async readAll() {
    try {
      const answer = await api.post('/notifications/read-all');
      setUnread(answer?.unread ?? 0);
    } catch (error) {
      notify(errorText(error), 'error');
    }
    await this.reload();
    refreshUnread();
  }

  item(n) {
    const unread = !n.readAt;
    return html`
      <li class="notification ${unread ? 'is-unread' : ''}" data-key="${n.id}">
        <button type="button" class="notification-open" data-test="notification-item" data-id="${n.id}" data-unread="${unread ? 'true' : 'false'}"
          @click=${() => this.open(n)}>
          ${unread ? html`<span class="notification-dot" role="img" aria-label="${t('notifications.unread')}"></span>`
            : html`<span class="notification-dot is-read" aria-hidden="true"></span>`}
          <span class="notification-text">
            <span class="notification-title">${n.title}</span>
            ${n.body ? html`<span class="notification-body muted">${n.body}</span>` : ''}
          </span>
          <time class="notification-time muted" datetime="${n.createdAt}">${formatDateTime(n.createdAt)}</time>
        </button>
      </li>`;
  }

  view() {
    const q = this.query ?? {};
    const { data, loading, error } = this.state;
    const unreadOnly = q.unread === 'true';
    const actions = html`
      <label class="check">
        <input type="checkbox" data-test="notifications-unread-only" .checked=${unreadOnly}
          @change=${(e) => navigate('/notifications', { unread: e.target.checked ? 'true' : undefined })}>
        <span>${t('notifications.unreadOnly')}</span>
      </label>
      <button type="button" class="btn btn-secondary" data-test="notifications-read-all" ?disabled=${getUnread() === 0 && !data?.items.some((n) => !n.readAt)}
        @click=${() => this.readAll()}>${t('notifications.readAll')}</button>`;
    return html`
      <section class="page notifications-page">
        ${pageHeader(t('notifications.title'), actions)}
        ${error ? html`<div class="alert alert-error" role="alert">${errorText(error)}</div>` : ''}
        ${loading && !data ? html`<p><span class="spinner"></span> ${t('common.loading')}</p>` : ''}
        ${data && data.items.length === 0
          ? html`<p class="empty muted" data-test="empty-list">${unreadOnly ? t('notifications.noneUnread') : t('notifications.none')}</p>` : ''}
        ${data && data.items.length > 0 ? html`<ul class="notification-list">${data.items.map((n) => this.item(n))}</ul>` : ''}
        ${data && data.total > LIMIT ? html`<af-pager .page=${data.page} .limit=${data.limit} .total=${data.total}
          @page-change=${(ev) => navigate('/notifications', { ...q, page: ev.detail.page })}></af-pager>` : ''}
      </section>`;
  }
}

AfNotificationList.define('af-notification-list');
