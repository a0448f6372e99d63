// data-test: nav-notifications, notification-count
// The bell in the top bar: links to #/notifications and shows the unread count. Polls every 30 s
// while the page is visible, at once when it becomes visible again, and on every route change.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { onRouteChange, route } from '../../core/router.js';
import { icon } from '../../components/icons.js';
import { getUnread, onUnreadChange, refreshUnread } from './unread.js';

const POLL_MS = 30_000;

export class AfNotificationBell extends AfElement {
  connected() {
    this.offUnread = onUnreadChange(() => this.requestUpdate());
    this.offRoute = onRouteChange(() => {
      refreshUnread();
      this.requestUpdate();
    });
    this.onVisibility = () => {
      if (document.visibilityState === 'visible') {
        refreshUnread();
        this.startPolling();
      } else {
        this.stopPolling();
      }
    };
    document.addEventListener('visibilitychange', this.onVisibility);
    refreshUnread();
    if (document.visibilityState === 'visible') this.startPolling();
  }

  disconnected() {
    this.offUnread();
    this.offRoute();
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.stopPolling();
  }

  startPolling() {
    this.stopPolling();
    this.timer = setInterval(refreshUnread, POLL_MS);
  }

  stopPolling() {
    clearInterval(this.timer);
    this.timer = null;
  }

  view() {
    const count = getUnread();
    const current = route().segments[0] === 'notifications';
    const label = count > 0 ? t('notifications.bellUnread', { count }) : t('notifications.title');
    return html`
      <a class="bell ${current ? 'is-active' : ''}" href="#/notifications" data-test="nav-notifications"
        title="${label}" aria-label="${label}" aria-current="${current ? 'page' : 'false'}">
        ${icon('bell')}
        ${count > 0 ? html`<span class="bell-badge" data-test="notification-count">${count > 99 ? '99+' : String(count)}</span>` : ''}
      </a>`;
  }
}

AfNotificationBell.define('af-notification-bell');
