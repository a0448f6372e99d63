// data-test: partner-name, partner-field-<name>, partner-edit, contact-row, back-link, partner-waiting,
//            customer-profile, profile-<field> (level, kind, industry, source, tags, taxId, creditLimit, paymentTermsDays,
//            division, coordinates), customer-map-link
//            (the chatter's: af-record-chatter.js; the form's: af-partner-form.js; owner and pool: af-customer-owner.js)
// One customer or supplier: address, phones, contacts; customers also list their orders. Holders of
// partners.<customer|supplier>.write edit it in place (PATCH with the version read). Beside it (below it on a
// phone) the platform's chatter: comments, files, followers and the partner's audit history. Changes kept on the
// device (the outbox) show at once, marked as waiting, until the server has them.
// A customer also shows its CRM profile (level, industry, source, tags, tax id, credit terms, region, a geo: link that
// opens the phone's map app) and its owner with the owner history, release, transfer and claim (af-customer-owner.js),
// then its CRM timeline with "Log follow-up" (af-customer-timeline.js), and, for readers of contracts, its contracts
// with "New contract" (af-customer-contracts.js). A customer's contacts are edited in place by af-customer-contacts.js
// (a supplier's are shown read-only).
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText, has } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { href } from '../../core/router.js';
import { can } from '../../core/store.js';
import { notify } from '../../core/notify.js';
import { icon } from '../../components/icons.js';
import '../../components/af-record-chatter.js';
import { formatMoney } from '../../core/format.js';
import { geoUri } from '../../core/geolocation.js';
import { levelBadge } from './customer-format.js';
import './af-customer-owner.js';
import './af-customer-contacts.js';
import '../crm/af-customer-timeline.js';
import '../crm/af-customer-contracts.js';
import { commands, onOutboxChange } from '../../core/outbox.js';

const FIELDS = ['code', 'address', 'city', 'region', 'postalCode', 'country', 'phone', 'fax', 'email', 'homepage'];
const SINGULAR = { customers: 'customer', suppliers: 'supplier' };

export class AfPartnerDetail extends AfElement {
  static properties = ['kind', 'partnerId'];

  constructor() {
    super();
    this.partner = null;
    this.error = null;
    this.editing = false;
    this.seq = 0;
    this.waiting = false; // changes of this record kept on the device, not sent yet
  }

  kept(event) {
    event.stopPropagation();
    this.partner = event.detail;
    this.editing = false;
    this.waiting = true;
    notify(t('sync.savedOnDevice'), 'info');
    this.requestUpdate();
  }

  async lookAtOutbox() {
    const id = String(this.partnerId ?? '').toLowerCase();
    const waiting = (await commands()).some((c) => String(c.recordId ?? '').toLowerCase() === id && (c.state === 'waiting' || c.state === 'sending'));
    // Sent meanwhile: the record as the server has it now.
    if (this.waiting && !waiting) this.reload();
    this.waiting = waiting;
    this.requestUpdate();
  }

  disconnected() {
    this.offOutbox?.();
  }

  saved(event) {
    event.stopPropagation();
    this.partner = event.detail;
    this.editing = false;
    notify(t('partners.saved', { name: this.partner.name }), 'success');
    this.requestUpdate();
  }

  connected() {
    this.offOutbox = onOutboxChange(() => this.lookAtOutbox());
    this.lookAtOutbox();
    this.reload();
  }

  changed() {
    this.reload();
  }

  async load() {
    if (!this.kind || !this.partnerId) return;
    const seq = ++this.seq;
    try {
      const partner = await api.get(`/partners/${this.kind}/${encodeURIComponent(this.partnerId)}`);
      if (seq !== this.seq) return;
      this.partner = partner;
      this.error = null;
    } catch (error) {
      if (seq !== this.seq) return;
      this.error = error;
    }
    this.requestUpdate();
  }

  view() {
    const kind = this.kind ?? 'customers';
    const back = html`<a class="back-link" href="${href(`/${kind}`)}" data-test="back-link">${icon('back')}<span>${t(`nav.${kind}`)}</span></a>`;
    if (this.error) return html`${back}<div class="alert alert-error" role="alert">${errorText(this.error)}</div>`;
    const p = this.partner;
    if (!p) return html`${back}<div class="card card-pad"><span class="spinner"></span> ${t('common.loading')}</div>`;
    // A customer in the public pool is nobody's: a salesperson claims it before working on it (the server refuses
    // their edits until then); managers still edit it.
    const pooled = Boolean(p.profile?.poolSince);
    return html`
      ${back}
      <div class="page-header">
        <div>
          <h1 class="page-title" data-test="partner-name">${p.name}</h1>
          <div class="badges">
            ${(p.roles ?? []).map((role) => html`<span class="badge badge-info">${t(`partners.role.${role}`)}</span>`)}
            ${p.archived ? html`<span class="badge badge-muted">${t('common.archived')}</span>` : ''}
            ${this.waiting ? html`<a class="badge waiting-badge" href="${href('/sync')}" data-test="partner-waiting" title="${t('sync.waitingNote')}">${t('sync.waitingBadge')}</a>` : ''}
          </div>
        </div>
        <div class="page-actions">
          ${can(`partners.${SINGULAR[kind]}.write`) && !this.editing && (!pooled || can('partners.customer.transfer')) ? html`
            <button type="button" class="btn btn-secondary" data-test="partner-edit"
              @click=${() => { this.editing = true; this.requestUpdate(); }}>${icon('edit')}<span>${t('partners.edit')}</span></button>` : ''}
          ${kind === 'customers' && !pooled ? html`
            <a class="btn btn-primary" href="${href('/orders/new', { customer: p.id })}" data-test="new-order-for-customer">${icon('plus')}<span>${t('orders.new')}</span></a>` : ''}
        </div>
      </div>
      <div class="record-layout">
        <div class="record-main">
          ${this.editing
            ? html`<div class="card card-pad" data-key="form"><af-partner-form .kind=${kind} .record=${p} @saved=${(e) => this.saved(e)} @kept=${(e) => this.kept(e)}
                @cancel=${(e) => { e.stopPropagation(); this.editing = false; this.requestUpdate(); }}
                @stale=${(e) => { e.stopPropagation(); this.partner = e.target.record ?? this.partner; this.requestUpdate(); }}></af-partner-form></div>`
            : this.details(kind, p)}
        </div>
        <af-record-chatter class="record-side" data-key="chatter" .entity=${'partners.partner'} .recordId=${p.id}></af-record-chatter>
      </div>`;
  }

  ownerChanged(event) {
    event.stopPropagation();
    if (event.detail?.id) {
      this.partner = event.detail;
      this.requestUpdate();
    } else {
      this.reload();
    }
  }

  profile(p) {
    const pr = p.profile ?? {};
    const pair = (field, label, value) => (value === '' || value == null ? '' : html`
      <div class="field-pair" data-test="profile-${field}"><dt>${label}</dt><dd>${value}</dd></div>`);
    const located = pr.latitude && pr.longitude;
    return html`
      <section class="card card-pad customer-profile" data-test="customer-profile">
        <h2 class="section-title">${t('partners.profile')} ${levelBadge(pr.level)}</h2>
        <dl class="fields">
          ${pair('level', t('partners.level'), pr.level ? t(`partners.level.${pr.level}`) : '')}
          ${pair('kind', t('partners.kind'), pr.kind ? t(`partners.kind.${pr.kind}`) : '')}
          ${pair('industry', t('partners.industry'), pr.industry)}
          ${pair('source', t('partners.source'), pr.source ? (has(`partners.source.${pr.source}`) ? t(`partners.source.${pr.source}`) : pr.source) : '')}
          ${pair('tags', t('partners.tags'), pr.tags?.length ? html`<span class="tag-list">${pr.tags.map((tag) => html`<span class="tag-chip">${tag}</span>`)}</span>` : '')}
          ${pair('taxId', t('partners.taxId'), pr.taxId ? html`<span class="input-mono">${pr.taxId}</span>` : '')}
          ${pair('creditLimit', t('partners.creditLimit'), pr.creditLimit ? formatMoney(pr.creditLimit, pr.currency) : '')}
          ${pair('paymentTermsDays', t('partners.paymentTerms'), pr.paymentTermsDays != null ? t('partners.daysCount', { count: pr.paymentTermsDays }) : '')}
          ${pair('division', t('partners.division'), pr.divisionName)}
          ${pair('coordinates', t('partners.location'), located ? html`<a class="map-link" data-test="customer-map-link"
            href="${geoUri(pr.latitude, pr.longitude, p.name)}">${icon('attendance')}<span>${pr.latitude}, ${pr.longitude}</span></a>` : '')}
        </dl>
      </section>
      <af-customer-owner data-key="owner" .partner=${p} @changed=${(e) => this.ownerChanged(e)}></af-customer-owner>
      ${can('crm.visit.write') || can('crm.activity.read') ? html`<af-customer-timeline data-key="timeline" .customerId=${p.id}></af-customer-timeline>` : ''}`;
  }

  details(kind, p) {
    return html`
      <div class="detail-grid">
        ${kind === 'customers' ? this.profile(p) : ''}
        <section class="card card-pad">
          <h2 class="section-title">${t('partners.details')}</h2>
          <dl class="fields">
            ${FIELDS.filter((f) => p[f]).map((f) => html`
              <div class="field-pair" data-test="partner-field-${f}">
                <dt>${t(`partners.${f}`)}</dt>
                <dd>${f === 'homepage' ? homepage(p.homepage) : p[f]}</dd>
              </div>`)}
          </dl>
        </section>
        ${kind === 'customers' ? html`<af-customer-contacts data-key="contacts" .partner=${p}
          .editable=${can('partners.customer.write') && (!p.profile?.poolSince || can('partners.customer.transfer'))}></af-customer-contacts>` : html`
        <section class="card card-pad">
          <h2 class="section-title">${t('partners.contacts')}</h2>
          ${(p.contacts ?? []).length === 0 ? html`<p class="muted">${t('partners.noContacts')}</p>` : html`
            <ul class="contact-list">
              ${p.contacts.map((c) => html`
                <li class="contact" data-test="contact-row" data-key="${c.id}">
                  <span class="avatar avatar-sm" aria-hidden="true">${(c.name ?? '?').slice(0, 1)}</span>
                  <div>
                    <div class="contact-name">${c.name}</div>
                    <div class="muted small">${[c.title, c.phone, c.email].filter(Boolean).join(' · ')}</div>
                  </div>
                </li>`)}
            </ul>`}
        </section>`}
      </div>
      ${kind === 'customers' && can('crm.contract.read') ? html`<af-customer-contracts data-key="contracts" .customerId=${p.id}></af-customer-contracts>` : ''}
      ${kind === 'customers' ? html`<af-customer-orders .customerId=${p.id}></af-customer-orders>` : ''}`;
  }
}

// Northwind homepages look like "#CAJUN.HTM#" (an Access hyperlink), not URLs: only link real ones.
function homepage(value) {
  const url = /https?:\/\/[^\s#]+/.exec(value ?? '')?.[0];
  return url ? html`<a href="${url}" target="_blank" rel="noopener noreferrer">${url}</a>` : value;
}

AfPartnerDetail.define('af-partner-detail');
