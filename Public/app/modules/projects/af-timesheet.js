// data-test: timesheet-page, timesheet-state (data-state), timesheet-approval, week-prev, week-next, week-this, week-label,
//            week-total, day-cell (data-day, data-today), day-total, time-log, timesheet-submit, timesheet-withdraw,
//            timesheet-error, timesheet-stale, day-group (data-day), time-line (data-id), time-line-hours, time-line-edit,
//            time-line-delete, timesheet-empty (the form's: af-time-entry-form.js)
// My weekly timesheet (工时表), #/timesheet?week=YYYY-MM-DD, phone first: a week switcher (‹ this week ›), the seven
// days Monday to Sunday with their totals (a tap on a day logs hours on it), the week's total and state (open,
// submitted, approved; a rejection or a withdrawal opens it again) with a link to its approval, "Log hours", and the
// lines grouped by day, each editable or removable while the week is open. "Submit" sends the week to approval
// (subject projects.timesheet); "Withdraw" takes a submitted week back.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText, getLanguage } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { href, navigate } from '../../core/router.js';
import { notify } from '../../core/notify.js';
import { formatMoney } from '../../core/format.js';
import { getUser } from '../../core/store.js';
import { icon } from '../../components/icons.js';
import { hours } from './project-format.js';
import { personToday } from './af-time-entry-form.js';
import './af-time-entry-form.js';

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

export function addDays(day, n) {
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d + n));
  return date.toISOString().slice(0, 10);
}

function weekday(day, style = 'short') {
  const [y, m, d] = day.split('-').map(Number);
  return new Intl.DateTimeFormat(getLanguage(), { weekday: style, timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

function shortDay(day) {
  const [y, m, d] = day.split('-').map(Number);
  return new Intl.DateTimeFormat(getLanguage(), { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

export function timesheetState(state, testId = 'timesheet-state') {
  const tone = state === 'approved' ? 'badge-success' : state === 'submitted' ? 'badge-info' : 'badge-muted';
  return html`<span class="badge ${tone}" data-test="${testId}" data-state="${state}">${t(`projects.timesheet.state.${state}`)}</span>`;
}

export class AfTimesheet extends AfElement {
  static properties = ['query'];

  constructor() {
    super();
    this.sheet = null;
    this.loadError = null;
    this.error = null;
    this.stale = false;
    this.busy = false;
    this.form = null; // { entry?, day? }
    this.seq = 0;
  }

  connected() {
    this.reload();
  }

  changed(name, old) {
    if (name === 'query' && old?.week !== this.query?.week) this.reload();
  }

  week() {
    const w = this.query?.week;
    return DAY_RE.test(w ?? '') ? w : null;
  }

  async load() {
    const seq = ++this.seq;
    try {
      const sheet = await api.get('/projects/timesheets/mine', this.week() ? { week: this.week() } : {});
      if (seq !== this.seq) return;
      this.sheet = sheet;
      this.loadError = null;
    } catch (error) {
      if (seq !== this.seq) return;
      this.loadError = error;
    }
    this.requestUpdate();
  }

  go(weekStart) {
    this.form = null;
    this.error = null;
    const thisWeek = this.thisMonday();
    navigate('/timesheet', weekStart && weekStart !== thisWeek ? { week: weekStart } : {});
  }

  thisMonday() {
    const today = personToday();
    const [y, m, d] = today.split('-').map(Number);
    const dow = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
    return addDays(today, -dow);
  }

  take(sheet) {
    this.sheet = sheet;
    this.requestUpdate();
  }

  async act(action) {
    if (this.busy) return;
    const s = this.sheet;
    this.busy = true;
    this.error = null;
    this.stale = false;
    this.requestUpdate();
    try {
      const sheet = await api.post(`/projects/timesheets/${s.id}/${action}`, { version: s.version });
      this.sheet = sheet;
      this.form = null;
      notify(t(action === 'submit' ? 'projects.timesheet.sent' : 'projects.timesheet.takenBack'), 'success');
    } catch (error) {
      if (error.status === 409) {
        this.stale = true;
        this.load();
      } else this.error = error;
    }
    this.busy = false;
    this.requestUpdate();
  }

  async removeLine(entry) {
    if (this.busy || !confirm(t('projects.time.deleteConfirm', { hours: hours(entry.hours) }))) return;
    this.busy = true;
    this.error = null;
    this.requestUpdate();
    try {
      this.sheet = await api.delete(`/projects/timesheet-entries/${encodeURIComponent(entry.id)}`);
      if (this.form?.entry?.id === entry.id) this.form = null;
      notify(t('projects.time.deleted'), 'success');
    } catch (error) {
      if (error.status === 409) {
        this.stale = true;
        this.load();
      } else this.error = error;
    }
    this.busy = false;
    this.requestUpdate();
  }

  open(form) {
    this.form = form;
    this.requestUpdate();
    queueMicrotask(() => this.querySelector('af-time-entry-form')?.scrollIntoView({ block: 'nearest' }));
  }

  saved(sheet) {
    const editing = Boolean(this.form?.entry);
    const shown = this.sheet?.weekStart;
    this.sheet = sheet;
    if (editing) this.form = null;
    // A line written on a day of another week: that week is shown.
    if (shown && sheet.weekStart !== shown) {
      this.form = null;
      navigate('/timesheet', sheet.weekStart === this.thisMonday() ? {} : { week: sheet.weekStart });
    }
    notify(editing ? t('projects.time.saved') : t('projects.time.logged', { total: hours(sheet.totalHours) }), 'success');
    this.requestUpdate();
  }

  // "Log hours" on a past week starts on its Sunday; on this week, today.
  defaultDay(s) {
    const today = personToday();
    const end = addDays(s.weekStart, 6);
    return today >= s.weekStart && today <= end ? today : end < today ? end : today;
  }

  days(s) {
    const today = personToday();
    return Array.from({ length: 7 }, (_, i) => {
      const day = addDays(s.weekStart, i);
      return { day, total: s.dayTotals?.[i] ?? '0', today: day === today, future: day > today };
    });
  }

  dayStrip(s) {
    return html`<ol class="ts-days" aria-label="${t('projects.timesheet.days')}">
      ${this.days(s).map((d) => html`<li data-key="${d.day}">
        <button type="button" class="ts-day ${d.today ? 'is-today' : ''} ${Number(d.total) > 0 ? 'has-hours' : ''}" data-test="day-cell" data-day="${d.day}"
          data-today="${d.today ? 'true' : 'false'}" ?disabled=${!s.editable || d.future}
          aria-label="${t('projects.timesheet.logOn', { day: `${weekday(d.day, 'long')} ${shortDay(d.day)}` })}: ${hours(d.total)}"
          @click=${() => this.open({ day: d.day })}>
          <span class="ts-day-name">${weekday(d.day)}</span>
          <span class="ts-day-date">${Number(d.day.slice(8))}</span>
          <strong class="ts-day-total" data-test="day-total">${Number(d.total) > 0 ? Number(d.total).toString() : '–'}</strong>
        </button>
      </li>`)}
    </ol>`;
  }

  lines(s) {
    if (!s.entries.length) return html`<div class="muted card card-pad" data-test="timesheet-empty">${t('projects.timesheet.empty')}</div>`;
    const currency = getUser()?.tenant?.currency;
    const groups = this.days(s).map((d, i) => ({ ...d, entries: s.entries.filter((e) => e.day === d.day) })).filter((g) => g.entries.length);
    return html`${groups.map((g) => html`<section class="card ts-group" data-test="day-group" data-day="${g.day}" data-key="${g.day}">
      <h2 class="ts-group-head"><span>${weekday(g.day, 'long')} · ${shortDay(g.day)}</span><span class="ts-group-total">${hours(g.total)}</span></h2>
      <ul class="ts-lines">${g.entries.map((e) => html`<li class="ts-line" data-test="time-line" data-id="${e.id}" data-key="${e.id}">
        <div class="ts-line-body">
          ${e.taskId ? html`<a class="ts-line-title" href="${href(`/tasks/${e.taskId}`)}">${e.taskTitle ?? ''}</a>`
            : html`<a class="ts-line-title" href="${href(`/projects/${e.projectId}`)}">${e.projectName ?? ''}</a>`}
          <span class="muted small">${[e.taskId ? e.projectName : t('projects.time.projectOnly'), e.note].filter(Boolean).join(' · ')}</span>
        </div>
        <div class="ts-line-side">
          <strong class="ts-line-hours" data-test="time-line-hours">${hours(e.hours)}</strong>
          ${e.cost != null ? html`<span class="muted small">${formatMoney(e.cost, currency)}</span>` : ''}
        </div>
        ${s.editable ? html`<div class="pj-row-actions">
          <button type="button" class="btn ts-icon-btn" data-test="time-line-edit" aria-label="${t('projects.time.editLine')}" title="${t('projects.time.editLine')}"
            ?disabled=${this.busy} @click=${() => this.open({ entry: e })}>${icon('edit')}</button>
          <button type="button" class="btn btn-icon" data-test="time-line-delete" aria-label="${t('projects.time.deleteLine')}" title="${t('projects.time.deleteLine')}"
            ?disabled=${this.busy} @click=${() => this.removeLine(e)}>${icon('close')}</button>
        </div>` : ''}
      </li>`)}</ul>
    </section>`)}`;
  }

  view() {
    const header = html`<div class="page-header"><h1 class="page-title">${t('nav.timesheet')}</h1></div>`;
    if (this.loadError && !this.sheet) return html`${header}<div class="alert alert-error" role="alert" data-test="timesheet-error">${errorText(this.loadError)}</div>`;
    const s = this.sheet;
    if (!s) return html`${header}<div class="card card-pad"><span class="spinner"></span> ${t('common.loading')}</div>`;
    const thisWeek = this.thisMonday();
    const end = addDays(s.weekStart, 6);
    const canSubmit = s.state === 'open' && s.entries.length > 0;
    return html`<section class="ts-page" data-test="timesheet-page" data-week="${s.weekStart}">
      <div class="page-header">
        <div class="title-with-badge">
          <h1 class="page-title">${t('nav.timesheet')}</h1>
          ${timesheetState(s.state)}
        </div>
        ${s.approvalId ? html`<a class="small" data-test="timesheet-approval" href="${href(`/approvals/${s.approvalId}`)}">${t('projects.timesheet.openApproval')}</a>` : ''}
      </div>
      <div class="ts-week-bar card">
        <button type="button" class="btn btn-ghost ts-icon-btn" data-test="week-prev" aria-label="${t('projects.timesheet.prevWeek')}" title="${t('projects.timesheet.prevWeek')}"
          @click=${() => this.go(addDays(s.weekStart, -7))}>${icon('back')}</button>
        <div class="ts-week-label">
          <strong data-test="week-label">${shortDay(s.weekStart)} – ${shortDay(end)}</strong>
          ${s.weekStart === thisWeek ? html`<span class="muted small">${t('projects.timesheet.thisWeek')}</span>`
            : html`<button type="button" class="btn btn-link btn-small" data-test="week-this" @click=${() => this.go(thisWeek)}>${t('projects.timesheet.backToThisWeek')}</button>`}
        </div>
        <button type="button" class="btn btn-ghost ts-icon-btn" data-test="week-next" aria-label="${t('projects.timesheet.nextWeek')}" title="${t('projects.timesheet.nextWeek')}"
          ?disabled=${s.weekStart >= thisWeek} @click=${() => this.go(addDays(s.weekStart, 7))}>${icon('chevron')}</button>
      </div>
      ${this.dayStrip(s)}
      <div class="ts-summary">
        <div class="ts-total"><span class="muted small">${t('projects.timesheet.weekTotal')}</span><strong data-test="week-total">${hours(s.totalHours)}</strong></div>
        <div class="ts-actions">
          ${s.editable && !this.form ? html`<button type="button" class="btn btn-secondary" data-test="time-log" @click=${() => this.open({ day: this.defaultDay(s) })}>${icon('plus')}<span>${t('projects.time.log')}</span></button>` : ''}
          ${canSubmit ? html`<button type="button" class="btn btn-primary" data-test="timesheet-submit" ?disabled=${this.busy} @click=${() => this.act('submit')}>${t('projects.timesheet.submit')}</button>` : ''}
          ${s.state === 'submitted' ? html`<button type="button" class="btn btn-secondary" data-test="timesheet-withdraw" ?disabled=${this.busy} @click=${() => this.act('withdraw')}>${t('projects.timesheet.withdraw')}</button>` : ''}
        </div>
      </div>
      ${s.state === 'submitted' ? html`<p class="muted small">${t('projects.timesheet.submittedNote')}</p>` : ''}
      ${s.state === 'approved' ? html`<p class="muted small">${t('projects.timesheet.approvedNote')}</p>` : ''}
      ${this.stale ? html`<div class="alert alert-warning" role="alert" data-test="timesheet-stale">${t('projects.stale')}</div>` : ''}
      ${this.error ? html`<div class="alert alert-error" role="alert" data-test="timesheet-error">${errorText(this.error)}</div>` : ''}
      ${this.form && s.editable ? html`<af-time-entry-form data-key="${this.form.entry?.id ?? `new-${this.form.day ?? ''}`}" .entry=${this.form.entry ?? null}
        .day=${this.form.day ?? null} @saved=${(e) => this.saved(e.detail)} @cancel=${() => { this.form = null; this.requestUpdate(); }}></af-time-entry-form>` : ''}
      <div class="ts-groups">${this.lines(s)}</div>
    </section>`;
  }
}
AfTimesheet.define('af-timesheet');
