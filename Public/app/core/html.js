// Escaping tagged template and a small DOM morph.
//
// Every interpolated value is escaped, whether it lands in text or inside an attribute, so data
// can never become markup. Three binding forms attach live values instead of text:
//   @click=${fn}    event listener      .value=${x}   DOM property     ?disabled=${b}  boolean attribute
// render() morphs the existing DOM towards the new markup instead of replacing it, so focus,
// caret position and the state of child custom elements survive a re-render.
// Elements with a `data-key` attribute are matched by key (use it for lists that reorder).
// Children of custom elements are owned by that element and never morphed by the parent.

export class TemplateResult {
  constructor(strings, values) {
    this.strings = strings;
    this.values = values;
  }
}

export function html(strings, ...values) {
  return new TemplateResult(strings, values);
}

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escape(value) {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const BINDING = /\s([@.?])([\w-]+)=(["']?)$/;
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href']);
// otpauth: opens an authenticator app on a phone (two-factor setup); geo: opens its map app (a customer, a route stop);
// neither can run script.
const SAFE_URL = /^(?:[#/?.]|https?:|mailto:|tel:|otpauth:|geo:|data:image\/)/i;

// Where the next value lands: text, inside a quoted attribute, after an unquoted `=`, or elsewhere in a tag.
function context(out) {
  const lt = out.lastIndexOf('<');
  if (lt <= out.lastIndexOf('>')) return { kind: 'text' };
  const tail = out.slice(lt);
  let quote = null;
  let quoteAt = -1;
  for (let i = 0; i < tail.length; i++) {
    const c = tail[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
      quoteAt = i;
    }
  }
  if (quote) {
    const name = /([\w:-]+)=$/.exec(tail.slice(0, quoteAt))?.[1]?.toLowerCase();
    return { kind: 'attribute', name, atStart: quoteAt === tail.length - 1 };
  }
  const unquoted = /([\w:-]+)=$/.exec(tail);
  if (unquoted) return { kind: 'unquoted', name: unquoted[1].toLowerCase() };
  return { kind: 'tag' };
}

function attributeValue(name, atStart, value) {
  if (value == null || value === false) return '';
  const text = String(value);
  if (atStart && URL_ATTRIBUTES.has(name) && !SAFE_URL.test(text.trim())) return '#';
  return escape(text);
}

function content(value, bindings) {
  if (value == null || value === false || value === true) return '';
  if (value instanceof TemplateResult) return serialize(value, bindings);
  if (Array.isArray(value)) return value.map((v) => content(v, bindings)).join('');
  return escape(value);
}

function serialize(template, bindings) {
  const { strings, values } = template;
  let out = '';
  let skipQuote = null;
  for (let i = 0; i < strings.length; i++) {
    let s = strings[i];
    if (skipQuote && s.startsWith(skipQuote)) s = s.slice(1);
    skipQuote = null;
    out += s;
    if (i === values.length) break;
    const value = values[i];
    const where = context(out);
    if (where.kind === 'text') {
      out += content(value, bindings);
      continue;
    }
    const binding = BINDING.exec(out);
    if (binding) {
      out = out.slice(0, out.length - binding[0].length) + ` data-afb-${bindings.length}`;
      bindings.push({ kind: binding[1], name: binding[2], value });
      if (binding[3]) skipQuote = binding[3];
    } else if (where.kind === 'attribute') {
      out += attributeValue(where.name, where.atStart, value);
    } else if (where.kind === 'unquoted') {
      out += `"${attributeValue(where.name, true, value)}"`;
    } else {
      // A value in the middle of a tag could inject attributes; refuse it loudly.
      console.error('html: value in tag position ignored', out.slice(-40));
    }
  }
  return out;
}

function collectBindings(fragment, bindings) {
  for (const el of fragment.querySelectorAll('*')) {
    for (const attr of [...el.attributes]) {
      if (!attr.name.startsWith('data-afb-')) continue;
      (el.__afb ??= []).push(bindings[Number(attr.name.slice(9))]);
      el.removeAttribute(attr.name);
    }
  }
}

function listen(el, type) {
  el.__afListening ??= new Set();
  if (el.__afListening.has(type)) return;
  el.__afListening.add(type);
  el.addEventListener(type, (event) => el.__afOn?.[type]?.call(el, event));
}

function applyBindings(el, list) {
  const events = {};
  for (const { kind, name, value } of list ?? []) {
    if (kind === '@') {
      events[name] = value;
      listen(el, name);
    } else if (kind === '.') {
      if (el[name] !== value) el[name] = value;
    } else if (value) {
      el.setAttribute(name, '');
    } else {
      el.removeAttribute(name);
    }
  }
  el.__afOn = events;
}

function bindTree(node) {
  if (node.nodeType !== 1) return;
  for (const el of [node, ...node.querySelectorAll('*')]) {
    if (!el.__afb) continue;
    const list = el.__afb;
    delete el.__afb;
    applyBindings(el, list);
  }
}

function isCustom(el) {
  return el.localName.includes('-');
}

function sameKind(a, b) {
  if (a.nodeType !== b.nodeType) return false;
  if (a.nodeType !== 1) return true;
  return a.localName === b.localName && !a.hasAttribute('data-key');
}

function syncAttributes(from, to) {
  for (const attr of [...from.attributes]) {
    if (!to.hasAttribute(attr.name) && !booleanBound(to, attr.name)) from.removeAttribute(attr.name);
  }
  for (const attr of to.attributes) {
    if (from.getAttribute(attr.name) !== attr.value) from.setAttribute(attr.name, attr.value);
  }
}

function booleanBound(el, name) {
  return el.__afb?.some((b) => b.kind === '?' && b.name === name) ?? false;
}

function morphNode(from, to) {
  if (from.nodeType !== 1) {
    if (from.nodeValue !== to.nodeValue) from.nodeValue = to.nodeValue;
    return;
  }
  syncAttributes(from, to);
  if (!isCustom(from)) morphChildren(from, to);
  applyBindings(from, to.__afb);
}

function morphChildren(from, to) {
  let current = from.firstChild;
  let next = to.firstChild;
  while (next) {
    const after = next.nextSibling;
    const key = next.nodeType === 1 ? next.getAttribute('data-key') : null;
    let match = null;
    if (key != null) {
      for (let n = current; n; n = n.nextSibling) {
        if (n.nodeType === 1 && n.localName === next.localName && n.getAttribute('data-key') === key) {
          match = n;
          break;
        }
      }
    } else if (current && sameKind(current, next)) {
      match = current;
    }
    if (match) {
      if (match !== current) from.insertBefore(match, current);
      morphNode(match, next);
      current = match.nextSibling;
    } else {
      from.insertBefore(next, current);
      bindTree(next);
    }
    next = after;
  }
  while (current) {
    const n = current.nextSibling;
    // Through the parent: an element's own method named like a DOM one must never decide whether it leaves.
    from.removeChild(current);
    current = n;
  }
}

export function render(template, container) {
  const bindings = [];
  const markup = content(template, bindings);
  const scratch = document.createElement('template');
  // Safe: `markup` comes only from html`` templates, where every value was escaped above.
  scratch.innerHTML = markup;
  collectBindings(scratch.content, bindings);
  morphChildren(container, scratch.content);
}
