// How the CRM's facts read everywhere (route planner, visits, timeline, opportunities): a distance in m or km, a visit's
// state as a badge, the far badge (checked in more than 500 m from the customer), a lead's state as a badge.
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';

const STATE_TONE = { planned: 'badge-info', in_progress: 'badge-warning', done: 'badge-success', cancelled: 'badge-muted' };

export function kilometres(meters) {
  return t('crm.route.km', { km: ((meters ?? 0) / 1000).toFixed(1) });
}

// Under a kilometre in whole metres ("120 m"), beyond it in km.
export function distance(meters) {
  if (meters == null) return '';
  return meters < 1000 ? t('crm.visit.meters', { meters: Math.round(meters) }) : kilometres(meters);
}

export function visitState(state) {
  return state ? html`<span class="badge ${STATE_TONE[state] ?? 'badge-muted'}" data-test="visit-state" data-state="${state}">${t(`crm.visit.state.${state}`)}</span>` : '';
}

export function farBadge(far) {
  return far ? html`<span class="badge badge-danger" data-test="visit-far" title="${t('crm.visit.farHint')}">${t('crm.visit.far')}</span>` : '';
}

const LEAD_TONE = { new: 'badge-info', following: 'badge-warning', converted: 'badge-success', invalid: 'badge-muted' };

export function leadState(state) {
  return state ? html`<span class="badge ${LEAD_TONE[state] ?? 'badge-muted'}" data-test="lead-state" data-state="${state}">${t(`crm.lead.state.${state}`)}</span>` : '';
}
