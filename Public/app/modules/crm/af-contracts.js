// data-test: contracts-page, contract-new, contract-row (the shared list's)
// Contracts (合同), #/crm/contracts, on the shared list (key crm.contracts): number, title, customer, amount, received,
// start and end, state, owner; q searches number and title. "New contract" opens the form.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { navigate } from '../../core/router.js';
import { can } from '../../core/store.js';
import { formatMoney } from '../../core/format.js';
import { icon } from '../../components/icons.js';
import '../../components/af-data-list.js';
import { customerLabel, searchCustomers, salespeopleOptions } from '../sales/pickers.js';
import { contractState } from './contract-format.js';

export class AfContracts extends AfElement {
  static properties = ['query'];

  constructor() {
    super();
    this.config = {
      key: 'crm.contracts',
      endpoint: '/crm/contracts',
      path: '/crm/contracts',
      title: 'nav.crm_contracts',
      testId: 'contract',
      search: 'crm.contract.search',
      rowHref: (c) => `/crm/contracts/${c.id}`,
      cells: {
        state: { render: (c) => contractState(c.state) },
        amount: { render: (c) => formatMoney(c.amount, c.currency), num: true },
        received: { render: (c) => formatMoney(c.received, c.currency), num: true },
      },
      values: { state: (s) => t(`crm.contract.state.${s}`) },
      references: { customerName: { search: searchCustomers, label: customerLabel }, ownerName: { options: salespeopleOptions } },
      actions: () => (can('crm.contract.write') ? html`<button type="button" class="btn btn-primary" data-test="contract-new"
        @click=${() => navigate('/crm/contracts/new')}>${icon('plus')}<span>${t('crm.contract.new')}</span></button>` : ''),
    };
  }

  view() {
    return html`<div class="contracts-page" data-test="contracts-page">
      <af-data-list .config=${this.config} .query=${this.query}></af-data-list>
    </div>`;
  }
}
AfContracts.define('af-contracts');
