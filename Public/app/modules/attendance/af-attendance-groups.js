// data-test: attendance-groups, group-add, group-row (data-id), group-name, group-hours, group-sites, group-members,
//            group-field, group-edit, groups-error, empty-list (the form's are in af-attendance-group-form.js)
// Attendance groups (考勤组), #/attendance/groups, for holders of attendance.group.manage: each group's time zone,
// hours, fenced sites, members and field check-in rule; one form at a time (above the list, so a phone shows it
// whole) adds or changes one. A save that someone else beat (409) reloads the list and the form shows their version.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { notify } from '../../core/notify.js';
import { icon } from '../../components/icons.js';
import { choices } from '../org/dept-tree.js';
import { attendanceNav } from './attendance-nav.js';
import { distance, weekdayNames } from './attendance-format.js';
import './af-attendance-group-form.js';

// "Mon–Fri 09:00–18:00", "Mon, Wed, Fri 08:30–17:30"; other kinds by name.
function hoursText(schedule) {
  if (schedule.kind !== 'fixed') return t(`attendance.groups.kind.${schedule.kind}`);
  const names = weekdayNames('short');
  const groups = new Map();
  for (const d of schedule.weekdays ?? []) {
    const key = `${d.start}–${d.end}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(d.weekday);
  }
  return [...groups.entries()].map(([time, days]) => {
    days.sort();
    const run = days.every((d, i) => i === 0 || d === days[i - 1] + 1) && days.length > 2;
    const label = run ? `${names[days[0] - 1]}–${names[days[days.length - 1] - 1]}` : days.map((d) => names[d - 1]).join(', ');
    return `${label} ${time}`;
  }).join('; ');
}

export class AfAttendanceGroups extends AfElement {
  constructor() {
    super();
    this.groups = null;
    this.calendars = [];
    this.sites = [];
    this.departments = [];
    this.loadError = null;
    this.form = null; // { mode: 'add' } | { mode: 'edit', id }
    this.seq = 0;
  }

  connected() {
    Promise.all([
      api.get('/attendance/calendars').catch(() => []),
      api.get('/org/sites').catch(() => []),
      api.get('/org/departments').catch(() => []),
    ]).then(([calendars, sites, departments]) => {
      this.calendars = calendars ?? [];
      this.sites = sites ?? [];
      this.departmentList = departments ?? [];
      this.departments = choices(this.departmentList);
      this.requestUpdate();
    });
    this.reload();
  }

  async load() {
    const seq = ++this.seq;
    try {
      const groups = await api.get('/attendance/groups');
      if (seq !== this.seq) return;
      this.groups = groups ?? [];
      this.loadError = null;
    } catch (error) {
      if (seq !== this.seq) return;
      this.loadError = error;
    }
    this.requestUpdate();
  }

  open(form) {
    this.form = form;
    this.requestUpdate();
    queueMicrotask(() => this.querySelector('[data-test="group-form"]')?.scrollIntoView({ block: 'start' }));
  }

  saved(event) {
    event.stopPropagation();
    notify(t(this.form?.mode === 'add' ? 'attendance.groups.added' : 'attendance.groups.saved', { name: event.detail.name }), 'success');
    this.form = null;
    this.load();
  }

  members(g) {
    const names = new Map((this.departmentList ?? []).map((d) => [d.id, d.name]));
    const parts = g.departmentIDs.map((id) => names.get(id) ?? '…');
    if (g.employeeIDs.length) parts.push(t('attendance.groups.people', { count: g.employeeIDs.length }));
    return parts.join(', ') || '—';
  }

  row(g) {
    const field = g.fieldCheckIn
      ? [t('attendance.groups.fieldYes'), g.fieldNeedsPhoto ? t('attendance.groups.withPhoto') : '', g.fieldNeedsCustomer ? t('attendance.groups.withCustomer') : '']
        .filter(Boolean).join(' · ')
      : t('attendance.groups.fieldNo');
    return html`
      <tr data-test="group-row" data-key="${g.id}" data-id="${g.id}">
        <td class="cell-title"><span data-test="group-name">${g.name}</span>
          <span class="muted small att-group-zone">${g.timeZone}${g.calendarName ? ` · ${g.calendarName}` : ''}</span></td>
        <td data-label="${t('attendance.groups.hours')}" data-test="group-hours">${hoursText(g.schedule)}</td>
        <td data-label="${t('attendance.groups.sites')}" data-test="group-sites">
          ${g.sites.length ? g.sites.map((s) => `${s.name ?? ''} (${distance(s.radiusMeters)})`).join(', ') : '—'}</td>
        <td data-label="${t('attendance.groups.members')}" data-test="group-members">${this.members(g)}</td>
        <td data-label="${t('attendance.groups.field')}" data-test="group-field">${field}</td>
        <td class="att-group-actions">
          <button type="button" class="btn btn-ghost btn-small" data-test="group-edit" aria-label="${t('org.dept.edit')}: ${g.name}"
            @click=${() => this.open({ mode: 'edit', id: g.id })}>${icon('edit')}<span>${t('org.dept.edit')}</span></button>
        </td>
      </tr>`;
  }

  formFor(record) {
    return html`
      <div class="card card-pad section-gap-bottom" data-key="${record?.id ?? 'new'}">
        <af-attendance-group-form .record=${record} .calendars=${this.calendars} .sites=${this.sites} .departments=${this.departments}
          @saved=${(e) => this.saved(e)} @cancel=${(e) => { e.stopPropagation(); this.form = null; this.requestUpdate(); }}
          @stale=${(e) => { e.stopPropagation(); this.load(); }}></af-attendance-group-form>
      </div>`;
  }

  view() {
    const editing = this.form?.mode === 'edit' ? this.groups?.find((g) => g.id === this.form.id) : null;
    return html`
      <section class="att-page attendance-groups" data-test="attendance-groups">
        <div class="page-header">
          <h1 class="page-title">${t('module.attendance')}</h1>
          <div class="page-actions">
            <button type="button" class="btn btn-primary" data-test="group-add" ?disabled=${this.form?.mode === 'add'}
              @click=${() => this.open({ mode: 'add' })}>${icon('plus')}<span>${t('attendance.groups.add')}</span></button>
          </div>
        </div>
        ${attendanceNav('groups')}
        ${this.loadError ? html`<div class="alert alert-error" role="alert" data-test="groups-error">${errorText(this.loadError)}</div>` : ''}
        ${this.form?.mode === 'add' ? this.formFor(null) : ''}
        ${editing ? this.formFor(editing) : ''}
        ${!this.groups ? (this.loadError ? '' : html`<div class="card card-pad"><span class="spinner"></span> ${t('common.loading')}</div>`) : html`
          <div class="card table-card">
            <table class="table responsive-table att-group-table">
              <thead><tr>
                <th scope="col">${t('attendance.groups.name')}</th>
                <th scope="col">${t('attendance.groups.hours')}</th>
                <th scope="col">${t('attendance.groups.sites')}</th>
                <th scope="col">${t('attendance.groups.members')}</th>
                <th scope="col">${t('attendance.groups.field')}</th>
                <th scope="col"><span class="visually-hidden">${t('org.dept.edit')}</span></th>
              </tr></thead>
              <tbody>
                ${this.groups.length ? '' : html`<tr class="table-message"><td colspan="6" class="muted" data-test="empty-list">${t('attendance.groups.empty')}</td></tr>`}
                ${this.groups.map((g) => this.row(g))}
              </tbody>
            </table>
          </div>`}
      </section>`;
  }
}
AfAttendanceGroups.define('af-attendance-groups');
