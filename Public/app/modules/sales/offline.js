// My recent orders offline (core/working-set.js): the order list's first pages (newest first, as the list page asks)
// and each order's page (the order and its chatter).
import { PAGE_SIZE } from '../../components/list-helpers.js';

export default [{
  name: 'orders',
  permission: 'sales.order.read',
  entity: 'sales.order',
  lists: [{ path: '/sales/orders', query: { limit: PAGE_SIZE }, pages: 2, details: true, detailPages: 1 }],
  answers: [
    { path: '/lists/sales.orders' },
    { path: '/sales/salespeople', query: { limit: 200 }, permission: 'sales.salesperson.read' },
  ],
  detail: (id) => [`/sales/orders/${encodeURIComponent(id)}`],
  related: (id) => [[`/records/sales.order/${encodeURIComponent(id)}`]],
}];
