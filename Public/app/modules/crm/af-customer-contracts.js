// data-test: customer-contracts, customer-contract-row (data-state), customer-contract-new, customer-contracts-empty,
//            customer-contracts-offline
// A customer's contracts (合同) on the customer page (GET /crm/customers/{id}/contracts, newest first, within the reader's
// contract scope): number and title, state, period, amount and received; "New contract" opens the form with this customer.
// Offline, the answer kept on the device shows (partners/offline.js keeps it with the customer); without one, a note.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { href } from '../../core/router.js';
import { can } from '../../core/store.js';
import { formatMoney, formatDay } from '../../core/format.js';
import { icon } from '../../components/icons.js';
import { openRow } from '../../components/list-helpers.js';
import { contractState } from './contract-format.js';

export class AfCustomerContracts extends AfElement {
  static properties = ['customerId'];

  constructor() {
    super();
    this.contracts = null;
    this.error = null;
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
      this.contracts = await api.get(`/crm/customers/${encodeURIComponent(this.customerId)}/contracts`);
      this.error = null;
    } catch (error) {
      this.error = error;
    }
    this.requestUpdate();
  }

  view() {
    const rows = this.contracts ?? [];
    return html`<section class="card table-card section-gap customer-contracts" data-test="customer-contracts">
      <div class="section-head card-pad-x">
        <h2 class="section-title">${t('crm.contract.customerSection')}
          ${this.contracts ? html`<span class="muted count">${t('common.count', { count: rows.length })}</span>` : ''}</h2>
        ${can('crm.contract.write') ? html`<a class="btn btn-secondary btn-small" data-test="customer-contract-new"
          href="${href('/crm/contracts/new', { customer: this.customerId })}">${icon('plus')}<span>${t('crm.contract.new')}</span></a>` : ''}
      </div>
      ${this.error && this.error.status === 0 ? html`<p class="muted small card-pad" data-test="customer-contracts-offline">${t('crm.contract.offline')}</p>`
        : this.error ? html`<div class="alert alert-error card-pad-x" role="alert">${errorText(this.error)}</div>` : ''}
      ${rows.length ? html`<table class="table responsive-table">
        <thead><tr>
          <th scope="col">${t('crm.contract.number')}</th>
          <th scope="col">${t('crm.contract.state')}</th>
          <th scope="col">${t('crm.contract.period')}</th>
          <th scope="col" class="num">${t('crm.contract.amount')}</th>
          <th scope="col" class="num">${t('crm.contract.received')}</th>
        </tr></thead>
        <tbody>${rows.map((c) => html`<tr class="row-link" data-test="customer-contract-row" data-key="${c.id}" data-state="${c.state}"
          @click=${(e) => openRow(e, `/crm/contracts/${c.id}`)}>
          <td class="cell-title"><a href="${href(`/crm/contracts/${c.id}`)}">${c.number}</a> <span class="muted">${c.title}</span></td>
          <td data-label="${t('crm.contract.state')}">${contractState(c.state)}</td>
          <td data-label="${t('crm.contract.period')}">${formatDay(c.startsOn)} – ${formatDay(c.endsOn)}</td>
          <td data-label="${t('crm.contract.amount')}" class="num">${formatMoney(c.amount, c.currency)}</td>
          <td data-label="${t('crm.contract.received')}" class="num">${formatMoney(c.received, c.currency)}</td>
        </tr>`)}</tbody>
      </table>` : html`<p class="muted card-pad" data-test="customer-contracts-empty">${this.contracts ? t('crm.contract.noneForCustomer') : this.error ? '' : t('common.loading')}</p>`}
    </section>`;
  }
}
AfCustomerContracts.define('af-customer-contracts');
