// data-test: settings-name, settings-name-input, settings-mobile, settings-email, settings-language, settings-time-zone, settings-profile-save,
//            settings-profile-error, field-error (data-field name | mobile | timeZone)
// Name, e-mail (fixed: it is the sign-in), company, language (does what the top bar switch does) and the
// personal time zone (PATCH /auth/me {name?, timeZone?}; "" follows the company's). The time zone decides
// "today" for the user — an order's default date, "which day" in the audit log — as DESIGN asks.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, getLanguage, LANGUAGES, errorText, fieldErrorText } from '../../core/i18n.js';
import { getUser, setUser, onUserChange } from '../../core/store.js';
import { switchLanguage } from '../../core/session.js';
import { api } from '../../core/api.js';
import { notify } from '../../core/notify.js';
import { settingsSection } from './settings-section.js';

// The zones people in China and its trading partners most often need first; the rest follow.
const COMMON_ZONES = ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Singapore', 'Asia/Tokyo', 'Europe/London',
  'Europe/Berlin', 'America/New_York', 'America/Los_Angeles', 'UTC'];

function allZones() {
  try {
    return [...new Set([...COMMON_ZONES, ...Intl.supportedValuesOf('timeZone')])];
  } catch {
    return COMMON_ZONES;
  }
}

export class AfProfileSettings extends AfElement {
  constructor() {
    super();
    this.values = null;
    this.errors = {};
    this.error = null;
    this.busy = false;
  }

  connected() {
    this.offUser = onUserChange(() => this.requestUpdate());
  }

  disconnected() {
    this.offUser?.();
  }

  current() {
    const user = getUser();
    return this.values ?? { name: user?.name ?? '', mobile: user?.mobile ?? '', timeZone: user?.timeZone ?? '' };
  }

  input(name, value) {
    this.values = { ...this.current(), [name]: value };
    delete this.errors[name];
    this.requestUpdate();
  }

  async save(event) {
    event.preventDefault();
    const user = getUser();
    const v = this.current();
    const body = {};
    if (v.name.trim() !== user.name) body.name = v.name.trim();
    if (v.timeZone !== (user.timeZone ?? '')) body.timeZone = v.timeZone;
    if (v.mobile.trim() !== (user.mobile ?? '')) body.mobile = v.mobile.trim();
    if (!Object.keys(body).length || this.busy) return;
    this.busy = true;
    this.error = null;
    this.errors = {};
    this.requestUpdate();
    try {
      setUser(await api.patch('/auth/me', body));
      this.values = null;
      notify(t('settings.profileSaved'), 'success');
    } catch (error) {
      for (const f of error.fields ?? []) this.errors[f.field] = f;
      if (!Object.keys(this.errors).length) this.error = error;
    }
    this.busy = false;
    this.requestUpdate();
  }

  fieldError(name) {
    const error = this.errors[name];
    return error ? html`<span class="field-error" data-test="field-error" data-field="${name}">${fieldErrorText(error)}</span>` : '';
  }

  view() {
    const user = getUser();
    if (!user) return '';
    const lang = getLanguage();
    const v = this.current();
    const companyZone = user.tenant?.timeZone ?? 'UTC';
    return settingsSection({
      id: 'profile',
      iconName: 'person',
      title: t('settings.profile'),
      body: html`
        <form class="settings-form" novalidate @submit=${(e) => this.save(e)}>
          ${this.error ? html`<div class="alert alert-error" role="alert" data-test="settings-profile-error">${errorText(this.error)}</div>` : ''}
          <dl class="fields settings-fields">
            <div class="field-pair field-pair-input">
              <dt><label for="settings-name-input">${t('settings.name')}</label></dt>
              <dd data-test="settings-name">
                <input class="input ${this.errors.name ? 'is-invalid' : ''}" id="settings-name-input" data-test="settings-name-input"
                  autocomplete="name" .value=${v.name} @input=${(e) => this.input('name', e.target.value)}>
                ${this.fieldError('name')}
              </dd>
            </div>
            <div class="field-pair"><dt>${t('settings.email')}</dt><dd data-test="settings-email">${user.email}</dd></div>
            <div class="field-pair field-pair-input">
              <dt><label for="settings-mobile">${t('settings.mobile')}</label></dt>
              <dd>
                <input class="input ${this.errors.mobile ? 'is-invalid' : ''}" id="settings-mobile" type="tel" autocomplete="tel"
                  data-test="settings-mobile" .value=${v.mobile} @input=${(e) => this.input('mobile', e.target.value)}>
                ${this.fieldError('mobile')}
              </dd>
            </div>
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
            <div class="field-pair field-pair-input">
              <dt><label for="settings-time-zone">${t('settings.timeZone')}</label></dt>
              <dd>
                <select class="input select settings-select ${this.errors.timeZone ? 'is-invalid' : ''}" id="settings-time-zone"
                  data-test="settings-time-zone" .value=${v.timeZone} @change=${(e) => this.input('timeZone', e.target.value)}>
                  <option value="">${t('settings.timeZoneCompany', { zone: companyZone })}</option>
                  ${allZones().map((z) => html`<option value="${z}">${z}</option>`)}
                </select>
                ${this.fieldError('timeZone')}
              </dd>
            </div>
          </dl>
          <p class="muted small settings-note">${t('settings.timeZoneNote')}</p>
          <div class="settings-actions">
            <button type="submit" class="btn btn-primary" data-test="settings-profile-save" ?disabled=${this.busy || !this.values}>
              ${this.busy ? t('common.saving') : t('common.save')}</button>
          </div>
        </form>`,
    });
  }
}
AfProfileSettings.define('af-profile-settings');
