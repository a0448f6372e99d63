// data-test: leave-team, leave-team-prev, leave-team-next, leave-team-today, leave-team-week, leave-team-department,
//            leave-team-row (data-id), leave-team-name, leave-team-day (data-date, data-away), leave-team-chip (data-id,
//            data-state), leave-team-empty, leave-team-error
// Who is away this week (#/leave/team?week=YYYY-MM-DD&department=<id>, managers: leave.request.read), from
// GET /leave/team?from&to: pending and approved leave of the people the caller may see. One row per person: a strip
// of the seven days (a filled day is away, a lighter one pending) and their requests as chips. On a phone each person
// is a card with the strip under the name; on a desktop the strip lines up in day columns under a header.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { navigate } from '../../core/router.js';
import { departmentChoices } from '../org/dept-tree.js';
import { icon } from '../../components/icons.js';
import { DAY, addDays, amountText, dayRange, leaveNav, mondayOf, shortDay, stateBadge, today, weekdayOf } from './leave-format.js';

export class AfLeaveTeam extends AfElement {
  static properties = ['query'];

  constructor() {
    super();
    this.state = { loading: true, requests: null, error: null };
    this.departments = null;
    this.seq = 0;
  }

  connected() {
    departmentChoices().then((list) => {
      this.departments = list;
      this.requestUpdate();
    });
    this.reload();
  }

  changed(name, old) {
    if (name === 'query' && (old?.week !== this.query?.week || old?.department !== this.query?.department)) this.reload();
  }

  week() {
    return mondayOf(DAY.test(this.query?.week ?? '') ? this.query.week : today());
  }

  department() {
    return this.query?.department || '';
  }

  async load() {
    const seq = ++this.seq;
    this.state = { ...this.state, loading: true, error: null };
    this.requestUpdate();
    try {
      const from = this.week();
      const requests = await api.get('/leave/team', { from, to: addDays(from, 6), department: this.department() });
      if (seq !== this.seq) return;
      this.state = { loading: false, requests: requests ?? [], error: null };
    } catch (error) {
      if (seq !== this.seq) return;
      this.state = { loading: false, requests: this.state.requests, error };
    }
    this.requestUpdate();
  }

  go(change) {
    navigate('/leave/team', { week: this.week(), department: this.department(), ...change }, { replace: true });
  }

  people(requests) {
    const byPerson = new Map();
    for (const r of requests) {
      if (!byPerson.has(r.employeeID)) byPerson.set(r.employeeID, { id: r.employeeID, name: r.employeeName, requests: [] });
      byPerson.get(r.employeeID).requests.push(r);
    }
    return [...byPerson.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  // What a person does on a day: 'approved', 'pending' or nothing; a half day shows as half.
  dayState(person, date) {
    let found = null;
    for (const r of person.requests) {
      const d = r.days?.find((x) => x.date === date);
      if (!d) continue;
      const part = r.unit === 'day' || r.unit === 'halfDay' ? (Number(d.amount) < 1 ? 'half' : 'full') : 'part';
      if (r.state === 'approved' || !found) found = { state: r.state, part, type: r.typeName };
    }
    return found;
  }

  row(person, days) {
    const todayDay = today();
    return html`
      <li class="card lv-team-row" data-test="leave-team-row" data-key="${person.id}" data-id="${person.id}">
        <div class="lv-team-person">
          <strong data-test="leave-team-name">${person.name}</strong>
          <span class="lv-team-chips">
            ${person.requests.map((r) => html`
              <span class="lv-chip is-${r.state}" data-test="leave-team-chip" data-key="${r.id}" data-id="${r.id}" data-state="${r.state}">
                <span>${r.typeName} · ${dayRange(r.startDate, r.endDate)} · ${amountText(r.amount, r.unit)}</span>
                ${r.state === 'approved' ? '' : stateBadge(r.state, 'leave-team-chip-state')}
              </span>`)}
          </span>
        </div>
        <div class="lv-strip">
          ${days.map((date) => {
            const s = this.dayState(person, date);
            return html`<span class="lv-strip-day ${s ? `is-${s.state} is-${s.part}` : ''} ${date === todayDay ? 'is-today' : ''}"
              data-test="leave-team-day" data-date="${date}" data-away="${s ? s.state : 'no'}"
              title="${s ? `${shortDay(date, true)}: ${s.type} (${t(`leave.state.${s.state}`)})` : shortDay(date, true)}">
              <span class="lv-strip-label">${weekdayOf(date)}<br>${Number(date.slice(8))}</span></span>`;
          })}
        </div>
      </li>`;
  }

  view() {
    const from = this.week();
    const days = [0, 1, 2, 3, 4, 5, 6].map((i) => addDays(from, i));
    const { requests, error, loading } = this.state;
    const people = requests ? this.people(requests) : [];
    const department = this.department();
    return html`
      <section class="lv-page lv-team" data-test="leave-team">
        <div class="page-header att-header"><h1 class="page-title">${t('module.leave')}</h1></div>
        ${leaveNav('team')}
        <div class="att-month-bar lv-week-bar">
          <button type="button" class="btn btn-secondary att-month-step" data-test="leave-team-prev" aria-label="${t('leave.team.previous')}"
            title="${t('leave.team.previous')}" @click=${() => this.go({ week: addDays(from, -7) })}>${icon('back')}</button>
          <h2 class="att-month-title" data-test="leave-team-week">${dayRange(days[0], days[6])}</h2>
          <button type="button" class="btn btn-secondary att-month-step" data-test="leave-team-next" aria-label="${t('leave.team.next')}"
            title="${t('leave.team.next')}" @click=${() => this.go({ week: addDays(from, 7) })}>${icon('chevron')}</button>
        </div>
        <div class="toolbar lv-team-filters">
          ${from !== mondayOf(today()) ? html`<button type="button" class="btn btn-ghost lv-tap" data-test="leave-team-today"
            @click=${() => this.go({ week: mondayOf(today()) })}>${t('leave.team.thisWeek')}</button>` : ''}
          ${this.departments?.length ? html`
            <label class="filter filter-wide">
              <span class="filter-label">${t('attendance.team.department')}</span>
              <select class="input select" data-test="leave-team-department" .value=${department} @change=${(e) => this.go({ department: e.target.value })}>
                <option value="">${t('attendance.team.allDepartments')}</option>
                ${this.departments.map((d) => html`<option value="${d.id}" data-key="${d.id}" ?selected=${d.id === department}>${d.label}</option>`)}
              </select>
            </label>` : ''}
        </div>
        ${error ? html`<div class="alert alert-error" role="alert" data-test="leave-team-error">${errorText(error)}</div>` : ''}
        ${requests ? html`
          <div class="${loading ? 'is-loading' : ''}">
            ${people.length ? html`
              <div class="lv-team-head" aria-hidden="true"><span></span>
                <span class="lv-strip">${days.map((d) => html`<span class="lv-strip-head ${d === today() ? 'is-today' : ''}">${shortDay(d, true)}</span>`)}</span></div>
              <ul class="lv-team-list">${people.map((p) => this.row(p, days))}</ul>
              <p class="muted small lv-legend"><span class="lv-key is-approved"></span>${t('leave.state.approved')}
                <span class="lv-key is-pending"></span>${t('leave.state.pending')}</p>`
              : html`<div class="card card-pad muted" data-test="leave-team-empty">${t('leave.team.empty')}</div>`}
          </div>` : error ? '' : html`<div class="card card-pad"><span class="spinner"></span> ${t('common.loading')}</div>`}
      </section>`;
  }
}
AfLeaveTeam.define('af-leave-team');
