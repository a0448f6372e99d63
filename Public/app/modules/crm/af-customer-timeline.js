// data-test: customer-timeline, follow-up-open, timeline-entry (data-kind, data-id), timeline-title, timeline-kind, timeline-empty
//            (the form's: af-follow-up-form.js)
// A customer's CRM history (GET /crm/customers/{id}/timeline, newest first): follow-ups, visits, opportunities, owner
// changes, contracts, sales orders and approvals as one vertical list, each with its icon, a title in the reader's
// language and how long ago. "Log follow-up" opens the form above it; a follow-up logged shows at once.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText, has } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { href } from '../../core/router.js';
import { icon } from '../../components/icons.js';
import { relativeInstant } from '../partners/customer-format.js';
import './af-follow-up-form.js';

const ICONS = { follow_up: 'phone', visit: 'attendance', opportunity: 'orders', owner: 'person', contract: 'edit', order: 'orders', approval: 'approvals' };
// Kinds named beside their title ("Sales order", "Approval"), and where the server's state (the detail) has a label.
const KIND_LABEL = { visit: 'crm.timeline.visit', contract: 'crm.timeline.contract', order: 'crm.timeline.order', approval: 'crm.timeline.approval' };
const DETAIL_KEY = { contract: 'crm.contract.state', order: 'orders.states', approval: 'approvals.states' };
const FOLLOW_UP_ICONS = { call: 'phone', visit: 'attendance', email: 'bell', meeting: 'users', message: 'bell' };

// The server's title is a code (a follow-up's kind, a visit's state, an owner action) or, for an opportunity, its name.
function title(e) {
  const key = { follow_up: `crm.followUp.kind.${e.title}`, visit: `crm.timeline.visit.${e.title}`, owner: `crm.timeline.owner.${e.title}` }[e.kind];
  return key && has(key) ? t(key) : e.title;
}

// A contract's, an order's or an approval's detail is its state code.
function detail(e) {
  const key = DETAIL_KEY[e.kind] && `${DETAIL_KEY[e.kind]}.${e.detail}`;
  return key && has(key) ? t(key) : e.detail;
}

// The server links an order as /sales/orders/{id}; the web app opens it at #/orders/{id}.
function linkOf(e) {
  return e.link?.replace(/^\/sales\/orders\//, '/orders/');
}

export class AfCustomerTimeline extends AfElement {
  static properties = ['customerId'];

  constructor() {
    super();
    this.entries = null;
    this.error = null;
    this.open = false;
  }

  connected() {
    this.reload();
  }

  changed() {
    this.reload();
  }

  async load() {
    if (!this.customerId) return;
    try {
      this.entries = await api.get(`/crm/customers/${encodeURIComponent(this.customerId)}/timeline`);
      this.error = null;
    } catch (error) {
      this.error = error;
    }
    this.requestUpdate();
  }

  entry(e) {
    const name = e.kind === 'follow_up' ? FOLLOW_UP_ICONS[e.title] ?? 'phone' : ICONS[e.kind] ?? 'bell';
    const heading = e.link ? html`<a href="${href(linkOf(e))}" data-test="timeline-title">${title(e)}</a>` : html`<strong data-test="timeline-title">${title(e)}</strong>`;
    return html`<li class="timeline-entry timeline-${e.kind}" data-test="timeline-entry" data-kind="${e.kind}" data-id="${e.id ?? ''}">
      <span class="timeline-icon" aria-hidden="true">${icon(name)}</span>
      <div class="timeline-body">
        <div>${heading}${KIND_LABEL[e.kind] ? html` <span class="muted small" data-test="timeline-kind">${t(KIND_LABEL[e.kind])}</span>` : ''}</div>
        ${e.detail ? html`<div class="timeline-detail">${detail(e)}</div>` : ''}
        <div class="muted small">${relativeInstant(e.at)}${e.byName ? ` · ${e.byName}` : ''}</div>
      </div>
    </li>`;
  }

  logged() {
    this.open = false;
    this.reload();
  }

  view() {
    const list = this.entries ?? [];
    return html`
      <section class="card card-pad customer-timeline" data-test="customer-timeline">
        <div class="section-head">
          <h2 class="section-title">${t('crm.timeline.title')}</h2>
          <button type="button" class="btn btn-secondary btn-small" data-test="follow-up-open" aria-expanded="${this.open ? 'true' : 'false'}"
            @click=${() => { this.open = !this.open; this.requestUpdate(); }}>${icon('plus')}<span>${t('crm.followUp.log')}</span></button>
        </div>
        ${this.open ? html`<af-follow-up-form data-key="form" .subject=${{ customerId: this.customerId }} @logged=${() => this.logged()}></af-follow-up-form>` : ''}
        ${this.error ? html`<div class="alert alert-error" role="alert">${errorText(this.error)}</div>` : ''}
        ${list.length ? html`<ol class="timeline">${list.map((e) => this.entry(e))}</ol>`
          : html`<p class="muted small" data-test="timeline-empty">${this.entries ? t('crm.timeline.empty') : this.error ? '' : t('common.loading')}</p>`}
      </section>`;
  }
}
AfCustomerTimeline.define('af-customer-timeline');
