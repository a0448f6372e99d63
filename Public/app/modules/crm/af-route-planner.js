// data-test: route-planner, route-search, route-level, route-stale-a (the quick filter), route-customer (data-id),
//            route-pick (its checkbox), route-selected-count, route-clear, route-start-<here|site|typed>, route-locate,
//            route-site, route-start-latitude, route-start-longitude, route-start-text, route-geo-error, route-plan,
//            route-error, route-result, route-total, route-stop (data-customer-id), route-leg, route-stop-geo,
//            route-skipped, route-date, route-save, route-save-note, route-visits-link (and route-sketch's)
// Plan a day's visits (#/crm/route): a salesperson ticks customers (their list, searched, by level, or "my A customers
// not followed up for 30 days"), picks where they start — where the phone is, an office (a site with coordinates) or a
// typed point — and the server orders the stops (POST /crm/routes/plan). The answer shows each leg and the total, a
// sketch of the route, a link per stop that opens the phone's map app (geo:), and the customers left out for want of
// coordinates. "Save as planned visits" posts the order (POST /crm/routes); a server without it yet says so.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { can, getUser } from '../../core/store.js';
import { href } from '../../core/router.js';
import { notify } from '../../core/notify.js';
import { debounce } from '../../core/debounce.js';
import { todayIn } from '../../core/format.js';
import { uuid } from '../../core/uuid.js';
import { locateFor, degrees } from '../../core/geolocation.js';
import { loadLatest, pageHeader } from '../../components/list-helpers.js';
import { icon } from '../../components/icons.js';
import { levelBadge, relativeInstant } from '../partners/customer-format.js';
import { routeSketch } from './route-sketch.js';
import { kilometres } from './crm-format.js';

const LIMIT = 50; // the most stops one plan takes (crm.route.too_many)
const STALE_DAYS = 30;
const COORDINATE = /^-?\d{1,3}(\.\d+)?$/;

function daysAgo(days) {
  const d = new Date(Date.now() - days * 24 * 3600 * 1000);
  return d.toISOString().slice(0, 10);
}

export class AfRoutePlanner extends AfElement {
  constructor() {
    super();
    this.filter = { q: '', level: '', stale: false };
    this.state = { loading: false, data: null, error: null };
    this.selected = new Map(); // id → name
    this.start = 'here';
    this.here = null;
    this.locating = false;
    this.geoError = null;
    this.sites = [];
    this.siteId = '';
    this.typed = { latitude: '', longitude: '' };
    this.plan = null;
    this.planStart = null;
    this.planning = false;
    this.error = null;
    this.day = todayIn(getUser()?.timeZone ?? getUser()?.tenant?.timeZone);
    this.saving = false;
    this.saveNote = null;
    this.saveKey = uuid();
    this.search = debounce(() => this.reload(), 250);
  }

  connected() {
    this.reload();
    this.locateHere();
    if (can('org.directory.read')) {
      api.get('/org/sites').then((sites) => {
        this.sites = (sites ?? []).filter((s) => !s.archived && s.latitude && s.longitude);
        this.requestUpdate();
      }).catch(() => {});
    }
  }

  disconnected() {
    this.search.cancel();
  }

  query() {
    const f = this.filter;
    return {
      q: f.q.trim(), level: f.stale ? 'A' : f.level, lastActivityAtTo: f.stale ? daysAgo(STALE_DAYS) : '', sort: 'name', limit: LIMIT,
    };
  }

  async load() {
    await loadLatest(this, () => api.get('/partners/customers', this.query()));
  }

  setFilter(patch, now = true) {
    this.filter = { ...this.filter, ...patch };
    if (now) this.reload();
    else this.search();
    this.requestUpdate();
  }

  toggle(c, on) {
    if (on && this.selected.size < LIMIT) this.selected.set(c.id, c.name);
    else this.selected.delete(c.id);
    this.requestUpdate();
  }

  locateHere() {
    return locateFor(this, (p) => { this.here = { latitude: degrees(p.latitude), longitude: degrees(p.longitude) }; });
  }

  // The start as decimal text, or null when it is not known yet.
  startPoint() {
    if (this.start === 'here') return this.here;
    if (this.start === 'site') {
      const site = this.sites.find((s) => s.id === this.siteId);
      return site ? { latitude: String(site.latitude), longitude: String(site.longitude) } : null;
    }
    const { latitude, longitude } = this.typed;
    return COORDINATE.test(latitude.trim()) && COORDINATE.test(longitude.trim())
      ? { latitude: latitude.trim(), longitude: longitude.trim() } : null;
  }

  async planRoute() {
    const start = this.startPoint();
    if (!start) {
      this.error = { key: 'crm.route.noStart' };
      this.requestUpdate();
      return;
    }
    this.planning = true;
    this.error = null;
    this.saveNote = null;
    this.requestUpdate();
    try {
      this.plan = await api.post('/crm/routes/plan', {
        startLatitude: start.latitude, startLongitude: start.longitude, customerIds: [...this.selected.keys()],
      });
      this.planStart = { latitude: Number(start.latitude), longitude: Number(start.longitude) };
      this.saveKey = uuid();
    } catch (error) {
      this.error = error;
    }
    this.planning = false;
    this.requestUpdate();
    if (this.plan) queueMicrotask(() => this.querySelector('[data-test="route-result"]')?.scrollIntoView({ block: 'start', behavior: 'smooth' }));
  }

  async save() {
    this.saving = true;
    this.saveNote = null;
    this.requestUpdate();
    try {
      const visits = await api.post('/crm/routes', { date: this.day, customerIds: this.plan.stops.map((s) => s.customerId) },
        { 'Idempotency-Key': this.saveKey });
      this.saveNote = { kind: 'success', text: t('crm.route.saved', { count: Array.isArray(visits) ? visits.length : this.plan.stops.length, date: this.day }) };
    } catch (error) {
      // Planned visits come with the CRM's visits (issue 12); until the server has them it answers 404.
      this.saveNote = error.status === 404 && error.code === 'not_found'
        ? { kind: 'info', text: t('crm.route.saveUnavailable') } : { kind: 'error', text: errorText(error) };
    }
    this.saving = false;
    this.requestUpdate();
  }

  customers() {
    const items = this.state.data?.items ?? [];
    const f = this.filter;
    return html`
      <section class="card route-customers">
        <div class="card-pad route-filters">
          <h2 class="section-title">${t('crm.route.customers')}</h2>
          <div class="toolbar">
            <label class="search-box">${icon('search')}<input type="search" class="input" data-test="route-search" placeholder="${t('partners.searchPlaceholder')}"
              aria-label="${t('partners.searchPlaceholder')}" .value=${f.q} @input=${(e) => this.setFilter({ q: e.target.value }, false)}></label>
            <select class="input select" data-test="route-level" aria-label="${t('partners.level')}" .value=${f.level} ?disabled=${f.stale}
              @change=${(e) => this.setFilter({ level: e.target.value })}>
              <option value="">${t('crm.route.anyLevel')}</option>
              ${['A', 'B', 'C'].map((l) => html`<option value="${l}">${t(`partners.level.${l}`)}</option>`)}
            </select>
          </div>
          <label class="check route-quick"><input type="checkbox" data-test="route-stale-a" .checked=${f.stale}
            @change=${(e) => this.setFilter({ stale: e.target.checked })}><span>${t('crm.route.staleA', { days: STALE_DAYS })}</span></label>
          <div class="route-selection">
            <span data-test="route-selected-count">${t('crm.route.selected', { count: this.selected.size, max: LIMIT })}</span>
            ${this.selected.size ? html`<button type="button" class="btn btn-ghost btn-small" data-test="route-clear"
              @click=${() => { this.selected.clear(); this.requestUpdate(); }}>${t('list.clearSelection')}</button>` : ''}
          </div>
        </div>
        <ul class="route-pick-list">
          ${this.state.error ? html`<li class="alert alert-error" role="alert">${errorText(this.state.error)}</li>` : ''}
          ${this.state.loading && !this.state.data ? html`<li class="route-pick-note"><span class="spinner"></span> ${t('common.loading')}</li>` : ''}
          ${this.state.data && !items.length ? html`<li class="route-pick-note muted" data-test="empty-list">${t('common.noResults')}</li>` : ''}
          ${items.map((c) => html`<li data-test="route-customer" data-id="${c.id}" data-key="${c.id}" class="${this.selected.has(c.id) ? 'is-selected' : ''}">
            <label class="route-pick">
              <input type="checkbox" data-test="route-pick" .checked=${this.selected.has(c.id)} @change=${(e) => this.toggle(c, e.target.checked)}>
              <span class="route-pick-main"><span class="route-pick-name">${c.name}${levelBadge(c.level)}</span>
                <span class="muted small">${[c.city, c.country].filter(Boolean).join(', ')}${c.lastActivityAt ? html` · ${relativeInstant(c.lastActivityAt)}` : ''}</span></span>
            </label>
          </li>`)}
        </ul>
      </section>`;
  }

  startSection() {
    const option = (mode, label) => html`<label class="segmented-option ${this.start === mode ? 'is-on' : ''}">
      <input type="radio" name="route-start" value="${mode}" data-test="route-start-${mode}" .checked=${this.start === mode}
        @change=${() => { this.start = mode; this.error = null; this.requestUpdate(); }}><span>${label}</span></label>`;
    return html`
      <section class="card card-pad route-start-card">
        <h2 class="section-title">${t('crm.route.startTitle')}</h2>
        <div class="segmented route-start-modes" role="radiogroup" aria-label="${t('crm.route.startTitle')}">
          ${option('here', t('crm.route.startHere'))}
          ${this.sites.length ? option('site', t('crm.route.startSite')) : ''}
          ${option('typed', t('crm.route.startTyped'))}
        </div>
        ${this.start === 'here' ? html`<div class="route-here">
          <span class="muted" data-test="route-start-text">${this.locating ? t('partners.locating')
            : this.here ? t('crm.route.hereAt', { latitude: this.here.latitude, longitude: this.here.longitude }) : ''}</span>
          <button type="button" class="btn btn-secondary btn-small" data-test="route-locate" ?disabled=${this.locating}
            @click=${() => this.locateHere()}>${t('partners.useLocation')}</button>
          ${this.geoError ? html`<div class="alert alert-warning" role="alert" data-test="route-geo-error">${t(`geo.${this.geoError}`)}</div>` : ''}
        </div>` : ''}
        ${this.start === 'site' ? html`<label class="field"><span class="field-label">${t('crm.route.startSite')}</span>
          <select class="input select" data-test="route-site" .value=${this.siteId} @change=${(e) => { this.siteId = e.target.value; this.requestUpdate(); }}>
            <option value="">${t('crm.route.chooseSite')}</option>
            ${this.sites.map((s) => html`<option value="${s.id}" data-key="${s.id}">${s.name}</option>`)}
          </select></label>` : ''}
        ${this.start === 'typed' ? html`<div class="route-typed">
          ${['latitude', 'longitude'].map((f) => html`<label class="field"><span class="field-label">${t(`partners.${f}`)}</span>
            <input class="input" inputmode="decimal" maxlength="20" data-test="route-start-${f}" .value=${this.typed[f]}
              @input=${(e) => { this.typed = { ...this.typed, [f]: e.target.value }; }}></label>`)}
        </div>` : ''}
        ${this.error ? html`<div class="alert alert-error" role="alert" data-test="route-error">${this.error.key ? t(this.error.key) : errorText(this.error)}</div>` : ''}
        <button type="button" class="btn btn-primary btn-block" data-test="route-plan" ?disabled=${this.planning || !this.selected.size}
          @click=${() => this.planRoute()}>${this.planning ? t('crm.route.planning') : t('crm.route.plan', { count: this.selected.size })}</button>
      </section>`;
  }

  result() {
    const plan = this.plan;
    if (!plan) return '';
    return html`
      <section class="card card-pad route-result" data-test="route-result">
        <h2 class="section-title">${t('crm.route.result')}
          <span class="route-total" data-test="route-total">${t('crm.route.total', { distance: kilometres(plan.totalMeters), count: plan.stops.length })}</span></h2>
        ${plan.stops.length ? routeSketch(this.planStart, plan.stops.map((s) => ({ ...s, latitude: Number(s.latitude), longitude: Number(s.longitude) }))) : ''}
        <ol class="route-stops">
          ${plan.stops.map((s, i) => html`<li class="route-stop" data-test="route-stop" data-customer-id="${s.customerId}" data-key="${s.customerId}">
            <span class="route-stop-number" aria-hidden="true">${i + 1}</span>
            <div class="route-stop-main">
              <a class="route-stop-name" href="#/customers/${s.customerId}">${s.name}</a>
              <div class="muted small">${[s.divisionName, s.address].filter(Boolean).join(' · ')}</div>
              <div class="small" data-test="route-leg">${t(i === 0 ? 'crm.route.legFromStart' : 'crm.route.leg', { distance: kilometres(s.legMeters) })}</div>
            </div>
            <a class="btn btn-secondary btn-small route-stop-geo" data-test="route-stop-geo" href="${s.geoUri}">${t('crm.route.openMap')}</a>
          </li>`)}
        </ol>
        ${plan.skipped?.length ? html`<div class="alert alert-warning" role="status" data-test="route-skipped">
          <strong>${t('crm.route.skipped', { count: plan.skipped.length })}</strong>
          <ul>${plan.skipped.map((s) => html`<li data-key="${s.customerId}"><a href="#/customers/${s.customerId}">${s.name}</a></li>`)}</ul>
        </div>` : ''}
        ${plan.stops.length ? html`<div class="route-save">
          <label class="field"><span class="field-label">${t('crm.route.date')}</span>
            <input type="date" class="input" data-test="route-date" .value=${this.day} @change=${(e) => { this.day = e.target.value; }}></label>
          <button type="button" class="btn btn-primary" data-test="route-save" ?disabled=${this.saving || !this.day}
            @click=${() => this.save()}>${this.saving ? t('common.saving') : t('crm.route.save')}</button>
        </div>` : ''}
        ${this.saveNote ? html`<div class="alert alert-${this.saveNote.kind}" role="status" data-test="route-save-note">${this.saveNote.text}
          ${this.saveNote.kind === 'success' ? html` <a href="${href('/crm/visits')}" data-test="route-visits-link">${t('crm.route.openVisits')}</a>` : ''}</div>` : ''}
      </section>`;
  }

  view() {
    return html`
      <div class="route-planner" data-test="route-planner">
        ${pageHeader(t('nav.crm'))}
        <div class="route-layout">
          ${this.customers()}
          <div class="route-side">
            ${this.startSection()}
            ${this.result()}
          </div>
        </div>
      </div>`;
  }
}
AfRoutePlanner.define('af-route-planner');
