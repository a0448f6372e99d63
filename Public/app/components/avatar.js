// A person's avatar: their picture when they uploaded one (Me.avatarUrl), else their initials
// (the last two characters of a Chinese name, as DingTalk shows them).
import { html } from '../core/html.js';

export function initials(name = '') {
  const parts = name.trim().split(/\s+/);
  if (/[\u3400-\u9fff]/.test(name)) return name.trim().slice(-2);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? parts[parts.length - 1][0] : '')).toUpperCase();
}

export function avatar(person, cls = '') {
  if (person?.avatarUrl) {
    return html`<img class="avatar avatar-img ${cls}" src="${person.avatarUrl}" alt="" data-test="avatar-img">`;
  }
  return html`<span class="avatar ${cls}" aria-hidden="true">${initials(person?.name ?? '')}</span>`;
}
