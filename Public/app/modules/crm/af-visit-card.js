// data-test: visit-card (data-id, data-customer-id, data-state), visit-customer, visit-sequence, visit-checkin, visit-photo, visit-photo-name,
//            visit-checkout-form, visit-summary, visit-next-step, visit-next-at, visit-checkout, visit-distance,
//            visit-duration, visit-summary-text, visit-error, visit-geo-error, visit-waiting (a check-in or out kept on
//            the phone), visit-photo-offline (and crm-format's visit-state, visit-far)
// One planned visit as a rep works it on the phone: Check in finds where the phone is and posts it with the phone's clock
// (POST /crm/visits/{id}/check-in; an optional photo is uploaded to POST /files first, as attendance does); the server
// answers with the distance to the customer, "far" beyond 500 m. Then Check out with a summary and, optionally, the next
// step and when to be reminded (POST …/check-out). Emits `changed` (detail: the visit as it is now).
// Check-in and check-out go through the outbox (core/outbox.js), as attendance punches do: at a customer's door without
// a signal they are kept on the phone with the phone's clock (deviceTime) and sent later marked queued with sentAt, which
// the server takes to keep the phone's time. Meanwhile the card shows the visit checked in (or done), marked as waiting
// (the sync centre lists it); once the outbox has sent it the card reads the visit from the server again. A photo
// cannot wait in the outbox here: offline, the check-in goes without it and the card says so.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText } from '../../core/i18n.js';
import { api, request } from '../../core/api.js';
import { submit, commands, onOutboxChange } from '../../core/outbox.js';
import { href } from '../../core/router.js';
import { notify } from '../../core/notify.js';
import { uuid } from '../../core/uuid.js';
import { locateFor, degrees } from '../../core/geolocation.js';
import { icon } from '../../components/icons.js';
import { formatDateTime } from '../../core/format.js';
import { distance, visitState, farBadge } from './crm-format.js';

// A datetime-local value ("2026-12-07T09:30", the phone's own time) as an ISO instant for the API.
export function instantOf(local) {
  return local ? new Date(local).toISOString() : undefined;
}

const OPEN = new Set(['waiting', 'sending']);
const ACTION = /\/(check-in|check-out)$/;
const online = () => navigator.onLine !== false;
// A network failure (no answer at all), as opposed to a refusal.
const unreachable = (error) => !error?.status;

// The visit as the phone knows it: the server's, with what the outbox still keeps applied on top (the check-in's and
// check-out's bodies).
export function withPending(visit, pending) {
  if (!visit || !pending.length) return visit;
  let v = { ...visit };
  for (const c of pending) {
    const action = ACTION.exec(c.path)?.[1];
    if (action === 'check-in' && v.state === 'planned') v = { ...v, state: 'in_progress', checkInDeviceAt: c.body?.deviceTime ?? null };
    if (action === 'check-out' && (v.state === 'in_progress')) v = { ...v, state: 'done', summary: c.body?.summary ?? '', checkOutAt: c.body?.deviceTime ?? null };
  }
  return v;
}

export class AfVisitCard extends AfElement {
  static properties = ['visit', 'detailLink'];

  constructor() {
    super();
    this.busy = false;
    this.error = null;
    this.photo = null; // { id, name }
    this.uploading = false;
    this.out = { summary: '', nextStep: '', nextAt: '' };
    this.key = uuid();
    this.pending = []; // the outbox's open commands on this visit, oldest first
    this.photoOffline = false; // a photo was wanted but there is no network to send it
  }

  connected() {
    this.offOutbox = onOutboxChange(() => this.lookAtOutbox());
    this.lookAtOutbox();
  }

  disconnected() {
    this.offOutbox?.();
  }

  changed(name, old) {
    // The parent sets the visit after inserting the card: look at what waits for it then.
    if (name === 'visit' && String(old?.id ?? '') !== String(this.visit?.id ?? '')) this.lookAtOutbox();
  }

  async lookAtOutbox() {
    const id = String(this.visit?.id ?? '').toLowerCase();
    if (!id) return;
    let pending = [];
    try {
      pending = (await commands()).filter((c) => c.entity === 'crm.visit' && String(c.recordId ?? '').toLowerCase() === id && OPEN.has(c.state));
    } catch {
      return;
    }
    const was = this.pending.length;
    this.pending = pending;
    this.requestUpdate();
    // Sent meanwhile: the visit as the server has it now (its distance, its times).
    if (was && !pending.length) {
      try {
        const visit = await api.get(`/crm/visits/${encodeURIComponent(this.visit.id)}`);
        this.dispatchEvent(new CustomEvent('changed', { detail: visit, bubbles: true }));
      } catch {
        // Read again on the next change or page load.
      }
    }
  }

  async upload(event) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (!online()) {
      this.photoOffline = true;
      this.requestUpdate();
      return;
    }
    this.photoOffline = false;
    this.uploading = true;
    this.error = null;
    this.requestUpdate();
    try {
      const answer = await request('POST', '/files', { raw: file, headers: { 'X-File-Name': encodeURIComponent(file.name || 'photo.jpg') } });
      this.photo = { id: answer.id, name: answer.name ?? file.name };
    } catch (error) {
      if (unreachable(error)) this.photoOffline = true;
      else this.error = error;
    }
    this.uploading = false;
    this.requestUpdate();
  }

  // Through the outbox: sent at once when the network works, else kept and sent later (queued, with sentAt).
  async send(action, body, done, kept) {
    this.busy = true;
    this.error = null;
    this.requestUpdate();
    const v = this.visit;
    const before = this.pending.map((c) => c.id);
    try {
      const result = await submit({
        id: this.key, method: 'POST', path: `/crm/visits/${encodeURIComponent(v.id)}/${action}`, body,
        entity: 'crm.visit', recordId: v.id, link: `/crm/visits/${v.id}`, stampSentAt: true, dependsOn: before,
        label: { key: action === 'check-in' ? 'sync.label.visitCheckIn' : 'sync.label.visitCheckOut', params: { name: v.customerName } },
      });
      this.key = uuid();
      if (result.state === 'rejected') throw result.error;
      if (result.state === 'applied' && result.answer) {
        notify(done, 'success');
        this.dispatchEvent(new CustomEvent('changed', { detail: result.answer, bubbles: true }));
      } else {
        notify(kept, 'info');
        await this.lookAtOutbox();
        this.dispatchEvent(new CustomEvent('changed', { detail: withPending(v, this.pending), bubbles: true }));
      }
    } catch (error) {
      this.error = error;
    }
    this.busy = false;
    this.requestUpdate();
  }

  async checkIn() {
    let here = null;
    await locateFor(this, (p) => { here = p; });
    if (!here) return;
    const body = { latitude: degrees(here.latitude), longitude: degrees(here.longitude), deviceTime: new Date().toISOString() };
    if (Number.isFinite(here.accuracy)) body.accuracy = Math.round(here.accuracy); // a number, unlike the coordinates' decimal text
    if (this.photo?.id) body.photoFileId = this.photo.id;
    const name = this.visit.customerName;
    const kept = t(this.photoOffline ? 'crm.visit.checkInKeptNoPhoto' : 'crm.visit.checkInKept', { name });
    await this.send('check-in', body, t('crm.visit.checkedIn', { name }), kept);
    if (!this.error) {
      this.photo = null;
      this.photoOffline = false;
    }
  }

  checkOut(event) {
    event.preventDefault();
    const o = this.out;
    if (!o.summary.trim()) {
      this.error = { key: 'crm.visit.summaryRequired' };
      this.requestUpdate();
      return;
    }
    const body = { deviceTime: new Date().toISOString(), summary: o.summary.trim() };
    if (o.nextStep.trim()) body.nextStep = o.nextStep.trim();
    if (o.nextAt) body.nextAt = instantOf(o.nextAt);
    const name = this.visit.customerName;
    this.send('check-out', body, t('crm.visit.checkedOut', { name }), t('crm.visit.checkOutKept', { name }));
  }

  planned() {
    return html`<div class="visit-actions">
      <label class="btn btn-secondary visit-photo-button">${icon('camera')}<span>${this.uploading ? t('common.saving') : t('crm.visit.photo')}</span>
        <input type="file" accept="image/*" capture="environment" class="visually-hidden" data-test="visit-photo"
          ?disabled=${this.uploading} @change=${(e) => this.upload(e)}></label>
      ${this.photo ? html`<span class="muted small" data-test="visit-photo-name">${this.photo.name}</span>` : ''}
      ${this.photoOffline ? html`<span class="muted small" data-test="visit-photo-offline">${t('crm.visit.photoOffline')}</span>` : ''}
      <button type="button" class="btn btn-primary" data-test="visit-checkin" ?disabled=${this.busy || this.locating || this.uploading}
        @click=${() => this.checkIn()}>${this.locating ? t('partners.locating') : t('crm.visit.checkIn')}</button>
    </div>`;
  }

  checkoutForm() {
    const field = (name, label, input) => html`<label class="field"><span class="field-label">${label}</span>${input}</label>`;
    return html`<form class="visit-checkout" data-test="visit-checkout-form" @submit=${(e) => this.checkOut(e)}>
      ${field('summary', t('crm.visit.summary'), html`<textarea class="input textarea" rows="3" maxlength="2000" required data-test="visit-summary"
        .value=${this.out.summary} @input=${(e) => { this.out.summary = e.target.value; }}></textarea>`)}
      ${field('nextStep', t('crm.followUp.nextStep'), html`<input class="input" maxlength="500" data-test="visit-next-step"
        .value=${this.out.nextStep} @input=${(e) => { this.out.nextStep = e.target.value; }}>`)}
      ${field('nextAt', t('crm.followUp.nextAt'), html`<input type="datetime-local" class="input" data-test="visit-next-at"
        .value=${this.out.nextAt} @change=${(e) => { this.out.nextAt = e.target.value; }}>`)}
      <button type="submit" class="btn btn-primary btn-block" data-test="visit-checkout" ?disabled=${this.busy}>${t('crm.visit.checkOut')}</button>
    </form>`;
  }

  view() {
    const v = withPending(this.visit, this.pending);
    if (!v) return '';
    const name = this.detailLink ? html`<a href="${href(`/crm/visits/${v.id}`)}">${v.customerName}</a>` : v.customerName;
    return html`
      <article class="card card-pad visit-card" data-test="visit-card" data-id="${v.id}" data-customer-id="${v.customerId}" data-state="${v.state}">
        <header class="visit-head">
          ${v.sequence ? html`<span class="route-stop-number" data-test="visit-sequence">${v.sequence}</span>` : ''}
          <div class="visit-title">
            <strong data-test="visit-customer">${name}</strong>
            <div class="muted small"><a href="${href(`/customers/${v.customerId}`)}">${t('crm.visit.customerPage')}</a>${v.purpose ? ` · ${v.purpose}` : ''}</div>
          </div>
          ${visitState(v.state)}
          ${this.pending.length ? html`<a class="badge waiting-badge" href="${href('/sync')}" data-test="visit-waiting"
            title="${t('sync.waitingNote')}">${t('sync.waitingBadge')}</a>` : ''}
        </header>
        ${this.pending.length && v.checkInDeviceAt && v.distanceMeters == null ? html`<p class="muted small" data-test="visit-kept-time">
          ${t('crm.visit.checkedInAt', { time: formatDateTime(v.checkInDeviceAt) })}</p>` : ''}
        ${v.distanceMeters != null ? html`<p class="visit-distance" data-test="visit-distance">
          ${t('crm.visit.distance', { distance: distance(v.distanceMeters) })} ${farBadge(v.far)}</p>` : ''}
        ${v.state === 'done' && v.durationMinutes != null ? html`<p class="small" data-test="visit-duration">${t('crm.visit.duration', { minutes: v.durationMinutes ?? 0 })}</p>
          <p data-test="visit-summary-text">${v.summary}</p>` : v.state === 'done' ? html`<p data-test="visit-summary-text">${v.summary}</p>` : ''}
        ${v.state === 'planned' ? this.planned() : ''}
        ${v.state === 'in_progress' ? this.checkoutForm() : ''}
        ${this.geoError ? html`<div class="alert alert-warning" role="alert" data-test="visit-geo-error">${t(`geo.${this.geoError}`)}</div>` : ''}
        ${this.error ? html`<div class="alert alert-error" role="alert" data-test="visit-error">${this.error.key ? t(this.error.key) : errorText(this.error)}</div>` : ''}
      </article>`;
  }
}
AfVisitCard.define('af-visit-card');
