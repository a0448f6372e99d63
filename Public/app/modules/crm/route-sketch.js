// data-test: route-sketch, route-point (data-index: 0 = the start, then each stop's number), route-line
// A route drawn as a small SVG: the start and the numbered stops joined in visiting order. Equirectangular projection
// (longitude scaled by the cosine of the middle latitude), one scale for both axes fitted to the box, north up.
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';

const WIDTH = 360;
const HEIGHT = 240;
const PAD = 22;

// [{latitude, longitude}] → [{x, y}] inside the box.
export function project(points, width = WIDTH, height = HEIGHT, pad = PAD) {
  const lats = points.map((p) => p.latitude);
  const middle = ((Math.min(...lats) + Math.max(...lats)) / 2) * (Math.PI / 180);
  const flat = points.map((p) => ({ x: p.longitude * Math.cos(middle), y: -p.latitude }));
  const [minX, maxX] = [Math.min(...flat.map((p) => p.x)), Math.max(...flat.map((p) => p.x))];
  const [minY, maxY] = [Math.min(...flat.map((p) => p.y)), Math.max(...flat.map((p) => p.y))];
  const spanX = maxX - minX;
  const spanY = maxY - minY;
  const scale = Math.min(spanX ? (width - 2 * pad) / spanX : Infinity, spanY ? (height - 2 * pad) / spanY : Infinity);
  const k = Number.isFinite(scale) ? scale : 0;
  // Centred: the unused room of the narrower axis is shared on both sides.
  const offsetX = (width - spanX * k) / 2;
  const offsetY = (height - spanY * k) / 2;
  const placed = flat.map((p) => ({ x: offsetX + (p.x - minX) * k, y: offsetY + (p.y - minY) * k }));
  // Stops at one address (or a few metres apart) would hide each other's numbers: later ones step aside a little.
  placed.forEach((p, i) => {
    let steps = 0;
    while (steps < 6 && placed.slice(0, i).some((q) => Math.hypot(q.x - p.x, q.y - p.y) < 14)) {
      p.x += 12;
      p.y -= 12;
      steps++;
    }
  });
  return placed;
}

const round = (n) => Math.round(n * 10) / 10;

// `start` {latitude, longitude}, `stops` [{latitude, longitude, name}] as the plan orders them (numbers).
export function routeSketch(start, stops) {
  const points = project([start, ...stops]);
  const line = points.map((p) => `${round(p.x)},${round(p.y)}`).join(' ');
  return html`<svg class="route-sketch" data-test="route-sketch" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img"
    aria-label="${t('crm.route.sketch', { count: stops.length })}">
    <rect class="route-sketch-frame" x="0.5" y="0.5" width="${WIDTH - 1}" height="${HEIGHT - 1}" rx="8"></rect>
    <path class="route-sketch-arrow" d="M${WIDTH - 14} 8 l-5 9 h10 Z"></path>
    <text class="route-sketch-north" x="${WIDTH - 14}" y="30" text-anchor="middle">N</text>
    <polyline class="route-line" data-test="route-line" points="${line}"></polyline>
    ${points.map((p, i) => (i === 0
      ? html`<g class="route-point route-start" data-test="route-point" data-index="0">
          <title>${t('crm.route.start')}</title>
          <rect x="${round(p.x - 8)}" y="${round(p.y - 8)}" width="16" height="16" rx="3"></rect>
          <text x="${round(p.x)}" y="${round(p.y + 4)}" text-anchor="middle">S</text></g>`
      : html`<g class="route-point" data-test="route-point" data-index="${i}">
          <title>${i}. ${stops[i - 1].name ?? ''}</title>
          <circle cx="${round(p.x)}" cy="${round(p.y)}" r="10"></circle>
          <text x="${round(p.x)}" y="${round(p.y + 4)}" text-anchor="middle">${i}</text></g>`))}
  </svg>`;
}
