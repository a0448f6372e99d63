// data-test: back-link (the form's: see af-partner-form.js)
// A new customer or supplier, #/customers/new or #/suppliers/new: the form on a page of its own (a phone shows
// it full width); saved, it opens the new record.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { href, navigate } from '../../core/router.js';
import { notify } from '../../core/notify.js';
import { icon } from '../../components/icons.js';

export class AfPartnerNew extends AfElement {
  static properties = ['kind'];

  saved(event) {
    event.stopPropagation();
    const partner = event.detail;
    notify(t('partners.added', { name: partner.name }), 'success');
    navigate(`/${this.kind}/${partner.id}`, {}, { replace: true });
  }

  view() {
    const kind = this.kind ?? 'customers';
    return html`
      <a class="back-link" href="${href(`/${kind}`)}" data-test="back-link">${icon('back')}<span>${t(`nav.${kind}`)}</span></a>
      <div class="card card-pad">
        <af-partner-form .kind=${kind} @saved=${(e) => this.saved(e)}
          @cancel=${(e) => { e.stopPropagation(); navigate(`/${kind}`); }}></af-partner-form>
      </div>`;
  }
}
AfPartnerNew.define('af-partner-new');
