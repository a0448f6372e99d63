// A row of tabs (role="tablist"). `tabs` = [{ id, label, testId }]; `select(id)` is called on a click.
// Arrow keys move between tabs, as screen-reader users expect of a tablist.
import { html } from '../core/html.js';

export function tabBar(tabs, current, select, label = '') {
  const keydown = (event) => {
    const i = tabs.findIndex((tab) => tab.id === current);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step || i < 0) return;
    event.preventDefault();
    const bar = event.currentTarget;
    const next = tabs[(i + step + tabs.length) % tabs.length];
    select(next.id);
    queueMicrotask(() => bar.querySelector(`[data-tab="${next.id}"]`)?.focus());
  };
  return html`
    <div class="tabs" role="tablist" aria-label="${label}" @keydown=${keydown}>
      ${tabs.map((tab) => html`
        <button type="button" class="tab ${tab.id === current ? 'is-active' : ''}" role="tab" data-tab="${tab.id}"
          data-test="${tab.testId ?? ''}" aria-selected="${tab.id === current ? 'true' : 'false'}"
          tabindex="${tab.id === current ? '0' : '-1'}" @click=${() => select(tab.id)}>${tab.label}</button>`)}
    </div>`;
}
