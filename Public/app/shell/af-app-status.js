// data-test: update-notice, update-reload (and offline-badge while signed out)
// What the whole page says about the app itself, signed in or not: "A new version of Afield is ready —
// Reload" (core/app-update.js), and, while no one is signed in (the signed-in shell has its own in
// the top bar), the offline badge. main.js puts one in <body>, beside <af-app>.
import { AfElement } from '../core/element.js';
import { html } from '../core/html.js';
import { t } from '../core/i18n.js';
import { getUser, onUserChange } from '../core/store.js';
import { isOnline, onConnectivity } from '../core/connectivity.js';
import { applyUpdate, onUpdate, updateStatus } from '../core/app-update.js';
import { offlineBadge } from './offline-badge.js';

export class AfAppStatus extends AfElement {
  connected() {
    this.offUpdate = onUpdate(() => this.requestUpdate());
    this.offUser = onUserChange(() => this.requestUpdate());
    this.offNet = onConnectivity(() => this.requestUpdate());
  }

  disconnected() {
    this.offUpdate();
    this.offUser();
    this.offNet();
  }

  reloadNow() {
    this.reloading = true;
    this.requestUpdate();
    applyUpdate();
  }

  view() {
    const signedIn = Boolean(getUser());
    return html`
      ${!signedIn && !isOnline() ? offlineBadge('offline-badge-floating') : ''}
      ${updateStatus().ready ? html`
        <div class="update-notice ${signedIn ? 'has-shell' : ''}" role="status" data-test="update-notice">
          <span>${t('shell.offlineUpdateReady')}</span>
          <button type="button" class="btn btn-primary btn-small" data-test="update-reload" ?disabled=${this.reloading}
            @click=${() => this.reloadNow()}>${t('shell.offlineReload')}</button>
        </div>` : ''}`;
  }
}
AfAppStatus.define('af-app-status');
