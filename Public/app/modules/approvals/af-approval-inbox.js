// data-test: approvals-tab-<box> (todo, done, mine, cc), approvals-count-<box>, approvals-new, approvals-form-option (data-flow="yes|no"),
//            approvals-form-no-flow, approvals-flows-link, approval-row (data-id = instance id), approval-search, approval-export,
//            approval-export-xlsx, approval-card-title, approval-card-summary, list-bulk-approve (and those of af-data-list)
// The approval inbox (#/approvals?box=todo&q=&state=&sort=&page=) on the shared list (components/af-data-list.js):
// 待我审批 / 我已审批 / 我发起的 / 抄送我的 with counts; sort by any column, filters per column, export; a table on a
// desktop, cards on a phone, each with the request's summary (摘要: amount, dates, …). Several selected requests are
// approved at once (bulk "approve": each through the approve action, a result per request). "New request" lists the
// forms; one without an approval flow says so before it is opened.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { can } from '../../core/store.js';
import { href, navigate } from '../../core/router.js';
import { icon } from '../../components/icons.js';
import { tabBar } from '../../components/tabs.js';
import '../../components/af-data-list.js';
import { BOXES, approvalBadge, people, when } from './approval-util.js';
import { setWaiting } from './waiting.js';

const COUNT_KEY = { todo: 'todo', done: 'done', mine: 'mine', cc: 'ccUnread' };

function groupBy(list, key) {
  const groups = new Map();
  for (const item of list) {
    const k = key(item);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(item);
  }
  return [...groups];
}

function summary(item) {
  if (!item.summary?.length) return '';
  return html`
    <dl class="approval-card-summary" data-test="approval-card-summary">
      ${item.summary.map((p) => html`<div class="approval-card-pair"><dt>${p.label}</dt><dd>${p.value}</dd></div>`)}
    </dl>`;
}

export class AfApprovalInbox extends AfElement {
  static properties = ['query'];

  constructor() {
    super();
    this.counts = null;
    this.forms = null;
    this.formsError = null;
    this.formsOpen = false;
    this.configs = {};
  }

  get box() {
    const box = this.query?.box;
    return BOXES.includes(box) ? box : 'todo';
  }

  connected() {
    this.loadCounts();
    // #/approvals?compose=1 (the workbench's "New request") opens the form chooser at once.
    if (this.query?.compose === '1') this.toggleForms();
  }

  changed(name, old) {
    if (JSON.stringify(this.query ?? {}) !== JSON.stringify(old ?? {})) this.loadCounts();
  }

  async loadCounts() {
    try {
      this.counts = await api.get('/approvals/inbox/counts');
      setWaiting(this.counts?.todo ?? 0);
    } catch {
      this.counts = null;
    }
    this.requestUpdate();
  }

  async toggleForms() {
    this.formsOpen = !this.formsOpen;
    this.requestUpdate();
    if (!this.formsOpen || this.forms) return;
    try {
      const list = await api.get('/approvals/forms');
      this.forms = (Array.isArray(list) ? list : list?.items ?? []).filter((f) => !f.archived);
      this.formsError = null;
    } catch (error) {
      this.formsError = error;
    }
    this.requestUpdate();
  }

  tabLabel(box) {
    const count = this.counts?.[COUNT_KEY[box]];
    return html`<span>${t(`approvals.box.${box}`)}</span>${count ? html`<span class="tab-count ${box === 'todo' || box === 'cc' ? '' : 'is-muted'}" data-test="approvals-count-${box}">${count}</span>` : ''}`;
  }

  // One list configuration per box: a new box is a new list (its own selection), in the same URL.
  config(box) {
    if (this.configs[box]) return this.configs[box];
    this.configs[box] = {
      key: 'approvals.inbox',
      endpoint: '/approvals/instances',
      path: '/approvals',
      title: 'nav.approvals',
      testId: 'approval',
      keep: ['box'],
      search: 'approvals.searchPlaceholder',
      rowHref: (i) => `/approvals/${i.id}`,
      cells: {
        title: { render: (i) => html`<span class="approval-card-title ${box === 'cc' && i.myTaskId ? 'is-unread' : ''}" data-test="approval-card-title">${i.title}</span>
          <span class="muted small approval-list-number">${i.number}</span>` },
        summary: { render: summary },
        requesterName: { render: (i) => i.requester?.name ?? '' },
        state: { render: (i) => approvalBadge(i.state) },
        currentStep: { render: (i) => (i.state === 'pending' && i.currentStep
          ? html`<span class="approval-card-waiting small">${icon('audit')}<span>${i.currentStep}${i.waitingFor?.length ? ` · ${t('approvals.waitingFor', { names: people(i.waitingFor) })}` : ''}</span></span>`
          : '') },
        submittedAt: { render: (i) => html`<span class="nowrap">${when(i.submittedAt)}</span>` },
        decidedAt: { render: (i) => (i.decidedAt ? html`<span class="nowrap">${when(i.decidedAt)}</span>` : '') },
      },
      values: { state: (s) => t(`approvals.states.${s}`) },
      empty: () => t(`approvals.empty.${box}`),
      actions: () => html`
        ${can('approvals.flow.manage') ? html`<a class="btn btn-secondary" href="${href('/approvals/flows')}" data-test="approvals-flows-link">${t('approvals.flows')}</a>` : ''}
        <button type="button" class="btn btn-primary" data-test="approvals-new" aria-expanded="${this.formsOpen ? 'true' : 'false'}"
          @click=${() => this.toggleForms()}>${icon('plus')}<span>${t('approvals.newRequest')}</span></button>`,
      before: () => html`
        ${this.formsPanel()}
        <div class="approval-tabs">${tabBar(BOXES.map((b) => ({ id: b, label: this.tabLabel(b), testId: `approvals-tab-${b}` })), this.box,
          (id) => navigate('/approvals', { box: id === 'todo' ? undefined : id }), t('nav.approvals'))}</div>`,
    };
    return this.configs[box];
  }

  list() {
    return this.querySelector('af-data-list');
  }

  // The forms panel and the tab counts live in the list's `before`: draw the list again when they change.
  requestUpdate() {
    super.requestUpdate();
    this.list()?.requestUpdate();
  }

  formsPanel() {
    if (!this.formsOpen) return '';
    return html`
      <section class="card card-pad approval-forms" aria-label="${t('approvals.chooseForm')}">
        <h2 class="section-title">${t('approvals.chooseForm')}</h2>
        ${this.formsError ? html`<div class="alert alert-error" role="alert">${errorText(this.formsError)}</div>` : ''}
        ${!this.forms && !this.formsError ? html`<span class="spinner"></span> ${t('common.loading')}` : ''}
        ${this.forms && this.forms.length === 0 ? html`<p class="muted">${t('approvals.noForms')}</p>` : ''}
        ${groupBy(this.forms ?? [], (f) => f.category || '').map(([category, forms]) => html`
          ${category ? html`<h3 class="approval-form-category">${category}</h3>` : ''}
          <div class="approval-form-grid">
            ${forms.map((f) => this.formOption(f))}
          </div>`)}
      </section>`;
  }

  formOption(f) {
    const icon = html`<span class="approval-form-icon form-icon-${f.icon || 'general'}" aria-hidden="true">${(f.name ?? '?').slice(0, 1)}</span>`;
    if (f.hasFlow !== false) {
      return html`
        <a class="approval-form-option" href="${href(`/approvals/new/${f.id}`)}" data-test="approvals-form-option" data-key="${f.id}" data-id="${f.id}" data-flow="yes">
          ${icon}<span class="approval-form-text"><strong>${f.name}</strong>
            ${f.description ? html`<span class="muted small">${f.description}</span>` : ''}</span>
        </a>`;
    }
    // Nobody could submit it: say so here, before the requester fills it in.
    return html`
      <div class="approval-form-option is-unavailable" data-test="approvals-form-option" data-key="${f.id}" data-id="${f.id}" data-flow="no"
        aria-disabled="true">
        ${icon}<span class="approval-form-text"><strong>${f.name}</strong>
          <span class="small approval-form-no-flow" data-test="approvals-form-no-flow">${t('approvals.formNoFlow')}</span>
          ${can('approvals.form.manage') ? html`<a class="small" href="${href(`/approvals/forms/${f.id}`)}">${t('approvals.formNoFlowDesign')}</a>` : ''}</span>
      </div>`;
  }

  view() {
    return html`<af-data-list .config=${this.config(this.box)} .query=${this.query}
      @bulk-done=${() => this.loadCounts()}></af-data-list>`;
  }
}
AfApprovalInbox.define('af-approval-inbox');
