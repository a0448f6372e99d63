// data-test: funnel-chart, funnel-stage (data-stage-id, data-kind)
// The sales funnel (销售漏斗) as an SVG: one centred band per open stage, its width by how many opportunities reached it,
// with the stage's name, count, amount and the server's conversion figure; won and lost follow as plain bands.
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { formatMoney, formatPercent } from '../../core/format.js';

const WIDTH = 600;
const ROW = 44;
const GAP = 4;
const LABEL = 290; // room on the right for the figures

export function funnelChart(funnel) {
  const stages = funnel?.stages ?? [];
  const max = Math.max(1, ...stages.map((s) => s.reached ?? s.count));
  const band = WIDTH - LABEL;
  const height = stages.length * (ROW + GAP);
  const widthOf = (s) => Math.max(24, (band * (s.reached ?? s.count)) / max);
  return html`<svg class="funnel-chart" role="img" viewBox="0 0 ${WIDTH} ${height}" data-test="funnel-chart"
    aria-label="${t('crm.funnel.title')}">
    <title>${t('crm.funnel.title')}</title>
    ${stages.map((s, i) => {
      const y = i * (ROW + GAP);
      const top = widthOf(s);
      const next = s.kind === 'open' && stages[i + 1]?.kind === 'open' ? widthOf(stages[i + 1]) : top;
      const [x1, x2] = [(band - top) / 2, (band + top) / 2];
      const [x3, x4] = [(band + next) / 2, (band - next) / 2];
      return html`<g class="funnel-stage funnel-${s.kind}" data-test="funnel-stage" data-stage-id="${s.stageId}" data-kind="${s.kind}" data-key="${s.stageId}">
        <polygon points="${x1},${y} ${x2},${y} ${x3},${y + ROW} ${x4},${y + ROW}"></polygon>
        <text class="funnel-count" x="${band / 2}" y="${y + ROW / 2}" text-anchor="middle" dominant-baseline="middle">${s.count}</text>
        <text class="funnel-name" x="${band + 12}" y="${y + 16}">${s.name}</text>
        <text class="funnel-figures" x="${band + 12}" y="${y + 34}">${formatMoney(s.amount, funnel.currency)}${i > 0 && s.kind === 'open'
          ? ` · ${t('crm.funnel.conversion', { percent: formatPercent(s.conversion) })}` : ''}</text>
      </g>`;
    })}
  </svg>`;
}
