// data-test: team-attendance, team-month, team-department, team-export, team-row (data-id), team-name, team-total,
//            team-error, empty-list
// A department's month, #/attendance/team?month=YYYY-MM&department=<id> (GET /attendance/summary: one row per
// employee the caller may see, then the total): cards on a phone, a table on a desktop. A person opens their
// month; "Export CSV" downloads the same figures (UTF-8 with BOM, for Excel) for holders of attendance.record.export.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { can } from '../../core/store.js';
import { href, navigate } from '../../core/router.js';
import { departmentChoices } from '../org/dept-tree.js';
import { attendanceNav } from './attendance-nav.js';
import { currentMonth, decimalHours, validMonth } from './attendance-format.js';

export class AfTeamAttendance extends AfElement {
  static properties = ['query'];

  constructor() {
    super();
    this.state = { loading: true, rows: null, error: null };
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
    if (name === 'query' && (old?.month !== this.query?.month || old?.department !== this.query?.department)) this.reload();
  }

  month() {
    return validMonth(this.query?.month) ? this.query.month : currentMonth();
  }

  department() {
    return this.query?.department || '';
  }

  async load() {
    const seq = ++this.seq;
    this.state = { ...this.state, loading: true, error: null };
    this.requestUpdate();
    try {
      const rows = await api.get('/attendance/summary', { month: this.month(), department: this.department() });
      if (seq !== this.seq) return;
      this.state = { loading: false, rows: rows ?? [], error: null };
    } catch (error) {
      if (seq !== this.seq) return;
      this.state = { loading: false, rows: this.state.rows, error };
    }
    this.requestUpdate();
  }

  filter(change) {
    navigate('/attendance/team', { month: this.month(), department: this.department(), ...change }, { replace: true });
  }

  open(event, row) {
    if (event.target.closest('a, button')) return;
    navigate('/attendance/month', { employee: row.employeeID, month: this.month() });
  }

  cells(r) {
    return html`
      <td class="att-team-dept" data-label="${t('attendance.team.department')}">${r.departmentName ?? ''}</td>
      <td class="num" data-label="${t('attendance.figure.daysWorked')}">${r.daysWorked} / ${r.workdays}</td>
      <td class="num" data-label="${t('attendance.figure.late')}">${r.lateCount}${r.lateMinutes ? html` <span class="muted small">(${t('attendance.figure.minutes', { minutes: r.lateMinutes })})</span>` : ''}</td>
      <td class="num" data-label="${t('attendance.figure.early')}">${r.earlyCount}${r.earlyMinutes ? html` <span class="muted small">(${t('attendance.figure.minutes', { minutes: r.earlyMinutes })})</span>` : ''}</td>
      <td class="num ${r.absentDays ? 'att-bad' : ''}" data-label="${t('attendance.figure.absent')}">${r.absentDays}</td>
      <td class="num ${r.missingPunches ? 'att-bad' : ''}" data-label="${t('attendance.figure.missing')}">${r.missingPunches}</td>
      <td class="num" data-label="${t('attendance.figure.field')}">${r.fieldDays}</td>
      <td class="num" data-label="${t('attendance.figure.worked')}">${decimalHours(r.workedMinutes)}</td>
      <td class="num" data-label="${t('attendance.figure.overtime')}">${t('attendance.figure.hours', { hours: r.overtimeHours })}</td>`;
  }

  table(rows) {
    const people = rows.filter((r) => r.employeeID);
    const total = rows.find((r) => !r.employeeID);
    const month = this.month();
    return html`
      <div class="card table-card">
        <table class="table responsive-table att-team-table" data-test="team-attendance-table">
          <thead><tr>
            <th scope="col">${t('attendance.team.employee')}</th>
            <th scope="col">${t('attendance.team.department')}</th>
            <th scope="col" class="num">${t('attendance.figure.daysWorked')}</th>
            <th scope="col" class="num">${t('attendance.figure.late')}</th>
            <th scope="col" class="num">${t('attendance.figure.early')}</th>
            <th scope="col" class="num">${t('attendance.figure.absent')}</th>
            <th scope="col" class="num">${t('attendance.figure.missing')}</th>
            <th scope="col" class="num">${t('attendance.figure.field')}</th>
            <th scope="col" class="num">${t('attendance.figure.worked')}</th>
            <th scope="col" class="num">${t('attendance.figure.overtime')}</th>
          </tr></thead>
          <tbody>
            ${people.length ? '' : html`<tr class="table-message"><td colspan="10" class="muted" data-test="empty-list">${t('attendance.team.empty')}</td></tr>`}
            ${people.map((r) => html`
              <tr class="row-link" data-test="team-row" data-key="${r.employeeID}" data-id="${r.employeeID}" @click=${(e) => this.open(e, r)}>
                <td class="cell-title"><a href="${href('/attendance/month', { employee: r.employeeID, month })}" data-test="team-name">${r.employeeName ?? ''}</a>
                  <span class="att-team-sub muted small">${r.departmentName ?? ''}</span></td>
                ${this.cells(r)}
              </tr>`)}
          </tbody>
          ${total && people.length ? html`
            <tfoot><tr class="att-total" data-test="team-total">
              <th scope="row" class="cell-title">${t('attendance.team.total', { count: people.length })}</th>
              ${this.cells({ ...total, departmentName: total.departmentName ?? '' })}
            </tr></tfoot>` : ''}
        </table>
      </div>`;
  }

  view() {
    const month = this.month();
    const department = this.department();
    const { rows, error, loading } = this.state;
    const exportHref = `/api/v1/attendance/summary/export.csv?${new URLSearchParams({ month, ...(department ? { department } : {}) })}`;
    return html`
      <section class="att-page team-attendance" data-test="team-attendance">
        <div class="page-header">
          <h1 class="page-title">${t('module.attendance')}</h1>
          ${can('attendance.record.export') ? html`
            <div class="page-actions">
              <a class="btn btn-secondary" href="${exportHref}" download="attendance-${month}.csv" data-test="team-export">${t('attendance.team.export')}</a>
            </div>` : ''}
        </div>
        ${attendanceNav('team')}
        <div class="toolbar att-team-filters">
          <label class="filter">
            <span class="filter-label">${t('attendance.team.month')}</span>
            <input type="month" class="input" data-test="team-month" .value=${month}
              @change=${(e) => validMonth(e.target.value) && this.filter({ month: e.target.value })}>
          </label>
          ${this.departments?.length ? html`
            <label class="filter filter-wide">
              <span class="filter-label">${t('attendance.team.department')}</span>
              <select class="input select" data-test="team-department" .value=${department} @change=${(e) => this.filter({ department: e.target.value })}>
                <option value="">${t('attendance.team.allDepartments')}</option>
                ${this.departments.map((d) => html`<option value="${d.id}" data-key="${d.id}" ?selected=${d.id === department}>${d.label}</option>`)}
              </select>
            </label>` : ''}
        </div>
        ${error ? html`<div class="alert alert-error" role="alert" data-test="team-error">${errorText(error)}</div>` : ''}
        ${rows ? html`<div class="${loading ? 'is-loading' : ''}">${this.table(rows)}</div>`
          : error ? '' : html`<div class="card card-pad"><span class="spinner"></span> ${t('common.loading')}</div>`}
        <p class="muted small att-team-note">${t('attendance.team.hint')}</p>
      </section>`;
  }
}
AfTeamAttendance.define('af-team-attendance');
