// data-test: company-name, company-currency, company-time-zone, company-locale, company-fiscal-month,
//            company-rounding, company-tax-rounding, company-save, company-stale, company-error,
//            company-load-error, field-error (data-field = the JSON key: name | currency | timeZone | …)
// Company settings (公司设置), #/company, for holders of auth.tenant.manage.
// GET /auth/tenant fills the form; Save sends PATCH /auth/tenant {version, …only the changed fields}.
// Field errors show at their field; a 409 conflict.stale_version carries the settings as they are now:
// the form is reloaded from them and says so.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText, fieldErrorText, LANGUAGES } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { notify } from '../../core/notify.js';
import { refreshUser } from '../../core/session.js';
import { pageHeader } from '../../components/list-helpers.js';
import { settingsSection } from '../settings/settings-section.js';

const ZONES = [
  'Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Singapore', 'Asia/Tokyo',
  'Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Chicago', 'America/Los_Angeles', 'UTC',
];
const ROUNDING = ['half_up', 'half_even'];
const TAX_ROUNDING = ['per_line', 'per_document'];
const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

// JSON key → data-test of its control (also the order in which the first invalid one gets focus).
const FIELDS = {
  name: 'company-name',
  currency: 'company-currency',
  timeZone: 'company-time-zone',
  locale: 'company-locale',
  fiscalYearStartMonth: 'company-fiscal-month',
  rounding: 'company-rounding',
  taxRounding: 'company-tax-rounding',
};

function zoneLabel(zone) {
  try {
    const parts = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'shortOffset' }).formatToParts(new Date());
    const offset = parts.find((p) => p.type === 'timeZoneName')?.value;
    return offset ? `${zone} (${offset})` : zone;
  } catch {
    return zone;
  }
}

export class AfCompanySettings extends AfElement {
  constructor() {
    super();
    this.settings = null;
    this.values = {};
    this.loading = false;
    this.loadError = null;
    this.errors = {};
    this.error = null;
    this.stale = false;
    this.busy = false;
  }

  connected() {
    this.reload();
  }

  async load() {
    this.loading = true;
    this.loadError = null;
    this.requestUpdate();
    try {
      this.fill(await api.get('/auth/tenant'));
    } catch (error) {
      this.loadError = error;
    }
    this.loading = false;
    this.requestUpdate();
  }

  fill(settings) {
    this.settings = settings;
    this.values = {
      name: settings.name ?? '',
      currency: settings.currency ?? '',
      timeZone: settings.timeZone ?? '',
      locale: settings.locale ?? 'en',
      fiscalYearStartMonth: settings.fiscalYearStartMonth ?? 1,
      rounding: settings.rounding ?? 'half_up',
      taxRounding: settings.taxRounding ?? 'per_line',
    };
  }

  input(name, value) {
    this.values = { ...this.values, [name]: value };
    if (this.errors[name]) delete this.errors[name];
    this.requestUpdate();
  }

  changes() {
    const v = { ...this.values, name: this.values.name.trim(), currency: this.values.currency.trim().toUpperCase() };
    const changed = {};
    for (const key of Object.keys(FIELDS)) if (v[key] !== this.settings[key]) changed[key] = v[key];
    return changed;
  }

  async save(event) {
    event.preventDefault();
    if (this.busy || !this.settings) return;
    this.error = null;
    this.stale = false;
    this.errors = {};
    const changed = this.changes();
    for (const key of ['name', 'currency']) {
      if (key in changed && !changed[key]) this.errors[key] = { code: 'field.required' };
    }
    if (Object.keys(this.errors).length) {
      this.focusInvalid = true;
      this.requestUpdate();
      return;
    }
    if (!Object.keys(changed).length) {
      notify(t('company.unchanged'));
      this.requestUpdate();
      return;
    }
    this.busy = true;
    this.requestUpdate();
    try {
      this.fill(await api.patch('/auth/tenant', { version: this.settings.version, ...changed }));
      notify(t('company.saved'), 'success');
      // The top bar shows the company name from Me.
      refreshUser().catch(() => {});
    } catch (error) {
      if (error.code === 'conflict.stale_version' && error.current) {
        this.fill(error.current);
        this.stale = true;
        this.revealAlert = true;
      } else {
        for (const f of error.fields ?? []) if (f.field in FIELDS) this.errors[f.field] = f;
        if (Object.keys(this.errors).length) this.focusInvalid = true;
        else {
          this.error = error;
          this.revealAlert = true;
        }
      }
    }
    this.busy = false;
    this.requestUpdate();
  }

  updated() {
    if (this.revealAlert) {
      this.revealAlert = false;
      // Save sits at the bottom of a long form; bring the notice at the top into view.
      this.querySelector('.company-form > .alert')?.scrollIntoView({ block: 'center' });
    }
    if (!this.focusInvalid) return;
    this.focusInvalid = false;
    const first = Object.keys(FIELDS).find((key) => this.errors[key]);
    if (first) this.querySelector(`[data-test="${FIELDS[first]}"]`)?.focus();
  }

  fieldError(name) {
    const error = this.errors[name];
    return error ? html`<span class="field-error" data-test="field-error" data-field="${name}">${fieldErrorText(error)}</span>` : '';
  }

  invalid(name) {
    return this.errors[name] ? 'true' : 'false';
  }

  // A select with a one-line explanation of every choice underneath; the chosen one stands out.
  choice({ name, id, options, prefix }) {
    const value = this.values[name];
    return html`
      <div class="field">
        <label class="field-label" for="${id}">${t(`company.${name}`)}</label>
        <select class="input select ${this.errors[name] ? 'is-invalid' : ''}" id="${id}" data-test="${FIELDS[name]}"
          aria-invalid="${this.invalid(name)}" aria-describedby="${id}-notes"
          .value=${value} @change=${(e) => this.input(name, e.target.value)}>
          ${options.map((o) => html`<option value="${o}">${t(`${prefix}.${o}`)}</option>`)}
        </select>
        ${this.fieldError(name)}
        <ul class="choice-notes" id="${id}-notes">
          ${options.map((o) => html`
            <li class="${o === value ? 'is-selected' : ''}"><strong>${t(`${prefix}.${o}`)}</strong><span>${t(`${prefix}.${o}.note`)}</span></li>`)}
        </ul>
      </div>`;
  }

  form() {
    const v = this.values;
    const zones = ZONES.includes(this.settings.timeZone) ? ZONES : [this.settings.timeZone, ...ZONES];
    return html`
      <form class="company-form" novalidate @submit=${(e) => this.save(e)}>
        ${this.stale ? html`<div class="alert alert-warning" role="alert" data-test="company-stale">${t('company.stale')}</div>` : ''}
        ${this.error ? html`<div class="alert alert-error" role="alert" data-test="company-error">${errorText(this.error)}</div>` : ''}
        ${settingsSection({
          id: 'company',
          iconName: 'company',
          title: t('company.general'),
          body: html`
            <div class="form-grid">
              <label class="field field-wide">
                <span class="field-label">${t('company.name')}</span>
                <input class="input ${this.errors.name ? 'is-invalid' : ''}" type="text" autocomplete="organization" maxlength="200"
                  data-test="company-name" aria-invalid="${this.invalid('name')}"
                  .value=${v.name} @input=${(e) => this.input('name', e.target.value)}>
                ${this.fieldError('name')}
              </label>
              <label class="field">
                <span class="field-label">${t('company.currency')}</span>
                <input class="input company-currency ${this.errors.currency ? 'is-invalid' : ''}" type="text" autocomplete="off"
                  autocapitalize="characters" spellcheck="false" maxlength="3" data-test="company-currency"
                  aria-invalid="${this.invalid('currency')}" aria-describedby="company-currency-hint"
                  .value=${v.currency} @input=${(e) => this.input('currency', e.target.value.toUpperCase())}>
                ${this.fieldError('currency')}
                <span class="muted small" id="company-currency-hint">${t('company.currencyHint')}</span>
              </label>
              <label class="field">
                <span class="field-label">${t('company.timeZone')}</span>
                <select class="input select ${this.errors.timeZone ? 'is-invalid' : ''}" data-test="company-time-zone"
                  aria-invalid="${this.invalid('timeZone')}" .value=${v.timeZone} @change=${(e) => this.input('timeZone', e.target.value)}>
                  ${zones.map((z) => html`<option value="${z}">${zoneLabel(z)}</option>`)}
                </select>
                ${this.fieldError('timeZone')}
              </label>
              <label class="field">
                <span class="field-label">${t('company.locale')}</span>
                <select class="input select ${this.errors.locale ? 'is-invalid' : ''}" data-test="company-locale"
                  aria-invalid="${this.invalid('locale')}" aria-describedby="company-locale-hint"
                  .value=${v.locale} @change=${(e) => this.input('locale', e.target.value)}>
                  ${LANGUAGES.map((l) => html`<option value="${l.code}" lang="${l.code}">${l.label}</option>`)}
                </select>
                ${this.fieldError('locale')}
                <span class="muted small" id="company-locale-hint">${t('company.localeHint')}</span>
              </label>
              <label class="field">
                <span class="field-label">${t('company.fiscalYearStartMonth')}</span>
                <select class="input select ${this.errors.fiscalYearStartMonth ? 'is-invalid' : ''}" data-test="company-fiscal-month"
                  aria-invalid="${this.invalid('fiscalYearStartMonth')}" .value=${String(v.fiscalYearStartMonth)}
                  @change=${(e) => this.input('fiscalYearStartMonth', Number(e.target.value))}>
                  ${MONTHS.map((m) => html`<option value="${m}">${t(`company.month.${m}`)}</option>`)}
                </select>
                ${this.fieldError('fiscalYearStartMonth')}
              </label>
            </div>`,
        })}
        ${settingsSection({
          id: 'rounding',
          iconName: 'rounding',
          title: t('company.roundingSection'),
          body: html`
            <div class="form-grid">
              ${this.choice({ name: 'rounding', id: 'company-rounding', options: ROUNDING, prefix: 'company.rounding' })}
              ${this.choice({ name: 'taxRounding', id: 'company-tax-rounding', options: TAX_ROUNDING, prefix: 'company.taxRounding' })}
            </div>`,
        })}
        <div class="settings-actions">
          <button class="btn btn-primary" type="submit" data-test="company-save" ?disabled=${this.busy}>
            ${this.busy ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>`;
  }

  view() {
    let body;
    if (this.settings) {
      body = this.form();
    } else if (this.loadError) {
      body = html`
        <div class="alert alert-error" role="alert" data-test="company-load-error">
          ${errorText(this.loadError)}
          <button type="button" class="btn btn-secondary btn-small" @click=${() => this.load()}>${t('common.retry')}</button>
        </div>`;
    } else {
      body = html`<p class="muted"><span class="spinner"></span> ${t('common.loading')}</p>`;
    }
    return html`
      ${pageHeader(t('company.title'))}
      <div class="settings company-settings">${body}</div>`;
  }
}
AfCompanySettings.define('af-company-settings');
