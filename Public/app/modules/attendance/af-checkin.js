// data-test: checkin, checkin-clock, checkin-date, checkin-group, checkin-planned, checkin-no-group, checkin-location
//            (data-inside true | false | unknown), checkin-distance, checkin-locate, checkin-geo-error, checkin-offline,
//            checkin-button (data-mode in | out | field; data-outside when outside every fence), checkin-note, checkin-photo,
//            checkin-photo-name, checkin-photo-remove, checkin-customer, checkin-error, checkin-notice, checkin-punch (data-id),
//            checkin-punch-time, checkin-punch-place, checkin-no-punches, checkin-waiting, checkin-waiting-item,
//            checkin-send-waiting, checkin-refused, attendance-status (data-status), field-error (data-field note | photo | customer)
// Check in / check out (打卡), #/attendance, phone first: the time on the group's clock, the group and today's hours,
// how far the office is (the phone's position, then GET /attendance/today?latitude&longitude), one large round button
// and today's punches. Outside every fence, a group that allows field check-in (外勤打卡) asks for a note and, as it
// says, a camera photo (uploaded to POST /files first) and the customer visited. The server refuses the rest
// (outside the fence, a phone clock more than 5 minutes off…) with a localised message, shown above the button.
// Without a network the punch is kept on the phone (the outbox, through punch-outbox.js) and sent, marked queued,
// when it is back; the sync centre lists it too.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText, fieldErrorText } from '../../core/i18n.js';
import { api, request } from '../../core/api.js';
import { notify } from '../../core/notify.js';
import { todayIn } from '../../core/format.js';
import { icon } from '../../components/icons.js';
import { searchCustomers } from '../sales/pickers.js';
import { attendanceNav } from './attendance-nav.js';
import { clock, distance, longDay, planned, statusBadges } from './attendance-format.js';
import { flush, onOutboxChange } from '../../core/outbox.js';
import { uuid } from '../../core/uuid.js';
import { punchCommands, sendPunch } from './punch-outbox.js';
import { locate, degrees } from '../../core/geolocation.js';


// A small picture of the photo taken, as a data: URL (the CSP allows no blob: images); null when
// the browser cannot decode it (HEIC on most desktops).
async function thumbnail(file) {
  try {
    const bitmap = await createImageBitmap(file);
    const scale = 160 / Math.max(bitmap.width, bitmap.height);
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * Math.min(1, scale));
    canvas.height = Math.round(bitmap.height * Math.min(1, scale));
    canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close?.();
    return canvas.toDataURL('image/jpeg', 0.8);
  } catch {
    return null;
  }
}

export class AfCheckin extends AfElement {
  constructor() {
    super();
    this.status = null; // PunchStatusDTO
    this.located = false; // `status` was asked with a position
    this.loadError = null;
    this.position = null;
    this.locating = false;
    this.geoError = null;
    this.note = '';
    this.photo = null; // { id, name, preview }
    this.uploading = false;
    this.customer = null; // { id, label }
    this.busy = false;
    this.error = null; // an ApiError from the punch
    this.fieldErrors = {}; // note | photo | customer → { key } or a server field
    this.notice = null; // { kind: info | success | error, text }
    this.refused = []; // [{ punch, error }] offline punches the server refused
    this.waitingList = []; // the outbox's punch commands still waiting
    this.known = null; // id → state of the punch commands last seen
    this.direct = new Set(); // punches this page is sending now (their answer is shown here, not announced)
    this.online = navigator.onLine !== false;
    this.seq = 0;
  }

  connected() {
    this.timer = setInterval(() => this.tick(), 1000);
    this.offQueue = onOutboxChange(() => this.queueResult());
    this.onNetwork = () => {
      this.online = navigator.onLine !== false;
      this.requestUpdate();
    };
    window.addEventListener('online', this.onNetwork);
    window.addEventListener('offline', this.onNetwork);
    // Back to the page after a while (the phone was in a pocket): where am I now?
    this.onVisible = () => {
      if (document.visibilityState === 'visible') this.refresh();
    };
    document.addEventListener('visibilitychange', this.onVisible);
    this.load(null);
    this.refresh();
    this.queueResult();
  }

  disconnected() {
    clearInterval(this.timer);
    this.offQueue();
    window.removeEventListener('online', this.onNetwork);
    window.removeEventListener('offline', this.onNetwork);
    document.removeEventListener('visibilitychange', this.onVisible);
  }

  timeZone() {
    return this.status?.timeZone;
  }

  // The clock ticks without re-rendering the page (and the note being typed).
  tick() {
    const now = new Date();
    const text = this.querySelector('[data-test="checkin-clock"]');
    if (text) text.textContent = clock(now, this.timeZone(), { seconds: true });
    const small = this.querySelector('[data-test="checkin-button-time"]');
    if (small) small.textContent = clock(now, this.timeZone());
    // Midnight on the group's clock: a new day with nothing punched yet.
    if (this.status && this.timeZone() && todayIn(this.timeZone()) !== this.status.today && !this.busy) {
      this.status = { ...this.status, today: todayIn(this.timeZone()) };
      this.load(this.position);
    }
  }

  async load(position) {
    const seq = ++this.seq;
    try {
      const query = position ? { latitude: degrees(position.latitude), longitude: degrees(position.longitude) } : {};
      const status = await api.get('/attendance/today', query);
      if (seq !== this.seq) return;
      this.status = status;
      this.located = Boolean(position);
      this.loadError = null;
    } catch (error) {
      if (seq !== this.seq) return;
      this.loadError = error;
    }
    this.requestUpdate();
  }

  async refresh() {
    if (this.locating) return;
    // A refusal was about where the phone was; a new position makes it old news.
    this.error = null;
    this.locating = true;
    this.requestUpdate();
    try {
      this.position = await locate();
      this.geoError = null;
    } catch (error) {
      this.geoError = error.geo ?? 'unavailable';
    }
    this.locating = false;
    await this.load(this.geoError ? null : this.position);
  }

  fieldMode() {
    const s = this.status;
    return Boolean(s?.groupID && s.fieldCheckIn && this.located && s.inside !== true);
  }

  outside() {
    return Boolean(this.located && this.status?.inside === false);
  }

  mode() {
    if (this.fieldMode()) return 'field';
    return this.status?.punches?.length ? 'out' : 'in';
  }

  localErrors() {
    const s = this.status;
    const errors = {};
    if (!this.note.trim()) errors.note = { key: 'attendance.field.noteRequired' };
    if (s.fieldNeedsPhoto && !this.photo) errors.photo = { key: 'attendance.field.photoRequired' };
    if (s.fieldNeedsCustomer && !this.customer) errors.customer = { key: 'attendance.field.customerRequired' };
    return errors;
  }

  async punch() {
    if (this.busy || this.uploading) return;
    const field = this.fieldMode();
    this.error = null;
    this.notice = null;
    this.fieldErrors = field ? this.localErrors() : {};
    if (Object.keys(this.fieldErrors).length) {
      this.requestUpdate();
      queueMicrotask(() => this.querySelector(`[data-field-input="${Object.keys(this.fieldErrors)[0]}"]`)?.focus());
      return;
    }
    this.busy = true;
    this.requestUpdate();
    try {
      this.position = await locate();
      this.geoError = null;
    } catch (error) {
      this.geoError = error.geo ?? 'unavailable';
      this.busy = false;
      this.requestUpdate();
      return;
    }
    const p = this.position;
    const body = { latitude: degrees(p.latitude), longitude: degrees(p.longitude), accuracy: Math.round(p.accuracy ?? 0), deviceTime: new Date().toISOString() };
    if (field) {
      body.note = this.note.trim();
      if (this.photo?.id) body.photoFileID = this.photo.id;
      if (this.customer) body.customerID = this.customer.id;
    }
    const label = { key: 'sync.label.punch', params: { time: clock(body.deviceTime, this.timeZone()) } };
    const id = uuid();
    this.direct.add(id);
    // A photo taken offline is still on the phone: the outbox uploads it before the punch.
    const files = field && this.photo && !this.photo.id ? [{ field: 'photoFileID', blob: this.photo.blob, name: this.photo.name }] : [];
    const { state, answer: punch, error } = await sendPunch(body, label, id, files);
    this.direct.delete(id);
    if (state === 'applied') {
      notify(t(punch.field ? 'attendance.punchedField' : 'attendance.punched', { time: clock(punch.at, this.timeZone()) }), 'success');
      this.note = '';
      this.photo = null;
      this.customer = null;
      await this.load(p);
    } else if (state === 'waiting') {
      this.keep(body);
      await this.queueResult();
    } else {
      this.failed(error);
    }
    this.busy = false;
    this.requestUpdate();
  }

  keep(body) {
    this.notice = { kind: 'info', text: t('attendance.queued', { time: clock(body.deviceTime, this.timeZone()) }) };
    this.note = '';
    this.photo = null;
    this.customer = null;
  }

  failed(error) {
    const fields = { 'attendance.field_note_required': 'note', 'attendance.field_photo_required': 'photo', 'attendance.field_customer_required': 'customer' };
    this.error = error;
    if (fields[error.code]) this.fieldErrors = { [fields[error.code]]: { code: error.code, message: error.message } };
    for (const f of error.fields ?? []) {
      const name = { note: 'note', photoFileID: 'photo', customerID: 'customer' }[f.field];
      if (name) this.fieldErrors[name] = f;
    }
    // A refusal may come from a position newer than the one shown (outside the fence): show that one.
    this.load(this.position);
  }

  // What became of the punches kept on the phone since the page last looked: sent ones are announced, refused
  // ones listed with the server's reason.
  async queueResult() {
    const list = await punchCommands();
    const before = this.known;
    this.known = new Map(list.filter((c) => !this.direct.has(c.id)).map((c) => [c.id, c.state]));
    this.waitingList = list.filter((c) => c.state === 'waiting' || c.state === 'sending');
    if (before) {
      const was = (c) => before.get(c.id) === 'waiting' || before.get(c.id) === 'sending';
      const sent = list.filter((c) => c.state === 'applied' && was(c));
      const refused = list.filter((c) => (c.state === 'rejected' || c.state === 'blocked') && was(c));
      if (sent.length) {
        notify(t('attendance.queueSent', { count: sent.length }), 'success');
        this.notice = null;
      }
      if (refused.length) this.refused = [...this.refused, ...refused.map((c) => ({ punch: c.body, error: c.lastError }))];
      if (sent.length || refused.length) this.load(this.position);
    }
    this.requestUpdate();
  }

  async upload(event) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    this.uploading = true;
    delete this.fieldErrors.photo;
    this.requestUpdate();
    try {
      const [answer, preview] = await Promise.all([
        request('POST', '/files', { raw: file, headers: { 'X-File-Name': encodeURIComponent(file.name || 'photo.jpg') } }),
        thumbnail(file),
      ]);
      this.photo = { id: answer.id, name: answer.name ?? file.name, preview };
    } catch (error) {
      if (error.status === 0) {
        // No network: the photo stays on the phone and goes with the punch (files first) when it can.
        this.photo = { id: null, blob: file, name: file.name || 'photo.jpg', preview: await thumbnail(file).catch(() => null) };
      } else {
        this.fieldErrors = { ...this.fieldErrors, photo: { code: error.code, message: errorText(error) } };
      }
    }
    this.uploading = false;
    this.requestUpdate();
  }

  fieldError(name) {
    const e = this.fieldErrors[name];
    if (!e) return '';
    return html`<span class="field-error" data-test="field-error" data-field="${name}" id="checkin-${name}-error">${e.key ? t(e.key) : fieldErrorText(e)}</span>`;
  }

  location() {
    const s = this.status;
    if (this.geoError) {
      return html`<p class="att-location is-error" data-test="checkin-geo-error" role="alert">${icon('attendance')}
        <span>${t(`attendance.geo.${this.geoError}`)}</span></p>`;
    }
    if (!this.located) {
      return html`<p class="att-location" data-test="checkin-location" data-inside="unknown">
        <span class="spinner"></span><span>${t('attendance.locating')}</span></p>`;
    }
    if (s.distanceMeters == null) {
      return html`<p class="att-location" data-test="checkin-location" data-inside="unknown">${icon('attendance')}
        <span>${t('attendance.noSites')}</span></p>`;
    }
    const accuracy = this.position?.accuracy != null ? html` <span class="muted">(±${distance(this.position.accuracy)})</span>` : '';
    if (s.inside) {
      return html`<p class="att-location is-inside" data-test="checkin-location" data-inside="true">${icon('attendance')}
        <span><strong>${t('attendance.inside')}</strong><br>
        <span class="muted" data-test="checkin-distance">${t('attendance.distanceFrom', { distance: distance(s.distanceMeters), site: s.nearestSiteName ?? '' })}</span>${accuracy}</span></p>`;
    }
    return html`<p class="att-location is-outside" data-test="checkin-location" data-inside="false">${icon('attendance')}
      <span><strong data-test="checkin-distance">${t('attendance.distanceFrom', { distance: distance(s.distanceMeters), site: s.nearestSiteName ?? '' })}</strong>${accuracy}<br>
      <span class="muted">${s.fieldCheckIn ? t('attendance.outsideField') : t('attendance.outside')}</span></span></p>`;
  }

  fieldForm() {
    const s = this.status;
    return html`
      <div class="att-field" data-test="checkin-field">
        <label class="field">
          <span class="field-label">${t('attendance.field.note')} <span class="required" aria-hidden="true">*</span></span>
          <textarea class="input textarea ${this.fieldErrors.note ? 'is-invalid' : ''}" rows="2" maxlength="500" data-test="checkin-note"
            data-field-input="note" placeholder="${t('attendance.field.notePlaceholder')}" aria-invalid="${this.fieldErrors.note ? 'true' : 'false'}"
            aria-describedby="checkin-note-error" .value=${this.note}
            @input=${(e) => { this.note = e.target.value; if (this.fieldErrors.note) { delete this.fieldErrors.note; this.requestUpdate(); } }}></textarea>
          ${this.fieldError('note')}
        </label>
        ${s.fieldNeedsPhoto ? html`
          <div class="field">
            <span class="field-label">${t('attendance.field.photo')} <span class="required" aria-hidden="true">*</span></span>
            <div class="att-photo">
              ${this.photo?.preview ? html`<img class="att-photo-preview" src="${this.photo.preview}" alt="${t('attendance.field.photo')}">` : ''}
              <label class="btn btn-secondary att-photo-button ${this.fieldErrors.photo ? 'is-invalid' : ''}" data-field-input="photo" tabindex="-1">
                ${icon('camera')}<span>${this.uploading ? t('attendance.field.uploading') : this.photo ? t('attendance.field.retake') : t('attendance.field.takePhoto')}</span>
                <input type="file" accept="image/*" capture="environment" class="visually-hidden" data-test="checkin-photo"
                  aria-describedby="checkin-photo-error" ?disabled=${this.uploading} @change=${(e) => this.upload(e)}>
              </label>
              ${this.photo ? html`
                <span class="att-photo-name muted small" data-test="checkin-photo-name">${this.photo.name}</span>
                <button type="button" class="btn btn-ghost btn-small" data-test="checkin-photo-remove"
                  @click=${() => { this.photo = null; this.requestUpdate(); }}>${t('attendance.field.removePhoto')}</button>` : ''}
            </div>
            ${this.fieldError('photo')}
          </div>` : ''}
        ${s.fieldNeedsCustomer ? html`
          <div class="field" data-field-input="customer">
            <span class="field-label">${t('attendance.field.customer')} <span class="required" aria-hidden="true">*</span></span>
            <af-search-picker .testId=${'checkin-customer'} .value=${this.customer} .search=${searchCustomers}
              .invalid=${Boolean(this.fieldErrors.customer)} .label=${t('attendance.field.customer')}
              @pick=${(e) => { this.customer = e.detail; delete this.fieldErrors.customer; this.requestUpdate(); }}></af-search-picker>
            ${this.fieldError('customer')}
          </div>` : ''}
      </div>`;
  }

  errorAlert() {
    if (!this.error) return '';
    const details = (this.error.fields ?? []).filter((f) => !['note', 'photoFileID', 'customerID'].includes(f.field));
    return html`<div class="alert alert-error" role="alert" data-test="checkin-error">${errorText(this.error)}
      ${details.length ? html`<ul>${details.map((f) => html`<li>${fieldErrorText(f)}</li>`)}</ul>` : ''}</div>`;
  }

  button() {
    const s = this.status;
    const mode = this.mode();
    const label = { in: t('attendance.checkIn'), out: t('attendance.checkOut'), field: t('attendance.fieldCheckIn') }[mode];
    const disabled = this.busy || this.uploading || !s?.groupID || (!this.position && !this.geoError) || (this.geoError && !this.position);
    return html`
      <div class="att-button-wrap">
        <button type="button" class="att-button is-${mode} ${this.outside() && mode !== 'field' ? 'is-outside' : ''}" data-test="checkin-button"
          data-mode="${mode}" data-outside="${this.outside() ? 'true' : 'false'}" ?disabled=${disabled} @click=${() => this.punch()}>
          <span class="att-button-label">${this.busy ? t('attendance.punching') : label}</span>
          <span class="att-button-time" data-test="checkin-button-time">${clock(new Date(), this.timeZone())}</span>
        </button>
      </div>`;
  }

  punchRow(p) {
    const place = p.field ? t('attendance.punch.field') : p.inside ? t('attendance.punch.inside') : t('attendance.punch.outside');
    return html`
      <li class="att-punch" data-test="checkin-punch" data-key="${p.id}" data-id="${p.id}">
        <span class="att-punch-time" data-test="checkin-punch-time">${clock(p.at, this.timeZone())}</span>
        <span class="att-punch-main">
          <span class="att-punch-head">
            <span class="badge ${p.field ? 'badge-info' : p.inside ? 'badge-success' : 'badge-warning'}">${place}</span>
            ${p.queued ? html`<span class="badge badge-muted">${t('attendance.punch.queued')}</span>` : ''}
            ${p.flagged ? html`<span class="badge badge-warning" title="${t('attendance.punch.skew', { seconds: p.clockSkewSeconds })}">${t('attendance.punch.flagged')}</span>` : ''}
            ${p.source === 'correction' ? html`<span class="badge badge-muted">${t('attendance.punch.correction')}</span>` : ''}
          </span>
          <span class="muted small" data-test="checkin-punch-place">${[p.distanceMeters != null ? distance(p.distanceMeters) : '', p.siteName].filter(Boolean).join(' · ')}</span>
          ${p.note ? html`<span class="att-punch-note small">${p.note}</span>` : ''}
        </span>
      </li>`;
  }

  waiting() {
    const items = this.waitingList.map((c) => ({ key: c.id, punch: c.body }));
    if (!items.length && !this.refused.length) return '';
    return html`
      <section class="card card-pad section-gap" data-test="checkin-waiting">
        ${items.length ? html`
          <h2 class="section-title">${t('attendance.waiting.title', { count: items.length })}</h2>
          <ul class="att-punches">
            ${items.map((entry) => html`<li class="att-punch" data-test="checkin-waiting-item" data-key="${entry.key}">
              <span class="att-punch-time">${clock(entry.punch.deviceTime, this.timeZone())}</span>
              <span class="att-punch-main"><span class="badge badge-muted">${t('attendance.waiting.notSent')}</span>
                ${entry.punch.note ? html`<span class="att-punch-note small">${entry.punch.note}</span>` : ''}</span>
            </li>`)}
          </ul>
          <p class="muted small">${t('attendance.waiting.hint')}</p>
          <button type="button" class="btn btn-secondary btn-block" data-test="checkin-send-waiting" ?disabled=${!this.online}
            @click=${() => flush({ force: true })}>${t('attendance.waiting.send')}</button>` : ''}
        ${this.refused.map(({ punch, error }) => html`
          <div class="alert alert-error" role="alert" data-test="checkin-refused">
            ${t('attendance.waiting.refused', { time: clock(punch.deviceTime, this.timeZone()) })} ${errorText(error)}</div>`)}
      </section>`;
  }

  view() {
    const s = this.status;
    const header = html`
      <div class="page-header att-header">
        <h1 class="page-title">${t('module.attendance')}</h1>
      </div>
      ${attendanceNav('checkin')}`;
    if (!s) {
      return html`<section class="att-page checkin" data-test="checkin">${header}
        ${this.loadError ? html`<div class="alert alert-error" role="alert">${errorText(this.loadError)}</div>
          <button type="button" class="btn btn-secondary" @click=${() => this.refresh()}>${t('common.retry')}</button>`
          : html`<div class="card card-pad"><span class="spinner"></span> ${t('common.loading')}</div>`}</section>`;
    }
    const result = s.result;
    return html`
      <section class="att-page checkin" data-test="checkin">
        ${header}
        ${this.online ? '' : html`<div class="alert alert-warning" role="status" data-test="checkin-offline">${t('attendance.offline')}</div>`}
        ${s.groupID ? '' : html`<div class="alert alert-warning" role="alert" data-test="checkin-no-group">${t('attendance.noGroup')}</div>`}
        <div class="att-checkin-body">
        <div class="card att-card">
          <div class="att-now">
            <div class="att-clock" data-test="checkin-clock">${clock(new Date(), s.timeZone, { seconds: true })}</div>
            <div class="att-date muted" data-test="checkin-date">${longDay(s.today)}</div>
            ${s.groupID ? html`
              <div class="att-plan">
                <span data-test="checkin-group">${s.groupName}</span>
                ${result?.start ? html`<span class="att-plan-hours" data-test="checkin-planned">${planned(result)}</span>` : ''}
              </div>
              ${statusBadges(result)}` : ''}
          </div>
          ${s.groupID ? html`
            <div class="att-where">
              ${this.location()}
              <button type="button" class="btn btn-ghost att-locate" data-test="checkin-locate" ?disabled=${this.locating || this.busy}
                aria-label="${t('attendance.relocate')}" title="${t('attendance.relocate')}" @click=${() => this.refresh()}>
                ${this.locating ? html`<span class="spinner"></span>` : icon('reset')}</button>
            </div>` : ''}
          ${this.fieldMode() ? this.fieldForm() : ''}
          ${this.errorAlert()}
          ${this.notice ? html`<div class="alert ${this.notice.kind === 'error' ? 'alert-error' : 'alert-info'}" role="status" data-test="checkin-notice">${this.notice.text}</div>` : ''}
          ${this.button()}
        </div>
        <div class="att-checkin-side">
          ${this.waiting()}
          <section class="card card-pad section-gap" data-test="checkin-today">
            <h2 class="section-title">${t('attendance.todayPunches')}</h2>
            ${s.punches.length ? html`<ul class="att-punches">${s.punches.map((p) => this.punchRow(p))}</ul>`
              : html`<p class="muted" data-test="checkin-no-punches">${t('attendance.noPunches')}</p>`}
          </section>
        </div>
        </div>
      </section>`;
  }
}
AfCheckin.define('af-checkin');
