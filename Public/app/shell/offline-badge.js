// data-test: offline-badge
// The "Offline" pill, shared by the signed-in top bar and the signed-out pages.
import { html } from '../core/html.js';
import { t } from '../core/i18n.js';

export function offlineBadge(extra = '') {
  return html`
    <span class="offline-badge ${extra}" role="status" data-test="offline-badge" title="${t('shell.offlineHint')}">
      <span class="offline-dot" aria-hidden="true"></span><span>${t('shell.offline')}</span>
    </span>`;
}
