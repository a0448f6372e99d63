// data-test: my-month, month-title, month-prev, month-next, month-employee, month-back, month-figure (data-figure),
//            month-calendar, month-day (data-date, data-status), month-day-label, month-day-detail, month-detail-first,
//            month-detail-last, month-detail-worked, month-error, attendance-status (data-status)
// One person's month of attendance, #/attendance/month?month=YYYY-MM[&employee=<id>] (GET /attendance/results):
// the month's figures, then a calendar (Monday first) with each day's headline status as a coloured dot and a
// short label; tapping a day shows its planned hours, first and last punch and hours worked. Without `employee`
// it is the caller's own month; a manager comes here from the team page with the employee's id.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText, has } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { can } from '../../core/store.js';
import { href, navigate } from '../../core/router.js';
import { todayIn } from '../../core/format.js';
import { icon } from '../../components/icons.js';
import { attendanceNav } from './attendance-nav.js';
import {
  clock, currentMonth, headline, hours, longDay, monthTitle, planned, shiftMonth, shortLabel, statusBadges, tone, validMonth, weekdayNames,
} from './attendance-format.js';

function daysIn(month) {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

// Monday 0 … Sunday 6.
function weekdayOf(date) {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}

export class AfMyMonth extends AfElement {
  static properties = ['query'];

  constructor() {
    super();
    this.state = { loading: true, data: null, error: null };
    this.timeZone = undefined; // the person's group's, from the month answer
    this.selected = null;
    this.seq = 0;
  }

  connected() {
    this.reload();
  }

  changed(name, old) {
    if (name !== 'query') return;
    if (old?.month !== this.query?.month || old?.employee !== this.query?.employee) {
      this.selected = null;
      this.reload();
    }
  }

  month() {
    return validMonth(this.query?.month) ? this.query.month : currentMonth();
  }

  employee() {
    return this.query?.employee || null;
  }

  async load() {
    const seq = ++this.seq;
    const month = this.month();
    this.state = { ...this.state, loading: true, error: null };
    this.requestUpdate();
    try {
      const data = await api.get('/attendance/results', { month, employee: this.employee() });
      if (seq !== this.seq) return;
      // Punch times and "today" in the person's own zone (their group's), whoever is looking.
      if (data.timeZone) this.timeZone = data.timeZone;
      this.state = { loading: false, data, error: null };
      if (!this.selected) {
        const now = todayIn(this.timeZone);
        this.selected = data.days.some((d) => d.date === now) ? now : null;
      }
    } catch (error) {
      if (seq !== this.seq) return;
      this.state = { loading: false, data: null, error };
    }
    this.requestUpdate();
  }

  go(by) {
    navigate('/attendance/month', { ...this.query, month: shiftMonth(this.month(), by) }, { replace: true });
  }

  zone(data) {
    return data?.timeZone ?? (this.employee() ? undefined : this.timeZone);
  }

  figures(summary) {
    const figure = (id, label, value, sub = '', tone = '') => html`
      <div class="att-figure ${tone}" data-test="month-figure" data-figure="${id}">
        <span class="att-figure-value">${value}</span>
        <span class="att-figure-label">${label}</span>
        ${sub ? html`<span class="att-figure-sub muted">${sub}</span>` : ''}
      </div>`;
    const leave = Object.entries(summary.leave ?? {});
    return html`
      <div class="att-figures">
        ${figure('daysWorked', t('attendance.figure.daysWorked'), `${summary.daysWorked}/${summary.workdays}`)}
        ${figure('late', t('attendance.figure.late'), summary.lateCount, t('attendance.figure.minutes', { minutes: summary.lateMinutes }), summary.lateCount ? 'is-warn' : '')}
        ${figure('early', t('attendance.figure.early'), summary.earlyCount, t('attendance.figure.minutes', { minutes: summary.earlyMinutes }), summary.earlyCount ? 'is-warn' : '')}
        ${figure('absent', t('attendance.figure.absent'), summary.absentDays, '', summary.absentDays ? 'is-bad' : '')}
        ${figure('missing', t('attendance.figure.missing'), summary.missingPunches, '', summary.missingPunches ? 'is-bad' : '')}
        ${figure('field', t('attendance.figure.field'), summary.fieldDays)}
        ${figure('worked', t('attendance.figure.workedHours'), (Math.max(0, summary.workedMinutes) / 60).toFixed(1))}
        ${figure('overtime', t('attendance.figure.overtimeHours'), summary.overtimeHours)}
        ${leave.length ? figure('leave', t('attendance.figure.leave'), leave.map(([type, days]) => `${leaveName(type)} ${days}`).join(', ')) : ''}
      </div>`;
  }

  calendar(data) {
    const month = this.month();
    const byDate = new Map(data.days.map((d) => [d.date, d]));
    const first = `${month}-01`;
    const blanks = weekdayOf(first);
    const today = todayIn(this.zone(data));
    const cells = [];
    for (let i = 0; i < blanks; i++) cells.push(html`<span class="att-cell is-blank" aria-hidden="true"></span>`);
    for (let n = 1; n <= daysIn(month); n++) {
      const date = `${month}-${String(n).padStart(2, '0')}`;
      const day = byDate.get(date);
      const status = headline(day);
      const label = status ? shortLabel(status, day) : '';
      cells.push(html`
        <button type="button" class="att-cell tone-${status ? tone(status) : 'none'} ${date === this.selected ? 'is-selected' : ''} ${date === today ? 'is-today' : ''}"
          data-test="month-day" data-date="${date}" data-status="${status ?? ''}" aria-pressed="${date === this.selected ? 'true' : 'false'}"
          aria-label="${longDay(date)}${label ? `: ${label}` : ''}" @click=${() => { this.selected = date; this.requestUpdate(); }}>
          <span class="att-cell-day">${n}</span>
          <span class="att-cell-dot" aria-hidden="true"></span>
          <span class="att-cell-label" data-test="month-day-label">${label}</span>
        </button>`);
    }
    return html`
      <div class="att-calendar" data-test="month-calendar" role="group" aria-label="${monthTitle(month)}">
        ${weekdayNames('short').map((name) => html`<span class="att-weekday" aria-hidden="true">${name}</span>`)}
        ${cells}
      </div>`;
  }

  detail(data) {
    const day = data.days.find((d) => d.date === this.selected);
    if (!day) return html`<section class="att-detail"><p class="muted att-detail-hint">${t('attendance.month.tapDay')}</p></section>`;
    const zone = this.zone(data);
    const row = (id, label, value) => (value ? html`<div class="field-pair"><dt>${label}</dt><dd data-test="month-detail-${id}">${value}</dd></div>` : '');
    const leave = Object.entries(day.leave ?? {});
    return html`
      <section class="att-detail" data-test="month-day-detail" data-date="${day.date}" aria-live="polite">
        <h2 class="section-title">${longDay(day.date)}</h2>
        ${statusBadges(day)}
        <dl class="fields att-detail-fields">
          ${row('planned', t('attendance.detail.planned'), planned(day))}
          ${row('first', t('attendance.detail.first'), day.firstPunch ? clock(day.firstPunch, zone) : '—')}
          ${row('last', t('attendance.detail.last'), day.lastPunch && day.punchCount > 1 ? clock(day.lastPunch, zone) : '—')}
          ${row('worked', t('attendance.detail.worked'), day.punchCount > 1 ? hours(day.workedMinutes) : '—')}
          ${row('late', t('attendance.detail.late'), day.lateMinutes ? t('attendance.figure.minutes', { minutes: day.lateMinutes }) : '')}
          ${row('early', t('attendance.detail.early'), day.earlyMinutes ? t('attendance.figure.minutes', { minutes: day.earlyMinutes }) : '')}
          ${row('overtime', t('attendance.detail.overtime'), day.overtimeMinutes ? hours(day.overtimeMinutes) : '')}
          ${row('leave', t('attendance.figure.leave'), leave.map(([type, days]) => `${leaveName(type)} ${days}`).join(', '))}
        </dl>
      </section>`;
  }

  view() {
    const month = this.month();
    const { data, error, loading } = this.state;
    const other = this.employee();
    return html`
      <section class="att-page my-month" data-test="my-month">
        ${other && can('attendance.record.read') ? html`
          <a class="back-link" href="${href('/attendance/team', { month })}" data-test="month-back">${icon('back')}<span>${t('nav.attendance_team')}</span></a>` : ''}
        <div class="page-header att-header">
          <h1 class="page-title">${other ? html`<span data-test="month-employee">${data?.employeeName ?? ''}</span>` : t('module.attendance')}</h1>
          ${data?.groupName ? html`<span class="muted">${data.groupName}</span>` : ''}
        </div>
        ${other ? '' : attendanceNav('month')}
        <div class="att-month-bar">
          <button type="button" class="btn btn-secondary att-month-step" data-test="month-prev" aria-label="${t('attendance.month.previous')}"
            @click=${() => this.go(-1)}>${icon('back')}</button>
          <h2 class="att-month-title" data-test="month-title">${monthTitle(month)}</h2>
          <button type="button" class="btn btn-secondary att-month-step" data-test="month-next" aria-label="${t('attendance.month.next')}"
            @click=${() => this.go(1)}>${icon('chevron')}</button>
        </div>
        ${error ? html`<div class="alert alert-error" role="alert" data-test="month-error">${errorText(error)}</div>` : ''}
        ${!data ? (error ? '' : html`<div class="card card-pad"><span class="spinner"></span> ${t('common.loading')}</div>`) : html`
          <div class="${loading ? 'is-loading' : ''}">
            ${this.figures(data.summary)}
            <div class="card att-month-card">
              <div class="att-month-calendar">${this.calendar(data)}</div>
              ${this.detail(data)}
            </div>
          </div>`}
      </section>`;
  }
}

function leaveName(type) {
  return has(`attendance.leave.${type}`) ? t(`attendance.leave.${type}`) : type;
}

AfMyMonth.define('af-my-month');
