// data-test: gantt, gantt-zoom-<day|week|month>, gantt-chart (the SVG), gantt-label (data-id; a phase's: gantt-phase-label),
//            gantt-bar (data-id, data-category, data-percent, data-start, data-end), gantt-bar-fill, gantt-handle,
//            gantt-milestone (data-id, data-state), gantt-arrow (data-from, data-to), gantt-today, gantt-error, gantt-empty,
//            gantt-undated
// A project's Gantt chart (甘特图), GET /projects/projects/{id}/gantt, drawn as one SVG: a time axis (months above, days,
// Mondays or the 1st and 15th below by zoom), a bar per dated task coloured by its status category with its checklist
// share filled, rows in plan order (phase → task → subtask; gantt-layout.js), milestones as diamonds on their own lane,
// a red line at today and an arrow from each predecessor's end to its successor's start. Titles stand in a column on the
// left that stays while the chart scrolls sideways.
// On a desktop (a fine pointer), someone who may change the plan drags a bar along by whole days (start and due move
// together) or its right edge (the due moves): PATCH /projects/tasks/{id} with the shifted instants and the version.
// A refusal (the strict rule's projects.task.starts_before_predecessor, a stale version) puts the bar back and says why.
// One delegated pointer handler serves every bar: 2,000 bars are one SVG string and no listeners of their own.
import { AfElement } from '../../core/element.js';
import { html, escape } from '../../core/html.js';
import { t, errorText, fieldErrorText, getLanguage } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { href, navigate } from '../../core/router.js';
import { notify } from '../../core/notify.js';
import { layout, barBox, daysFor, shiftInstant, addDays, ROW_HEIGHT, HEADER_HEIGHT } from './gantt-layout.js';
import { fromLocalInput } from './project-format.js';

// A mouse or a pen: dragging bars by the day needs a precise pointer. A screen that reports no pointer at all (a kiosk,
// a headless browser) counts as a desk unless it is phone sized.
const FINE = '(pointer: fine)';
const COARSE = '(pointer: coarse)';
const PHONE = '(max-width: 719.98px)';

function precisePointer() {
  return matchMedia(FINE).matches || (!matchMedia(COARSE).matches && !matchMedia(PHONE).matches);
}
const ZOOM_KEY = 'afield.gantt.zoom';

function storedZoom() {
  try {
    return localStorage.getItem(ZOOM_KEY) || 'week';
  } catch {
    return 'week';
  }
}

export class AfGantt extends AfElement {
  static properties = ['projectId'];

  constructor() {
    super();
    this.gantt = null;
    this.error = null;
    this.dragError = null;
    this.zoom = storedZoom();
    this.drag = null;
    this.scrolledTo = null;
    this.seq = 0;
  }

  connected() {
    this.reload();
  }

  changed() {
    this.reload();
  }

  async load() {
    if (!this.projectId) return;
    const seq = ++this.seq;
    try {
      const gantt = await api.get(`/projects/projects/${encodeURIComponent(this.projectId)}/gantt`);
      if (seq !== this.seq) return;
      this.gantt = gantt;
      this.error = null;
    } catch (error) {
      if (seq !== this.seq) return;
      this.error = error;
    }
    this.requestUpdate();
  }

  setZoom(zoom) {
    this.zoom = zoom;
    this.scrolledTo = null;
    try {
      localStorage.setItem(ZOOM_KEY, zoom);
    } catch {
      // Private mode: the zoom holds for this page.
    }
    this.requestUpdate();
  }

  // The first time a zoom is drawn, today (or the project's start) is brought into view.
  updated() {
    const scroller = this.querySelector('.gantt-scroll');
    if (!scroller || !this.plan) return;
    // The chart fills the width it has: measured before the first paint (a narrower chart would leave a blank band).
    if (scroller.clientWidth && scroller.clientWidth !== this.room) {
      this.room = scroller.clientWidth;
      this.requestUpdate();
      return;
    }
    this.paint();
    // The first time a zoom is drawn, today (or the project's start) is brought into view.
    if (this.scrolledTo === this.zoom) return;
    this.scrolledTo = this.zoom;
    const x = this.plan.today ?? 0;
    scroller.scrollLeft = Math.max(0, x - scroller.clientWidth / 3);
  }

  canDrag() {
    return Boolean(this.gantt?.canManage && precisePointer());
  }

  monthLabel(year, month) {
    return new Intl.DateTimeFormat(getLanguage(), { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month, 1)));
  }

  // --- dragging: one handler on the SVG for every bar ---

  pointerDown(event) {
    if (!this.canDrag() || event.button !== 0) return;
    const g = event.target.closest('[data-test="gantt-bar"]');
    if (!g) return;
    const bar = this.gantt.bars.find((b) => b.id === g.dataset.id);
    const box = this.plan.boxes.get(bar?.id);
    if (!bar || !box) return;
    event.preventDefault();
    this.drag = { bar, box, g, mode: event.target.closest('.gantt-handle') ? 'resize' : 'move', x: event.clientX, days: 0, moved: false };
    event.currentTarget.setPointerCapture?.(event.pointerId);
    g.classList.add('is-dragging');
  }

  pointerMove(event) {
    const d = this.drag;
    if (!d) return;
    const dx = event.clientX - d.x;
    if (Math.abs(dx) > 3) d.moved = true;
    const scale = this.plan.scale;
    let days = daysFor(dx, scale);
    if (d.mode === 'resize') days = Math.max(days, -Math.round(d.box.width / scale.dayWidth) + 1);
    if (days === d.days) return;
    d.days = days;
    if (d.mode === 'move') {
      d.g.setAttribute('transform', `translate(${days * scale.dayWidth} 0)`);
    } else {
      const width = d.box.width + days * scale.dayWidth;
      d.g.querySelector('.gantt-bar-bg').setAttribute('width', width);
      d.g.querySelector('.gantt-bar-fill').setAttribute('width', width * (d.bar.percent / 100));
      d.g.querySelector('.gantt-handle').setAttribute('x', d.box.x + width - 6);
    }
  }

  pointerCancel(event) {
    event.currentTarget.releasePointerCapture?.(event.pointerId);
    if (!this.drag) return;
    this.drag = null;
    this.repaint();
  }

  // The bars as the data has them (a drag moved one by hand).
  repaint() {
    const canvas = this.querySelector('gantt-canvas');
    if (canvas) canvas.__markup = null;
    this.requestUpdate();
  }

  pointerUp(event) {
    const d = this.drag;
    if (!d) return;
    this.drag = null;
    d.g.classList.remove('is-dragging');
    event.currentTarget.releasePointerCapture?.(event.pointerId);
    if (!d.moved) {
      navigate(`/tasks/${d.bar.id}`);
      return;
    }
    if (!d.days) {
      this.repaint();
      return;
    }
    this.reschedule(d.bar, d.mode, d.days);
  }

  // The task's instants moved by whole days; a task with only days (no instants) gets its due at the end of its new day.
  body(bar, mode, days) {
    const body = { version: bar.version };
    if (mode === 'move' && bar.startsAt) body.startsAt = shiftInstant(bar.startsAt, days);
    if (bar.dueAt) body.dueAt = shiftInstant(bar.dueAt, days);
    else body.dueAt = fromLocalInput(`${addDays(bar.endsOn ?? bar.startsOn, days)}T18:00`);
    return body;
  }

  async reschedule(bar, mode, days) {
    this.dragError = null;
    this.requestUpdate();
    try {
      const task = await api.patch(`/projects/tasks/${encodeURIComponent(bar.id)}`, this.body(bar, mode, days));
      notify(t('projects.gantt.rescheduled', { title: task.title, day: task.dueOn ?? '' }), 'success');
      this.dispatchEvent(new CustomEvent('changed', { bubbles: true }));
      await this.load();
    } catch (error) {
      // Back where it was (the next render draws the bar from the data), with the reason.
      this.dragError = error;
      if (error.status === 409) await this.load();
    }
    this.repaint();
  }

  // --- drawing: one string per part (escaped), put in place in one go; 2,000 bars are one parse, not 8,000 morphs ---

  axis(plan) {
    const { minor, major } = plan.axis;
    const w = plan.scale.width;
    const dw = plan.scale.dayWidth;
    const day = plan.scale.zoom === 'day';
    return `<g class="gantt-axis"><rect class="gantt-axis-bg" x="0" y="0" width="${w}" height="${HEADER_HEIGHT}"></rect>${
      major.map((m) => `<line class="gantt-major" x1="${m.x}" x2="${m.x}" y1="0" y2="${HEADER_HEIGHT}"></line><text class="gantt-month" x="${m.x + 4}" y="16">${escape(m.label)}</text>`).join('')}${
      minor.map((m) => `<text class="gantt-day${m.weekend ? ' is-weekend' : ''}" x="${day ? m.x + dw / 2 : m.x + 2}" y="36" text-anchor="${day ? 'middle' : 'start'}">${escape(m.label)}</text>`).join('')}</g>`;
  }

  grid(plan, top, height) {
    const dw = plan.scale.dayWidth;
    return `<g class="gantt-grid">${plan.axis.minor.map((m) => (m.weekend
      ? `<rect class="gantt-weekend" x="${m.x}" y="${top}" width="${dw}" height="${height}"></rect>`
      : `<line class="gantt-gridline" x1="${m.x}" x2="${m.x}" y1="${top}" y2="${top + height}"></line>`)).join('')}${
      plan.rows.filter((r) => r.kind === 'phase').map((r) => `<rect class="gantt-phase-band" x="0" y="${top + r.y}" width="${plan.scale.width}" height="${ROW_HEIGHT}"></rect>`).join('')}</g>`;
  }

  bar(row, box, manage) {
    const b = row.bar;
    const fill = Math.round(box.width * (b.percent / 100));
    const tip = `${b.title}${b.assigneeName ? ` · ${b.assigneeName}` : ''} (${b.startsOn} – ${b.endsOn}, ${b.percent}%)`;
    return `<g class="gantt-bar pj-cat-${escape(b.statusCategory)}" data-test="gantt-bar" data-id="${escape(b.id)}" data-category="${escape(b.statusCategory)}" data-percent="${Number(b.percent) || 0}" data-start="${escape(b.startsOn ?? '')}" data-end="${escape(b.endsOn ?? '')}"><title>${escape(tip)}</title><rect class="gantt-bar-bg" x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" rx="3"></rect><rect class="gantt-bar-fill" data-test="gantt-bar-fill" x="${box.x}" y="${box.y}" width="${fill}" height="${box.height}" rx="3"></rect>${
      manage ? `<rect class="gantt-handle" data-test="gantt-handle" x="${box.x + box.width - 6}" y="${box.y}" width="6" height="${box.height}"></rect>` : ''}</g>`;
  }

  chart(plan) {
    const manage = this.canDrag();
    const lane = plan.milestones.length ? ROW_HEIGHT : 0;
    const top = HEADER_HEIGHT + lane;
    const height = top + plan.height;
    const mid = HEADER_HEIGHT + lane / 2;
    const w = plan.scale.width;
    const tasks = plan.rows.filter((r) => r.kind === 'task' && plan.boxes.has(r.id));
    return `<svg class="gantt-chart${manage ? ' is-editable' : ''}" data-test="gantt-chart" xmlns="http://www.w3.org/2000/svg" width="${w}" height="${height}" viewBox="0 0 ${w} ${height}" role="img" aria-label="${escape(t('projects.gantt'))}">`
      + '<defs><marker id="gantt-arrowhead" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path class="gantt-arrowhead" d="M0 0 L8 4 L0 8 Z"></path></marker></defs>'
      + this.grid(plan, top, plan.height)
      + this.axis(plan)
      + (lane ? `<line class="gantt-lane-line" x1="0" x2="${w}" y1="${top}" y2="${top}"></line>` : '')
      + `<g class="gantt-body" transform="translate(0 ${top})">`
      + plan.arrows.map((a) => `<path class="gantt-arrow" data-test="gantt-arrow" data-from="${escape(a.from)}" data-to="${escape(a.to)}" d="${a.d}" marker-end="url(#gantt-arrowhead)"></path>`).join('')
      + plan.rows.filter((r) => r.kind === 'phase' && r.phase?.startsOn && r.phase?.endsOn).map((r) => {
        const box = barBox({ startsOn: r.phase.startsOn, endsOn: r.phase.endsOn }, plan.scale, r);
        return `<rect class="gantt-phase-span" data-test="gantt-phase-span" x="${box.x}" y="${r.y + ROW_HEIGHT / 2 - 3}" width="${box.width}" height="6" rx="3"><title>${escape(`${r.phase.name} · ${r.phase.startsOn} – ${r.phase.endsOn}`)}</title></rect>`;
      }).join('')
      + tasks.map((r) => this.bar(r, plan.boxes.get(r.id), manage)).join('')
      + '</g>'
      + plan.milestones.map(({ milestone: m, x }) => `<g class="gantt-milestone gantt-ms-${escape(m.state)}" data-test="gantt-milestone" data-id="${escape(m.id)}" data-state="${escape(m.state)}"><title>${escape(`${m.name} · ${m.dueOn}`)}</title><path class="gantt-diamond" d="M${x} ${mid - 8} L${x + 8} ${mid} L${x} ${mid + 8} L${x - 8} ${mid} Z"></path><line class="gantt-ms-line" x1="${x}" x2="${x}" y1="${mid + 8}" y2="${height}"></line></g>`).join('')
      + (plan.today != null ? `<line class="gantt-today" data-test="gantt-today" x1="${plan.today}" x2="${plan.today}" y1="${HEADER_HEIGHT - 6}" y2="${height}"></line>` : '')
      + '</svg>';
  }

  labels(plan) {
    const lane = plan.milestones.length;
    return '<div class="gantt-label-head"></div>'
      + (lane ? `<div class="gantt-label gantt-label-lane muted">${escape(t('projects.milestones'))}</div>` : '')
      + plan.rows.map((r) => (r.kind === 'phase'
        ? `<div class="gantt-label gantt-phase-label" data-test="gantt-phase-label">${escape(r.phase?.name ?? t('projects.phase.noPhase'))}</div>`
        : `<div class="gantt-label gantt-depth-${Math.min(r.depth, 3)}" data-test="gantt-label" data-id="${escape(r.id)}"><a href="${escape(href(`/tasks/${r.id}`))}" title="${escape(r.bar.title)}">${escape(r.bar.title)}</a></div>`)).join('');
  }

  // The chart's markup goes into hosts the renderer leaves alone (their names have a hyphen, like a custom element's),
  // only when it changed.
  paint() {
    const labels = this.querySelector('gantt-labels');
    const canvas = this.querySelector('gantt-canvas');
    if (!this.plan || !labels || !canvas) return;
    const chart = this.chart(this.plan);
    const rows = this.labels(this.plan);
    if (canvas.__markup !== chart) {
      // Safe: every value in the markup went through escape() above.
      canvas.innerHTML = chart;
      canvas.__markup = chart;
    }
    if (labels.__markup !== rows) {
      labels.innerHTML = rows;
      labels.__markup = rows;
    }
  }

  view() {
    if (this.error) return html`<div class="alert alert-error" role="alert" data-test="gantt-error">${errorText(this.error)}</div>`;
    const g = this.gantt;
    if (!g) return html`<p><span class="spinner"></span> ${t('common.loading')}</p>`;
    // Laid out again only when the data, the zoom, the width or the language changed.
    const key = [this.zoom, this.room ?? 0, getLanguage()];
    if (this.planFor?.gantt !== g || this.planFor.key.join() !== key.join()) {
      this.plan = layout(g, this.zoom, (y, m) => this.monthLabel(y, m), this.room ?? 0);
      this.planFor = { gantt: g, key };
    }
    const plan = this.plan;
    const undated = (g.bars ?? []).filter((b) => !b.startsOn && !b.endsOn).length;
    const problem = this.dragError?.fields?.length ? this.dragError.fields.map((f) => fieldErrorText(f)).join(' ') : errorText(this.dragError);
    return html`<div class="gantt" data-test="gantt" data-zoom="${this.zoom}">
      <div class="gantt-toolbar">
        <div class="segmented" role="group" aria-label="${t('projects.gantt.zoom')}">
          ${['day', 'week', 'month'].map((z) => html`<button type="button" class="btn btn-small ${this.zoom === z ? 'btn-secondary' : 'btn-ghost'}"
            data-test="gantt-zoom-${z}" aria-pressed="${this.zoom === z ? 'true' : 'false'}" @click=${() => this.setZoom(z)}>${t(`projects.gantt.zoom.${z}`)}</button>`)}
        </div>
        <span class="muted small">${g.dependencyRule === 'strict' ? t('projects.project.rule.strict') : t('projects.project.rule.flexible')}
          ${this.canDrag() ? ` · ${t('projects.gantt.dragHint')}` : ''}</span>
        ${undated ? html`<span class="muted small" data-test="gantt-undated">${t('projects.gantt.undated', { count: undated })}</span>` : ''}
      </div>
      ${this.dragError ? html`<div class="alert alert-error" role="alert" data-test="gantt-error">${problem}</div>` : ''}
      ${plan.rows.length || plan.milestones.length ? html`<div class="gantt-frame">
        <gantt-labels class="gantt-labels"></gantt-labels>
        <div class="gantt-scroll"><gantt-canvas class="gantt-canvas" @pointerdown=${(e) => this.pointerDown(e)} @pointermove=${(e) => this.pointerMove(e)}
          @pointerup=${(e) => this.pointerUp(e)} @pointercancel=${(e) => this.pointerCancel(e)}></gantt-canvas></div>
      </div>` : html`<p class="muted" data-test="gantt-empty">${t('projects.gantt.empty')}</p>`}
    </div>`;
  }
}
AfGantt.define('af-gantt');
