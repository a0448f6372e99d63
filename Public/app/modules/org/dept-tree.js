// The flat department list (GET /org/departments, parentId links) as a tree, and the choices of a
// parent for the department form.
import { api } from '../../core/api.js';

// [{ dept, depth, children }] roots first, siblings by name. A parent that is missing from the list
// makes its children roots, so nothing ever disappears.
export function buildTree(departments, { archived = true } = {}) {
  const visible = departments.filter((d) => archived || !d.archived);
  const ids = new Set(visible.map((d) => d.id));
  const children = new Map();
  for (const d of visible) {
    const parent = d.parentId && ids.has(d.parentId) && d.parentId !== d.id ? d.parentId : null;
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent).push(d);
  }
  const byName = (a, b) => a.name.localeCompare(b.name);
  const seen = new Set();
  const walk = (parent, depth) => (children.get(parent) ?? []).sort(byName).filter((d) => !seen.has(d.id)).map((d) => {
    seen.add(d.id);
    return { dept: d, depth, children: walk(d.id, depth + 1) };
  });
  return walk(null, 0);
}

// Depth-first choices for a <select>, each labelled with its path ("Sales › Sales USA"), which
// reads the same in the open list and in the closed box.
export function choices(departments, { archived = false, exclude = new Set() } = {}) {
  const out = [];
  const walk = (nodes, path) => {
    for (const node of nodes) {
      const label = [...path, node.dept.name];
      if (!exclude.has(node.dept.id)) out.push({ id: node.dept.id, label: label.join(' › '), depth: node.depth });
      walk(node.children, label);
    }
  };
  walk(buildTree(departments, { archived }), []);
  return out;
}

// The department itself and everything under it: never a valid new parent for it.
// The current departments as filter choices (labelled with their path); none when they cannot be read, so a
// filter simply offers nothing rather than breaking its page.
export async function departmentChoices() {
  try {
    return choices((await api.get('/org/departments')) ?? []);
  } catch {
    return [];
  }
}

export function subtreeIds(departments, id) {
  const out = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const d of departments) {
      if (d.parentId && out.has(d.parentId) && !out.has(d.id)) {
        out.add(d.id);
        grew = true;
      }
    }
  }
  return out;
}

// For the head-of-department picker.
export async function searchEmployees(q, { withoutAccount = false } = {}) {
  const page = await api.get('/org/employees', { q, limit: withoutAccount ? 50 : 10 });
  return page.items
    .filter((e) => !e.archived && !(withoutAccount && e.userId))
    .slice(0, 10)
    .map((e) => ({ id: e.id, label: e.name, detail: [e.title, e.departmentName].filter(Boolean).join(' · ') }));
}
