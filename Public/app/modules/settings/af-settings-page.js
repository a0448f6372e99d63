// data-test: password-change-required (the notice shown while the password must be changed)
// Personal settings (个人设置), #/settings: profile, language and time zone, avatar, password, two-factor
// authentication, notifications, sessions and this device (storage, app version). Each section is its own element; the page only lays them out.
// #/settings?section=password scrolls to the password form. A user whose password was set by an
// administrator (Me.mustChangePassword) is kept here, with a notice, until they choose their own.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { getUser, onUserChange } from '../../core/store.js';
import { refreshUser } from '../../core/session.js';
import { navigate } from '../../core/router.js';
import { homePath } from '../../shell/pages.js';

export class AfSettingsPage extends AfElement {
  static properties = ['section'];

  connected() {
    // Changing the password may end the other sessions: show the list as it is now.
    this.addEventListener('password-changed', () => this.passwordChanged());
    this.offUser = onUserChange(() => this.requestUpdate());
    this.scrollPending = true;
  }

  disconnected() {
    this.offUser?.();
  }

  changed(name) {
    if (name === 'section') this.scrollPending = true;
  }

  async passwordChanged() {
    this.querySelector('af-session-list')?.reload();
    const wasRequired = getUser()?.mustChangePassword;
    try {
      const me = await refreshUser();
      if (wasRequired && !me.mustChangePassword) navigate(homePath());
    } catch {
      // The change itself succeeded; the notice goes away with the next page load.
    }
  }

  updated() {
    if (!this.scrollPending) return;
    const required = getUser()?.mustChangePassword;
    const twoFactor = !required && (this.section === 'two-factor' || getUser()?.mustEnrolTwoFactor);
    if (twoFactor) {
      const section = this.querySelector('af-two-factor-settings');
      if (!section) return;
      this.scrollPending = false;
      requestAnimationFrame(() => section.scrollIntoView({ block: 'start' }));
      return;
    }
    if (this.section !== 'password' && !required) {
      this.scrollPending = false;
      return;
    }
    const form = this.querySelector('af-password-settings');
    if (!form) return;
    this.scrollPending = false;
    // The sections render in the same microtask burst; wait for their first paint.
    requestAnimationFrame(() => {
      form.scrollIntoView({ block: 'start' });
      if (required) this.querySelector('[data-test="password-current"]')?.focus({ preventScroll: true });
    });
  }

  view() {
    const required = Boolean(getUser()?.mustChangePassword);
    const twoFactorRequired = !required && Boolean(getUser()?.mustEnrolTwoFactor);
    return html`
      <div class="page-header"><h1 class="page-title">${t('settings.title')}</h1></div>
      ${required ? html`
        <div class="alert alert-warning settings-required" role="alert" data-test="password-change-required">
          <strong>${t('settings.password.requiredTitle')}</strong>
          <span>${t('settings.password.requiredText')}</span>
        </div>` : ''}
      ${twoFactorRequired ? html`
        <div class="alert alert-warning settings-required" role="alert" data-test="two-factor-required">
          <strong>${t('settings.twoFactor.requiredTitle')}</strong>
          <span>${t('settings.twoFactor.requiredText')}</span>
        </div>` : ''}
      <div class="settings">
        ${required || twoFactorRequired ? '' : html`
          <af-profile-settings></af-profile-settings>
          <af-avatar-settings></af-avatar-settings>`}
        ${twoFactorRequired ? '' : html`<af-password-settings></af-password-settings>`}
        ${required ? '' : html`
          <af-two-factor-settings></af-two-factor-settings>
          ${twoFactorRequired ? '' : html`
            <af-notification-settings></af-notification-settings>
            <af-session-list></af-session-list>
            <af-device-settings></af-device-settings>`}`}
      </div>`;
  }
}
AfSettingsPage.define('af-settings-page');
