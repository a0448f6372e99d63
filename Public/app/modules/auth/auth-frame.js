// The card both auth pages sit in, with the language switch (no user yet, so only localStorage).
import { html } from '../../core/html.js';
import { t, getLanguage, setLanguage, LANGUAGES } from '../../core/i18n.js';
import { icon } from '../../components/icons.js';

export function authFrame(title, subtitle, body) {
  const other = LANGUAGES.find((l) => l.code !== getLanguage());
  return html`
    <div class="auth-page">
      <div class="auth-top">
        <button type="button" class="btn btn-ghost lang-switch" data-test="lang-switch" lang="${other.code}"
          aria-label="${t('shell.switchLanguage')}: ${other.label}" @click=${() => setLanguage(other.code)}>
          ${icon('language')}<span>${other.label}</span>
        </button>
      </div>
      <div class="auth-card">
        <div class="auth-brand"><span class="brand-mark" aria-hidden="true">A</span><span>Afield</span></div>
        <h1 class="auth-title">${title}</h1>
        <p class="auth-subtitle muted">${subtitle}</p>
        ${body}
      </div>
      <p class="auth-footer muted">${t('auth.tagline')}</p>
    </div>`;
}

export function fieldErrors(error) {
  const map = {};
  for (const f of error?.fields ?? []) map[f.field] = f;
  return map;
}
