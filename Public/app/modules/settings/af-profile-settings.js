// data-test: settings-name, settings-email, settings-language
// Name and e-mail (read-only for now) and the language, which does what the top bar switch does.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, getLanguage, LANGUAGES } from '../../core/i18n.js';
import { getUser, onUserChange } from '../../core/store.js';
import { switchLanguage } from '../../core/session.js';
import { settingsSection } from './settings-section.js';

export class AfProfileSettings extends AfElement {
  connected() {
    this.offUser = onUserChange(() => this.requestUpdate());
  }

  disconnected() {
    this.offUser?.();
  }

  view() {
    const user = getUser();
    if (!user) return '';
    const lang = getLanguage();
    return settingsSection({
      id: 'profile',
      iconName: 'person',
      title: t('settings.profile'),
      body: html`
        <dl class="fields settings-fields">
          <div class="field-pair"><dt>${t('settings.name')}</dt><dd data-test="settings-name">${user.name}</dd></div>
          <div class="field-pair"><dt>${t('settings.email')}</dt><dd data-test="settings-email">${user.email}</dd></div>
          ${user.tenant?.name ? html`<div class="field-pair"><dt>${t('settings.company')}</dt><dd>${user.tenant.name}</dd></div>` : ''}
          <div class="field-pair field-pair-input">
            <dt><label for="settings-language">${t('settings.language')}</label></dt>
            <dd>
              <select class="input select settings-select" id="settings-language" data-test="settings-language"
                .value=${lang} @change=${(e) => switchLanguage(e.target.value)}>
                ${LANGUAGES.map((l) => html`<option value="${l.code}" lang="${l.code}">${l.label}</option>`)}
              </select>
            </dd>
          </div>
        </dl>
        <p class="muted small settings-note">${t('settings.profileNote')}</p>`,
    });
  }
}
AfProfileSettings.define('af-profile-settings');
