// How opportunities read everywhere (list, board, detail): the stages in funnel order and the state as a badge.
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { api } from '../../core/api.js';

const KIND_ORDER = { open: 0, won: 1, lost: 2 };
const STATE_TONE = { open: 'badge-info', won: 'badge-success', lost: 'badge-muted' };

// The company's stages in use: the open ones by position, then won, then lost.
export async function loadStages() {
  const stages = await api.get('/crm/stages');
  return (stages ?? []).filter((s) => !s.archived)
    .sort((a, b) => (KIND_ORDER[a.kind] - KIND_ORDER[b.kind]) || (a.position - b.position));
}

export function opportunityState(state) {
  return state ? html`<span class="badge ${STATE_TONE[state] ?? 'badge-muted'}" data-test="opportunity-state" data-state="${state}">${t(`crm.opportunity.state.${state}`)}</span>` : '';
}
