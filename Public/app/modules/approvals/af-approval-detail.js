// data-test: approval-title, approval-number, approval-state, approval-requester, approval-value, approval-fact,
//            approval-summary, approval-summary-line, approval-document, approval-timesheet, approval-timesheet-line,
//            approval-step (data-node, data-state), approval-task (data-state), approval-event (data-action), approval-error,
//            action-<name> (approve, reject, return, transfer, addSigner, withdraw, urge, comment, cc, resubmit),
//            dialog-comment, dialog-users, dialog-position, dialog-return-to, dialog-confirm, dialog-cancel, dialog-error,
//            edit-fields, edit-json, edit-save, back-link, approval-kept (a decision kept on the device)
// One request (#/approvals/<id>): what was asked, the steps as a progress line, the timeline, and the
// actions the server says the caller may take now. While pending it polls every 10 s (only while the
// tab is visible), so the requester sees progress without reloading. Decisions and comments go through the outbox
// (core/outbox.js): without a network they are kept on the device, and the page says so until the server has them.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText, has } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { href, navigate } from '../../core/router.js';
import { notify } from '../../core/notify.js';
import { uuid } from '../../core/uuid.js';
import { formatDecimal } from '../../core/format.js';
import { can, getUser } from '../../core/store.js';
import { icon } from '../../components/icons.js';
import { approvalBadge, modeBadge, people, when, actionText, eventText, valueList } from './approval-util.js';
import { loadFormFields } from './form-fields-loader.js';
import { commands, onOutboxChange, submit } from '../../core/outbox.js';

const LABEL = { approve: 'approve', reject: 'reject', comment: 'comment', transfer: 'transfer', addSigner: 'addSign', return: 'returnTo', withdraw: 'withdraw' };

const POLL_MS = 10000;
// Buttons in this order; the first is the main one.
const ACTIONS = ['approve', 'reject', 'return', 'transfer', 'addSigner', 'edit', 'resubmit', 'withdraw', 'urge', 'comment', 'cc'];
const TASK_ACTIONS = new Set(['approve', 'reject', 'return', 'transfer', 'addSigner']);
const TASK_MARK = {
  approved: '✓', rejected: '✕', returned: '↩', open: '●', waiting: '○', closed: '–', transferred: '↪',
  cancelled: '–', unread: '✉', read: '✓',
};

export class AfApprovalDetail extends AfElement {
  static properties = ['instanceId'];

  constructor() {
    super();
    this.data = null;
    this.form = null;
    this.names = {};
    this.loadError = null;
    this.error = null;
    this.dialog = null;
    this.editing = false;
    this.editJson = '';
    this.seq = 0;
    this.onVisible = () => {
      if (document.visibilityState === 'visible' && this.pending()) this.load();
    };
  }

  connected() {
    document.addEventListener('visibilitychange', this.onVisible);
    this.timer = setInterval(() => {
      if (document.visibilityState === 'visible' && this.pending() && !this.dialog?.busy && !this.editing) this.load();
    }, POLL_MS);
    this.offOutbox = onOutboxChange(() => this.lookAtOutbox());
    this.lookAtOutbox();
    this.reload();
  }

  // Decisions on this request kept on the device: shown as waiting; once sent, the request as it is now.
  async lookAtOutbox() {
    const id = String(this.instanceId ?? '').toLowerCase();
    const kept = (await commands()).filter((c) => String(c.recordId ?? '').toLowerCase() === id && (c.state === 'waiting' || c.state === 'sending'));
    if (this.kept?.length && !kept.length) this.load();
    this.kept = kept;
    this.requestUpdate();
  }

  disconnected() {
    this.offOutbox?.();
    clearInterval(this.timer);
    document.removeEventListener('visibilitychange', this.onVisible);
  }

  changed() {
    this.reload();
  }

  pending() {
    return this.data?.summary?.state === 'pending';
  }

  async load() {
    if (!this.instanceId) return;
    const seq = ++this.seq;
    try {
      const data = await api.get(`/approvals/instances/${encodeURIComponent(this.instanceId)}`);
      if (seq !== this.seq) return;
      this.data = data;
      this.loadError = null;
      if (data.formId && this.form?.id !== data.formId) this.loadForm(data.formId);
      if (data.summary?.subject === 'projects.timesheet' && data.summary.documentId && this.sheet?.id !== data.summary.documentId) this.loadSheet(data.summary.documentId);
    } catch (error) {
      if (seq !== this.seq) return;
      if (!this.data) this.loadError = error;
    }
    this.requestUpdate();
  }

  // A timesheet's lines (GET /projects/timesheets/{id}: the requester's own, or a colleague's for their manager).
  async loadSheet(id) {
    try {
      this.sheet = await api.get(`/projects/timesheets/${encodeURIComponent(id)}`);
    } catch {
      this.sheet = null; // out of the reader's reach: the facts say the week and the hours
    }
    this.requestUpdate();
  }

  sheetView() {
    const sheet = this.sheet;
    if (!sheet || this.data?.summary?.subject !== 'projects.timesheet') return '';
    return html`<table class="table approval-sheet" data-test="approval-timesheet">
      <thead><tr><th scope="col">${t('projects.time.day')}</th><th scope="col">${t('projects.timesheet.work')}</th>
        <th scope="col" class="num">${t('projects.time.hours')}</th></tr></thead>
      <tbody>${sheet.entries.map((e) => html`<tr data-test="approval-timesheet-line" data-key="${e.id}">
        <td>${e.day}</td>
        <td>${e.taskTitle ?? e.projectName ?? ''}${e.taskTitle && e.projectName ? html`<div class="muted small">${e.projectName}</div>` : ''}${e.note ? html`<div class="muted small">${e.note}</div>` : ''}</td>
        <td class="num">${t('projects.hours', { hours: formatDecimal(String(Number(e.hours))) })}</td>
      </tr>`)}</tbody>
    </table>`;
  }

  async loadForm(formId) {
    try {
      this.form = await api.get(`/approvals/forms/${encodeURIComponent(formId)}`);
      this.requestUpdate();
      await this.loadNames();
    } catch {
      // Without the form the values still show, by key.
    }
  }

  // user and department fields hold ids; show names.
  async loadNames() {
    const types = new Set((this.form?.schema?.fields ?? []).map((f) => f.type));
    const names = {};
    try {
      if (types.has('user')) {
        const page = await api.get('/org/employees', { limit: 200 });
        for (const e of page?.items ?? []) if (e.userId) names[e.userId] = e.name;
      }
      if (types.has('department')) {
        for (const d of (await api.get('/org/departments')) ?? []) names[d.id] = d.name;
      }
    } catch {
      return;
    }
    this.names = names;
    this.requestUpdate();
  }

  namedValues() {
    const values = { ...(this.data?.values ?? {}) };
    for (const f of this.form?.schema?.fields ?? []) {
      const v = values[f.key];
      if ((f.type === 'user' || f.type === 'department') && v != null) {
        values[f.key] = Array.isArray(v) ? v.map((id) => this.names[id] ?? id) : (this.names[v] ?? v);
      }
    }
    return values;
  }

  // ---- actions ----

  open(kind) {
    if (kind === 'edit' || kind === 'resubmit') {
      // A document is changed on its own page (its module asks for approval again); a form's values here.
      const s = this.data.summary;
      if (!this.data.formId && s.subject === 'sales.order' && s.documentId) navigate(`/orders/${s.documentId}/edit`);
      else this.startEdit();
      return;
    }
    if (kind === 'urge') {
      this.urge();
      return;
    }
    this.dialog = { kind, comment: '', users: [], position: 'after', toNodeId: '', busy: false, error: null };
    this.requestUpdate();
    queueMicrotask(() => this.querySelector('.dialog textarea')?.focus());
  }

  // Urging needs no words: one tap reminds whoever holds the request now (the server limits how often).
  async urge() {
    if (this.urging) return;
    this.urging = true;
    this.error = null;
    try {
      await api.post(`/approvals/instances/${encodeURIComponent(this.data.summary.id)}/urge`, undefined, { 'Idempotency-Key': uuid() });
      notify(t('approvals.done.urge'), 'success');
      this.load();
    } catch (error) {
      this.error = error;
    }
    this.urging = false;
    this.requestUpdate();
  }

  close() {
    if (this.dialog?.busy) return;
    this.dialog = null;
    this.requestUpdate();
  }

  request(kind) {
    const d = this.dialog;
    const s = this.data.summary;
    const task = s.myTaskId ? `/approvals/tasks/${encodeURIComponent(s.myTaskId)}` : null;
    const instance = `/approvals/instances/${encodeURIComponent(s.id)}`;
    const comment = d.comment.trim() || null;
    const ids = d.users.map((p) => p.id);
    switch (kind) {
      case 'approve': return [`${task}/approve`, { comment, nextApprovers: this.data.choosesNextApprovers ? ids : null }];
      case 'reject': return [`${task}/reject`, { comment }];
      case 'return': return [`${task}/return`, { toNodeId: d.toNodeId || null, comment }];
      case 'transfer': return [`${task}/transfer`, { to: ids[0], comment }];
      case 'addSigner': return [`${task}/add-signer`, { users: ids, position: d.position, comment }];
      case 'withdraw': return [`${instance}/withdraw`, { comment }];
      case 'comment': return [`${instance}/comment`, { comment, attachments: [] }];
      case 'cc': return [`${instance}/cc`, { users: ids }];
      default: return null;
    }
  }

  missing(d) {
    if (['transfer', 'addSigner', 'cc'].includes(d.kind) && d.users.length === 0) return t('approvals.choosePeople');
    if (d.kind === 'approve' && this.data.choosesNextApprovers && d.users.length === 0) return t('approvals.chooseNext');
    if (['reject', 'comment'].includes(d.kind) && !d.comment.trim()) return t('approvals.commentRequired');
    return null;
  }

  async confirm() {
    const d = this.dialog;
    if (!d || d.busy) return;
    const problem = this.missing(d);
    if (problem) {
      d.error = { code: 'approvals.missing', message: problem };
      this.requestUpdate();
      return;
    }
    const [path, body] = this.request(d.kind);
    d.busy = true;
    d.error = null;
    this.requestUpdate();
    try {
      const s = this.data.summary;
      const kept = await submit({
        method: 'POST', path, body, entity: 'approvals.instance', recordId: s.id, link: `/approvals/${s.id}`,
        label: { key: LABEL[d.kind] ? `sync.label.${LABEL[d.kind]}` : 'sync.label.comment', params: { number: s.number } },
      });
      if (kept.state === 'rejected') throw kept.error;
      if (kept.state === 'waiting') {
        this.dialog = null;
        this.error = null;
        notify(t('sync.savedOnDevice'), 'info');
        await this.lookAtOutbox();
        return;
      }
      const answer = kept.answer;
      if (answer?.summary) this.data = answer;
      this.dialog = null;
      this.error = null;
      notify(t(`approvals.done.${d.kind}`), 'success');
      this.load();
    } catch (error) {
      d.busy = false;
      d.key = null;
      if (error.status === 409 || error.status === 429) {
        // Someone else decided meanwhile, or an urge came too soon: the server's words, then the instance as it is now.
        this.dialog = null;
        this.error = error;
        this.load();
      } else {
        d.error = error;
      }
    }
    this.requestUpdate();
  }

  // A returned request: the requester changes the values and sends it again (PATCH with version).
  async startEdit() {
    this.editing = true;
    this.editJson = JSON.stringify(this.data.values ?? {}, null, 2);
    this.formFields = await loadFormFields();
    this.requestUpdate();
  }

  async saveEdit() {
    let values;
    try {
      values = this.formFields ? this.querySelector('af-form-fields').values : JSON.parse(this.editJson);
    } catch {
      this.error = { code: 'approvals.json', message: t('approvals.invalidJson') };
      this.requestUpdate();
      return;
    }
    try {
      this.data = await api.patch(`/approvals/instances/${encodeURIComponent(this.data.summary.id)}`,
        { values, version: this.data.version }, { 'Idempotency-Key': uuid() });
      this.editing = false;
      this.error = null;
      notify(t('approvals.done.edit'), 'success');
    } catch (error) {
      this.error = error;
      const fields = this.querySelector('af-form-fields');
      if (fields) fields.errors = error.fields ?? [];
    }
    this.requestUpdate();
  }

  // ---- view ----

  returnTargets() {
    const steps = this.data.steps ?? [];
    const active = steps.findIndex((s) => s.state === 'active');
    const before = (active < 0 ? steps : steps.slice(0, active))
      .filter((s) => (s.type === 'approver' || s.type === 'handler') && s.state === 'approved');
    const seen = new Set();
    return before.filter((s) => !seen.has(s.nodeId) && seen.add(s.nodeId));
  }

  dialogView() {
    const d = this.dialog;
    if (!d) return '';
    const users = ['transfer', 'addSigner', 'cc'].includes(d.kind) || (d.kind === 'approve' && this.data.choosesNextApprovers);
    const withComment = d.kind !== 'cc';
    return html`
      <div class="dialog-backdrop" @click=${() => this.close()}></div>
      <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="approval-dialog-title" data-test="approval-dialog" data-kind="${d.kind}"
        @keydown=${(e) => { if (e.key === 'Escape') this.close(); }}>
        <h2 class="section-title" id="approval-dialog-title">${actionText(d.kind)}</h2>
        ${d.error ? html`<div class="alert alert-error" role="alert" data-test="dialog-error">${errorText(d.error)}</div>` : ''}
        ${d.kind === 'return' ? html`
          <label class="field">
            <span class="field-label">${t('approvals.returnTo')}</span>
            <select class="input select" data-test="dialog-return-to" .value=${d.toNodeId}
              @change=${(e) => { this.dialog.toNodeId = e.target.value; }}>
              <option value="">${t('approvals.returnToRequester', { name: this.data.summary.requester?.name ?? '' })}</option>
              ${this.returnTargets().map((s) => html`<option value="${s.nodeId}">${s.name}</option>`)}
            </select>
          </label>` : ''}
        ${users ? html`
          <div class="field">
            <span class="field-label">${t(d.kind === 'transfer' ? 'approvals.transferTo' : d.kind === 'cc' ? 'approvals.ccTo'
              : d.kind === 'approve' ? 'approvals.chooseNext' : 'approvals.addSigners')}</span>
            <af-user-picker .testId=${'dialog-users'} .single=${d.kind === 'transfer'} .value=${d.users}
              @people-change=${(e) => { this.dialog.users = e.detail; this.requestUpdate(); }}></af-user-picker>
          </div>` : ''}
        ${d.kind === 'addSigner' ? html`
          <fieldset class="field approval-positions" data-test="dialog-position">
            <legend class="field-label">${t('approvals.position')}</legend>
            ${['before', 'after', 'alongside'].map((p) => html`
              <label class="check"><input type="radio" name="signer-position" value="${p}" .checked=${d.position === p}
                @change=${() => { this.dialog.position = p; this.requestUpdate(); }}><span>${t(`approvals.positions.${p}`)}</span></label>`)}
          </fieldset>` : ''}
        ${withComment ? html`
          <label class="field">
            <span class="field-label">${t('approvals.comment')}${['reject', 'comment'].includes(d.kind) ? html` <span class="required">*</span>` : ''}</span>
            <textarea class="input textarea" data-test="dialog-comment" rows="3" .value=${d.comment}
              placeholder="${t(`approvals.commentHint.${d.kind === 'approve' || d.kind === 'reject' ? d.kind : 'other'}`)}"
              @input=${(e) => { this.dialog.comment = e.target.value; }}></textarea>
          </label>` : ''}
        <div class="form-actions">
          <button type="button" class="btn btn-secondary" data-test="dialog-cancel" ?disabled=${d.busy} @click=${() => this.close()}>${t('common.cancel')}</button>
          <button type="button" class="btn ${d.kind === 'reject' ? 'btn-danger' : 'btn-primary'}" data-test="dialog-confirm" ?disabled=${d.busy}
            @click=${() => this.confirm()}>${actionText(d.kind)}</button>
        </div>
      </div>`;
  }

  actionBar(actions) {
    const list = ACTIONS.filter((a) => actions.includes(a));
    if (!list.length) return '';
    // Changing is the way forward only for a returned request; after approval it starts the flow again.
    const primary = new Set(['approve', 'resubmit', ...(this.data.summary.state === 'returned' ? ['edit'] : [])]);
    // On a phone the first two stay in the bar and the rest fold behind "More", opening above it.
    const folded = list.length > 3;
    const button = (a) => html`
      <button type="button" class="btn ${primary.has(a) ? 'btn-primary' : a === 'reject' ? 'btn-danger' : 'btn-secondary'}"
        data-test="action-${a}" @click=${() => { this.moreActions = false; this.open(a); }}>${actionText(a)}</button>`;
    return html`
      <div class="approval-actions ${this.moreActions ? 'is-expanded' : ''} ${folded ? 'is-folding' : ''}" role="group" aria-label="${t('approvals.actions')}">
        <div class="approval-actions-more">${list.slice(folded ? 2 : list.length).map(button)}</div>
        <div class="approval-actions-main">
          ${list.slice(0, folded ? 2 : list.length).map(button)}
          ${folded ? html`<button type="button" class="btn btn-secondary actions-more" data-test="actions-more"
            aria-expanded="${this.moreActions ? 'true' : 'false'}" @click=${() => { this.moreActions = !this.moreActions; this.requestUpdate(); }}>
            ${this.moreActions ? t('approvals.fewerActions') : t('nav.more')}</button>` : ''}
        </div>
      </div>`;
  }

  taskView(task) {
    const by = task.state === 'closed' && task.decidedBy ? t('approvals.decidedBy', { name: task.decidedBy.name }) : '';
    return html`
      <li class="approval-task task-${task.state}" data-test="approval-task" data-state="${task.state}" data-key="${task.id}">
        <span class="task-mark" aria-hidden="true">${TASK_MARK[task.state] ?? '•'}</span>
        <span class="task-who">${task.assignee.name}${task.onBehalfOf ? html` <span class="muted small">${t('approvals.onBehalfOf', { name: task.onBehalfOf.name })}</span>` : ''}</span>
        <span class="muted small">${t(`approvals.taskStates.${task.state}`)}${by ? ` · ${by}` : ''}${task.decidedAt ? ` · ${when(task.decidedAt)}` : ''}</span>
        ${task.comment ? html`<span class="task-comment">${task.comment}</span>` : ''}
      </li>`;
  }

  stepsView(d) {
    const s = d.summary;
    return html`
      <ol class="approval-steps">
        <li class="approval-step step-approved" data-test="approval-step" data-node="start" data-state="approved">
          <span class="step-dot" aria-hidden="true"></span>
          <div class="step-body">
            <div class="step-head"><strong>${t('approvals.start')}</strong></div>
            <ul class="approval-tasks"><li class="approval-task task-approved"><span class="task-mark" aria-hidden="true">✓</span>
              <span class="task-who">${s.requester?.name}</span><span class="muted small">${when(s.submittedAt)}</span></li></ul>
          </div>
        </li>
        ${(d.steps ?? []).map((step) => html`
          <li class="approval-step step-${step.state} step-type-${step.type}" data-test="approval-step" data-node="${step.nodeId}"
            data-state="${step.state}" data-key="${step.id}">
            <span class="step-dot" aria-hidden="true"></span>
            <div class="step-body">
              <div class="step-head">
                <strong>${step.name}</strong>
                ${step.type === 'cc' ? html`<span class="badge badge-muted">${t('approvals.nodeTypes.cc')}</span>` : modeBadge(step.mode, step.tasks?.length ?? 0)}
                <span class="muted small">${t(`approvals.stepStates.${step.state}`)}</span>
              </div>
              <ul class="approval-tasks">${(step.tasks ?? []).map((task) => this.taskView(task))}</ul>
            </div>
          </li>`)}
        <li class="approval-step step-end ${s.state === 'approved' ? 'step-approved' : ''}" data-node="end">
          <span class="step-dot" aria-hidden="true"></span>
          <div class="step-body"><div class="step-head"><strong>${t('approvals.end')}</strong>
            ${s.decidedAt ? html`<span class="muted small">${t(`approvals.states.${s.state}`)} · ${when(s.decidedAt)}</span>` : ''}</div></div>
        </li>
      </ol>`;
  }

  timelineView(d) {
    const events = [...(d.timeline ?? [])].reverse();
    return html`
      <ol class="history approval-timeline">
        ${events.map((e) => html`
          <li class="history-entry approval-event event-${e.action}" data-test="approval-event" data-action="${e.action}" data-key="${e.id}">
            <span class="history-dot" aria-hidden="true"></span>
            <div class="history-body">
              <div class="history-head">
                <strong>${e.actor?.name ?? t('approvals.system')}</strong>
                <span>${eventText(e.action)}</span>
                ${e.stepName ? html`<span class="muted">· ${e.stepName}</span>` : ''}
                ${e.onBehalfOf ? html`<span class="muted small">${t('approvals.onBehalfOf', { name: e.onBehalfOf.name })}</span>` : ''}
              </div>
              <div class="muted small"><time datetime="${e.at}">${when(e.at)}</time></div>
              ${e.text ? html`<div class="small">${e.text}</div>` : ''}
              ${e.comment ? html`<blockquote class="approval-comment" data-test="approval-event-comment">${e.comment}</blockquote>` : ''}
            </div>
          </li>`)}
      </ol>`;
  }

  factsView(d) {
    // The facts are what flow conditions test; they show when each has a label (a sales order's). Otherwise (keys and
    // ids such as a leave request's `type` and `department`) the document's own summary, the inbox card's lines in the
    // reader's language, says what a person needs.
    const lines = d.summary?.summary ?? [];
    const labelled = Object.keys(d.facts ?? {}).every((k) => has(`approvals.facts.${k}`));
    if (lines.length && !labelled) {
      return html`
        <dl class="fields" data-test="approval-summary">
          ${lines.map((p) => html`<div class="field-pair" data-test="approval-summary-line"><dt>${p.label}</dt><dd>${p.value}</dd></div>`)}
        </dl>`;
    }
    const facts = Object.entries(d.facts ?? {});
    if (!facts.length) return '';
    return html`
      <dl class="fields">
        ${facts.map(([k, v]) => html`<div class="field-pair" data-test="approval-fact" data-fact="${k}">
          <dt>${has(`approvals.facts.${k}`) ? t(`approvals.facts.${k}`) : k}</dt>
          <dd>${/^-?\d+(\.\d+)?$/.test(v) ? formatDecimal(v) : v}</dd></div>`)}
      </dl>`;
  }

  editView() {
    return html`
      <section class="card card-pad section-gap approval-edit">
        <h2 class="section-title">${t('approvals.editValues')}</h2>
        ${this.formFields && this.form
          ? html`<af-form-fields data-test="edit-fields" .schema=${this.form.schema} .values=${this.data.values ?? {}}></af-form-fields>`
          : html`<textarea class="input textarea input-mono approval-json" data-test="edit-json" rows="8" .value=${this.editJson}
              @input=${(e) => { this.editJson = e.target.value; }}></textarea>`}
        <div class="form-actions">
          <button type="button" class="btn btn-secondary" @click=${() => { this.editing = false; this.requestUpdate(); }}>${t('common.cancel')}</button>
          <button type="button" class="btn btn-primary" data-test="edit-save" @click=${() => this.saveEdit()}>${t('approvals.saveAndResubmit')}</button>
        </div>
      </section>`;
  }

  // Where the document behind a request is read. A claim has its own page (lines and receipts); a leave request and an
  // attendance correction have none: the requester finds them among their own, a manager on the team's week or month.
  documentTarget(s, facts) {
    const mine = Boolean(s.requester?.id) && s.requester.id.toLowerCase() === String(getUser()?.id ?? '').toLowerCase();
    switch (s.subject) {
      case 'sales.order': return [`/orders/${s.documentId}`, {}, 'approvals.openDocument'];
      case 'expenses.claim': return [`/expenses/${s.documentId}`, {}, 'approvals.document.claim'];
      case 'projects.timesheet':
        return mine ? ['/timesheet', this.sheet?.weekStart ? { week: this.sheet.weekStart } : {}, 'approvals.document.myTimesheet'] : null;
      case 'leave.request':
        if (mine) return ['/leave', {}, 'approvals.document.myLeave'];
        return can('leave.request.read') ? ['/leave/team', facts.startDate ? { week: facts.startDate } : {}, 'approvals.document.teamLeave'] : null;
      case 'attendance.correction': {
        const month = /^\d{4}-\d{2}/.test(facts.date ?? '') ? { month: facts.date.slice(0, 7) } : {};
        if (mine) return ['/attendance/month', month, 'approvals.document.myMonth'];
        return can('attendance.record.read') ? ['/attendance/team', month, 'approvals.document.teamMonth'] : null;
      }
      default: return null;
    }
  }

  documentLink(s, facts = {}) {
    const target = s.documentId ? this.documentTarget(s, facts) : null;
    if (!target) return '';
    const [path, query, label] = target;
    return html`<a class="approval-document" href="${href(path, query)}" data-test="approval-document"><span>${t(label)}</span>${icon('chevron')}</a>`;
  }

  view() {
    const back = html`<a class="back-link" href="${href('/approvals')}" data-test="back-link">${icon('back')}<span>${t('nav.approvals')}</span></a>`;
    if (this.loadError) return html`${back}<div class="alert alert-error" role="alert">${errorText(this.loadError)}</div>`;
    const d = this.data;
    if (!d) return html`${back}<div class="card card-pad"><span class="spinner"></span> ${t('common.loading')}</div>`;
    const s = d.summary;
    return html`
      ${back}
      <div class="page-header approval-header">
        <div>
          <div class="title-with-badge">
            <h1 class="page-title" data-test="approval-title">${s.title}</h1>
            ${approvalBadge(s.state, 'approval-state')}
          </div>
          <div class="muted small approval-header-meta">
            <span data-test="approval-number">${s.number}</span>
            <span data-test="approval-requester">${t('approvals.requestedBy', { name: s.requester?.name ?? '' })}</span>
            <span>${when(s.submittedAt)}</span>
            ${this.documentLink(s, d.facts ?? {})}
          </div>
          ${this.kept?.length ? html`<div class="approval-kept" data-test="approval-kept">
            <a class="badge waiting-badge" href="${href('/sync')}">${t('sync.waitingBadge')}</a>
            <span class="muted small">${this.kept.map((c) => t(c.label?.key ?? 'sync.waitingBadge', c.label?.params ?? {})).join(' · ')}</span></div>` : ''}
          ${s.state === 'pending' && s.currentStep ? html`<div class="approval-waiting" data-test="approval-waiting">
            ${t('approvals.currentStep', { step: s.currentStep })}${s.waitingFor?.length ? ` · ${t('approvals.waitingFor', { names: people(s.waitingFor) })}` : ''}</div>` : ''}
        </div>
      </div>
      ${this.error ? html`<div class="alert alert-error" role="alert" data-test="approval-error">${this.error.message || errorText(this.error)}</div>` : ''}
      ${this.editing ? this.editView() : ''}
      <div class="approval-detail-grid">
        <section class="card card-pad approval-what">
          <h2 class="section-title">${t('approvals.details')}</h2>
          ${d.values ? valueList(this.form?.schema, this.namedValues()) : ''}
          ${d.values ? '' : this.factsView(d)}
          ${this.sheetView()}
        </section>
        <section class="card card-pad approval-progress">
          <h2 class="section-title">${t('approvals.progress')}</h2>
          ${this.stepsView(d)}
        </section>
        <section class="card card-pad approval-history">
          <h2 class="section-title">${t('approvals.timeline')}</h2>
          ${this.timelineView(d)}
        </section>
      </div>
      ${this.editing ? '' : this.actionBar(d.actions ?? [])}
      ${this.dialogView()}`;
  }
}
AfApprovalDetail.define('af-approval-detail');
