// data-test: back-link (the forms': af-opportunity-form.js, af-lead-form.js)
// A new CRM record on a page of its own (#/crm/opportunities/new, #/crm/leads/new): the form full width on a phone;
// saved, it opens the new record; cancelled, the list.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { href, navigate } from '../../core/router.js';
import { notify } from '../../core/notify.js';
import { icon } from '../../components/icons.js';
import './af-opportunity-form.js';
import './af-lead-form.js';

export class AfCrmNew extends AfElement {
  static properties = ['kind'];

  saved(event) {
    event.stopPropagation();
    const record = event.detail;
    notify(t('crm.added', { name: record.name ?? record.company }), 'success');
    navigate(`/crm/${this.kind}/${record.id}`, {}, { replace: true });
  }

  form() {
    const done = { saved: (e) => this.saved(e), cancel: (e) => { e.stopPropagation(); navigate(`/crm/${this.kind}`); } };
    if (this.kind === 'leads') return html`<af-lead-form @saved=${done.saved} @cancel=${done.cancel}></af-lead-form>`;
    return html`<af-opportunity-form @saved=${done.saved} @cancel=${done.cancel}></af-opportunity-form>`;
  }

  view() {
    return html`
      <a class="back-link" href="${href(`/crm/${this.kind}`)}" data-test="back-link">${icon('back')}<span>${t(`nav.crm_${this.kind}`)}</span></a>
      <div class="card card-pad">${this.form()}</div>`;
  }
}
AfCrmNew.define('af-crm-new');
