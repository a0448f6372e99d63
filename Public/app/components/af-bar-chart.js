// data-test: <testId> on the <svg>, bar-<i> on each bar
// Horizontal SVG bar chart. Values stay decimal strings: they are turned into numbers only to
// size the bars; every label shows the server's exact string, regrouped for the locale.
import { AfElement } from '../core/element.js';
import { html } from '../core/html.js';
import { formatMoney } from '../core/format.js';

let counter = 0;
const ROW = 30;
const BAR = 18;
const TOP = 4;
const CHAR = 7.2; // approximate advance of a 12px label glyph, for layout only

export class AfBarChart extends AfElement {
  static properties = ['rows', 'currency', 'chartTitle', 'testId'];

  constructor() {
    super();
    this.uid = `af-chart-${++counter}`;
    this.width = 0;
  }

  connected() {
    // The viewBox follows the real width so text keeps its size on a phone instead of shrinking.
    this.observer = new ResizeObserver((entries) => {
      const width = Math.floor(entries[0].contentRect.width);
      if (width && width !== this.width) {
        this.width = width;
        this.requestUpdate();
      }
    });
    this.observer.observe(this);
  }

  disconnected() {
    this.observer?.disconnect();
  }

  view() {
    const rows = this.rows ?? [];
    const width = this.width || 600;
    const height = TOP * 2 + rows.length * ROW;
    const labels = rows.map((r) => String(r.label));
    const values = rows.map((r) => formatMoney(r.value, this.currency));
    const longestLabel = Math.max(0, ...labels.map((l) => measure(l)));
    const labelWidth = Math.min(Math.max(longestLabel + 12, 48), Math.round(width * 0.38));
    const valueWidth = Math.max(0, ...values.map((v) => measure(v))) + 12;
    const barSpace = Math.max(20, width - labelWidth - valueWidth);
    const magnitudes = rows.map((r) => Math.max(0, Number(r.value) || 0));
    const max = Math.max(0, ...magnitudes);
    return html`
      <svg class="bar-chart" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"
        aria-labelledby="${this.uid}-title ${this.uid}-desc" data-test="${this.testId ?? 'bar-chart'}">
        <title id="${this.uid}-title">${this.chartTitle ?? ''}</title>
        <desc id="${this.uid}-desc">${labels.map((l, i) => `${l}: ${values[i]}`).join('; ')}</desc>
        ${rows.map((row, i) => {
          const y = TOP + i * ROW;
          const length = max > 0 ? Math.max(2, (magnitudes[i] / max) * barSpace) : 2;
          return html`
            <g class="bar-row" data-key="${i}">
              <text class="bar-label" x="${labelWidth - 8}" y="${y + ROW / 2}" text-anchor="end" dominant-baseline="middle">${clip(labels[i], labelWidth - 12)}</text>
              <rect class="bar" data-test="bar-${i}" x="${labelWidth}" y="${y + (ROW - BAR) / 2}" width="${length.toFixed(1)}" height="${BAR}" rx="3"></rect>
              <text class="bar-value" x="${(labelWidth + length + 6).toFixed(1)}" y="${y + ROW / 2}" dominant-baseline="middle">${values[i]}</text>
            </g>`;
        })}
      </svg>`;
  }
}

// CJK glyphs are about twice as wide as Latin ones.
function measure(text) {
  let width = 0;
  for (const ch of text) width += ch.charCodeAt(0) > 0x2e80 ? CHAR * 1.8 : CHAR;
  return width;
}

function clip(text, space) {
  if (measure(text) <= space) return text;
  let out = '';
  for (const ch of text) {
    if (measure(out + ch + '…') > space) break;
    out += ch;
  }
  return out + '…';
}

AfBarChart.define('af-bar-chart');
