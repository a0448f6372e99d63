// data-test: flow-name, flow-version, flow-node (data-node, data-type), flow-node-toggle, flow-node-remove, flow-add (a slot),
//            flow-add-<type> (approver, handler, cc, condition, end), flow-node-name, flow-rule (data-kind), flow-rule-kind,
//            flow-rule-users, flow-rule-role, flow-rule-scope, flow-rule-level, flow-rule-fromtop, flow-rule-field, flow-rule-remove,
//            flow-rule-add, flow-mode, flow-minimum-kind, flow-minimum-value, flow-no-approver, flow-requester-is-approver,
//            flow-same-approver, flow-remind-hours, flow-act-hours, flow-timeout-action, flow-branch (data-branch),
//            flow-branch-toggle, flow-branch-name, flow-branch-priority, flow-branch-default, flow-branch-add, flow-branch-remove,
//            flow-condition, flow-condition-subject, flow-condition-op, flow-condition-value, flow-condition-add,
//            flow-condition-remove, flow-error (next to a node or branch), flow-errors (the rest), flow-valid, flow-validate,
//            flow-save, preview-requester, preview-key, preview-value, preview-add, preview-run, preview-step, preview-error
// The flow designer (#/approvals/flows/<id>): a vertical node list like DingTalk's, start → nodes → end, a "+" between
// any two nodes, condition groups with their branches side by side (stacked on a phone), each branch a node list of its
// own. Validation errors from the server sit next to the node or branch their `field` path names. A preview answers
// "who approves if X submits this".
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t, errorText, fieldErrorText, has } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { can } from '../../core/store.js';
import { href } from '../../core/router.js';
import { notify } from '../../core/notify.js';
import { uuid } from '../../core/uuid.js';
import { icon } from '../../components/icons.js';
import { roleLabel } from '../roles/role-text.js';
import { modeBadge } from './approval-util.js';
import { conditionSubjects } from './form-fields-loader.js';
import {
  APPROVER_KINDS, MODES, OPERATORS, NO_APPROVER, REQUESTER_IS_APPROVER, SAME_APPROVER, TIMEOUT_ACTIONS, ADDABLE,
  newNode, newBranch, newRule, cleanDefinition, placeErrors, walk,
} from './flow-model.js';

const clone = (v) => JSON.parse(JSON.stringify(v));

// The part of a node or branch an error's path goes on to name, in words: "conditions[0].values" → "Condition 1".
function where(rest) {
  const m = /^(conditions|approvers|branches)\[(\d+)\]/.exec(rest ?? '');
  if (!m) return '';
  return t(`approvals.errorAt.${m[1]}`, { n: Number(m[2]) + 1 });
}
const PEOPLE_NODES = new Set(['approver', 'handler', 'cc']);

export class AfFlowDesigner extends AfElement {
  static properties = ['flowId'];

  constructor() {
    super();
    this.flow = null;
    this.name = '';
    this.definition = null;
    this.loadError = null;
    this.form = null;
    this.roles = null;
    this.settings = null;
    this.departments = [];
    this.names = {};
    this.selected = null;
    this.adding = null;
    this.errors = { placed: new Map(), loose: [] };
    this.error = null;
    this.valid = false;
    this.busy = false;
    this.dirty = false;
    this.preview = { requester: [], values: [{ key: 'amount', value: '' }], result: null, error: null, busy: false };
  }

  connected() {
    this.reload();
    api.get('/org/employees', { limit: 200 }).then((page) => {
      for (const e of page?.items ?? []) if (e.userId) this.names[e.userId] = e.name;
      this.requestUpdate();
    }).catch(() => {});
    api.get('/org/departments').then((list) => { this.departments = list ?? []; this.requestUpdate(); }).catch(() => {});
    // The company's "same approver" rule, named on the option nodes fall back to.
    api.get('/approvals/settings').then((settings) => { this.settings = settings; this.requestUpdate(); }).catch(() => {});
    if (can('auth.role.read')) api.get('/auth/roles').then((list) => { this.roles = list ?? []; this.requestUpdate(); }).catch(() => {});
  }

  changed() {
    this.reload();
  }

  async load() {
    try {
      const flow = await api.get(`/approvals/flows/${encodeURIComponent(this.flowId)}`);
      this.adopt(flow);
      this.loadError = null;
      const formId = /^form\.(.+)$/.exec(flow.subject)?.[1];
      if (formId && this.form?.id !== formId) {
        api.get(`/approvals/forms/${encodeURIComponent(formId)}`).then((form) => {
          this.form = form;
          const keys = conditionSubjects(form.schema).filter((s) => s.field && ['number', 'money', 'computed'].includes(s.field.type));
          if (keys.length && !this.preview.values.some((v) => v.value)) {
            this.preview.values = keys.map((s) => ({ key: s.value.slice(6), value: '' }));
          }
          this.requestUpdate();
        }).catch(() => {});
      }
    } catch (error) {
      this.loadError = error;
    }
    this.requestUpdate();
  }

  adopt(flow) {
    this.flow = flow;
    this.name = flow.name;
    this.definition = clone(flow.definition ?? { nodes: [] });
    this.errors = { placed: new Map(), loose: [] };
    this.dirty = false;
  }

  touch() {
    this.dirty = true;
    this.valid = false;
    this.requestUpdate();
  }

  // ---- server ----

  showErrors(error) {
    this.errors = placeErrors(this.definition, error.fields ?? [], fieldErrorText);
    this.error = error.fields?.length ? null : error;
  }

  async validate() {
    this.busy = true;
    this.error = null;
    this.valid = false;
    this.requestUpdate();
    try {
      await api.post('/approvals/flows/validate', { name: this.name.trim(), definition: cleanDefinition(this.definition) });
      this.errors = { placed: new Map(), loose: [] };
      this.valid = true;
    } catch (error) {
      this.showErrors(error);
    }
    this.busy = false;
    this.requestUpdate();
  }

  async save() {
    if (this.busy) return;
    this.busy = true;
    this.error = null;
    this.valid = false;
    this.requestUpdate();
    try {
      const saved = await api.put(`/approvals/flows/${encodeURIComponent(this.flow.id)}`,
        { name: this.name.trim(), definition: cleanDefinition(this.definition), version: this.flow.version }, { 'Idempotency-Key': uuid() });
      this.adopt(saved);
      notify(t('approvals.flowSaved', { version: saved.currentVersion }), 'success');
    } catch (error) {
      if (error.status === 409) {
        // Someone saved a newer version meanwhile: keep these edits on screen, offer theirs.
        this.stale = error.current ?? true;
        this.error = null;
      } else {
        this.showErrors(error);
      }
    }
    this.busy = false;
    this.requestUpdate();
  }

  async runPreview() {
    const p = this.preview;
    if (!p.requester.length) {
      p.error = { code: 'approvals.missing', message: t('approvals.previewNeedsRequester') };
      this.requestUpdate();
      return;
    }
    p.busy = true;
    p.error = null;
    this.requestUpdate();
    try {
      const values = Object.fromEntries(p.values.filter((v) => v.key.trim() && v.value.trim()).map((v) => [v.key.trim(), v.value.trim()]));
      p.result = await api.post('/approvals/flows/preview', { definition: cleanDefinition(this.definition), requesterId: p.requester[0].id, values });
      this.errors = { placed: new Map(), loose: [] };
    } catch (error) {
      p.result = null;
      if (error.fields?.length) this.showErrors(error);
      p.error = error;
    }
    p.busy = false;
    this.requestUpdate();
  }

  // ---- editing ----

  insert(list, index, type) {
    const node = newNode(type, this.definition);
    list.splice(index, 0, node);
    this.adding = null;
    this.selected = type === 'condition' ? null : node;
    this.touch();
  }

  removeNode(list, node) {
    const i = list.indexOf(node);
    if (i >= 0) list.splice(i, 1);
    if (this.selected === node) this.selected = null;
    this.touch();
  }

  move(list, node, step) {
    const i = list.indexOf(node);
    const j = i + step;
    if (i < 0 || j < 0 || j >= list.length) return;
    [list[i], list[j]] = [list[j], list[i]];
    this.touch();
  }

  select(target) {
    this.selected = this.selected === target ? null : target;
    this.requestUpdate();
  }

  // ---- labels ----

  typeLabel(type) {
    return t(`approvals.nodeTypes.${type}`);
  }

  ruleSummary(rule) {
    const kind = t(`approvals.kinds.${rule.kind}`);
    switch (rule.kind) {
      case 'users': return (rule.userIds ?? []).map((id) => this.names[id] ?? id).join(t('approvals.listSeparator')) || kind;
      case 'role': return `${kind}: ${this.roleName(rule.roleKey)}`;
      case 'manager': return t(rule.fromTop ? 'approvals.managerFromTop' : 'approvals.managerLevel', { level: rule.level ?? 1 });
      case 'departmentHead': return t('approvals.deptHeadLevel', { level: rule.level ?? 1 });
      case 'managerChain': return rule.level ? t('approvals.chainTo', { level: rule.level }) : t('approvals.chainTop');
      case 'formField': return `${kind}: ${this.fieldLabel(rule.field)}`;
      default: return kind;
    }
  }

  roleName(key) {
    const role = (this.roles ?? []).find((r) => r.key === key);
    return role ? roleLabel(role) : (key || '—');
  }

  fieldLabel(key) {
    return (this.form?.schema?.fields ?? []).find((f) => f.key === key)?.label ?? key ?? '';
  }

  subjects() {
    const list = [
      { value: 'requester', label: t('approvals.subject.requester') },
      { value: 'department', label: t('approvals.subject.department') },
      ...conditionSubjects(this.form?.schema),
    ];
    if (!this.form) list.push({ value: 'field.amount', label: t('approvals.facts.amount') });
    return list;
  }

  conditionSummary(c) {
    const subject = this.subjects().find((s) => s.value === c.subject)?.label ?? c.subject;
    const names = (c.values ?? []).map((v) => (c.subject === 'requester' ? this.names[v] ?? v
      : c.subject === 'department' ? this.departments.find((d) => d.id === v)?.name ?? v
        : this.optionLabel(c.subject, v)));
    const value = c.op === 'between' ? names.join(' – ') : names.join(t('approvals.listSeparator'));
    return `${subject} ${t(`approvals.ops.${c.op}`)} ${value}`;
  }

  optionLabel(subject, value) {
    const field = this.subjects().find((s) => s.value === subject)?.field;
    return field?.options?.find((o) => o.value === value)?.label ?? value;
  }

  errorsFor(target) {
    const list = this.errors.placed.get(target);
    if (!list?.length) return '';
    return html`<ul class="flow-error" data-test="flow-error" role="alert">
      ${list.map((e) => html`<li>${where(e.rest) ? html`<strong>${where(e.rest)}:</strong> ` : ''}${e.message}</li>`)}</ul>`;
  }

  // ---- node list ----

  addSlot(list, index) {
    const open = this.adding?.list === list && this.adding.index === index;
    const types = [...ADDABLE, ...(list === this.definition.nodes ? [] : ['end'])];
    return html`
      <li class="flow-slot ${open ? 'is-open' : ''}">
        <button type="button" class="flow-add" data-test="flow-add" aria-expanded="${open ? 'true' : 'false'}" aria-label="${t('approvals.addNode')}"
          @click=${() => { this.adding = open ? null : { list, index }; this.requestUpdate(); }}>${icon('plus')}</button>
        ${open ? html`<div class="flow-add-menu" role="menu">
          ${types.map((type) => html`<button type="button" role="menuitem" class="btn btn-secondary btn-small flow-type-${type}"
            data-test="flow-add-${type}" @click=${() => this.insert(list, index, type)}>${this.typeLabel(type)}</button>`)}
        </div>` : ''}
      </li>`;
  }

  nodeList(list) {
    return html`
      <ol class="flow-list">
        ${this.addSlot(list, 0)}
        ${list.map((node, i) => html`
          ${node.type === 'condition' ? this.conditionNode(node, list) : this.nodeCard(node, list)}
          ${this.addSlot(list, i + 1)}`)}
      </ol>`;
  }

  nodeCard(node, list) {
    const open = this.selected === node;
    const placed = this.errors.placed.get(node)?.length;
    const summary = node.type === 'end' ? t('approvals.endHere')
      : (node.approvers ?? []).map((r) => this.ruleSummary(r)).join(' + ') || t('approvals.nobodyYet');
    return html`
      <li class="flow-node flow-type-${node.type} ${open ? 'is-open' : ''} ${placed ? 'has-error' : ''}" data-test="flow-node"
        data-node="${node.id}" data-type="${node.type}" data-key="${node.id}">
        <div class="flow-node-card">
          <button type="button" class="flow-node-head" data-test="flow-node-toggle" aria-expanded="${open ? 'true' : 'false'}"
            ?disabled=${node.type === 'end'} @click=${() => this.select(node)}>
            <span class="flow-node-type">${this.typeLabel(node.type)}</span>
            <strong class="flow-node-title">${node.name || this.typeLabel(node.type)}</strong>
            <span class="flow-node-summary">${summary}
              ${PEOPLE_NODES.has(node.type) && node.type !== 'cc' ? modeBadge(node.mode, 2) : ''}</span>
          </button>
          <div class="flow-node-tools">
            <button type="button" class="btn btn-ghost btn-small" aria-label="${t('approvals.moveUp')}" ?disabled=${list.indexOf(node) === 0}
              @click=${() => this.move(list, node, -1)}>↑</button>
            <button type="button" class="btn btn-ghost btn-small" aria-label="${t('approvals.moveDown')}" ?disabled=${list.indexOf(node) === list.length - 1}
              @click=${() => this.move(list, node, 1)}>↓</button>
            <button type="button" class="btn btn-ghost btn-small" data-test="flow-node-remove" aria-label="${t('approvals.removeNode')}"
              @click=${() => this.removeNode(list, node)}>${icon('close')}</button>
          </div>
          ${this.errorsFor(node)}
          ${open ? this.nodeEditor(node) : ''}
        </div>
      </li>`;
  }

  conditionNode(node, list) {
    const branches = [...(node.branches ?? [])].sort((a, b) => (a.isDefault - b.isDefault) || (a.priority - b.priority));
    return html`
      <li class="flow-node flow-type-condition" data-test="flow-node" data-node="${node.id}" data-type="condition" data-key="${node.id}">
        <div class="flow-condition-head">
          <span class="flow-node-type">${this.typeLabel('condition')}</span>
          <button type="button" class="btn btn-secondary btn-small" data-test="flow-branch-add" @click=${() => {
            const priority = Math.max(0, ...node.branches.filter((b) => !b.isDefault).map((b) => Number(b.priority) || 0)) + 1;
            node.branches.push(newBranch(this.definition, priority));
            this.touch();
          }}>${icon('plus')}<span>${t('approvals.addBranch')}</span></button>
          <button type="button" class="btn btn-ghost btn-small" data-test="flow-node-remove" aria-label="${t('approvals.removeNode')}"
            @click=${() => this.removeNode(list, node)}>${icon('close')}</button>
        </div>
        ${this.errorsFor(node)}
        <div class="flow-branches">
          ${branches.map((b) => this.branchColumn(b, node))}
        </div>
      </li>`;
  }

  branchColumn(branch, node) {
    const open = this.selected === branch;
    const placed = this.errors.placed.get(branch)?.length;
    return html`
      <div class="flow-branch ${branch.isDefault ? 'is-default' : ''} ${placed ? 'has-error' : ''}" data-test="flow-branch" data-branch="${branch.id}" data-key="${branch.id}">
        <div class="flow-branch-card ${open ? 'is-open' : ''}">
          <button type="button" class="flow-node-head" data-test="flow-branch-toggle" aria-expanded="${open ? 'true' : 'false'}" @click=${() => this.select(branch)}>
            <span class="flow-node-type">${branch.isDefault ? t('approvals.defaultBranch') : t('approvals.priority', { priority: branch.priority })}</span>
            <strong class="flow-node-title">${branch.name || (branch.isDefault ? t('approvals.defaultBranch') : t('approvals.branch'))}</strong>
            <span class="flow-node-summary">${branch.isDefault ? t('approvals.otherwise')
              : (branch.conditions ?? []).map((c) => this.conditionSummary(c)).join(` ${t('approvals.and')} `) || t('approvals.noConditions')}</span>
          </button>
          ${this.errorsFor(branch)}
          ${open ? this.branchEditor(branch, node) : ''}
        </div>
        ${this.nodeList(branch.nodes)}
      </div>`;
  }

  // ---- editors ----

  nodeEditor(node) {
    const people = PEOPLE_NODES.has(node.type);
    const decides = node.type === 'approver' || node.type === 'handler';
    const set = (fn) => (e) => { fn(e.target); this.touch(); };
    return html`
      <div class="flow-editor" data-test="flow-editor">
        <label class="field">
          <span class="field-label">${t('approvals.nodeName')}</span>
          <input class="input" data-test="flow-node-name" .value=${node.name ?? ''} placeholder="${this.typeLabel(node.type)}"
            @input=${set((el) => { node.name = el.value; })}>
        </label>
        ${people ? html`
          <div class="field">
            <span class="field-label">${t(node.type === 'cc' ? 'approvals.ccPeople' : node.type === 'handler' ? 'approvals.handlers' : 'approvals.approvers')}</span>
            ${(node.approvers ?? []).map((rule, i) => this.ruleEditor(node, rule, i))}
            <button type="button" class="btn btn-ghost btn-small flow-rule-add" data-test="flow-rule-add"
              @click=${() => { (node.approvers ??= []).push(newRule('users')); this.touch(); }}>${icon('plus')}<span>${t('approvals.addRule')}</span></button>
          </div>` : ''}
        ${decides ? html`
          <div class="flow-editor-row">
            <label class="field">
              <span class="field-label">${t('approvals.mode')}</span>
              <select class="input select" data-test="flow-mode" .value=${node.mode ?? 'any'} @change=${set((el) => { node.mode = el.value; })}>
                ${MODES.map((m) => html`<option value="${m}">${t(`approvals.modeLong.${m}`)}</option>`)}
              </select>
            </label>
            ${node.mode === 'all' ? html`
              <label class="field">
                <span class="field-label">${t('approvals.minimum')}</span>
                <select class="input select" data-test="flow-minimum-kind" .value=${node.minimum?.count ? 'count' : node.minimum?.percent ? 'percent' : ''}
                  @change=${set((el) => { node.minimum = el.value === 'count' ? { count: 1 } : el.value === 'percent' ? { percent: 50 } : null; })}>
                  <option value="">${t('approvals.minimumAll')}</option>
                  <option value="count">${t('approvals.minimumCount')}</option>
                  <option value="percent">${t('approvals.minimumPercent')}</option>
                </select>
              </label>
              ${node.minimum?.count || node.minimum?.percent ? html`
                <label class="field">
                  <span class="field-label">${node.minimum.count ? t('approvals.minimumCount') : t('approvals.minimumPercent')}</span>
                  <input class="input input-num" type="number" min="1" max="${node.minimum.count ? '' : '100'}" data-test="flow-minimum-value"
                    .value=${String(node.minimum.count ?? node.minimum.percent ?? '')}
                    @input=${set((el) => { if (node.minimum.count != null) node.minimum.count = el.value; else node.minimum.percent = el.value; })}>
                </label>` : ''}` : ''}
          </div>
          <details class="flow-advanced">
            <summary>${t('approvals.specialRules')}</summary>
            <div class="flow-editor-row">
              ${this.ruleSelect(node, 'noApprover', NO_APPROVER, 'flow-no-approver')}
              ${this.ruleSelect(node, 'requesterIsApprover', REQUESTER_IS_APPROVER, 'flow-requester-is-approver')}
              ${this.ruleSelect(node, 'sameApprover', SAME_APPROVER, 'flow-same-approver')}
            </div>
            <div class="flow-editor-row">
              <label class="field">
                <span class="field-label">${t('approvals.remindAfter')}</span>
                <input class="input input-num" type="number" min="1" max="720" data-test="flow-remind-hours" .value=${String(node.timeout?.remindAfterHours ?? '')}
                  @input=${set((el) => { (node.timeout ??= {}).remindAfterHours = el.value; })}>
              </label>
              <label class="field">
                <span class="field-label">${t('approvals.actAfter')}</span>
                <input class="input input-num" type="number" min="1" max="720" data-test="flow-act-hours" .value=${String(node.timeout?.actAfterHours ?? '')}
                  @input=${set((el) => { (node.timeout ??= {}).actAfterHours = el.value; })}>
              </label>
              <label class="field">
                <span class="field-label">${t('approvals.timeoutAction')}</span>
                <select class="input select" data-test="flow-timeout-action" .value=${node.timeout?.action ?? 'escalate'}
                  @change=${set((el) => { (node.timeout ??= {}).action = el.value; })}>
                  ${TIMEOUT_ACTIONS.map((a) => html`<option value="${a}">${t(`approvals.timeoutActions.${a}`)}</option>`)}
                </select>
              </label>
            </div>
          </details>` : ''}
      </div>`;
  }

  ruleSelect(node, name, choices, testId) {
    return html`
      <label class="field">
        <span class="field-label">${t(`approvals.rules.${name}`)}</span>
        <select class="input select" data-test="${testId}" .value=${node.rules?.[name] ?? choices[0]}
          @change=${(e) => { (node.rules ??= {})[name] = e.target.value; this.touch(); }}>
          ${choices.map((c) => html`<option value="${c}">${c ? t(`approvals.rules.${name}.${c}`)
            : t(`approvals.rules.${name}.company`, { rule: t(`approvals.rules.${name}.${this.settings?.[name] ?? 'approveOnce'}`) })}</option>`)}
        </select>
      </label>`;
  }

  ruleEditor(node, rule, i) {
    const userFields = (this.form?.schema?.fields ?? []).filter((f) => f.type === 'user');
    const replace = (kind) => { node.approvers[i] = newRule(kind); this.touch(); };
    return html`
      <div class="flow-rule" data-test="flow-rule" data-kind="${rule.kind}">
        <select class="input select" data-test="flow-rule-kind" aria-label="${t('approvals.ruleKind')}" .value=${rule.kind}
          @change=${(e) => replace(e.target.value)}>
          ${APPROVER_KINDS.map((k) => html`<option value="${k}">${t(`approvals.kinds.${k}`)}</option>`)}
        </select>
        ${rule.kind === 'users' ? html`
          <af-user-picker .testId=${'flow-rule-users'} .value=${(rule.userIds ?? []).map((id) => ({ id, label: this.names[id] ?? id }))}
            @people-change=${(e) => { rule.userIds = e.detail.map((p) => p.id); for (const p of e.detail) this.names[p.id] = p.label; this.touch(); }}></af-user-picker>` : ''}
        ${rule.kind === 'role' ? html`
          ${this.roles ? html`
            <select class="input select" data-test="flow-rule-role" aria-label="${t('approvals.kinds.role')}" .value=${rule.roleKey ?? ''}
              @change=${(e) => { rule.roleKey = e.target.value; this.touch(); }}>
              <option value="">—</option>
              ${this.roles.map((r) => html`<option value="${r.key}">${roleLabel(r)}</option>`)}
            </select>` : html`
            <input class="input" data-test="flow-rule-role" aria-label="${t('approvals.kinds.role')}" .value=${rule.roleKey ?? ''}
              @input=${(e) => { rule.roleKey = e.target.value; this.touch(); }}>`}
          <select class="input select" data-test="flow-rule-scope" aria-label="${t('approvals.roleScope')}" .value=${rule.roleScope ?? 'requesterDepartment'}
            @change=${(e) => { rule.roleScope = e.target.value; this.touch(); }}>
            <option value="requesterDepartment">${t('approvals.roleScopes.requesterDepartment')}</option>
            <option value="company">${t('approvals.roleScopes.company')}</option>
          </select>` : ''}
        ${['manager', 'departmentHead', 'managerChain'].includes(rule.kind) ? html`
          <label class="input-with-suffix flow-level">
            <span class="muted small">${t(rule.kind === 'managerChain' ? 'approvals.upToLevel' : 'approvals.level')}</span>
            <input class="input input-num" type="number" min="1" max="20" data-test="flow-rule-level" .value=${String(rule.level ?? '')}
              placeholder="${rule.kind === 'managerChain' ? t('approvals.top') : '1'}"
              @input=${(e) => { rule.level = e.target.value === '' ? null : Number(e.target.value); this.touch(); }}>
          </label>` : ''}
        ${rule.kind === 'manager' ? html`
          <label class="check flow-fromtop"><input type="checkbox" data-test="flow-rule-fromtop" .checked=${Boolean(rule.fromTop)}
            @change=${(e) => { rule.fromTop = e.target.checked; this.touch(); }}><span>${t('approvals.fromTop')}</span></label>` : ''}
        ${rule.kind === 'formField' ? html`
          ${userFields.length ? html`
            <select class="input select" data-test="flow-rule-field" aria-label="${t('approvals.kinds.formField')}" .value=${rule.field ?? ''}
              @change=${(e) => { rule.field = e.target.value; this.touch(); }}>
              <option value="">—</option>
              ${userFields.map((f) => html`<option value="${f.key}">${f.label}</option>`)}
            </select>` : html`
            <input class="input" data-test="flow-rule-field" aria-label="${t('approvals.kinds.formField')}" .value=${rule.field ?? ''}
              @input=${(e) => { rule.field = e.target.value; this.touch(); }}>`}` : ''}
        <button type="button" class="btn btn-ghost btn-small flow-rule-remove" data-test="flow-rule-remove" aria-label="${t('approvals.removeRule')}"
          @click=${() => { node.approvers.splice(i, 1); this.touch(); }}>${icon('close')}</button>
      </div>`;
  }

  branchEditor(branch, node) {
    return html`
      <div class="flow-editor" data-test="flow-editor">
        <div class="flow-editor-row">
          <label class="field">
            <span class="field-label">${t('approvals.branchName')}</span>
            <input class="input" data-test="flow-branch-name" .value=${branch.name ?? ''} @input=${(e) => { branch.name = e.target.value; this.touch(); }}>
          </label>
          ${branch.isDefault ? '' : html`
            <label class="field">
              <span class="field-label">${t('approvals.priorityLabel')}</span>
              <input class="input input-num" type="number" min="1" data-test="flow-branch-priority" .value=${String(branch.priority)}
                @input=${(e) => { branch.priority = Number(e.target.value) || 1; this.touch(); }}>
            </label>`}
        </div>
        <label class="check">
          <input type="checkbox" data-test="flow-branch-default" .checked=${branch.isDefault}
            @change=${(e) => {
              for (const b of node.branches) b.isDefault = false;
              branch.isDefault = e.target.checked;
              this.touch();
            }}><span>${t('approvals.defaultBranchHint')}</span>
        </label>
        ${branch.isDefault ? '' : html`
          <div class="field">
            <span class="field-label">${t('approvals.conditions')}</span>
            ${(branch.conditions ?? []).map((c, i) => this.conditionEditor(branch, c, i))}
            <button type="button" class="btn btn-ghost btn-small" data-test="flow-condition-add"
              @click=${() => { (branch.conditions ??= []).push({ subject: this.subjects()[2]?.value ?? 'field.amount', op: 'gt', values: [''] }); this.touch(); }}>
              ${icon('plus')}<span>${t('approvals.addCondition')}</span></button>
          </div>`}
        <div class="flow-editor-row">
          <button type="button" class="btn btn-ghost btn-small" data-test="flow-branch-remove" ?disabled=${node.branches.length <= 2}
            @click=${() => { node.branches.splice(node.branches.indexOf(branch), 1); this.selected = null; this.touch(); }}>${t('approvals.removeBranch')}</button>
        </div>
      </div>`;
  }

  conditionEditor(branch, c, i) {
    const subjects = this.subjects();
    if (!subjects.some((s) => s.value === c.subject)) subjects.push({ value: c.subject, label: c.subject });
    const field = subjects.find((s) => s.value === c.subject)?.field;
    const many = c.op === 'in' || c.op === 'notIn';
    const setValues = (values) => { c.values = values; this.touch(); };
    let input;
    if (c.subject === 'requester') {
      input = html`<af-user-picker .testId=${'flow-condition-value'} .single=${!many} .value=${(c.values ?? []).filter(Boolean).map((id) => ({ id, label: this.names[id] ?? id }))}
        @people-change=${(e) => { for (const p of e.detail) this.names[p.id] = p.label; setValues(e.detail.map((p) => p.id)); }}></af-user-picker>`;
    } else if (c.subject === 'department' || field?.options?.length) {
      const options = c.subject === 'department' ? this.departments.filter((d) => !d.archived).map((d) => ({ value: d.id, label: d.name })) : field.options;
      input = many
        ? html`<div class="role-checks">${options.map((o) => html`
            <label class="check-chip ${c.values.includes(o.value) ? 'is-on' : ''}"><input type="checkbox" data-test="flow-condition-value" .checked=${c.values.includes(o.value)}
              @change=${(e) => setValues(e.target.checked ? [...c.values.filter(Boolean), o.value] : c.values.filter((v) => v !== o.value))}><span>${o.label}</span></label>`)}</div>`
        : html`<select class="input select" data-test="flow-condition-value" .value=${c.values[0] ?? ''} @change=${(e) => setValues([e.target.value])}>
            <option value="">—</option>${options.map((o) => html`<option value="${o.value}">${o.label}</option>`)}</select>`;
    } else if (c.op === 'between') {
      input = html`<span class="flow-between">
        <input class="input input-num" data-test="flow-condition-value" aria-label="${t('approvals.low')}" .value=${c.values[0] ?? ''}
          @input=${(e) => { c.values = [e.target.value, c.values[1] ?? '']; this.touch(); }}>
        <span>–</span>
        <input class="input input-num" data-test="flow-condition-value" aria-label="${t('approvals.high')}" .value=${c.values[1] ?? ''}
          @input=${(e) => { c.values = [c.values[0] ?? '', e.target.value]; this.touch(); }}></span>`;
    } else {
      const type = field?.type === 'date' ? 'date' : 'text';
      input = html`<input class="input" type="${type}" data-test="flow-condition-value" aria-label="${t('approvals.value')}"
        inputmode="${['number', 'money', 'computed'].includes(field?.type) || c.subject.startsWith('sum(') ? 'decimal' : 'text'}"
        placeholder="${many ? t('approvals.commaSeparated') : ''}" .value=${(c.values ?? []).join(', ')}
        @input=${(e) => setValues(many ? e.target.value.split(',').map((v) => v.trim()) : [e.target.value])}>`;
    }
    return html`
      <div class="flow-condition" data-test="flow-condition">
        <select class="input select" data-test="flow-condition-subject" aria-label="${t('approvals.subjectLabel')}" .value=${c.subject}
          @change=${(e) => { c.subject = e.target.value; c.values = ['']; this.touch(); }}>
          ${subjects.map((s) => html`<option value="${s.value}">${s.label}</option>`)}
        </select>
        <select class="input select" data-test="flow-condition-op" aria-label="${t('approvals.opLabel')}" .value=${c.op}
          @change=${(e) => { c.op = e.target.value; if (c.op === 'between' && c.values.length < 2) c.values = [c.values[0] ?? '', '']; this.touch(); }}>
          ${OPERATORS.map((o) => html`<option value="${o}">${t(`approvals.ops.${o}`)}</option>`)}
        </select>
        <div class="flow-condition-value">${input}</div>
        <button type="button" class="btn btn-ghost btn-small" data-test="flow-condition-remove" aria-label="${t('approvals.removeCondition')}"
          @click=${() => { branch.conditions.splice(i, 1); this.touch(); }}>${icon('close')}</button>
      </div>`;
  }

  // ---- preview ----

  previewPanel() {
    const p = this.preview;
    return html`
      <section class="card card-pad flow-preview" aria-labelledby="flow-preview-title">
        <h2 class="section-title" id="flow-preview-title">${t('approvals.preview')}</h2>
        <p class="muted small">${t('approvals.previewHint')}</p>
        <div class="field">
          <span class="field-label">${t('approvals.requester')}</span>
          <af-user-picker .testId=${'preview-requester'} .single=${true} .value=${p.requester}
            @people-change=${(e) => { this.preview.requester = e.detail; this.requestUpdate(); }}></af-user-picker>
        </div>
        ${p.values.map((v, i) => html`
          <div class="flow-preview-value">
            <input class="input" data-test="preview-key" aria-label="${t('approvals.valueKey')}" .value=${v.key}
              @input=${(e) => { this.preview.values[i].key = e.target.value; }}>
            <input class="input" data-test="preview-value" aria-label="${v.key || t('approvals.value')}" inputmode="decimal"
              placeholder="${this.fieldLabel(v.key) || t('approvals.value')}" .value=${v.value}
              @input=${(e) => { this.preview.values[i].value = e.target.value; }}
              @keydown=${(e) => { if (e.key === 'Enter') this.runPreview(); }}>
          </div>`)}
        <div class="flow-editor-row">
          <button type="button" class="btn btn-ghost btn-small" data-test="preview-add"
            @click=${() => { this.preview.values.push({ key: '', value: '' }); this.requestUpdate(); }}>${icon('plus')}<span>${t('approvals.addValue')}</span></button>
          <button type="button" class="btn btn-secondary" data-test="preview-run" ?disabled=${p.busy} @click=${() => this.runPreview()}>${t('approvals.runPreview')}</button>
        </div>
        ${p.error ? html`<div class="alert alert-error" role="alert" data-test="preview-error">${errorText(p.error)}</div>` : ''}
        ${p.result ? html`
          ${p.result.branches?.length ? html`<p class="small">${t('approvals.branchesTaken')}: ${p.result.branches.map((id) => this.branchName(id)).join(' → ')}</p>` : ''}
          <ol class="flow-preview-steps">
            ${p.result.steps.map((s) => html`
              <li data-test="preview-step" data-node="${s.nodeId}">
                <strong>${s.name || this.typeLabel(s.type)}</strong> ${s.type === 'cc' ? html`<span class="badge badge-muted">${this.typeLabel('cc')}</span>` : modeBadge(s.mode, s.assignees.length)}
                <div>${s.assignees.map((a) => a.name).join(t('approvals.listSeparator')) || html`<span class="muted">${t('approvals.nobody')}</span>`}</div>
                ${s.note ? html`<div class="muted small">${has(`approvals.notes.${s.note}`) ? t(`approvals.notes.${s.note}`) : s.note}</div>` : ''}
              </li>`)}
          </ol>` : ''}
      </section>`;
  }

  branchName(id) {
    let name = id;
    walk(this.definition.nodes, (n) => {
      const b = (n.branches ?? []).find((x) => x.id === id);
      if (b) name = b.name || (b.isDefault ? t('approvals.defaultBranch') : t('approvals.priority', { priority: b.priority }));
    });
    return name;
  }

  view() {
    const back = html`<a class="back-link" href="${href('/approvals/flows')}" data-test="back-link">${icon('back')}<span>${t('approvals.flows')}</span></a>`;
    if (this.loadError) return html`${back}<div class="alert alert-error" role="alert">${errorText(this.loadError)}</div>`;
    if (!this.definition) return html`${back}<div class="card card-pad"><span class="spinner"></span> ${t('common.loading')}</div>`;
    const f = this.flow;
    return html`
      ${back}
      <div class="page-header flow-header">
        <div class="title-with-badge">
          <h1 class="page-title">${t('approvals.designer')}</h1>
          <span class="badge badge-muted" data-test="flow-version">${t('approvals.version', { version: f.currentVersion })}</span>
          ${this.dirty ? html`<span class="badge badge-warning">${t('approvals.unsaved')}</span>` : ''}
        </div>
        <div class="page-actions">
          <button type="button" class="btn btn-secondary" data-test="flow-validate" ?disabled=${this.busy} @click=${() => this.validate()}>${t('approvals.validate')}</button>
          <button type="button" class="btn btn-primary" data-test="flow-save" ?disabled=${this.busy} @click=${() => this.save()}>${this.busy ? t('common.saving') : t('common.save')}</button>
        </div>
      </div>
      <div class="card card-pad flow-meta">
        <label class="field">
          <span class="field-label">${t('approvals.flowName')}</span>
          <input class="input" data-test="flow-name" .value=${this.name} @input=${(e) => { this.name = e.target.value; this.touch(); }}>
        </label>
        <div class="muted small">${this.form ? t('approvals.forForm', { name: this.form.name }) : has(`approvals.subjects.${f.subject}`) ? t(`approvals.subjects.${f.subject}`) : f.subject}</div>
      </div>
      ${this.stale ? html`<div class="alert alert-warning" role="alert" data-test="flow-stale">${t('approvals.flowStale')}
        <button type="button" class="btn btn-secondary btn-small" data-test="flow-load-theirs"
          @click=${() => { this.stale = null; this.load(); }}>${t('approvals.loadTheirs')}</button></div>` : ''}
      ${this.valid ? html`<div class="alert alert-success" role="status" data-test="flow-valid">${t('approvals.flowValid')}</div>` : ''}
      ${this.error ? html`<div class="alert alert-error" role="alert">${errorText(this.error)}</div>` : ''}
      ${this.errors.loose.length ? html`<div class="alert alert-error" role="alert" data-test="flow-errors"><ul>
        ${this.errors.loose.map((e) => html`<li>${e.message} <span class="small">(${e.field})</span></li>`)}</ul></div>` : ''}
      <div class="flow-layout">
        <div class="flow-canvas card card-pad">
          <div class="flow-terminal flow-start" data-test="flow-start">${t('approvals.start')}<span class="muted small">${t('approvals.startHint')}</span></div>
          ${this.nodeList(this.definition.nodes)}
          <div class="flow-terminal flow-end" data-test="flow-end">${t('approvals.end')}</div>
        </div>
        ${this.previewPanel()}
      </div>`;
  }
}
AfFlowDesigner.define('af-flow-designer');

