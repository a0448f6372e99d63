// data-test: customer-contacts, contact-row (data-id, data-role), contact-name, contact-title, contact-role, contact-phone (tel: link),
//            contact-email (mailto: link), contact-birthday, contact-add, contact-edit, contact-remove, contacts-empty,
//            contacts-error, contact-form, contact-form-<name|title|role|phone|email|birthday>, contact-form-save,
//            contact-form-cancel, contact-form-error, contact-form-stale, field-error (data-field)
//            (the remove question: af-confirm-dialog.js)
// A customer's contacts (联系人) on its page: name, title, role in the deal (决策人, 影响者 …), phone (tel: link),
// e-mail (mailto:) and birthday. Holders of partners.customer.write (a pool customer: those who may also transfer) add
// one (POST /partners/customers/{id}/contacts), change one in place (PATCH …/contacts/{contactId} with its version; only
// what changed is sent, an emptied field clears it) and remove one after a question (DELETE). The server's field
// problems (localised) show at their field; a stale version shows the contact as it is now. One column on a phone.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { notify } from '../../core/notify.js';
import { formatDay, todayIn } from '../../core/format.js';
import { getUser } from '../../core/store.js';
import { icon } from '../../components/icons.js';
import { AfRecordForm } from '../../components/record-form.js';
import '../../components/af-confirm-dialog.js';

export const CONTACT_ROLES = ['decision_maker', 'influencer', 'user', 'finance', 'purchasing', 'technical', 'other'];
const FIELDS = ['name', 'title', 'role', 'phone', 'email', 'birthday'];

export function contactRole(role) {
  return role ? html`<span class="badge badge-info" data-test="contact-role" data-role="${role}">${t(`partners.contactRole.${role}`)}</span>` : '';
}

export class AfContactForm extends AfRecordForm {
  static properties = ['record', 'customerId'];
  static prefix = 'contact';
  static fieldMap = Object.fromEntries(FIELDS.map((f) => [f, f]));

  fill(c) {
    return Object.fromEntries(FIELDS.map((f) => [f, c?.[f] ?? '']));
  }

  path() {
    return `/partners/customers/${encodeURIComponent(this.customerId)}/contacts`;
  }

  localErrors() {
    return this.values.name.trim() ? {} : { name: { code: 'field.required', key: 'partners.contactNameRequired' } };
  }

  body() {
    const v = Object.fromEntries(FIELDS.map((f) => [f, String(this.values[f] ?? '').trim()]));
    if (!this.record) return Object.fromEntries(Object.entries(v).filter(([, value]) => value !== ''));
    const body = { version: this.record.version };
    for (const f of FIELDS) if (v[f] !== (this.record[f] ?? '')) body[f] = v[f];
    return Object.keys(body).length === 1 ? null : body;
  }

  view() {
    const title = this.record ? t('partners.contactEditTitle', { name: this.record.name }) : t('partners.contactAdd');
    const roles = CONTACT_ROLES.map((r) => ({ id: r, label: t(`partners.contactRole.${r}`) }));
    const today = todayIn(getUser()?.timeZone ?? getUser()?.tenant?.timeZone);
    return html`
      <form class="dept-form contact-form" novalidate data-test="contact-form" aria-label="${title}" @submit=${(e) => this.submit(e)}>
        <h3 class="dept-form-title">${title}</h3>
        ${this.alerts()}
        <div class="contact-form-grid">
          ${this.textField('name', t('partners.contactName'), { required: true, maxlength: 200 })}
          ${this.textField('title', t('partners.contactTitle'), { maxlength: 200 })}
          ${this.selectField('role', t('partners.contactRole'), roles, t('partners.contactRole.none'))}
          ${this.textField('phone', t('partners.phone'), { type: 'tel', inputmode: 'tel', maxlength: 200 })}
          ${this.textField('email', t('partners.email'), { type: 'email', inputmode: 'email', maxlength: 200 })}
          <label class="field">
            <span class="field-label">${t('partners.birthday')}</span>
            <input class="input ${this.errors.birthday ? 'is-invalid' : ''}" type="date" max="${today}" data-test="contact-form-birthday"
              data-field-input="birthday" aria-invalid="${this.invalid('birthday')}" aria-describedby="${this.errorId('birthday')}"
              .value=${this.values.birthday ?? ''} @input=${(e) => this.input('birthday', e.target.value)}
              @change=${(e) => this.input('birthday', e.target.value)}>
            ${this.fieldError('birthday')}
          </label>
        </div>
        ${this.actions(t('partners.contactAdd'))}
      </form>`;
  }
}
AfContactForm.define('af-contact-form');

export class AfCustomerContacts extends AfElement {
  // `partner`: the PartnerDetail (its contacts); `editable`: whether the reader may change them.
  static properties = ['partner', 'editable'];

  constructor() {
    super();
    this.contacts = [];
    this.editing = null; // null | 'new' | a contact id
    this.removing = null; // the contact asked about
    this.busy = false;
    this.error = null;
    this.removeError = null;
  }

  changed(name, old) {
    // A partner read again (another id or version) brings the server's contacts.
    if (name === 'partner' && (old?.id !== this.partner?.id || old?.version !== this.partner?.version || !old)) {
      this.contacts = [...(this.partner?.contacts ?? [])];
    }
  }

  connected() {
    this.contacts = [...(this.partner?.contacts ?? [])];
  }

  // Keeps the page's partner in step, so a redraw of the page shows the same list.
  keep(contacts) {
    this.contacts = contacts;
    if (this.partner) this.partner.contacts = contacts;
    this.requestUpdate();
  }

  saved(event) {
    event.stopPropagation();
    const contact = event.detail;
    const known = this.contacts.some((c) => c.id === contact.id);
    this.keep(known ? this.contacts.map((c) => (c.id === contact.id ? contact : c)) : [...this.contacts, contact]);
    notify(t(known ? 'partners.contactSaved' : 'partners.contactAdded', { name: contact.name }), 'success');
    this.editing = null;
    this.requestUpdate();
  }

  stale(event) {
    event.stopPropagation();
    const current = event.target.record;
    if (current?.id) this.keep(this.contacts.map((c) => (c.id === current.id ? current : c)));
  }

  async drop() {
    const c = this.removing;
    if (!c) return;
    this.busy = true;
    this.removeError = null;
    this.requestUpdate();
    try {
      await api.delete(`/partners/customers/${encodeURIComponent(this.partner.id)}/contacts/${encodeURIComponent(c.id)}`);
      this.keep(this.contacts.filter((x) => x.id !== c.id));
      notify(t('partners.contactRemoved', { name: c.name }), 'success');
      this.removing = null;
    } catch (error) {
      if (error.status === 404) {
        this.keep(this.contacts.filter((x) => x.id !== c.id));
        this.removing = null;
      } else {
        this.removeError = error;
      }
    }
    this.busy = false;
    this.requestUpdate();
  }

  form(contact) {
    return html`<div class="dept-form-wrap" data-key="form-${contact?.id ?? 'new'}">
      <af-contact-form .customerId=${this.partner.id} .record=${contact ?? null} @saved=${(e) => this.saved(e)} @stale=${(e) => this.stale(e)}
        @cancel=${(e) => { e.stopPropagation(); this.editing = null; this.requestUpdate(); }}></af-contact-form></div>`;
  }

  row(c) {
    if (this.editing === c.id) return html`<li class="contact-editing" data-key="${c.id}">${this.form(c)}</li>`;
    const mayEdit = this.editable && !this.editing;
    return html`
      <li class="contact" data-test="contact-row" data-id="${c.id}" data-role="${c.role ?? ''}" data-key="${c.id}">
        <span class="avatar avatar-sm" aria-hidden="true">${(c.name ?? '?').slice(0, 1)}</span>
        <div class="contact-body">
          <div><span class="contact-name" data-test="contact-name">${c.name}</span> ${contactRole(c.role)}</div>
          ${c.title ? html`<div class="muted small" data-test="contact-title">${c.title}</div>` : ''}
          <div class="contact-ways small">
            ${c.phone ? html`<a href="tel:${c.phone.replace(/\s+/g, '')}" data-test="contact-phone">${icon('phone')}<span>${c.phone}</span></a>` : ''}
            ${c.email ? html`<a href="mailto:${c.email}" data-test="contact-email">${c.email}</a>` : ''}
            ${c.birthday ? html`<span class="muted" data-test="contact-birthday">${t('partners.birthdayOn', { day: formatDay(c.birthday) })}</span>` : ''}
          </div>
        </div>
        ${mayEdit ? html`<div class="contact-actions">
          <button type="button" class="btn btn-ghost btn-small" data-test="contact-edit" aria-label="${t('partners.contactEditTitle', { name: c.name })}"
            @click=${() => { this.editing = c.id; this.requestUpdate(); }}>${icon('edit')}<span>${t('partners.edit')}</span></button>
          <button type="button" class="btn btn-ghost btn-small" data-test="contact-remove" aria-label="${t('partners.contactRemoveTitle', { name: c.name })}"
            @click=${() => { this.removing = c; this.removeError = null; this.requestUpdate(); }}>${t('partners.contactRemove')}</button>
        </div>` : ''}
      </li>`;
  }

  view() {
    if (!this.partner) return '';
    const list = this.contacts;
    return html`
      <section class="card card-pad customer-contacts" data-test="customer-contacts">
        <div class="section-head">
          <h2 class="section-title">${t('partners.contacts')}</h2>
          ${this.editable && !this.editing ? html`<button type="button" class="btn btn-secondary btn-small" data-test="contact-add"
            @click=${() => { this.editing = 'new'; this.requestUpdate(); }}>${icon('plus')}<span>${t('partners.contactAdd')}</span></button>` : ''}
        </div>
        ${this.editing === 'new' ? this.form(null) : ''}
        ${this.error ? html`<div class="alert alert-error" role="alert" data-test="contacts-error">${errorText(this.error)}</div>` : ''}
        ${list.length === 0 ? (this.editing === 'new' ? '' : html`<p class="muted" data-test="contacts-empty">${t('partners.noContacts')}</p>`) : html`
          <ul class="contact-list">${list.map((c) => this.row(c))}</ul>`}
        ${this.removing ? html`<af-confirm-dialog data-key="remove" .heading=${t('partners.contactRemoveTitle', { name: this.removing.name })}
          .message=${t('partners.contactRemoveMessage')} .action=${t('partners.contactRemove')} .danger=${true}
          .busy=${this.busy} .error=${this.removeError} @confirm=${() => this.drop()}
          @dismiss=${() => { this.removing = null; this.requestUpdate(); }}></af-confirm-dialog>` : ''}
      </section>`;
  }
}
AfCustomerContacts.define('af-customer-contacts');
