// data-test: leave-form, leave-type, leave-start, leave-end, leave-hours, leave-reason, leave-attachment,
//            leave-attachment-file, leave-half (data-date), leave-preview, leave-preview-days, leave-preview-left,
//            leave-preview-error, leave-not-enough, leave-submit, leave-form-cancel, leave-form-error, field-error (data-field)
// A new leave request (请假), phone first. As the type and days change, POST /leave/requests/preview answers the
// working days the request takes on the person's calendar ("takes 2 days: 27 Jan, 5 Feb") and the balance left;
// submitting is disabled while the balance is not enough (the server refuses it too, leave.over_balance). Types
// counted in half days offer a half-day toggle for each day taken, hourly types a number of hours on one day, and
// types that need a document (a medical certificate) an upload to POST /files. Emits `submitted` (detail: the
// request) and `dismiss`.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText, fieldErrorText } from '../../core/i18n.js';
import { api, request } from '../../core/api.js';
import { submit } from '../../core/outbox.js';
import { formatDecimal } from '../../core/format.js';
import { icon } from '../../components/icons.js';
import { DAY, amountText, shortDay, today } from './leave-format.js';

const FIELD_NAMES = { type: 'type', startDate: 'start', endDate: 'end', hours: 'hours', reason: 'reason', attachments: 'attachment', halfDays: 'start' };

export class AfLeaveRequestForm extends AfElement {
  static properties = ['types', 'balances'];

  constructor() {
    super();
    const day = today();
    this.values = { type: '', startDate: day, endDate: day, hours: '', reason: '' };
    this.halfDays = new Set();
    this.attachments = []; // [{ id, name }]; id null: a document picked without a network, still on the device ({ blob })
    this.uploading = false;
    this.preview = null;
    this.previewError = null;
    this.previewing = false;
    this.busy = false;
    this.error = null;
    this.fieldErrors = {};
    this.seq = 0;
  }

  connected() {
    if (!this.values.type) this.values.type = this.types?.[0]?.key ?? '';
    this.schedulePreview(0);
    queueMicrotask(() => this.querySelector('[data-test="leave-type"]')?.focus());
  }

  disconnected() {
    clearTimeout(this.timer);
  }

  // The page sets `types` right after inserting the form: start on the first type.
  changed(name) {
    if (name === 'types' && !this.values.type && this.types?.length) {
      this.values = { ...this.values, type: this.types[0].key };
      this.schedulePreview(0);
    }
  }

  type() {
    return this.types?.find((x) => x.key === this.values.type) ?? null;
  }

  balance() {
    return this.balances?.find((b) => b.type === this.values.type) ?? null;
  }

  body() {
    const type = this.type();
    const v = this.values;
    const body = { type: v.type, startDate: v.startDate, endDate: type?.unit === 'hour' ? v.startDate : v.endDate };
    if (type?.unit === 'halfDay' && this.halfDays.size) body.halfDays = [...this.halfDays].sort();
    if (type?.unit === 'hour' && v.hours.trim()) body.hours = v.hours.trim();
    if (v.reason.trim()) body.reason = v.reason.trim();
    // A document still on the device gets its id from the outbox's upload (files first); a placeholder keeps its place.
    if (this.attachments.length) body.attachments = this.attachments.map((a) => a.id ?? '');
    return body;
  }

  ready() {
    const v = this.values;
    const type = this.type();
    if (!type || !DAY.test(v.startDate)) return false;
    if (type.unit === 'hour') return /^\d+(\.\d+)?$/.test(v.hours.trim());
    return DAY.test(v.endDate);
  }

  set(name, value) {
    this.values = { ...this.values, [name]: value };
    delete this.fieldErrors[FIELD_NAMES[name] ?? name];
    if (name === 'startDate' && this.values.endDate < value) this.values.endDate = value;
    if (name === 'type') this.halfDays = new Set();
    this.error = null;
    if (name !== 'reason') this.schedulePreview(250);
    this.requestUpdate();
  }

  schedulePreview(delay) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.runPreview(), delay);
  }

  async runPreview() {
    const seq = ++this.seq;
    if (!this.ready()) {
      this.preview = null;
      this.previewError = null;
      this.requestUpdate();
      return;
    }
    this.previewing = true;
    this.unchecked = false;
    this.requestUpdate();
    try {
      // Documents still on the device are not files on the server yet: the preview goes without them.
      const body = this.body();
      if (body.attachments) body.attachments = body.attachments.filter(Boolean);
      if (body.attachments && !body.attachments.length) delete body.attachments;
      const preview = await api.post('/leave/requests/preview', body);
      if (seq !== this.seq) return;
      this.preview = preview;
      this.previewError = null;
      // Half days only on days the request takes.
      const taken = new Set(preview.days.map((d) => d.date));
      for (const d of [...this.halfDays]) if (!taken.has(d)) this.halfDays.delete(d);
    } catch (error) {
      if (seq !== this.seq) return;
      this.preview = null;
      this.previewError = error;
      // Without a network (or with the certificate still on the phone) the days and the balance cannot be checked
      // here: the request may still be sent, and the server checks them when it arrives (a refusal shows in the
      // sync centre).
      const pendingDocument = this.attachments.some((a) => !a.id)
        && (error.fields ?? []).length > 0 && error.fields.every((f) => f.code === 'leave.document_required');
      if (error.status === 0 || pendingDocument) {
        this.previewError = null;
        this.unchecked = true;
      }
    }
    this.previewing = false;
    this.requestUpdate();
  }

  toggleHalf(date, on) {
    if (on) this.halfDays.add(date);
    else this.halfDays.delete(date);
    this.schedulePreview(0);
    this.requestUpdate();
  }

  async upload(event) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    this.uploading = true;
    delete this.fieldErrors.attachment;
    this.requestUpdate();
    try {
      const answer = await request('POST', '/files', { raw: file, headers: { 'X-File-Name': encodeURIComponent(file.name || 'document') } });
      this.attachments = [...this.attachments, { id: answer.id, name: answer.name ?? file.name }];
    } catch (error) {
      if (error.status === 0) this.attachments = [...this.attachments, { id: null, blob: file, name: file.name || 'document' }];
      else this.fieldErrors = { ...this.fieldErrors, attachment: { code: error.code, message: errorText(error) } };
    }
    // A type that needs a document previews again with it.
    this.schedulePreview(0);
    this.uploading = false;
    this.requestUpdate();
  }

  async submit(event) {
    event.preventDefault();
    if (this.busy || this.uploading) return;
    this.fieldErrors = {};
    if (this.type()?.needsDocument && !this.attachments.length) {
      this.fieldErrors.attachment = { key: 'leave.form.documentRequired' };
      this.requestUpdate();
      return;
    }
    this.busy = true;
    this.error = null;
    this.requestUpdate();
    try {
      const body = this.body();
      const kept = await submit({
        method: 'POST', path: '/leave/requests', body, entity: 'leave.request', link: '/leave',
        files: this.attachments.map((a, i) => (a.id ? null : { field: `attachments.${i}`, blob: a.blob, name: a.name })).filter(Boolean),
        label: { key: 'sync.label.leave', params: { from: body.startDate, to: body.endDate } },
      });
      if (kept.state === 'rejected') throw kept.error;
      // Kept on the device: the page lists it as waiting (detail null) until the server has it.
      this.dispatchEvent(new CustomEvent('submitted', { bubbles: false, detail: kept.state === 'applied' ? kept.answer : null }));
    } catch (error) {
      this.error = error;
      for (const f of error.fields ?? []) {
        const name = FIELD_NAMES[String(f.field).split(/[.[]/)[0]];
        if (name) this.fieldErrors[name] = f;
      }
    }
    this.busy = false;
    this.requestUpdate();
  }

  fieldError(name) {
    const e = this.fieldErrors[name];
    if (!e) return '';
    return html`<span class="field-error" data-test="field-error" data-field="${name}">${e.key ? t(e.key) : fieldErrorText(e)}</span>`;
  }

  previewBox() {
    const type = this.type();
    if (this.unchecked) {
      return html`<div class="alert alert-info lv-preview" role="status" data-test="leave-preview-unchecked">${t('leave.form.unchecked')}</div>`;
    }
    if (this.previewError) {
      // "That day is not a working day for you." says more than "correct the highlighted fields".
      const fields = this.previewError.fields ?? [];
      const text = fields.length ? fields.map((f) => fieldErrorText(f)).join(' ') : errorText(this.previewError);
      return html`<div class="alert alert-warning lv-preview" role="status" data-test="leave-preview-error">${text}</div>`;
    }
    const p = this.preview;
    if (!p) return this.previewing ? html`<div class="lv-preview muted"><span class="spinner"></span> ${t('common.loading')}</div>` : '';
    const days = p.days.map((d) => (d.amount === '1' || type?.unit === 'hour' ? shortDay(d.date) : `${shortDay(d.date)} (${formatDecimal(d.amount)})`));
    const left = p.available != null ? formatDecimal(subtract(p.available, p.amount)) : null;
    return html`
      <div class="lv-preview ${p.enough ? '' : 'is-short'}" role="status" aria-live="polite" data-test="leave-preview" data-amount="${p.amount}">
        <strong>${t('leave.preview.takes', { amount: amountText(p.amount, p.unit) })}</strong>
        ${days.length ? html`<span data-test="leave-preview-days">${days.join(', ')}</span>` : html`<span>${t('leave.preview.noDays')}</span>`}
        ${p.available != null ? html`<span class="muted" data-test="leave-preview-left">${p.enough
          ? t('leave.preview.left', { available: amountText(p.available, p.unit), left: amountText(left, p.unit) })
          : t('leave.preview.available', { available: amountText(p.available, p.unit) })}</span>` : ''}
        ${p.enough ? '' : html`<span class="lv-short" data-test="leave-not-enough">${t('leave.preview.notEnough')}</span>`}
      </div>`;
  }

  halfDayToggles() {
    const type = this.type();
    if (type?.unit !== 'halfDay' || !this.preview?.days.length || this.preview.days.length > 31) return '';
    return html`
      <fieldset class="lv-halves">
        <legend class="field-label">${t('leave.form.halfDays')}</legend>
        <div class="lv-half-list">
          ${this.preview.days.map((d) => html`
            <label class="lv-half ${this.halfDays.has(d.date) ? 'is-on' : ''}" data-key="${d.date}">
              <input type="checkbox" data-test="leave-half" data-date="${d.date}" .checked=${this.halfDays.has(d.date)}
                @change=${(e) => this.toggleHalf(d.date, e.target.checked)}>
              <span>${shortDay(d.date, true)} · ${t('leave.form.half')}</span>
            </label>`)}
        </div>
      </fieldset>`;
  }

  view() {
    const type = this.type();
    const v = this.values;
    const hourly = type?.unit === 'hour';
    const blocked = !this.ready() || (!this.unchecked && (!this.preview || !this.preview.enough)) || this.busy || this.uploading || this.previewing;
    return html`
      <form class="card card-pad lv-form" data-test="leave-form" novalidate @submit=${(e) => this.submit(e)}>
        <h2 class="section-title">${t('leave.new')}</h2>
        <label class="field">
          <span class="field-label">${t('leave.form.type')}</span>
          <select class="input select" data-test="leave-type" .value=${v.type} @change=${(e) => this.set('type', e.target.value)}>
            ${(this.types ?? []).map((x) => html`<option value="${x.key}" data-key="${x.key}" ?selected=${x.key === v.type}>${x.name}</option>`)}
          </select>
          ${type ? html`<span class="muted small" data-test="leave-type-hint">${[
            type.paid ? t('leave.type.paid') : t('leave.type.unpaid'),
            type.countsHolidays ? t('leave.type.calendarDays') : t('leave.type.workingDays'),
            this.balance() ? t('leave.type.balance', { amount: amountText(this.balance().available, this.balance().unit) }) : '',
          ].filter(Boolean).join(' · ')}</span>` : ''}
          ${this.fieldError('type')}
        </label>
        <div class="lv-dates ${hourly ? 'is-hourly' : ''}">
          <label class="field">
            <span class="field-label">${hourly ? t('leave.form.day') : t('leave.form.start')}</span>
            <input type="date" class="input" data-test="leave-start" .value=${v.startDate} @change=${(e) => this.set('startDate', e.target.value)}>
            ${this.fieldError('start')}
          </label>
          ${hourly ? html`
            <label class="field">
              <span class="field-label">${t('leave.form.hours')}</span>
              <input type="text" inputmode="decimal" class="input" data-test="leave-hours" .value=${v.hours} placeholder="2"
                @input=${(e) => this.set('hours', e.target.value)}>
              ${this.fieldError('hours')}
            </label>` : html`
            <label class="field">
              <span class="field-label">${t('leave.form.end')}</span>
              <input type="date" class="input" data-test="leave-end" min="${v.startDate}" .value=${v.endDate} @change=${(e) => this.set('endDate', e.target.value)}>
              ${this.fieldError('end')}
            </label>`}
        </div>
        ${this.previewBox()}
        ${this.halfDayToggles()}
        <label class="field">
          <span class="field-label">${t('leave.form.reason')}</span>
          <textarea class="input textarea" rows="2" maxlength="500" data-test="leave-reason" .value=${v.reason}
            @input=${(e) => this.set('reason', e.target.value)}></textarea>
          ${this.fieldError('reason')}
        </label>
        ${type?.needsDocument ? html`
          <div class="field">
            <span class="field-label">${t('leave.form.document')} <span class="required" aria-hidden="true">*</span></span>
            <div class="att-photo">
              ${this.attachments.map((a) => html`<span class="badge badge-info lv-file" data-test="leave-attachment-file" data-key="${a.id}">${a.name}</span>`)}
              <label class="btn btn-secondary att-photo-button" tabindex="-1">
                ${icon('camera')}<span>${this.uploading ? t('attendance.field.uploading') : t('leave.form.addDocument')}</span>
                <input type="file" accept="image/*,application/pdf" class="visually-hidden" data-test="leave-attachment"
                  ?disabled=${this.uploading} @change=${(e) => this.upload(e)}>
              </label>
            </div>
            ${this.fieldError('attachment')}
          </div>` : ''}
        ${this.error ? html`<div class="alert alert-error" role="alert" data-test="leave-form-error">${errorText(this.error)}</div>` : ''}
        <div class="form-actions lv-actions">
          <button type="button" class="btn btn-secondary lv-tap" data-test="leave-form-cancel" @click=${() => this.dispatchEvent(new CustomEvent('dismiss'))}>${t('common.cancel')}</button>
          <button type="submit" class="btn btn-primary lv-tap" data-test="leave-submit" ?disabled=${blocked}>${this.busy ? t('leave.form.submitting') : t('leave.form.submit')}</button>
        </div>
      </form>`;
  }
}

// a − b on decimal text (both at most a few decimals), without floats.
function subtract(a, b) {
  const scale = 1000n;
  const parse = (s) => {
    const [i, f = ''] = String(s).split('.');
    const sign = i.startsWith('-') ? -1n : 1n;
    return sign * (BigInt(i.replace('-', '') || '0') * scale + BigInt((f + '000').slice(0, 3)));
  };
  const n = parse(a) - parse(b);
  const neg = n < 0n;
  const abs = neg ? -n : n;
  const frac = String(abs % scale).padStart(3, '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${abs / scale}${frac ? `.${frac}` : ''}`;
}

AfLeaveRequestForm.define('af-leave-request-form');
