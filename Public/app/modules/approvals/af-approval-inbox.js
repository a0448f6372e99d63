// data-test: approvals-tab-<box> (todo, done, mine, cc), approvals-count-<box>, approvals-search, approvals-filter-state,
//            approvals-new, approvals-form-option (data-flow="yes|no"), approvals-form-no-flow, approvals-flows-link, approval-card,
//            approval-card-title, approval-card-summary, approval-select,
//            approvals-select-all, approvals-batch, batch-comment, batch-confirm, batch-cancel, batch-result, empty-list
// The approval inbox (#/approvals?box=todo&q=&state=&page=): 待我审批 / 我已审批 / 我发起的 / 抄送我的 with counts,
// search, a state filter, paged cards with the request's summary (摘要: amount, dates, …); on the todo tab several can be
// approved at once. "New request" lists the forms; one without an approval flow says so before it is opened.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { can } from '../../core/store.js';
import { debounce } from '../../core/debounce.js';
import { href, navigate } from '../../core/router.js';
import { notify } from '../../core/notify.js';
import { uuid } from '../../core/uuid.js';
import { icon } from '../../components/icons.js';
import { tabBar } from '../../components/tabs.js';
import { PAGE_SIZE, pageFrom, pageHeader, loadLatest } from '../../components/list-helpers.js';
import { APPROVAL_STATES, BOXES, approvalBadge, people, when } from './approval-util.js';
import { setWaiting } from './waiting.js';

const FILTERS = ['box', 'q', 'state', 'page'];
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

export class AfApprovalInbox extends AfElement {
  static properties = ['query'];

  constructor() {
    super();
    this.state = { loading: false, data: null, error: null };
    this.counts = null;
    this.forms = null;
    this.formsError = null;
    this.formsOpen = false;
    this.selected = new Set();
    this.batch = null; // { comment, busy, error, results }
    this.search = '';
    this.pushSearch = debounce(() => this.filter({ q: this.search.trim() }, true), 250);
  }

  get box() {
    const box = this.query?.box;
    return BOXES.includes(box) ? box : 'todo';
  }

  connected() {
    this.search = this.query?.q ?? '';
    this.reload();
    this.loadCounts();
    // #/approvals?compose=1 (the workbench's "New request") opens the form chooser at once.
    if (this.query?.compose === '1') this.toggleForms();
  }

  disconnected() {
    this.pushSearch.cancel();
  }

  changed(name, old) {
    const q = this.query ?? {};
    const o = old ?? {};
    if (FILTERS.some((k) => q[k] !== o[k])) {
      if (!this.contains(document.activeElement)) this.search = q.q ?? '';
      if (q.box !== o.box) this.selected = new Set();
      this.reload();
      this.loadCounts();
    }
  }

  filter(patch, replace = false) {
    navigate('/approvals', { ...this.query, ...patch, page: undefined }, { replace });
  }

  async load() {
    const q = this.query ?? {};
    await loadLatest(this, () => api.get('/approvals/instances', {
      box: this.box, q: q.q, state: q.state, page: pageFrom(q), limit: PAGE_SIZE,
    }));
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

  toggle(id, on) {
    if (on) this.selected.add(id);
    else this.selected.delete(id);
    this.requestUpdate();
  }

  selectable() {
    return (this.state.data?.items ?? []).filter((i) => i.myTaskId && i.state === 'pending');
  }

  openBatch() {
    this.batch = { comment: '', busy: false, error: null, results: null };
    this.requestUpdate();
  }

  async runBatch() {
    const b = this.batch;
    if (!b || b.busy) return;
    b.busy = true;
    b.error = null;
    this.requestUpdate();
    try {
      const results = await api.post('/approvals/tasks/batch-approve',
        { taskIds: [...this.selected], comment: b.comment.trim() || null }, { 'Idempotency-Key': uuid() });
      const ok = (results ?? []).filter((r) => r.status >= 200 && r.status < 300).length;
      const failed = (results ?? []).length - ok;
      notify(t('approvals.batchDone', { ok, failed }), failed ? 'error' : 'success');
      this.batch = failed ? { ...b, busy: false, results } : null;
      this.selected = new Set();
      this.reload();
      this.loadCounts();
    } catch (error) {
      b.busy = false;
      b.error = error;
    }
    this.requestUpdate();
  }

  tabLabel(box) {
    const count = this.counts?.[COUNT_KEY[box]];
    return html`<span>${t(`approvals.box.${box}`)}</span>${count ? html`<span class="tab-count ${box === 'todo' || box === 'cc' ? '' : 'is-muted'}" data-test="approvals-count-${box}">${count}</span>` : ''}`;
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

  summary(item) {
    if (!item.summary?.length) return '';
    return html`
      <dl class="approval-card-summary" data-test="approval-card-summary">
        ${item.summary.map((p) => html`<div class="approval-card-pair"><dt>${p.label}</dt><dd>${p.value}</dd></div>`)}
      </dl>`;
  }

  card(item) {
    const box = this.box;
    const canSelect = box === 'todo' && item.myTaskId && item.state === 'pending';
    const unread = box === 'cc' && item.myTaskId;
    return html`
      <li class="approval-card ${unread ? 'is-unread' : ''}" data-test="approval-card" data-key="${item.id}" data-id="${item.id}"
        @click=${(e) => { if (!e.target.closest('a, button, input, label')) navigate(`/approvals/${item.id}`); }}>
        ${canSelect ? html`
          <label class="approval-select" aria-label="${t('approvals.select', { title: item.title })}">
            <input type="checkbox" data-test="approval-select" .checked=${this.selected.has(item.myTaskId)}
              @change=${(e) => this.toggle(item.myTaskId, e.target.checked)}>
          </label>` : ''}
        <div class="approval-card-main">
          <div class="approval-card-head">
            <a class="approval-card-title" data-test="approval-card-title" href="${href(`/approvals/${item.id}`)}">${item.title}</a>
            ${approvalBadge(item.state)}
          </div>
          ${this.summary(item)}
          <div class="approval-card-meta muted small">
            <span>${item.number}</span>
            <span>${t('approvals.requestedBy', { name: item.requester?.name ?? '' })}</span>
            <span>${when(item.submittedAt)}</span>
          </div>
          ${item.state === 'pending' && item.currentStep ? html`
            <div class="approval-card-waiting small">
              ${icon('audit')}<span>${item.currentStep}${item.waitingFor?.length ? ` · ${t('approvals.waitingFor', { names: people(item.waitingFor) })}` : ''}</span>
            </div>` : ''}
        </div>
      </li>`;
  }

  batchDialog() {
    const b = this.batch;
    if (!b) return '';
    const close = () => { if (!this.batch?.busy) { this.batch = null; this.requestUpdate(); } };
    return html`
      <div class="dialog-backdrop" @click=${close}></div>
      <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="batch-title">
        <h2 class="section-title" id="batch-title">${t('approvals.batchTitle', { count: this.selected.size || (b.results?.length ?? 0) })}</h2>
        ${b.error ? html`<div class="alert alert-error" role="alert">${errorText(b.error)}</div>` : ''}
        ${b.results ? html`<ul class="batch-results" data-test="batch-result">
          ${b.results.filter((r) => r.status >= 300).map((r) => html`<li>${errorText({ code: r.code, message: r.code })}</li>`)}
        </ul>` : html`
          <label class="field">
            <span class="field-label">${t('approvals.comment')}</span>
            <textarea class="input textarea" data-test="batch-comment" .value=${b.comment}
              @input=${(e) => { this.batch.comment = e.target.value; }}></textarea>
          </label>`}
        <div class="form-actions">
          <button type="button" class="btn btn-secondary" data-test="batch-cancel" ?disabled=${b.busy} @click=${close}>${t(b.results ? 'common.close' : 'common.cancel')}</button>
          ${b.results ? '' : html`<button type="button" class="btn btn-primary" data-test="batch-confirm" ?disabled=${b.busy}
            @click=${() => this.runBatch()}>${t('approvals.approve')}</button>`}
        </div>
      </div>`;
  }

  view() {
    const q = this.query ?? {};
    const data = this.state.data;
    const box = this.box;
    const items = data?.items ?? [];
    const selectable = this.selectable();
    const allOn = selectable.length > 0 && selectable.every((i) => this.selected.has(i.myTaskId));
    return html`
      ${pageHeader(t('nav.approvals'), html`
        ${can('approvals.flow.manage') ? html`<a class="btn btn-secondary" href="${href('/approvals/flows')}" data-test="approvals-flows-link">${t('approvals.flows')}</a>` : ''}
        <button type="button" class="btn btn-primary" data-test="approvals-new" aria-expanded="${this.formsOpen ? 'true' : 'false'}"
          @click=${() => this.toggleForms()}>${icon('plus')}<span>${t('approvals.newRequest')}</span></button>`)}
      ${this.formsPanel()}
      <div class="approval-tabs">${tabBar(BOXES.map((b) => ({ id: b, label: this.tabLabel(b), testId: `approvals-tab-${b}` })), box,
        (id) => navigate('/approvals', { box: id === 'todo' ? undefined : id }), t('nav.approvals'))}</div>
      <div class="toolbar approval-toolbar">
        <label class="search-box">
          ${icon('search')}
          <input type="search" class="input" data-test="approvals-search" placeholder="${t('approvals.searchPlaceholder')}"
            aria-label="${t('approvals.searchPlaceholder')}" .value=${this.search}
            @input=${(e) => { this.search = e.target.value; this.pushSearch(); }}>
        </label>
        <select class="input select" data-test="approvals-filter-state" aria-label="${t('approvals.state')}" .value=${q.state ?? ''}
          @change=${(e) => this.filter({ state: e.target.value })}>
          <option value="">${t('approvals.allStates')}</option>
          ${APPROVAL_STATES.map((s) => html`<option value="${s}">${t(`approvals.states.${s}`)}</option>`)}
        </select>
      </div>
      ${box === 'todo' && selectable.length ? html`
        <div class="approval-batch-bar">
          <label class="check">
            <input type="checkbox" data-test="approvals-select-all" .checked=${allOn}
              @change=${(e) => { for (const i of this.selectable()) this.toggle(i.myTaskId, e.target.checked); }}>
            <span>${t('approvals.selectAll')}</span>
          </label>
          <button type="button" class="btn btn-primary" data-test="approvals-batch" ?disabled=${this.selected.size === 0}
            @click=${() => this.openBatch()}>${t('approvals.batchApprove')}${this.selected.size ? ` (${this.selected.size})` : ''}</button>
        </div>` : ''}
      ${this.state.error ? html`<div class="alert alert-error" role="alert">${errorText(this.state.error)}</div>` : ''}
      ${this.state.loading && !data ? html`<div class="card card-pad"><span class="spinner"></span> ${t('common.loading')}</div>` : ''}
      ${data && items.length === 0 ? html`<div class="card card-pad muted approval-empty" data-test="empty-list">${t(`approvals.empty.${box}`)}</div>` : ''}
      <ul class="approval-list ${this.state.loading ? 'is-loading' : ''}">${items.map((item) => this.card(item))}</ul>
      ${data && data.total > data.limit ? html`<af-pager .page=${data.page} .limit=${data.limit} .total=${data.total}
        @page-change=${(e) => navigate('/approvals', { ...q, page: e.detail.page })}></af-pager>` : ''}
      ${this.batchDialog()}`;
  }
}
AfApprovalInbox.define('af-approval-inbox');
