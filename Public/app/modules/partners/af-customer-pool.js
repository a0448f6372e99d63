// data-test: pool-row, pool-search, pool-claim (per row), pool-rules-toggle, back-link (and those of af-data-list;
//            the rules panel's: af-pool-rules.js)
// The public pool (公海), #/customers/pool, on the shared list (GET /partners/pool, key partners.pool): customers nobody
// owns, newest in the pool first by default, with why they are there and who had them. Holders of partners.pool.claim
// claim one from its row or several at once (bulk `claim`); managers assign several to a salesperson (bulk `assign`);
// holders of partners.pool.manage open the pool rules. The server's refusals (taken meanwhile, a claim limit) show as
// they come.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { href } from '../../core/router.js';
import { can } from '../../core/store.js';
import { notify } from '../../core/notify.js';
import { icon } from '../../components/icons.js';
import '../../components/af-data-list.js';
import { salespeopleOptions } from '../sales/pickers.js';
import { levelBadge, relativeInstant, poolReason } from './customer-format.js';
import './af-pool-rules.js';

export class AfCustomerPool extends AfElement {
  static properties = ['query'];

  constructor() {
    super();
    this.rulesOpen = false;
    this.claiming = null;
    this.config = {
      key: 'partners.pool',
      endpoint: '/partners/pool',
      path: '/customers/pool',
      title: 'nav.customer_pool',
      testId: 'pool',
      search: 'partners.searchPlaceholder',
      rowHref: (p) => `/customers/${p.id}`,
      cells: {
        level: { render: (p) => levelBadge(p.level) },
        division: { render: (p) => p.divisionName ?? '' },
        poolSince: { render: (p) => relativeInstant(p.poolSince) },
        poolReason: { render: (p) => poolReason(p.poolReason) },
      },
      values: { level: (v) => t(`partners.level.${v}`), poolReason },
      bulkValues: { assign: { options: salespeopleOptions } },
      rowActions: can('partners.pool.claim') ? (p) => html`<button type="button" class="btn btn-secondary btn-small" data-test="pool-claim"
        ?disabled=${this.claiming === p.id} @click=${() => this.claim(p)}>${t('partners.claim')}</button>` : null,
      actions: () => (can('partners.pool.manage') ? html`<button type="button" class="btn btn-secondary" data-test="pool-rules-toggle"
        aria-expanded="${this.rulesOpen ? 'true' : 'false'}" @click=${() => { this.rulesOpen = !this.rulesOpen; this.refreshList(); }}>
        ${icon('settings')}<span>${t('partners.poolRules')}</span></button>` : ''),
      before: () => (this.rulesOpen ? html`<af-pool-rules data-key="rules"
        @close=${() => { this.rulesOpen = false; this.refreshList(); }}></af-pool-rules>` : ''),
      empty: () => t('partners.poolEmpty'),
    };
  }

  // The list draws the header and the panel: ask it to draw again.
  refreshList() {
    this.querySelector('af-data-list')?.requestUpdate();
  }

  async claim(p) {
    this.claiming = p.id;
    this.refreshList();
    try {
      await api.post(`/partners/pool/${encodeURIComponent(p.id)}/claim`, {});
      notify(t('partners.claimed', { name: p.name }), 'success');
    } catch (error) {
      notify(errorText(error), 'error');
    }
    this.claiming = null;
    this.querySelector('af-data-list')?.refresh();
  }

  view() {
    return html`
      <a class="back-link" href="${href('/customers')}" data-test="back-link">${icon('back')}<span>${t('nav.customers')}</span></a>
      <af-data-list .config=${this.config} .query=${this.query}></af-data-list>`;
  }
}
AfCustomerPool.define('af-customer-pool');
