// The root: decides between the sign-in / registration pages and the signed-in shell.
import { AfElement } from './core/element.js';
import { html } from './core/html.js';
import { t, errorText } from './core/i18n.js';
import { getUser, onUserChange } from './core/store.js';
import { loadSession, needsRegistration } from './core/session.js';
import { navigate, route, onRouteChange } from './core/router.js';
import { takeReturnTo } from './core/api.js';
import { homePath } from './shell/pages.js';

function invited() {
  return route().segments[0] === 'invite';
}

export class AfApp extends AfElement {
  constructor() {
    super();
    this.phase = 'loading';
    this.error = null;
  }

  connected() {
    this.offUser = onUserChange((user) => this.userChanged(user));
    // Signed out, #/invite/<code> shows the invitation page instead of sign-in, and back.
    this.offRoute = onRouteChange(() => {
      if (this.phase === 'invite' || this.phase === 'sign-in') {
        this.phase = invited() ? 'invite' : 'sign-in';
        this.requestUpdate();
      }
    });
    this.start();
  }

  disconnected() {
    this.offUser?.();
    this.offRoute?.();
  }

  async start() {
    try {
      const user = await loadSession();
      if (!user) await this.signedOut();
      else this.phase = 'ready';
    } catch (error) {
      this.error = error;
      this.phase = 'failed';
    }
    this.requestUpdate();
  }

  async signedOut() {
    if (invited()) this.phase = 'invite';
    else this.phase = (await needsRegistration()) ? 'register' : 'sign-in';
  }

  async userChanged(user) {
    if (user && this.phase !== 'ready') {
      this.phase = 'ready';
      const here = route().path;
      const back = takeReturnTo();
      if (back) navigate(back.path, back.query);
      else if (here === '/' || here === '/sign-in' || here === '/register' || here.startsWith('/invite')) navigate(homePath());
    } else if (!user && this.phase === 'ready') {
      this.phase = 'loading';
      this.requestUpdate();
      try {
        await this.signedOut();
      } catch (error) {
        this.error = error;
        this.phase = 'failed';
      }
    }
    this.requestUpdate();
  }

  view() {
    switch (this.phase) {
      case 'ready':
        return html`<af-shell data-key="shell"></af-shell>`;
      case 'sign-in':
        return html`<af-sign-in data-key="sign-in"></af-sign-in>`;
      case 'register':
        return html`<af-register data-key="register"></af-register>`;
      case 'invite':
        return html`<af-invite-accept data-key="invite" .code=${route().segments[1] ?? ''}></af-invite-accept>`;
      case 'failed':
        return html`
          <div class="boot-message" role="alert">
            <p>${errorText(this.error)}</p>
            <button type="button" class="btn btn-primary" @click=${() => location.reload()}>${t('common.retry')}</button>
          </div>`;
      default:
        return html`<div class="boot-message"><span class="spinner" aria-label="${t('common.loading')}"></span></div>`;
    }
  }
}
AfApp.define('af-app');
