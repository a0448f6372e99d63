// data-test: follow-ups, follow-up-entry (data-kind, data-id), follow-up-entry-notes, follow-up-entry-next, follow-ups-empty,
//            follow-ups-error (the form's: af-follow-up-form.js)
// The follow-ups of a lead or an opportunity (GET /crm/leads/{id}/follow-ups, GET /crm/opportunities/{id}/follow-ups,
// newest first) as the customer timeline shows its entries: an icon for how (call, visit …), the notes, the next step
// and when, how long ago and by whom. With `canLog`, "Log follow-up" (af-follow-up-form.js, `subject`) sits above the
// list, and a follow-up logged shows at once. Emits nothing of its own: the form's `logged` bubbles through it.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText, has } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { formatDateTime } from '../../core/format.js';
import { icon } from '../../components/icons.js';
import { relativeInstant } from '../partners/customer-format.js';
import './af-follow-up-form.js';

const KIND_ICONS = { call: 'phone', visit: 'attendance', email: 'bell', meeting: 'users', message: 'bell' };

export class AfFollowUpList extends AfElement {
  // `path`: the list's API path; `subject`: { leadId } | { opportunityId } for the form; `canLog`: show the form.
  static properties = ['path', 'subject', 'canLog'];

  constructor() {
    super();
    this.items = null;
    this.error = null;
    this.seq = 0;
  }

  connected() {
    this.reload();
  }

  changed(name) {
    if (name === 'path') this.reload();
  }

  async load() {
    if (!this.path) return;
    const seq = ++this.seq;
    try {
      const items = await api.get(this.path);
      if (seq !== this.seq) return;
      this.items = Array.isArray(items) ? items : items?.items ?? [];
      this.error = null;
    } catch (error) {
      if (seq !== this.seq) return;
      this.error = error;
    }
    this.requestUpdate();
  }

  logged(event) {
    const f = event.detail;
    if (f?.id && !(this.items ?? []).some((x) => x.id === f.id)) this.items = [f, ...(this.items ?? [])];
    this.requestUpdate();
    this.reload();
  }

  entry(f) {
    const kind = has(`crm.followUp.kind.${f.kind}`) ? t(`crm.followUp.kind.${f.kind}`) : f.kind;
    return html`<li class="timeline-entry timeline-follow_up" data-test="follow-up-entry" data-kind="${f.kind}" data-id="${f.id}" data-key="${f.id}">
      <span class="timeline-icon" aria-hidden="true">${icon(KIND_ICONS[f.kind] ?? 'phone')}</span>
      <div class="timeline-body">
        <div><strong>${kind}</strong></div>
        ${f.notes ? html`<div class="timeline-detail" data-test="follow-up-entry-notes">${f.notes}</div>` : ''}
        ${f.nextStep || f.nextAt ? html`<div class="small" data-test="follow-up-entry-next">${t('crm.followUp.nextStep')}: ${f.nextStep ?? ''}${f.nextAt ? ` · ${formatDateTime(f.nextAt)}` : ''}</div>` : ''}
        <div class="muted small">${relativeInstant(f.at)}${f.ownerName ? ` · ${f.ownerName}` : ''}</div>
      </div>
    </li>`;
  }

  view() {
    const list = this.items ?? [];
    return html`
      <section class="card card-pad follow-ups" data-test="follow-ups" @logged=${(e) => this.logged(e)}>
        <h2 class="section-title">${t('crm.followUp.title')}</h2>
        ${this.canLog ? html`<af-follow-up-form data-key="follow-up" .subject=${this.subject}></af-follow-up-form>` : ''}
        ${this.error ? html`<div class="alert alert-error" role="alert" data-test="follow-ups-error">${errorText(this.error)}</div>` : ''}
        ${list.length ? html`<ol class="timeline follow-up-list">${list.map((f) => this.entry(f))}</ol>`
          : html`<p class="muted small" data-test="follow-ups-empty">${this.items ? t('crm.followUp.none') : this.error ? '' : t('common.loading')}</p>`}
      </section>`;
  }
}
AfFollowUpList.define('af-follow-up-list');
