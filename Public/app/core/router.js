// Hash router: `#/orders/<id>?state=draft` → { path, segments, query }.
const listeners = new Set();

export function parse(hash = location.hash) {
  const raw = hash.replace(/^#/, '') || '/';
  const [pathPart, queryPart = ''] = raw.split('?');
  const segments = pathPart.split('/').filter(Boolean).map(decodeURIComponent);
  const query = Object.fromEntries(new URLSearchParams(queryPart));
  return { path: '/' + segments.join('/'), segments, query };
}

export function href(path, query = {}) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v != null && v !== '') params.set(k, v);
  }
  const qs = params.toString();
  return '#' + path + (qs ? '?' + qs : '');
}

let current = parse();

function emit() {
  const next = parse();
  if (next.path === current.path && sameQuery(next.query, current.query)) return;
  current = next;
  for (const fn of listeners) fn(current);
}

function sameQuery(a, b) {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

// `replace` keeps filter typing out of the back-button history.
export function navigate(path, query = {}, { replace = false } = {}) {
  const target = href(path, query);
  if (replace) history.replaceState(history.state, '', target);
  else if (location.hash !== target) location.hash = target;
  emit();
}

export function route() {
  return current;
}

export function onRouteChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

window.addEventListener('hashchange', emit);
