// Personal settings (个人设置), #/settings: profile and language, password, two-factor
// authentication and sessions. Each section is its own element; the page only lays them out.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';

export class AfSettingsPage extends AfElement {
  connected() {
    // Changing the password may end the other sessions: show the list as it is now.
    this.addEventListener('password-changed', () => this.querySelector('af-session-list')?.reload());
  }

  view() {
    return html`
      <div class="page-header"><h1 class="page-title">${t('settings.title')}</h1></div>
      <div class="settings">
        <af-profile-settings></af-profile-settings>
        <af-password-settings></af-password-settings>
        <af-two-factor-settings></af-two-factor-settings>
        <af-session-list></af-session-list>
      </div>`;
  }
}
AfSettingsPage.define('af-settings-page');
