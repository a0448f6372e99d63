// Route → page element. Tag names are written out here rather than interpolated, because the
// html template escapes values and a tag name must never come from data.
import { html } from '../core/html.js';

export function section(route) {
  return route.segments[0] ?? '';
}

export function pageFor(route) {
  const [area, id] = route.segments;
  // data-key makes a different record (or a different list) a fresh element with fresh state.
  const key = `${area}/${id ?? ''}`;
  switch (area) {
    case 'customers':
    case 'suppliers':
      return id
        ? html`<af-partner-detail data-key="${key}" .kind=${area} .partnerId=${id}></af-partner-detail>`
        : html`<af-partner-list data-key="${key}" .kind=${area} .query=${route.query}></af-partner-list>`;
    case 'products':
      return html`<af-product-list data-key="${key}" .query=${route.query}></af-product-list>`;
    case 'orders':
      if (id === 'new') return html`<af-order-form data-key="${key}" .query=${route.query}></af-order-form>`;
      return id
        ? html`<af-order-detail data-key="${key}" .orderId=${id}></af-order-detail>`
        : html`<af-order-list data-key="${key}" .query=${route.query}></af-order-list>`;
    case 'reports':
      return html`<af-reports-page data-key="${key}"></af-reports-page>`;
    case 'settings':
      return html`<af-settings-page data-key="${key}"></af-settings-page>`;
    default:
      return null;
  }
}
