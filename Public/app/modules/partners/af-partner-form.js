// data-test: partner-form, partner-form-<field> (name, code, email, phone, fax, address, city, region, postalCode,
//            country, homepage; customers also kind, level, industry, source, taxId, creditLimit, paymentTermsDays,
//            latitude, longitude), partner-form-tags (af-tag-input), partner-form-division-* (af-division-picker),
//            partner-form-locate, partner-form-geo-error, partner-form-save, partner-form-cancel, partner-form-error,
//            partner-form-stale, field-error (data-field = the field), duplicate-* (duplicate-matches.js)
// Add a customer or supplier (`kind`: customers | suppliers; POST /partners/{kind}, the code left empty is given by
// the server) or change one (PATCH /partners/{kind}/{id} with the version read; only what changed is sent, an
// emptied field clears it). The server's field problems (422 `fields`) show at their field; a 409 reloads the
// record as it is now and says that someone else changed it.
// A customer also has its CRM profile (kind, level, industry, source, tags, 统一社会信用代码, credit limit, payment
// terms, province → city → district, coordinates — "use my location" fills them from the phone), and 查重 as one types:
// the name, phone and tax id are checked (debounced) against the company's customers and what matches shows under the
// field (duplicate-matches.js); the server still decides when saving.
// A customer's changes go through the outbox (core/outbox.js) with `base`, the value each changed text field had when
// the user started, so the server can merge them field by field when someone else changed other fields meanwhile
// (409 conflict.fields when the same field changed). Kept on the device, the form emits `kept` (detail: the record
// with the changes, for the page to show marked as waiting) instead of `saved`.
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { getUser } from '../../core/store.js';
import { debounce } from '../../core/debounce.js';
import { locateFor, degrees } from '../../core/geolocation.js';
import { AfRecordForm } from '../../components/record-form.js';
import { divisionField } from '../../components/af-division-picker.js';
import '../../components/af-tag-input.js';
import { submit } from '../../core/outbox.js';
import { duplicateNotice } from './duplicate-matches.js';

const TEXT = ['name', 'email', 'phone', 'fax', 'address', 'city', 'region', 'postalCode', 'country', 'homepage'];
// The customer profile's single values (text in the form), its tags, its division and its coordinates.
const PROFILE = ['kind', 'level', 'industry', 'source', 'taxId', 'creditLimit', 'paymentTermsDays'];
const DIVISION = ['provinceCode', 'cityCode', 'districtCode'];
const COORDINATES = ['latitude', 'longitude'];
export const SOURCES = ['referral', 'website', 'exhibition', 'cold_call', 'advertising', 'partner', 'lead', 'other'];
const CHECKED = ['name', 'phone', 'taxId'];

export class AfPartnerForm extends AfRecordForm {
  static properties = ['record', 'kind'];
  static prefix = 'partner';
  static fieldMap = Object.fromEntries([
    ...['code', ...TEXT, ...PROFILE, ...COORDINATES, 'tags'].map((f) => [f, f]),
    ...DIVISION.map((f) => [f, 'division']), ['division', 'division'],
  ]);

  constructor() {
    super();
    this.duplicates = null; // the last answer of /partners/customers/duplicates
    this.dupSeq = 0;
    this.locating = false;
    this.geoError = null;
    this.checkDuplicates = debounce(() => this.findDuplicates(), 400);
  }

  disconnected() {
    this.checkDuplicates.cancel();
  }

  get customer() {
    return this.kind !== 'suppliers';
  }

  path() {
    return `/partners/${this.kind}`;
  }

  fill(p) {
    const values = Object.fromEntries(['code', ...TEXT].map((f) => [f, p?.[f] ?? '']));
    if (!this.customer) return values;
    const pr = p?.profile ?? {};
    for (const f of [...PROFILE, ...DIVISION, ...COORDINATES]) values[f] = pr[f] == null ? '' : String(pr[f]);
    values.kind ||= 'company';
    values.tags = [...(pr.tags ?? [])];
    return values;
  }

  localErrors() {
    const errors = this.values.name.trim() ? {} : { name: { code: 'field.required' } };
    const days = (this.values.paymentTermsDays ?? '').trim();
    if (days && !/^\d{1,3}$/.test(days)) errors.paymentTermsDays = { code: 'number.range', key: 'partners.paymentTermsInvalid' };
    return errors;
  }

  input(name, value) {
    super.input(name, value);
    if (this.customer && CHECKED.includes(name)) this.checkDuplicates();
  }

  // 查重: the three fields at once; an empty form asks nothing.
  async findDuplicates() {
    const query = {};
    for (const f of CHECKED) {
      const v = (this.values[f] ?? '').trim();
      if (v) query[f] = v;
    }
    const seq = ++this.dupSeq;
    if (!Object.keys(query).length) {
      this.duplicates = null;
      this.requestUpdate();
      return;
    }
    if (this.record) query.excludeId = this.record.id;
    try {
      const answer = await api.post('/partners/customers/duplicates', query);
      if (seq !== this.dupSeq) return;
      this.duplicates = answer;
    } catch {
      // Offline or refused: the server checks again when the customer is saved.
      if (seq !== this.dupSeq) return;
      this.duplicates = null;
    }
    this.requestUpdate();
  }

  matchesOf(field) {
    return duplicateNotice(field, (this.duplicates?.matches ?? []).filter((m) => m.field === field));
  }

  useLocation() {
    return locateFor(this, (here) => {
      this.values = { ...this.values, latitude: degrees(here.latitude), longitude: degrees(here.longitude) };
      delete this.errors.latitude;
      delete this.errors.longitude;
    });
  }

  // The profile as the API takes it: numbers as numbers, tags as an array; `all` keeps empty values (they clear).
  profileBody(fields, all) {
    const v = this.values;
    const body = {};
    for (const f of fields) {
      if (f === 'tags') {
        if (all || v.tags.length) body.tags = v.tags;
        continue;
      }
      const text = String(v[f] ?? '').trim();
      if (!all && !text) continue;
      body[f] = f === 'paymentTermsDays' ? (text === '' ? null : Number(text)) : text;
    }
    return body;
  }

  body() {
    const v = Object.fromEntries(['code', ...TEXT].map((f) => [f, (this.values[f] ?? '').trim()]));
    const p = this.record;
    if (!p) {
      const body = Object.fromEntries(Object.entries(v).filter(([, value]) => value !== ''));
      return this.customer ? { ...body, ...this.profileBody([...PROFILE, 'tags', ...DIVISION, ...COORDINATES], false) } : body;
    }
    const body = { version: p.version };
    for (const f of TEXT) if (v[f] !== (p[f] ?? '')) body[f] = v[f];
    if (this.customer) {
      const before = this.fill(p);
      const changed = (f) => (f === 'tags' ? JSON.stringify(this.values.tags) !== JSON.stringify(before.tags)
        : String(this.values[f] ?? '').trim() !== before[f]);
      const fields = PROFILE.filter(changed);
      if (changed('tags')) fields.push('tags');
      // A division and a position change as a whole.
      if (DIVISION.some(changed)) fields.push(...DIVISION);
      if (COORDINATES.some(changed)) fields.push(...COORDINATES);
      Object.assign(body, this.profileBody(fields, true));
    }
    if (Object.keys(body).length === 1) return null;
    if (this.customer) {
      const base = Object.fromEntries(TEXT.filter((f) => f in body).map((f) => [f, p[f] ?? '']));
      if (Object.keys(base).length) body.base = base;
    }
    return body;
  }

  async send(body) {
    if (!this.record || !this.customer) return super.send(body);
    const p = this.record;
    const kept = await submit({
      method: 'PATCH', path: `${this.path()}/${encodeURIComponent(p.id)}`, body, entity: 'partners.partner', recordId: p.id,
      baseVersion: p.version, label: { key: 'sync.label.customerEdit', params: { name: p.name } }, link: `/customers/${p.id}`,
    });
    if (kept.state === 'rejected') throw kept.error;
    if (kept.state === 'applied') return kept.answer;
    const { version, base, ...changes } = body;
    const text = Object.fromEntries(Object.entries(changes).filter(([f]) => TEXT.includes(f)));
    const profile = Object.fromEntries(Object.entries(changes).filter(([f]) => !TEXT.includes(f)));
    this.emit('kept', { ...p, ...text, profile: { ...(p.profile ?? {}), ...profile } });
    return null;
  }

  failed(error) {
    // The same field changed on the server meanwhile: as for a stale version, the form shows the record as it is
    // now (their value) and says someone else changed it; the fields that clashed are marked.
    if (error.code === 'conflict.fields' && error.current) {
      super.failed({ ...error, code: 'conflict.stale_version' });
      this.errors = Object.fromEntries((error.fields ?? []).filter((f) => TEXT.includes(f.field)).map((f) => [f.field, f]));
      return;
    }
    super.failed(error);
  }

  currency() {
    return this.record?.profile?.currency ?? getUser()?.tenant?.currency ?? '';
  }

  profileFields() {
    const p = AfPartnerForm.prefix;
    const levels = ['A', 'B', 'C'].map((l) => ({ id: l, label: t(`partners.level.${l}`) }));
    const sources = SOURCES.map((s) => ({ id: s, label: t(`partners.source.${s}`) }));
    // A source typed elsewhere (an import) stays choosable.
    if (this.values.source && !SOURCES.includes(this.values.source)) sources.push({ id: this.values.source, label: this.values.source });
    return html`
      <label class="field">
        <span class="field-label">${t('partners.kind')}</span>
        <select class="input select" data-test="${p}-form-kind" data-field-input="kind" .value=${this.values.kind ?? 'company'}
          @change=${(e) => this.input('kind', e.target.value)}>
          <option value="company">${t('partners.kind.company')}</option>
          <option value="individual">${t('partners.kind.individual')}</option>
        </select>
        ${this.fieldError('kind')}
      </label>
      ${this.selectField('level', t('partners.level'), levels, t('partners.level.none'))}
      ${this.textField('industry', t('partners.industry'), { maxlength: 100 })}
      ${this.selectField('source', t('partners.source'), sources, t('partners.source.none'))}
      ${this.textField('taxId', t('partners.taxId'), { maxlength: 18, className: 'input-mono', placeholder: '91310000XXXXXXXXXX', after: this.matchesOf('taxId') })}
      ${this.textField('creditLimit', t('partners.creditLimit'), { inputmode: 'decimal', maxlength: 20, suffix: this.currency() })}
      ${this.textField('paymentTermsDays', t('partners.paymentTerms'), { inputmode: 'numeric', maxlength: 3, suffix: t('partners.days') })}
      <div class="field field-wide">
        <span class="field-label">${t('partners.tags')}</span>
        <af-tag-input .testId=${`${p}-form-tags`} .value=${this.values.tags ?? []} .label=${t('partners.tags')} .max=${20}
          .invalid=${Boolean(this.errors.tags)} data-field-input="tags"
          @pick=${(e) => { this.input('tags', e.detail); this.requestUpdate(); }}></af-tag-input>
        ${this.fieldError('tags')}
      </div>`;
  }

  placeFields() {
    return divisionField(this, `${AfPartnerForm.prefix}-form-division`);
  }

  coordinateFields() {
    const p = AfPartnerForm.prefix;
    return html`
      ${this.textField('latitude', t('partners.latitude'), { inputmode: 'decimal', maxlength: 20, placeholder: '31.230416' })}
      ${this.textField('longitude', t('partners.longitude'), { inputmode: 'decimal', maxlength: 20, placeholder: '121.473701' })}
      <div class="field partner-locate">
        <span class="field-label" aria-hidden="true">&nbsp;</span>
        <button type="button" class="btn btn-secondary" data-test="${p}-form-locate" ?disabled=${this.locating}
          @click=${() => this.useLocation()}>${this.locating ? t('partners.locating') : t('partners.useLocation')}</button>
      </div>
      ${this.geoError ? html`<div class="alert alert-warning field-wide" role="alert" data-test="${p}-form-geo-error">${t(`geo.${this.geoError}`)}</div>` : ''}`;
  }

  view() {
    const one = this.customer ? 'customer' : 'supplier';
    const title = this.record ? t('partners.editTitle', { name: this.record.name }) : t(`partners.newTitle.${one}`);
    const p = AfPartnerForm.prefix;
    const customer = this.customer;
    return html`
      <form class="dept-form partner-form" novalidate data-test="partner-form" aria-label="${title}" @submit=${(e) => this.submit(e)}>
        <h2 class="dept-form-title">${title}</h2>
        ${this.alerts()}
        <div class="dept-form-grid">
          ${this.textField('name', t('partners.name'), { required: true, maxlength: 200, wide: true, after: customer ? this.matchesOf('name') : '' })}
          ${customer ? this.profileFields() : ''}
          ${customer ? html`<h3 class="form-section-title field-wide">${t('partners.contactSection')}</h3>` : ''}
          ${this.textField('email', t('partners.email'), { type: 'email', inputmode: 'email', maxlength: 200 })}
          ${this.textField('phone', t('partners.phone'), { type: 'tel', inputmode: 'tel', maxlength: 200, after: customer ? this.matchesOf('phone') : '' })}
          ${this.textField('fax', t('partners.fax'), { type: 'tel', inputmode: 'tel', maxlength: 200 })}
          ${customer ? this.placeFields() : ''}
          <label class="field field-wide">
            <span class="field-label">${t('partners.address')}</span>
            <textarea class="input ${this.errors.address ? 'is-invalid' : ''}" rows="2" maxlength="200" data-test="${p}-form-address"
              data-field-input="address" aria-invalid="${this.invalid('address')}" aria-describedby="${this.errorId('address')}"
              .value=${this.values.address ?? ''} @input=${(e) => this.input('address', e.target.value)}></textarea>
            ${this.fieldError('address')}
          </label>
          ${this.textField('city', t('partners.city'), { maxlength: 200 })}
          ${this.textField('region', t('partners.region'), { maxlength: 200 })}
          ${this.textField('postalCode', t('partners.postalCode'), { maxlength: 200 })}
          ${this.textField('country', t('partners.country'), { maxlength: 200 })}
          ${customer ? this.coordinateFields() : ''}
          ${this.textField('homepage', t('partners.homepage'), { type: 'url', inputmode: 'url', maxlength: 200, placeholder: 'https://' })}
          ${this.record ? '' : this.textField('code', t('partners.code'), { maxlength: 40, placeholder: t('partners.codeGenerated') })}
        </div>
        ${this.actions(t(`partners.add.${one}`))}
      </form>`;
  }
}
AfPartnerForm.define('af-partner-form');
