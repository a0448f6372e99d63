// data-test: partner-form, partner-form-<field> (name, code, email, phone, fax, address, city, region, postalCode,
//            country, homepage), partner-form-save, partner-form-cancel, partner-form-error, partner-form-stale,
//            field-error (data-field = the field)
// Add a customer or supplier (`kind`: customers | suppliers; POST /partners/{kind}, the code left empty is given by
// the server) or change one (PATCH /partners/{kind}/{id} with the version read; only what changed is sent, an
// emptied field clears it). The server's field problems (422 `fields`) show at their field; a 409 reloads the
// record as it is now and says that someone else changed it.
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { AfRecordForm } from '../../components/record-form.js';

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
    return Object.keys(body).length > 1 ? body : null;
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
