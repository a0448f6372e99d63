// data-test: site-form, site-form-name, site-form-address, site-form-latitude, site-form-longitude, site-form-timeZone,
//            site-form-save, site-form-cancel, site-form-error, site-form-stale,
//            field-error (data-field name | address | latitude | longitude | timeZone)
// Add a site (POST /org/sites) or change one (PATCH /org/sites/{id} with the version read; only what changed
// is sent). Latitude and longitude go to the server as the text typed (never a JS number), which checks the
// ranges (−90…90, −180…180), the 7 decimals and that both or neither are given; the time zone is any IANA
// name (suggested from the browser's list), checked by the server. Errors show at their field.
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { getUser } from '../../core/store.js';
import { AfRecordForm } from '../../components/record-form.js';

const FIELDS = ['name', 'address', 'latitude', 'longitude', 'timeZone'];

export function zones() {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Singapore', 'Asia/Tokyo', 'Europe/London', 'America/Los_Angeles', 'UTC'];
  }
}

export class AfSiteForm extends AfRecordForm {
  static prefix = 'site';
  static fieldMap = Object.fromEntries(FIELDS.map((f) => [f, f]));

  path() {
    return '/org/sites';
  }

  fill(s) {
    return {
      name: s?.name ?? '', address: s?.address ?? '', latitude: s?.latitude ?? '', longitude: s?.longitude ?? '',
      timeZone: s?.timeZone ?? getUser()?.tenant?.timeZone ?? '',
    };
  }

  localErrors() {
    return this.values.name.trim() ? {} : { name: { code: 'field.required' } };
  }

  body() {
    const v = Object.fromEntries(FIELDS.map((f) => [f, (this.values[f] ?? '').trim()]));
    const s = this.record;
    if (!s) return Object.fromEntries(Object.entries(v).filter(([, value]) => value !== ''));
    const body = { version: s.version };
    for (const f of FIELDS) if (v[f] !== (s[f] ?? '')) body[f] = v[f];
    // The server checks the pair: send both when either changed.
    if ('latitude' in body || 'longitude' in body) Object.assign(body, { latitude: v.latitude, longitude: v.longitude });
    return Object.keys(body).length > 1 ? body : null;
  }

  view() {
    const title = this.record ? t('org.site.editTitle', { name: this.record.name }) : t('org.site.addTitle');
    const p = AfSiteForm.prefix;
    return html`
      <form class="dept-form" novalidate data-test="site-form" aria-label="${title}" @submit=${(e) => this.submit(e)}>
        <h3 class="dept-form-title">${title}</h3>
        ${this.alerts()}
        <div class="dept-form-grid site-form-grid">
          ${this.textField('name', t('org.site.name'), { required: true })}
          ${this.textField('latitude', t('org.site.latitude'), { inputmode: 'decimal', maxlength: 20, placeholder: '31.2304' })}
          ${this.textField('longitude', t('org.site.longitude'), { inputmode: 'decimal', maxlength: 20, placeholder: '121.4737' })}
          <label class="field field-wide">
            <span class="field-label">${t('org.site.address')}</span>
            <textarea class="input ${this.errors.address ? 'is-invalid' : ''}" rows="2" maxlength="500" data-test="${p}-form-address"
              data-field-input="address" aria-invalid="${this.invalid('address')}" aria-describedby="${this.errorId('address')}"
              .value=${this.values.address ?? ''} @input=${(e) => this.input('address', e.target.value)}></textarea>
            ${this.fieldError('address')}
          </label>
          ${this.textField('timeZone', t('org.site.timeZone'), { maxlength: 60, list: 'site-time-zones', placeholder: 'Asia/Shanghai' })}
        </div>
        <datalist id="site-time-zones">${zones().map((z) => html`<option value="${z}"></option>`)}</datalist>
        <p class="muted small">${t('org.site.coordinatesHint')}</p>
        ${this.actions(t('org.site.add'))}
      </form>`;
  }
}
AfSiteForm.define('af-site-form');
