// A flow definition as the designer edits it (the server's FlowDefinition), and where a validation
// error's `field` path (`nodes[2].branches[0].conditions[0].values`) points.

export const APPROVER_KINDS = ['users', 'role', 'manager', 'departmentHead', 'managerChain', 'requesterChoice', 'requester',
  'formField', 'previousApproverChoice'];
export const MODES = ['sequential', 'all', 'any'];
export const OPERATORS = ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'in', 'notIn', 'between'];
export const NO_APPROVER = ['administrator', 'autoApprove', 'skip'];
export const REQUESTER_IS_APPROVER = ['nextManager', 'autoApprove', 'allow'];
// '' follows the company's setting (approve once for new companies).
export const SAME_APPROVER = ['', 'approveOnce', 'approveAgain'];
export const TIMEOUT_ACTIONS = ['escalate', 'approve', 'reject'];
export const ADDABLE = ['approver', 'handler', 'cc', 'condition'];

// Ids stay stable across versions and must be unique in the definition: [A-Za-z0-9_-]{1,40}.
export function newId(prefix, definition) {
  const used = new Set();
  walk(definition?.nodes, (n) => {
    used.add(n.id);
    for (const b of n.branches ?? []) used.add(b.id);
  });
  for (;;) {
    const id = `${prefix}_${Math.random().toString(36).slice(2, 8)}`;
    if (!used.has(id)) return id;
  }
}

export function walk(nodes, fn) {
  for (const n of nodes ?? []) {
    fn(n);
    for (const b of n.branches ?? []) walk(b.nodes, fn);
  }
}

export function newBranch(definition, priority, isDefault = false) {
  return { id: newId('b', definition), name: '', priority, isDefault, conditions: isDefault ? [] : [{ subject: 'field.amount', op: 'gt', values: [''] }], nodes: [] };
}

export function newNode(type, definition) {
  const id = newId(type === 'condition' ? 'c' : 'n', definition);
  switch (type) {
    case 'approver':
      return { id, type, name: '', approvers: [{ kind: 'manager', level: 1 }], mode: 'any' };
    case 'handler':
      return { id, type, name: '', approvers: [{ kind: 'users', userIds: [] }], mode: 'any' };
    case 'cc':
      return { id, type, name: '', approvers: [{ kind: 'users', userIds: [] }] };
    case 'condition': {
      const node = { id, type, name: '', branches: [] };
      const d = { nodes: [...(definition?.nodes ?? []), node] };
      node.branches.push(newBranch(d, 1));
      node.branches.push(newBranch(d, 2, true));
      return node;
    }
    default:
      return { id, type };
  }
}

export function newRule(kind) {
  switch (kind) {
    case 'users': return { kind, userIds: [] };
    case 'role': return { kind, roleKey: '', roleScope: 'requesterDepartment' };
    case 'manager': return { kind, level: 1 };
    case 'departmentHead': return { kind, level: 1 };
    case 'formField': return { kind, field: '' };
    default: return { kind };
  }
}

export function defaultDefinition() {
  return { nodes: [{ id: 'n_manager', type: 'approver', name: '', approvers: [{ kind: 'manager', level: 1 }], mode: 'any' }] };
}

// The definition as the server wants it: empty optional parts left out.
export function cleanDefinition(definition) {
  const clean = (nodes) => (nodes ?? []).map((n) => {
    const out = { id: n.id, type: n.type };
    if (n.name?.trim()) out.name = n.name.trim();
    if (n.type === 'approver' || n.type === 'handler' || n.type === 'cc') {
      out.approvers = (n.approvers ?? []).map((r) => {
        const rule = { kind: r.kind };
        if (r.kind === 'users') rule.userIds = r.userIds ?? [];
        if (r.kind === 'role') {
          rule.roleKey = r.roleKey ?? '';
          if (r.roleScope) rule.roleScope = r.roleScope;
        }
        if (['manager', 'departmentHead', 'managerChain'].includes(r.kind) && r.level != null && r.level !== '') rule.level = Number(r.level);
        if (r.kind === 'manager' && r.fromTop) rule.fromTop = true;
        if (r.kind === 'formField') rule.field = r.field ?? '';
        return rule;
      });
    }
    if (n.type === 'approver' || n.type === 'handler') {
      if (n.mode) out.mode = n.mode;
      if (n.mode === 'all' && n.minimum && (n.minimum.count || n.minimum.percent)) {
        out.minimum = n.minimum.count ? { count: Number(n.minimum.count) } : { percent: Number(n.minimum.percent) };
      }
      const rules = Object.fromEntries(Object.entries(n.rules ?? {}).filter(([, v]) => v));
      if (Object.keys(rules).length) out.rules = rules;
      const timeout = {};
      if (n.timeout?.remindAfterHours) timeout.remindAfterHours = Number(n.timeout.remindAfterHours);
      if (n.timeout?.actAfterHours) {
        timeout.actAfterHours = Number(n.timeout.actAfterHours);
        timeout.action = n.timeout.action || 'escalate';
      }
      if (Object.keys(timeout).length) out.timeout = timeout;
    }
    if (n.type === 'condition') {
      out.branches = (n.branches ?? []).map((b) => ({
        id: b.id,
        ...(b.name?.trim() ? { name: b.name.trim() } : {}),
        priority: Number(b.priority) || 1,
        isDefault: Boolean(b.isDefault),
        conditions: b.isDefault ? [] : (b.conditions ?? []).map((c) => ({ subject: c.subject, op: c.op, values: (c.values ?? []).map((v) => String(v).trim()) })),
        nodes: clean(b.nodes),
      }));
    }
    return out;
  });
  return { nodes: clean(definition?.nodes) };
}

// Server errors by the node or branch they point at: Map(object → [{rest, message}]), plus the ones
// that point at nothing on screen.
export function placeErrors(definition, fields, text) {
  const placed = new Map();
  const loose = [];
  for (const f of fields ?? []) {
    const tokens = [...String(f.field ?? '').matchAll(/([A-Za-z_]+)(?:\[(\d+)\])?/g)].map((m) => ({ name: m[1], index: m[2] == null ? null : Number(m[2]) }));
    let obj = { definition };
    let owner = null;
    let ownerAt = 0;
    let i = 0;
    if (tokens[0]?.name === 'definition') i = 1;
    obj = definition;
    for (; i < tokens.length && obj; i++) {
      const tk = tokens[i];
      let next = obj[tk.name];
      if (tk.index != null) next = next?.[tk.index];
      if (next && (tk.name === 'nodes' || tk.name === 'branches') && tk.index != null) {
        owner = next;
        ownerAt = i + 1;
      }
      obj = next;
    }
    const message = text(f);
    if (owner) {
      const rest = tokens.slice(ownerAt).map((tk) => (tk.index == null ? tk.name : `${tk.name}[${tk.index}]`)).join('.');
      if (!placed.has(owner)) placed.set(owner, []);
      placed.get(owner).push({ rest, message });
    } else {
      loose.push({ field: f.field, message });
    }
  }
  return { placed, loose };
}
