// data-test: customer-search | supplier-search, customer-row | supplier-row, partner-new, customer-pool-link,
//            customer-route-link (and those of af-data-list)
// Customers or suppliers (`kind`) on the shared list (components/af-data-list.js): by name; search, sort, filters and
// page in the URL (#/customers?q=ber&city=&sort=-country&level=A&page=2); holders of partners.<customer|supplier>.write
// add one and archive or restore several at once; transfer holders give several customers to another salesperson.
// Customers show their level as a badge and the last follow-up as "3 days ago"; the header leads to the public pool
// and to the route planner.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { href } from '../../core/router.js';
import { can } from '../../core/store.js';
import { icon } from '../../components/icons.js';
import '../../components/af-data-list.js';
import { salespeopleOptions } from '../sales/pickers.js';
import { levelBadge, relativeInstant } from './customer-format.js';

function customerLinks() {
  return html`
    <a class="btn btn-secondary" href="${href('/customers/pool')}" data-test="customer-pool-link">${t('nav.customer_pool')}</a>
    ${can('crm.visit.write') ? html`<a class="btn btn-secondary" href="${href('/crm/route')}" data-test="customer-route-link">${t('nav.crm')}</a>` : ''}`;
}

const SINGULAR = { customers: 'customer', suppliers: 'supplier' };
const CONFIGS = {};

function config(kind) {
  const one = SINGULAR[kind] ?? 'customer';
  CONFIGS[kind] ??= {
    key: `partners.${kind}`,
    endpoint: `/partners/${kind}`,
    path: `/${kind}`,
    title: `nav.${kind}`,
    testId: one,
    search: 'partners.searchPlaceholder',
    rowHref: (p) => `/${kind}/${p.id}`,
    cells: {
      name: { render: (p) => html`${p.name}${p.archived ? html` <span class="badge badge-muted">${t('common.archived')}</span>` : ''}` },
      level: { render: (p) => levelBadge(p.level) },
      lastActivityAt: { render: (p) => relativeInstant(p.lastActivityAt) },
    },
    values: { level: (v) => t(`partners.level.${v}`) },
    bulkValues: { transfer: { options: salespeopleOptions } },
    // Archived partners are hidden unless asked for (`archived=include|only`). Customers with no follow-up since a day
    // (`notFollowedSince`, never followed up included) are what the CRM reports' idle customers link to.
    extraParams: kind === 'customers' ? ['archived', 'notFollowedSince'] : ['archived'],
    extraFilters: (q, go) => html`<label class="filter"><span class="filter-label">${t('common.archived')}</span>
      <select class="input select" data-test="list-filter-archived" .value=${q.archived ?? ''} @change=${(e) => go({ archived: e.target.value })}>
        <option value="">${t('list.archivedExclude')}</option>
        <option value="include">${t('list.archivedInclude')}</option>
        <option value="only">${t('list.archivedOnly')}</option>
      </select></label>${kind === 'customers' ? html`<label class="filter"><span class="filter-label">${t('partners.notFollowedSince')}</span>
      <input type="date" class="input" data-test="list-filter-notFollowedSince" .value=${q.notFollowedSince ?? ''}
        @change=${(e) => go({ notFollowedSince: e.target.value })}></label>` : ''}`,
    actions: () => html`${kind === 'customers' ? customerLinks() : ''}${can(`partners.${one}.write`)
      ? html`<a class="btn btn-primary" href="${href(`/${kind}/new`)}" data-test="partner-new">${icon('plus')}<span>${t(`partners.add.${one}`)}</span></a>`
      : ''}`,
  };
  return CONFIGS[kind];
}

export class AfPartnerList extends AfElement {
  static properties = ['kind', 'query'];

  view() {
    if (!this.kind) return '';
    return html`<af-data-list .config=${config(this.kind)} .query=${this.query}></af-data-list>`;
  }
}

AfPartnerList.define('af-partner-list');
