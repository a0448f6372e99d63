// data-test: visit-detail, back-link (and af-visit-card.js's)
// One visit, #/crm/visits/{id} (GET /crm/visits/{id}): the same card as on the day's page, to check in or out from a link.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { href } from '../../core/router.js';
import { icon } from '../../components/icons.js';
import './af-visit-card.js';

export class AfVisitDetail extends AfElement {
  static properties = ['visitId'];

  connected() {
    this.reload();
  }

  async load() {
    try {
      this.visit = await api.get(`/crm/visits/${encodeURIComponent(this.visitId)}`);
      this.error = null;
    } catch (error) {
      this.error = error;
    }
    this.requestUpdate();
  }

  view() {
    return html`
      <div class="visit-detail" data-test="visit-detail">
        <a class="back-link" href="${href('/crm/visits')}" data-test="back-link">${icon('back')}<span>${t('nav.crm_visits')}</span></a>
        ${this.error ? html`<div class="alert alert-error" role="alert">${errorText(this.error)}</div>` : ''}
        ${this.visit ? html`<af-visit-card data-key="${this.visit.id}" .visit=${this.visit}
          @changed=${(e) => { this.visit = e.detail; this.requestUpdate(); }}></af-visit-card>` : this.error ? '' : html`<span class="spinner"></span>`}
      </div>`;
  }
}
AfVisitDetail.define('af-visit-detail');
