// Search functions for af-search-picker, shared by the order list filter and the order form.
import { api } from '../../core/api.js';
import { formatMoney } from '../../core/format.js';

export async function searchCustomers(q) {
  const page = await api.get('/partners/customers', { q, limit: 10 });
  return page.items.map((c) => ({ id: c.id, label: c.name, detail: [c.city, c.country].filter(Boolean).join(', ') }));
}

export async function searchProducts(q) {
  const page = await api.get('/products/products', { q, archived: 'exclude', limit: 10 });
  return page.items.map((p) => ({
    id: p.id,
    label: p.name,
    detail: [p.sku, formatMoney(p.listPrice, p.currency), p.packDescription].filter(Boolean).join(' · '),
    product: p,
  }));
}

export async function customerLabel(id) {
  const c = await api.get(`/partners/customers/${encodeURIComponent(id)}`);
  return { id: c.id, label: c.name };
}

let salespeople = null;

// Salespeople change rarely; one fetch per page load is enough.
export function loadSalespeople() {
  salespeople ??= api.get('/sales/salespeople', { limit: 200 }).then((p) => p.items).catch((error) => {
    salespeople = null;
    throw error;
  });
  return salespeople;
}

// Salespeople as the choices of a select (a list filter, a bulk action's value, a transfer dialog).
export function salespeopleOptions() {
  return loadSalespeople().then((list) => list.map((s) => ({ id: s.id, label: s.name })));
}
