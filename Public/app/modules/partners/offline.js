// What a field user needs offline from Partners (core/working-set.js): my customers — the first pages of the customer
// list as the list page asks for them, and each one's page (the record, its owner history, its orders tab, its
// chatter, its CRM timeline and contracts) — and the first page of the public pool (公海) for those who may claim from it.
// China's divisions (/partners/divisions, about 130 KB) are not fetched ahead: the working set would fetch them again
// on every run. The customer form's picker asks for them once, and api.get keeps that answer on the device.
import { PAGE_SIZE } from '../../components/list-helpers.js';
import { can } from '../../core/store.js';

const CUSTOMER_ORDERS = 10; // af-customer-orders.js LIMIT

export default [{
  name: 'customers',
  permission: 'partners.customer.read',
  entity: 'partners.partner',
  // Details (three answers each) for the first 40: a company-wide list is long, and a rep's own customers come first
  // when the list is scoped to them.
  lists: [{ path: '/partners/customers', query: { limit: PAGE_SIZE }, pages: 5, details: true, detailPages: 2 }],
  answers: [
    { path: '/lists/partners.customers' },
    // The order form's customer picker with nothing typed (sales/pickers.js).
    { path: '/partners/customers', query: { limit: 10 } },
  ],
  detail: (id) => [`/partners/customers/${encodeURIComponent(id)}`],
  related: (id) => [
    ...(can('sales.order.read') ? [['/sales/orders', { customer: id, page: 1, limit: CUSTOMER_ORDERS }]] : []),
    [`/records/partners.partner/${encodeURIComponent(id)}`],
    [`/partners/customers/${encodeURIComponent(id)}/owners`], // af-customer-owner.js
    [`/crm/customers/${encodeURIComponent(id)}/timeline`], // crm/af-customer-timeline.js
    ...(can('crm.contract.read') ? [[`/crm/customers/${encodeURIComponent(id)}/contracts`]] : []), // crm/af-customer-contracts.js
  ],
}, {
  name: 'customer-pool',
  permission: 'partners.pool.claim',
  entity: 'partners.partner',
  // The pool page as it opens (af-customer-pool.js: no filter, the list's default sort).
  lists: [{ path: '/partners/pool', query: { limit: PAGE_SIZE }, pages: 1 }],
  answers: [{ path: '/lists/partners.pool' }],
}];
