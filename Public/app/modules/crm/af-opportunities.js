// data-test: opportunities-page, opportunity-view-<list|board>, opportunity-new, opportunity-row (the shared list's)
//            (the board's: af-opportunity-board.js; the charts': af-opportunity-charts.js)
// Opportunities (商机), #/crm/opportunities: the shared list (key crm.opportunities) or, with ?view=board, the kanban
// board by stage; on a desktop the funnel and the weighted forecast sit above either. "New opportunity" opens the form.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { href, navigate } from '../../core/router.js';
import { can } from '../../core/store.js';
import { formatMoney } from '../../core/format.js';
import { icon } from '../../components/icons.js';
import { pageHeader } from '../../components/list-helpers.js';
import '../../components/af-data-list.js';
import { opportunityState } from './opportunity-format.js';
import './af-opportunity-board.js';
import './af-opportunity-charts.js';

const DESKTOP = '(min-width: 1024px)';

export class AfOpportunities extends AfElement {
  static properties = ['query'];

  constructor() {
    super();
    this.config = {
      key: 'crm.opportunities',
      endpoint: '/crm/opportunities',
      path: '/crm/opportunities',
      title: 'nav.crm_opportunities',
      testId: 'opportunity',
      search: 'crm.opportunity.search',
      rowHref: (o) => `/crm/opportunities/${o.id}`,
      cells: {
        state: { render: (o) => opportunityState(o.state) },
        amount: { render: (o) => formatMoney(o.amount, o.currency), num: true },
      },
      values: { state: (s) => t(`crm.opportunity.state.${s}`) },
      keep: ['view'],
      local: ['view'],
      actions: () => this.actions(),
      before: () => this.charts(),
    };
  }

  connected() {
    this.media = matchMedia(DESKTOP);
    this.onMedia = () => this.requestUpdate();
    this.media.addEventListener('change', this.onMedia);
  }

  disconnected() {
    this.media.removeEventListener('change', this.onMedia);
  }

  board() {
    return this.query?.view === 'board';
  }

  actions() {
    const option = (mode, label) => html`<a class="segmented-option ${(mode === 'board') === this.board() ? 'is-on' : ''}" data-test="opportunity-view-${mode}"
      href="${href('/crm/opportunities', mode === 'board' ? { view: 'board' } : {})}">${label}</a>`;
    return html`
      <div class="segmented" role="group" aria-label="${t('crm.opportunity.view')}">
        ${option('list', t('crm.opportunity.viewList'))}${option('board', t('crm.opportunity.viewBoard'))}
      </div>
      ${can('crm.opportunity.write') ? html`<button type="button" class="btn btn-primary" data-test="opportunity-new"
        @click=${() => navigate('/crm/opportunities/new')}>${icon('plus')}<span>${t('crm.opportunity.new')}</span></button>` : ''}`;
  }

  charts() {
    return this.media?.matches ? html`<af-opportunity-charts data-key="charts"></af-opportunity-charts>` : '';
  }

  view() {
    return html`<div class="opportunities-page" data-test="opportunities-page">
      ${this.board() ? html`${pageHeader(t('nav.crm_opportunities'), this.actions())}${this.charts()}
        <af-opportunity-board data-key="board" @moved=${() => this.querySelector('af-opportunity-charts')?.reload()}></af-opportunity-board>`
        : html`<af-data-list data-key="list" .config=${this.config} .query=${this.query}></af-data-list>`}
    </div>`;
  }
}
AfOpportunities.define('af-opportunities');
