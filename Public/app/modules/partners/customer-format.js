// How a customer's CRM facts read everywhere (list, pool, detail, route planner): the level as a badge, the last
// follow-up as "3 days ago", an owner change as a sentence.
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { formatRelativeTime } from '../../core/relative-time.js';
import { formatDateTime } from '../../core/format.js';

const LEVEL_TONE = { A: 'badge-danger', B: 'badge-warning', C: 'badge-info' };

export function levelBadge(level) {
  if (!level) return '';
  return html`<span class="badge level-badge ${LEVEL_TONE[level] ?? 'badge-muted'}" data-test="level-badge" data-level="${level}"
    title="${t(`partners.level.${level}`)}">${level}</span>`;
}

export function relativeInstant(value) {
  if (!value) return '';
  return html`<time datetime="${value}" title="${formatDateTime(value)}">${formatRelativeTime(new Date(value))}</time>`;
}

export function poolReason(reason) {
  return reason ? t(`partners.poolReason.${reason}`) : '';
}
