// The coloured order-state label used in lists and on the order page.
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';

export const ORDER_STATES = ['draft', 'pending', 'confirmed', 'delivered', 'cancelled'];

export function stateBadge(state, testId = '') {
  return html`<span class="badge badge-state state-${state}" data-state="${state}" data-test="${testId}">${t(`orders.states.${state}`)}</span>`;
}
