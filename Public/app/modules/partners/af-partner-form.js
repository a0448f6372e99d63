// data-test: partner-form, partner-form-<field> (name, code, email, phone, fax, address, city, region, postalCode,
//            country, homepage), partner-form-save, partner-form-cancel, partner-form-error, partner-form-stale,
//            field-error (data-field = the field)
// Add a customer or supplier (`kind`: customers | suppliers; POST /partners/{kind}, the code left empty is given by
// the server) or change one (PATCH /partners/{kind}/{id} with the version read; only what changed is sent, an
// emptied field clears it). The server's field problems (422 `fields`) show at their field; a 409 reloads the
// record as it is now and says that someone else changed it.
// A customer's changes go through the outbox (core/outbox.js) with `base`, the value each changed field had when
// the user started, so the server can merge them field by field when someone else changed other fields meanwhile
// (409 conflict.fields when the same field changed). Kept on the device, the form emits `kept` (detail: the record
// with the changes, for the page to show marked as waiting) instead of `saved`.
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { AfRecordForm } from '../../components/record-form.js';
import { submit } from '../../core/outbox.js';

const TEXT = ['name', 'email', 'phone', 'fax', 'address', 'city', 'region', 'postalCode', 'country', 'homepage'];

export class AfPartnerForm extends AfRecordForm {
  static properties = ['record', 'kind'];
  static prefix = 'partner';
  static fieldMap = Object.fromEntries(['code', ...TEXT].map((f) => [f, f]));

  path() {
    return `/partners/${this.kind}`;
  }

  fill(p) {
    return Object.fromEntries(['code', ...TEXT].map((f) => [f, p?.[f] ?? '']));
  }

  localErrors() {
    return this.values.name.trim() ? {} : { name: { code: 'field.required' } };
  }

  body() {
    const v = Object.fromEntries(['code', ...TEXT].map((f) => [f, (this.values[f] ?? '').trim()]));
    const p = this.record;
    if (!p) return Object.fromEntries(Object.entries(v).filter(([, value]) => value !== ''));
    const body = { version: p.version };
    for (const f of TEXT) if (v[f] !== (p[f] ?? '')) body[f] = v[f];
    if (Object.keys(body).length === 1) return null;
    if (this.kind === 'customers') body.base = Object.fromEntries(Object.keys(body).filter((f) => f !== 'version').map((f) => [f, p[f] ?? '']));
    return body;
  }

  async send(body) {
    if (!this.record || this.kind !== 'customers') return super.send(body);
    const p = this.record;
    const kept = await submit({
      method: 'PATCH', path: `${this.path()}/${encodeURIComponent(p.id)}`, body, entity: 'partners.partner', recordId: p.id,
      baseVersion: p.version, label: { key: 'sync.label.customerEdit', params: { name: p.name } }, link: `/customers/${p.id}`,
    });
    if (kept.state === 'rejected') throw kept.error;
    if (kept.state === 'applied') return kept.answer;
    const { version, base, ...changes } = body;
    this.emit('kept', { ...p, ...changes });
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

  view() {
    const one = this.kind === 'suppliers' ? 'supplier' : 'customer';
    const title = this.record ? t('partners.editTitle', { name: this.record.name }) : t(`partners.newTitle.${one}`);
    const p = AfPartnerForm.prefix;
    return html`
      <form class="dept-form partner-form" novalidate data-test="partner-form" aria-label="${title}" @submit=${(e) => this.submit(e)}>
        <h2 class="dept-form-title">${title}</h2>
        ${this.alerts()}
        <div class="dept-form-grid">
          ${this.textField('name', t('partners.name'), { required: true, maxlength: 200, wide: true })}
          ${this.textField('email', t('partners.email'), { type: 'email', inputmode: 'email', maxlength: 200 })}
          ${this.textField('phone', t('partners.phone'), { type: 'tel', inputmode: 'tel', maxlength: 200 })}
          ${this.textField('fax', t('partners.fax'), { type: 'tel', inputmode: 'tel', maxlength: 200 })}
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
          ${this.textField('homepage', t('partners.homepage'), { type: 'url', inputmode: 'url', maxlength: 200, placeholder: 'https://' })}
          ${this.record ? '' : this.textField('code', t('partners.code'), { maxlength: 40, placeholder: t('partners.codeGenerated') })}
        </div>
        ${this.actions(t(`partners.add.${one}`))}
      </form>`;
  }
}
AfPartnerForm.define('af-partner-form');
