// data-test: leads-page, lead-new, lead-import-toggle, lead-row (the shared list's) (the import panel's: af-lead-import.js)
// Leads (线索), #/crm/leads, on the shared list (key crm.leads; newest first): number, company, contact, phone, source,
// state, owner, last activity. "New lead" opens the form; "Import CSV" opens the import panel above the list.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, has } from '../../core/i18n.js';
import { navigate } from '../../core/router.js';
import { can } from '../../core/store.js';
import { icon } from '../../components/icons.js';
import '../../components/af-data-list.js';
import { relativeInstant } from '../partners/customer-format.js';
import { leadState } from './crm-format.js';
import './af-lead-import.js';

export class AfLeads extends AfElement {
  static properties = ['query'];

  constructor() {
    super();
    this.importing = false;
    this.config = {
      key: 'crm.leads',
      endpoint: '/crm/leads',
      path: '/crm/leads',
      title: 'nav.crm_leads',
      testId: 'lead',
      search: 'crm.lead.search',
      rowHref: (l) => `/crm/leads/${l.id}`,
      cells: {
        state: { render: (l) => leadState(l.state) },
        source: { render: (l) => (l.source && has(`partners.source.${l.source}`) ? t(`partners.source.${l.source}`) : l.source ?? '') },
        lastActivityAt: { render: (l) => relativeInstant(l.lastActivityAt) },
        createdAt: { render: (l) => relativeInstant(l.createdAt) },
      },
      values: { state: (s) => t(`crm.lead.state.${s}`) },
      actions: () => (can('crm.lead.write') ? html`
        <button type="button" class="btn btn-secondary" data-test="lead-import-toggle" aria-expanded="${this.importing ? 'true' : 'false'}"
          @click=${() => { this.importing = !this.importing; this.refreshList(); }}>${t('crm.lead.import')}</button>
        <button type="button" class="btn btn-primary" data-test="lead-new" @click=${() => navigate('/crm/leads/new')}>
          ${icon('plus')}<span>${t('crm.lead.new')}</span></button>` : ''),
      before: () => (this.importing ? html`<af-lead-import data-key="import"
        @imported=${() => this.querySelector('af-data-list')?.refresh()}></af-lead-import>` : ''),
    };
  }

  refreshList() {
    this.querySelector('af-data-list')?.requestUpdate();
  }

  view() {
    return html`<div class="leads-page" data-test="leads-page">
      <af-data-list .config=${this.config} .query=${this.query}></af-data-list>
    </div>`;
  }
}
AfLeads.define('af-leads');
