// data-test: visits-page, visits-day, visits-today-empty, visits-plan-link, visit-row (the shared list's, desktop)
//            (each visit's: af-visit-card.js)
// A rep's day, #/crm/visits: today's own planned visits in route order (GET /crm/visits filtered to the day and the rep),
// each a card to check in and out from the phone. On a desktop the shared list of visits (key crm.visits) follows,
// with its filters, for looking back.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { href } from '../../core/router.js';
import { getUser } from '../../core/store.js';
import { todayIn } from '../../core/format.js';
import { loadLatest, pageHeader } from '../../components/list-helpers.js';
import '../../components/af-data-list.js';
import { distance, visitState, farBadge } from './crm-format.js';
import './af-visit-card.js';

const DESKTOP = '(min-width: 720px)';

export class AfVisits extends AfElement {
  static properties = ['query'];

  constructor() {
    super();
    this.state = { loading: false, data: null, error: null };
    this.day = todayIn(getUser()?.timeZone ?? getUser()?.tenant?.timeZone);
    this.config = {
      key: 'crm.visits',
      endpoint: '/crm/visits',
      path: '/crm/visits',
      title: 'crm.visit.all',
      testId: 'visit',
      rowHref: (v) => `/crm/visits/${v.id}`,
      cells: {
        state: { render: (v) => visitState(v.state) },
        distanceMeters: { render: (v) => distance(v.distanceMeters), num: true },
        far: { render: (v) => farBadge(v.far) },
      },
      values: { state: (s) => t(`crm.visit.state.${s}`) },
    };
  }

  connected() {
    this.media = matchMedia(DESKTOP);
    this.onMedia = () => this.requestUpdate();
    this.media.addEventListener('change', this.onMedia);
    this.reload();
  }

  disconnected() {
    this.media?.removeEventListener('change', this.onMedia);
  }

  async load() {
    const owner = getUser()?.employeeId;
    await loadLatest(this, () => api.get('/crm/visits', {
      plannedForFrom: this.day, plannedForTo: this.day, owner, sort: 'sequence', limit: 100,
    }));
  }

  visitChanged() {
    this.reload();
    this.querySelector('af-data-list')?.refresh();
  }

  today() {
    const items = (this.state.data?.items ?? []).filter((v) => v.state !== 'cancelled');
    return html`<section class="visits-day" data-test="visits-day" @changed=${() => this.visitChanged()}>
      <h2 class="section-title">${t('crm.visit.today', { date: this.day })}</h2>
      ${this.state.loading && !this.state.data ? html`<p><span class="spinner"></span> ${t('common.loading')}</p>` : ''}
      ${this.state.data && !items.length ? html`<p class="muted" data-test="visits-today-empty">${t('crm.visit.noneToday')}
        <a href="${href('/crm/route')}" data-test="visits-plan-link">${t('nav.crm')}</a></p>` : ''}
      ${items.map((v) => html`<af-visit-card data-key="${v.id}" .visit=${v} .detailLink=${true}></af-visit-card>`)}
    </section>`;
  }

  view() {
    return html`
      <div class="visits-page" data-test="visits-page">
        ${pageHeader(t('nav.crm_visits'), html`<a class="btn btn-secondary" href="${href('/crm/route')}" data-test="visits-plan-link">${t('nav.crm')}</a>`)}
        ${this.today()}
        ${this.media?.matches ? html`<af-data-list class="visits-all" .config=${this.config} .query=${this.query}></af-data-list>` : ''}
      </div>`;
  }
}
AfVisits.define('af-visits');
