// data-test: <testId> on each <svg>, chart-bar (data-series, data-row) on each bar
// Small SVG charts of the CRM reports, no library: horizontal bars of one or more series per row (sources, lost reasons,
// owners' wins and losses) and grouped columns per week (visits and follow-ups). Every chart has a <title>, a legend and
// its figures as text. Values are decimal strings or numbers; they become numbers only to size the bars, the labels
// show them as given (regrouped for the locale by `format`).
import { html } from '../../core/html.js';
import { formatDecimal } from '../../core/format.js';

const WIDTH = 420;
const LABEL = 110;
const BAR = 14;
const LEGEND = 22;

const num = (v) => Math.max(0, Number(v) || 0);

function legend(series, y = 12) {
  let x = 0;
  return series.map((s, i) => {
    const at = x;
    x += 26 + s.name.length * (s.name.charCodeAt(0) > 0x2e80 ? 13 : 7);
    return html`<g class="chart-legend" data-key="legend-${i}"><rect class="chart-series-${i}" x="${at}" y="${y - 9}" width="12" height="12" rx="2"></rect>
      <text x="${at + 16}" y="${y}" class="chart-text">${s.name}</text></g>`;
  });
}

function clip(text, max) {
  const s = String(text ?? '');
  let width = 0;
  let out = '';
  for (const ch of s) {
    width += ch.charCodeAt(0) > 0x2e80 ? 13 : 7;
    if (width > max) return `${out}…`;
    out += ch;
  }
  return out;
}

// rows [{label, values: [v per series]}], series [{name}]; format(value, seriesIndex) → text (default: the number).
export function barChart({ title, rows, series, format = (v) => formatDecimal(String(v ?? 0)), testId = 'bar-chart' }) {
  const per = series.length;
  const rowHeight = per * (BAR + 2) + 10;
  const top = per > 1 ? LEGEND : 4;
  const height = top + Math.max(1, rows.length) * rowHeight;
  const max = Math.max(0, ...rows.flatMap((r) => r.values.map(num)));
  const space = WIDTH - LABEL - 70;
  return html`<svg class="crm-chart" role="img" viewBox="0 0 ${WIDTH} ${height}" data-test="${testId}" aria-label="${title}">
    <title>${title}</title>
    ${per > 1 ? legend(series) : ''}
    ${rows.map((r, i) => {
      const y = top + i * rowHeight;
      return html`<g class="chart-row" data-key="${i}">
        <text class="chart-text chart-label" x="${LABEL - 6}" y="${y + rowHeight / 2}" text-anchor="end" dominant-baseline="middle">${clip(r.label, LABEL - 10)}</text>
        ${r.values.map((v, s) => {
          const length = max > 0 ? Math.max(num(v) ? 2 : 0, (num(v) / max) * space) : 0;
          const by = y + 5 + s * (BAR + 2);
          return html`<rect class="chart-bar chart-series-${s}" data-test="chart-bar" data-series="${s}" data-row="${i}" x="${LABEL}" y="${by}"
              width="${length.toFixed(1)}" height="${BAR}" rx="2"><title>${series[s].name}: ${format(v, s)}</title></rect>
            <text class="chart-text chart-value" x="${(LABEL + length + 4).toFixed(1)}" y="${by + BAR / 2}" dominant-baseline="middle">${format(v, s)}</text>`;
        })}
      </g>`;
    })}
  </svg>`;
}

// columns: [{label, values: [v per series]}] left to right (weeks), series [{name}].
export function columnChart({ title, columns, series, testId = 'column-chart' }) {
  const height = 170;
  const top = LEGEND + 14;
  const bottom = 22;
  const plot = height - top - bottom;
  const slot = WIDTH / Math.max(1, columns.length);
  const bar = Math.max(3, Math.min(16, (slot - 6) / series.length));
  const max = Math.max(0, ...columns.flatMap((c) => c.values.map(num)));
  const every = Math.ceil(columns.length / 12); // at most twelve week labels
  return html`<svg class="crm-chart" role="img" viewBox="0 0 ${WIDTH} ${height}" data-test="${testId}" aria-label="${title}">
    <title>${title}</title>
    ${legend(series)}
    <line class="chart-axis" x1="0" x2="${WIDTH}" y1="${top + plot}" y2="${top + plot}"></line>
    ${columns.map((c, i) => {
      const x0 = i * slot + (slot - bar * series.length) / 2;
      return html`<g class="chart-column" data-key="${i}">
        ${c.values.map((v, s) => {
          const h = max > 0 ? (num(v) / max) * plot : 0;
          const x = x0 + s * bar;
          return html`<rect class="chart-bar chart-series-${s}" data-test="chart-bar" data-series="${s}" data-row="${i}" x="${x.toFixed(1)}"
              y="${(top + plot - h).toFixed(1)}" width="${(bar - 1).toFixed(1)}" height="${h.toFixed(1)}"><title>${c.label} · ${series[s].name}: ${v}</title></rect>
            ${num(v) ? html`<text class="chart-text chart-tick" x="${(x + bar / 2).toFixed(1)}" y="${(top + plot - h - 3).toFixed(1)}" text-anchor="middle">${v}</text>` : ''}`;
        })}
        ${i % every === 0 ? html`<text class="chart-text chart-tick" x="${(i * slot + slot / 2).toFixed(1)}" y="${height - 6}" text-anchor="middle">${c.label}</text>` : ''}
      </g>`;
    })}
  </svg>`;
}
