// The card every settings section sits in: an icon, a title, an optional badge and the body.
import { html } from '../../core/html.js';
import { icon } from '../../components/icons.js';

export function settingsSection({ id, iconName, title, badge = '', body }) {
  return html`
    <section class="card card-pad settings-section" aria-labelledby="settings-${id}">
      <h2 class="section-title settings-title" id="settings-${id}">
        ${icon(iconName, 'icon settings-icon')}<span>${title}</span>${badge}
      </h2>
      ${body}
    </section>`;
}

