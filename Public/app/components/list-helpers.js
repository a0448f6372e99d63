// Shared pieces of list pages: reading paging from the route and the empty / error rows.
import { html } from '../core/html.js';
import { t, errorText } from '../core/i18n.js';
import { navigate } from '../core/router.js';

export const PAGE_SIZE = 20;

export function pageFrom(query) {
  const page = Number.parseInt(query?.page ?? '1', 10);
  return Number.isFinite(page) && page > 0 ? page : 1;
}

export function listStatus(state, columns, empty = '') {
  if (state.error) {
    return html`<tr class="table-message"><td colspan="${columns}"><div class="alert alert-error" role="alert">${errorText(state.error)}</div></td></tr>`;
  }
  if (state.loading && !state.data) {
    return html`<tr class="table-message"><td colspan="${columns}"><span class="spinner"></span> ${t('common.loading')}</td></tr>`;
  }
  if (state.data && state.data.items.length === 0) {
    return html`<tr class="table-message"><td colspan="${columns}" class="muted" data-test="empty-list">${empty || t('common.noResults')}</td></tr>`;
  }
  return '';
}

export function pageHeader(title, actions = '') {
  return html`
    <div class="page-header">
      <h1 class="page-title">${title}</h1>
      <div class="page-actions">${actions}</div>
    </div>`;
}

// The whole row is a target on touch screens; real links inside keep keyboard and middle-click working.
export function openRow(event, path) {
  if (event.target.closest('a, button, input, select, label')) return;
  navigate(path);
}

// Loads into element.state ({loading, data, error}) keeping only the newest answer when requests
// overlap (each keystroke in a search starts one); earlier answers arriving late are dropped.
export async function loadLatest(element, fetch) {
  const seq = (element.seq = (element.seq ?? 0) + 1);
  element.state = { ...element.state, loading: true, error: null };
  element.requestUpdate();
  try {
    const data = await fetch();
    if (seq !== element.seq) return;
    element.state = { loading: false, data, error: null };
  } catch (error) {
    if (seq !== element.seq) return;
    element.state = { loading: false, data: element.state.data, error };
  }
  element.requestUpdate();
}
