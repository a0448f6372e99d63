// Base class for every Afield element: light DOM (so styles.css applies under the strict CSP),
// batched re-render on property change and on language change.
import { render } from './html.js';
import { onLanguageChange } from './i18n.js';

// A method named like a DOM method (remove, append, focus…) would run whenever the browser, the
// renderer or another element calls that DOM method: a page whose remove() edits its data is never
// taken out of the document. Refuse such elements when they are defined.
function assertNoShadowedDomMethods(cls, tag) {
  for (let proto = cls.prototype; proto && proto !== AfElement.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name === 'constructor' || !(name in HTMLElement.prototype)) continue;
      let dom = HTMLElement.prototype;
      while (dom && !Object.prototype.hasOwnProperty.call(dom, name)) dom = Object.getPrototypeOf(dom);
      if (typeof Object.getOwnPropertyDescriptor(dom, name)?.value === 'function') {
        throw new TypeError(`<${tag}>: method ${name}() hides the DOM method of that name; rename it`);
      }
    }
  }
}

export class AfElement extends HTMLElement {
  // Names listed here become reactive properties: setting one schedules a re-render
  // and calls changed(name, old) so the element can refetch.
  static properties = [];

  static define(tag) {
    assertNoShadowedDomMethods(this, tag);
    for (const name of this.properties) {
      Object.defineProperty(this.prototype, name, {
        get() {
          return this.__props?.[name];
        },
        set(value) {
          const old = this.__props?.[name];
          if (old === value) return;
          (this.__props ??= {})[name] = value;
          if (this.isConnected) this.changed?.(name, old);
          this.requestUpdate();
        },
        configurable: true,
      });
    }
    if (!customElements.get(tag)) customElements.define(tag, this);
  }

  constructor() {
    super();
    // A property set before the class was defined shadows the accessor; move it behind it.
    for (const name of this.constructor.properties) {
      if (Object.prototype.hasOwnProperty.call(this, name)) {
        const value = this[name];
        delete this[name];
        this[name] = value;
      }
    }
  }

  connectedCallback() {
    this.__offLanguage = onLanguageChange(() => this.requestUpdate());
    this.connected?.();
    this.update();
  }

  disconnectedCallback() {
    this.__offLanguage?.();
    this.disconnected?.();
  }

  requestUpdate() {
    if (this.__pending) return;
    this.__pending = true;
    queueMicrotask(() => {
      this.__pending = false;
      if (this.isConnected) this.update();
    });
  }

  // Loading is requested from connected() and from property changes; the parent applies its
  // bindings right after inserting us, so coalescing into one microtask sees all properties at once.
  reload() {
    if (this.__loadQueued) return;
    this.__loadQueued = true;
    queueMicrotask(() => {
      this.__loadQueued = false;
      if (this.isConnected) this.load?.();
    });
  }

  update() {
    render(this.view(), this);
    this.updated?.();
  }

  view() {
    return '';
  }
}
