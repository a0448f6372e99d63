// data-test: group-form, group-form-name, group-form-timeZone, group-form-calendarID, group-form-weekday (data-weekday),
//            group-form-start, group-form-end, group-form-graceLateMinutes, group-form-graceEarlyMinutes,
//            group-form-fieldCheckIn, group-form-fieldNeedsPhoto, group-form-fieldNeedsCustomer, group-form-site (data-id),
//            group-form-radius (data-id), group-form-department (data-id), group-form-save, group-form-cancel,
//            group-form-error, group-form-stale, field-error (data-field …)
// Add an attendance group (POST /attendance/groups) or change one (PATCH /attendance/groups/{id} with the version
// read; only what changed is sent, and a 409 shows the group as it is now). The schedule editor is kept simple:
// fixed hours, one start and end for the weekdays ticked. A flexible or shift group keeps its schedule (shown,
// not edited here). Members are departments (people added one by one through the API stay members).
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { getUser } from '../../core/store.js';
import { AfRecordForm } from '../../components/record-form.js';
import { zones } from '../org/af-site-form.js';
import { weekdayNames } from './attendance-format.js';

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
const DEFAULT_RADIUS = '300';

// The server's field names (schedule.weekdays[2].start, sites[0].radiusMeters…) → this form's.
function formField(field) {
  const plain = field.replace(/\[\d+\]/g, '');
  return {
    'schedule.weekdays.start': 'start', 'schedule.weekdays.end': 'end', 'schedule.weekdays': 'weekdays', 'schedule.weekdays.weekday': 'weekdays',
    schedule: 'weekdays', 'sites.radiusMeters': 'sites', 'sites.siteID': 'sites', departmentIDs: 'departments', employeeIDs: 'departments',
  }[plain] ?? plain;
}

function fixedHours(schedule) {
  const days = schedule?.kind === 'fixed' ? schedule.weekdays ?? [] : [];
  const first = days[0];
  return {
    weekdays: days.map((d) => d.weekday).sort(),
    start: first?.start ?? '09:00',
    end: first?.end ?? '18:00',
    mixed: days.some((d) => d.start !== first.start || d.end !== first.end),
  };
}

const sameList = (a, b) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

export class AfAttendanceGroupForm extends AfRecordForm {
  static properties = ['record', 'calendars', 'sites', 'departments'];
  static prefix = 'group';
  static fieldMap = Object.fromEntries(['name', 'timeZone', 'calendarID', 'weekdays', 'start', 'end', 'graceLateMinutes', 'graceEarlyMinutes',
    'sites', 'departments'].map((f) => [f, f]));

  path() {
    return '/attendance/groups';
  }

  fill(g) {
    const hours = g ? fixedHours(g.schedule) : { weekdays: [1, 2, 3, 4, 5], start: '09:00', end: '18:00', mixed: false };
    return {
      name: g?.name ?? '',
      timeZone: g?.timeZone ?? getUser()?.tenant?.timeZone ?? '',
      calendarID: g?.calendarID ?? '',
      kind: g?.schedule?.kind ?? 'fixed',
      weekdays: hours.weekdays,
      start: hours.start,
      end: hours.end,
      mixed: hours.mixed,
      graceLateMinutes: String(g?.graceLateMinutes ?? 0),
      graceEarlyMinutes: String(g?.graceEarlyMinutes ?? 0),
      fieldCheckIn: g?.fieldCheckIn ?? false,
      fieldNeedsPhoto: g?.fieldNeedsPhoto ?? false,
      fieldNeedsCustomer: g?.fieldNeedsCustomer ?? false,
      sites: Object.fromEntries((g?.sites ?? []).map((s) => [s.siteID, String(s.radiusMeters)])),
      departments: g?.departmentIDs ?? [],
    };
  }

  localErrors() {
    const v = this.values;
    const errors = {};
    if (!v.name.trim()) errors.name = { code: 'field.required' };
    if (v.kind === 'fixed') {
      if (!v.weekdays.length) errors.weekdays = { key: 'attendance.groups.noWeekday' };
      if (!CLOCK.test(v.start)) errors.start = { key: 'attendance.groups.badTime' };
      if (!CLOCK.test(v.end)) errors.end = { key: 'attendance.groups.badTime' };
    }
    for (const name of ['graceLateMinutes', 'graceEarlyMinutes']) {
      if (!/^\d{1,4}$/.test(v[name].trim()) || Number(v[name]) > 1440) errors[name] = { key: 'attendance.groups.badMinutes' };
    }
    if (Object.values(v.sites).some((r) => !/^\d{1,4}$/.test(String(r).trim()) || Number(r) < 10 || Number(r) > 5000)) {
      errors.sites = { key: 'attendance.groups.badRadius' };
    }
    return errors;
  }

  schedule() {
    const v = this.values;
    return { kind: 'fixed', weekdays: [...v.weekdays].sort().map((weekday) => ({ weekday, start: v.start, end: v.end })) };
  }

  siteList() {
    return Object.entries(this.values.sites).map(([siteID, radius]) => ({ siteID, radiusMeters: Number(radius) }));
  }

  body() {
    const v = this.values;
    const g = this.record;
    const all = {
      name: v.name.trim(), timeZone: v.timeZone.trim(), graceLateMinutes: Number(v.graceLateMinutes), graceEarlyMinutes: Number(v.graceEarlyMinutes),
      fieldCheckIn: v.fieldCheckIn, fieldNeedsPhoto: v.fieldCheckIn && v.fieldNeedsPhoto, fieldNeedsCustomer: v.fieldCheckIn && v.fieldNeedsCustomer,
    };
    if (!g) {
      return { ...all, ...(v.calendarID ? { calendarID: v.calendarID } : {}), schedule: this.schedule(), sites: this.siteList(), departmentIDs: v.departments };
    }
    const body = { version: g.version };
    for (const [key, value] of Object.entries(all)) if (value !== g[key]) body[key] = value;
    if (v.calendarID !== (g.calendarID ?? '')) {
      if (v.calendarID) body.calendarID = v.calendarID;
      else body.clearCalendar = true;
    }
    const before = fixedHours(g.schedule);
    if (v.kind === 'fixed' && (!sameList(v.weekdays, before.weekdays) || v.start !== before.start || v.end !== before.end)) body.schedule = this.schedule();
    const sites = this.siteList();
    const key = (list) => list.map((s) => `${s.siteID}:${s.radiusMeters}`);
    if (!sameList(key(sites), key(g.sites))) body.sites = sites;
    if (!sameList(v.departments, g.departmentIDs)) body.departmentIDs = v.departments;
    return Object.keys(body).length > 1 ? body : null;
  }

  failed(error) {
    error.fields = (error.fields ?? []).map((f) => ({ ...f, field: formField(f.field) }));
    super.failed(error);
  }

  toggle(name, id, on) {
    const list = this.values[name].filter((x) => x !== id);
    this.input(name, on ? [...list, id] : list);
    this.requestUpdate();
  }

  setSite(id, radius) {
    const sites = { ...this.values.sites };
    if (radius == null) delete sites[id];
    else sites[id] = radius;
    this.input('sites', sites);
    this.requestUpdate();
  }

  check(name, label, { disabled = false } = {}) {
    return html`
      <label class="check">
        <input type="checkbox" data-test="group-form-${name}" .checked=${this.values[name]} ?disabled=${disabled}
          @change=${(e) => { this.input(name, e.target.checked); this.requestUpdate(); }}>
        <span>${label}</span>
      </label>`;
  }

  hoursEditor() {
    const v = this.values;
    if (v.kind !== 'fixed') {
      return html`<p class="muted">${t(`attendance.groups.kind.${v.kind}`)} — ${t('attendance.groups.kindNotEditable')}</p>`;
    }
    const names = weekdayNames('short');
    return html`
      <div class="att-weekdays" role="group" aria-label="${t('attendance.groups.workdays')}" data-field-input="weekdays">
        ${names.map((name, i) => html`
          <label class="att-weekday-toggle">
            <input type="checkbox" data-test="group-form-weekday" data-weekday="${i + 1}" .checked=${v.weekdays.includes(i + 1)}
              @change=${(e) => this.toggle('weekdays', i + 1, e.target.checked)}>
            <span>${name}</span>
          </label>`)}
      </div>
      ${this.fieldError('weekdays')}
      <div class="att-hours">
        ${this.textField('start', t('attendance.groups.start'), { type: 'time', maxlength: 5 })}
        ${this.textField('end', t('attendance.groups.end'), { type: 'time', maxlength: 5 })}
      </div>
      ${v.mixed ? html`<p class="muted small">${t('attendance.groups.mixedHours')}</p>` : ''}`;
  }

  sitesEditor() {
    const sites = (this.sites ?? []).filter((s) => !s.archived || s.id in this.values.sites);
    if (!sites.length) return html`<p class="muted">${t('attendance.groups.noSites')}</p>`;
    return html`
      <ul class="att-choice-list" data-field-input="sites">
        ${sites.map((s) => {
          const on = s.id in this.values.sites;
          const located = s.latitude && s.longitude;
          return html`
            <li class="att-site" data-key="${s.id}">
              <label class="check">
                <input type="checkbox" data-test="group-form-site" data-id="${s.id}" .checked=${on} ?disabled=${!located && !on}
                  @change=${(e) => this.setSite(s.id, e.target.checked ? DEFAULT_RADIUS : null)}>
                <span>${s.name}${located ? '' : html` <span class="muted small">(${t('attendance.groups.noCoordinates')})</span>`}</span>
              </label>
              ${on ? html`
                <span class="input-with-suffix att-radius">
                  <input class="input input-num" type="number" min="10" max="5000" step="10" inputmode="numeric" data-test="group-form-radius"
                    data-id="${s.id}" aria-label="${t('attendance.groups.radius')}: ${s.name}" .value=${this.values.sites[s.id]}
                    @input=${(e) => this.setSite(s.id, e.target.value)}>
                  <span class="muted">${t('attendance.groups.metres')}</span>
                </span>` : ''}
            </li>`;
        })}
      </ul>
      ${this.fieldError('sites')}`;
  }

  departmentsEditor() {
    const list = this.departments ?? [];
    const people = this.record?.employeeIDs?.length ?? 0;
    return html`
      <ul class="att-choice-list att-departments" data-field-input="departments">
        ${list.map((d) => html`
          <li data-key="${d.id}">
            <label class="check">
              <input type="checkbox" data-test="group-form-department" data-id="${d.id}" .checked=${this.values.departments.includes(d.id)}
                @change=${(e) => this.toggle('departments', d.id, e.target.checked)}>
              <span>${d.label}</span>
            </label>
          </li>`)}
      </ul>
      ${this.fieldError('departments')}
      ${people ? html`<p class="muted small">${t('attendance.groups.peopleKept', { count: people })}</p>` : ''}`;
  }

  view() {
    const title = this.record ? t('attendance.groups.editTitle', { name: this.record.name }) : t('attendance.groups.addTitle');
    const v = this.values;
    return html`
      <form class="dept-form att-group-form" novalidate data-test="group-form" aria-label="${title}" @submit=${(e) => this.submit(e)}>
        <h2 class="dept-form-title">${title}</h2>
        ${this.alerts()}
        <div class="dept-form-grid">
          ${this.textField('name', t('attendance.groups.name'), { required: true, maxlength: 60 })}
          ${this.textField('timeZone', t('attendance.groups.timeZone'), { maxlength: 64, list: 'group-time-zones', placeholder: 'Asia/Shanghai' })}
          ${this.selectField('calendarID', t('attendance.groups.calendar'), (this.calendars ?? []).map((c) => ({ id: c.id, label: c.name })),
            t('attendance.groups.noCalendar'))}
        </div>
        <datalist id="group-time-zones">${zones().map((z) => html`<option value="${z}"></option>`)}</datalist>

        <fieldset class="att-fieldset">
          <legend>${t('attendance.groups.hours')}</legend>
          ${this.hoursEditor()}
          <div class="att-hours">
            ${this.textField('graceLateMinutes', t('attendance.groups.graceLate'), { type: 'number', inputmode: 'numeric', maxlength: 4, suffix: t('attendance.groups.min') })}
            ${this.textField('graceEarlyMinutes', t('attendance.groups.graceEarly'), { type: 'number', inputmode: 'numeric', maxlength: 4, suffix: t('attendance.groups.min') })}
          </div>
        </fieldset>

        <fieldset class="att-fieldset">
          <legend>${t('attendance.groups.sites')}</legend>
          ${this.sitesEditor()}
        </fieldset>

        <fieldset class="att-fieldset">
          <legend>${t('attendance.groups.field')}</legend>
          <div class="att-checks">
            ${this.check('fieldCheckIn', t('attendance.groups.fieldAllowed'))}
            ${this.check('fieldNeedsPhoto', t('attendance.groups.fieldPhoto'), { disabled: !v.fieldCheckIn })}
            ${this.check('fieldNeedsCustomer', t('attendance.groups.fieldCustomer'), { disabled: !v.fieldCheckIn })}
          </div>
        </fieldset>

        <fieldset class="att-fieldset">
          <legend>${t('attendance.groups.members')}</legend>
          ${this.departmentsEditor()}
        </fieldset>
        ${this.actions(t('attendance.groups.add'))}
      </form>`;
  }
}
AfAttendanceGroupForm.define('af-attendance-group-form');
