// data-test: visit-card (data-id, data-customer-id, data-state), visit-customer, visit-sequence, visit-checkin, visit-photo, visit-photo-name,
//            visit-checkout-form, visit-summary, visit-next-step, visit-next-at, visit-checkout, visit-distance,
//            visit-duration, visit-summary-text, visit-error, visit-geo-error (and crm-format's visit-state, visit-far)
// One planned visit as a rep works it on the phone: Check in finds where the phone is and posts it with the phone's clock
// (POST /crm/visits/{id}/check-in; an optional photo is uploaded to POST /files first, as attendance does); the server
// answers with the distance to the customer, "far" beyond 500 m. Then Check out with a summary and, optionally, the next
// step and when to be reminded (POST …/check-out). Emits `changed` (detail: the visit as it is now).
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText } from '../../core/i18n.js';
import { api, request } from '../../core/api.js';
import { href } from '../../core/router.js';
import { notify } from '../../core/notify.js';
import { uuid } from '../../core/uuid.js';
import { locateFor, degrees } from '../../core/geolocation.js';
import { icon } from '../../components/icons.js';
import { distance, visitState, farBadge } from './crm-format.js';

// A datetime-local value ("2026-12-07T09:30", the phone's own time) as an ISO instant for the API.
export function instantOf(local) {
  return local ? new Date(local).toISOString() : undefined;
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
  }

  async upload(event) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    this.uploading = true;
    this.error = null;
    this.requestUpdate();
    try {
      const answer = await request('POST', '/files', { raw: file, headers: { 'X-File-Name': encodeURIComponent(file.name || 'photo.jpg') } });
      this.photo = { id: answer.id, name: answer.name ?? file.name };
    } catch (error) {
      this.error = error;
    }
    this.uploading = false;
    this.requestUpdate();
  }

  async send(action, body, done) {
    this.busy = true;
    this.error = null;
    this.requestUpdate();
    try {
      const visit = await api.post(`/crm/visits/${encodeURIComponent(this.visit.id)}/${action}`, body, { 'Idempotency-Key': this.key });
      this.key = uuid();
      notify(done, 'success');
      this.dispatchEvent(new CustomEvent('changed', { detail: visit, bubbles: true }));
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
    await this.send('check-in', body, t('crm.visit.checkedIn', { name: this.visit.customerName }));
    if (!this.error) this.photo = null;
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
    this.send('check-out', body, t('crm.visit.checkedOut', { name: this.visit.customerName }));
  }

  planned() {
    return html`<div class="visit-actions">
      <label class="btn btn-secondary visit-photo-button">${icon('camera')}<span>${this.uploading ? t('common.saving') : t('crm.visit.photo')}</span>
        <input type="file" accept="image/*" capture="environment" class="visually-hidden" data-test="visit-photo"
          ?disabled=${this.uploading} @change=${(e) => this.upload(e)}></label>
      ${this.photo ? html`<span class="muted small" data-test="visit-photo-name">${this.photo.name}</span>` : ''}
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
    const v = this.visit;
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
        </header>
        ${v.distanceMeters != null ? html`<p class="visit-distance" data-test="visit-distance">
          ${t('crm.visit.distance', { distance: distance(v.distanceMeters) })} ${farBadge(v.far)}</p>` : ''}
        ${v.state === 'done' ? html`<p class="small" data-test="visit-duration">${t('crm.visit.duration', { minutes: v.durationMinutes ?? 0 })}</p>
          <p data-test="visit-summary-text">${v.summary}</p>` : ''}
        ${v.state === 'planned' ? this.planned() : ''}
        ${v.state === 'in_progress' ? this.checkoutForm() : ''}
        ${this.geoError ? html`<div class="alert alert-warning" role="alert" data-test="visit-geo-error">${t(`geo.${this.geoError}`)}</div>` : ''}
        ${this.error ? html`<div class="alert alert-error" role="alert" data-test="visit-error">${this.error.key ? t(this.error.key) : errorText(this.error)}</div>` : ''}
      </article>`;
  }
}
AfVisitCard.define('af-visit-card');
