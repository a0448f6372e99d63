// data-test: nav-customers, nav-orders, nav-products, nav-reports, nav-crm, nav-crm_visits, nav-crm_leads, nav-crm_opportunities, nav-crm_contracts, nav-crm_reports,
//            nav-suppliers, nav-org, nav-users, nav-roles,
//            nav-audit, nav-company, nav-more, nav-settings, lang-switch, sign-out, tenant-name, user-name, toast
//            (the bell: nav-notifications, notification-count — see af-notification-bell.js)
//            offline-badge, outbox-waiting, outbox-attention, device-read-strip (issue 11: offline)
// Signed-in frame. One <nav> is a sidebar on wide screens, an icon rail on tablets and a bottom bar
// on phones; on phones the language switch, suppliers, personal settings and sign-out move into the
// "More" sheet. Elsewhere the user's name and avatar in the top bar open the personal settings.
// Each data-test element exists once at a time, so a browser test never finds a hidden twin.
import { AfElement } from '../core/element.js';
import { html } from '../core/html.js';
import { t, getLanguage, LANGUAGES } from '../core/i18n.js';
import { getUser, onUserChange } from '../core/store.js';
import { signOut, switchLanguage } from '../core/session.js';
import { navigate, onRouteChange, route } from '../core/router.js';
import { onNotify } from '../core/notify.js';
import { icon } from '../components/icons.js';
import { avatar } from '../components/avatar.js';
import { pageFor, section, mayOpen, homePath, navPath } from './pages.js';
import { getWaiting, onWaitingChange, refreshWaiting } from '../modules/approvals/waiting.js';
import { isOnline, onConnectivity } from '../core/connectivity.js';
import { outboxCounts, deviceSyncedAt, clearDeviceRead, onSyncStatus } from '../core/sync-status.js';
import { formatRelativeTime } from '../core/relative-time.js';
import { offlineBadge } from './offline-badge.js';

const PHONE = '(max-width: 719.98px)';
// Check-in is the last primary page: a salesperson's phone has it under "More", someone with fewer pages in the bar.
// My tasks (issue 13) comes after the sales pages: in a salesperson's bar only when a slot is left, in everyone else's.
const PRIMARY = ['workbench', 'approvals', 'customers', 'orders', 'tasks', 'products', 'reports', 'attendance', 'leave', 'expenses'];
const SECONDARY = ['projects', 'projects_reports', 'timesheet', 'crm', 'crm_visits', 'crm_leads', 'crm_opportunities', 'crm_contracts', 'crm_reports', 'suppliers', 'org', 'users', 'roles', 'audit', 'company', 'sync'];
// The CRM's own pages borrow icons: a visit is the route's, an opportunity the reports' bars, a lead a person, a contract
// a copy of a document, the CRM reports the audit's list.
const NAV_ICONS = { timesheet: 'audit', crm_visits: 'crm', crm_opportunities: 'reports', crm_leads: 'person', crm_contracts: 'copy', crm_reports: 'audit', projects_reports: 'reports' };
// Pages whose menu title is not nav.<name> (the server's menu item names it).
const NAV_TITLES = { tasks: 'nav.my_tasks', projects_reports: 'nav.project_reports' };
const navTitle = (name) => t(NAV_TITLES[name] ?? `nav.${name}`);
// A phone's bottom bar has at most five slots: four pages and "More", which holds the rest.
const PHONE_SLOTS = 4;

export class AfShell extends AfElement {
  constructor() {
    super();
    this.moreOpen = false;
    this.toast = null;
  }

  connected() {
    this.media = matchMedia(PHONE);
    this.onMedia = () => {
      this.moreOpen = false;
      this.requestUpdate();
    };
    this.media.addEventListener('change', this.onMedia);
    this.offRoute = onRouteChange(() => {
      this.moreOpen = false;
      this.keepOnPasswordForm();
      this.requestUpdate();
      // A new page starts at its top; the document scrolls on desktop, <main> on a phone.
      window.scrollTo(0, 0);
      this.querySelector('main')?.scrollTo(0, 0);
    });
    this.offUser = onUserChange(() => {
      this.keepOnPasswordForm();
      this.requestUpdate();
    });
    this.offNotify = onNotify((toast) => this.show(toast));
    // The red count on Approvals: fresh on every page change, as the bell's.
    this.offWaiting = onWaitingChange(() => this.requestUpdate());
    this.offRouteWaiting = onRouteChange(() => refreshWaiting());
    refreshWaiting();
    // Offline (issue 11): the badge, the outbox's counts and how old the device data on this page is.
    this.offNet = onConnectivity(() => this.requestUpdate());
    this.offSync = onSyncStatus(() => this.requestUpdate());
    this.offRouteSync = onRouteChange(() => clearDeviceRead());
    clearDeviceRead();
    // "synced 5 minutes ago" grows older while the page stays open.
    this.clock = setInterval(() => { if (deviceSyncedAt()) this.requestUpdate(); }, 30000);
    if (!pageFor(route())) navigate(homePath(), {}, { replace: true });
    this.keepOnPasswordForm();
  }

  // Every other route answers 403 auth.password_change_required until the password is changed, and
  // auth.two_factor_required until a role's required two-factor sign-in is on.
  keepOnPasswordForm() {
    const user = getUser();
    if (section(route()) === 'settings') return;
    if (user?.mustChangePassword) navigate('/settings', { section: 'password' }, { replace: true });
    else if (user?.mustEnrolTwoFactor) navigate('/settings', { section: 'two-factor' }, { replace: true });
  }

  disconnected() {
    this.media.removeEventListener('change', this.onMedia);
    this.offRoute();
    this.offUser();
    this.offNotify();
    this.offWaiting();
    this.offRouteWaiting();
    this.offNet();
    this.offSync();
    this.offRouteSync();
    clearInterval(this.clock);
    clearTimeout(this.toastTimer);
  }

  show(toast) {
    this.toast = toast;
    clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => {
      this.toast = null;
      this.requestUpdate();
    }, 3500);
    this.requestUpdate();
  }

  otherLanguage() {
    return LANGUAGES.find((l) => l.code !== getLanguage());
  }

  async signOut() {
    await signOut();
  }

  link(name, current) {
    const waiting = name === 'approvals' ? getWaiting() : 0;
    return html`
      <a class="nav-link ${current === name ? 'is-active' : ''}" href="#/${navPath(name)}" data-test="nav-${name}"
        aria-current="${current === name ? 'page' : 'false'}"
        aria-label="${waiting ? `${navTitle(name)} (${t('nav.waiting', { count: waiting })})` : navTitle(name)}">
        <span class="nav-icon-wrap">${icon(NAV_ICONS[name] ?? name, 'icon nav-icon')}${waiting
          ? html`<span class="nav-badge" data-test="nav-approvals-count">${waiting > 99 ? '99+' : String(waiting)}</span>` : ''}</span>
        <span class="nav-label">${navTitle(name)}</span>
      </a>`;
  }

  // On a phone: the first pages of PRIMARY the user may open, then everything else in "More".
  phonePages() {
    const primary = PRIMARY.filter(mayOpen);
    return { bar: primary.slice(0, PHONE_SLOTS), more: [...primary.slice(PHONE_SLOTS), ...SECONDARY.filter(mayOpen)] };
  }

  languageButton(extra = '') {
    const other = this.otherLanguage();
    return html`
      <button type="button" class="btn btn-ghost lang-switch ${extra}" data-test="lang-switch" lang="${other.code}"
        aria-label="${t('shell.switchLanguage')}: ${other.label}" @click=${() => switchLanguage(other.code)}>
        ${icon('language')}<span>${other.label}</span>
      </button>`;
  }

  signOutButton(extra = '') {
    return html`
      <button type="button" class="btn btn-ghost ${extra}" data-test="sign-out" @click=${() => this.signOut()}>
        ${icon('signOut')}<span>${t('shell.signOut')}</span>
      </button>`;
  }

  moreSheet(user, current) {
    return html`
      <div class="sheet-backdrop" @click=${() => { this.moreOpen = false; this.requestUpdate(); }}></div>
      <div class="sheet" role="dialog" aria-modal="true" aria-label="${t('nav.more')}">
        <div class="sheet-user">
          <strong data-test="user-name">${user.name}</strong>
          <span class="muted">${user.email}</span>
        </div>
        <div class="sheet-links">
          ${this.phonePages().more.map((name) => this.link(name, current))}
          ${this.link('settings', current)}
        </div>
        ${this.languageButton('sheet-item')}
        ${this.signOutButton('sheet-item')}
      </div>`;
  }

  // Offline badge and "3 waiting" (to the sync centre) in the top bar.
  syncPills() {
    const { waiting } = outboxCounts();
    return html`
      ${isOnline() ? '' : offlineBadge()}
      ${waiting ? html`
        <a class="outbox-pill" href="#/sync" data-test="outbox-waiting" title="${t('shell.offlineWaitingHint', { count: waiting })}">
          <span class="outbox-dot" aria-hidden="true"></span><span>${t('shell.offlineWaiting', { count: waiting })}</span>
        </a>` : ''}`;
  }

  // Above the page: changes the server refused, and how old the data read from the device is.
  syncNotes(current) {
    const { rejected } = outboxCounts();
    const synced = deviceSyncedAt();
    return html`
      ${rejected && current !== 'sync' ? html`
        <a class="sync-attention" href="#/sync" data-test="outbox-attention">
          <span>${rejected === 1 ? t('shell.offlineAttentionOne') : t('shell.offlineAttentionMany', { count: rejected })}</span>
          <span class="sync-attention-go">${t('shell.offlineReview')}</span>
        </a>` : ''}
      ${synced ? html`
        <div class="device-read-strip" role="status" data-test="device-read-strip" title="${synced.toLocaleString()}">
          ${t('shell.offlineSynced', { time: formatRelativeTime(synced) })}
        </div>` : ''}`;
  }

  view() {
    const user = getUser();
    if (!user) return '';
    const phone = this.media?.matches ?? false;
    const current = section(route());
    const { bar } = this.phonePages();
    const moreActive = this.moreOpen || (phone && !bar.includes(current));
    return html`
      <div class="shell">
        <header class="topbar">
          <a class="brand" href="#/workbench" aria-label="Afield">
            <span class="brand-mark" aria-hidden="true">A</span><span class="brand-name">Afield</span>
          </a>
          <span class="tenant-name" data-test="tenant-name">${user.tenant?.name ?? ''}</span>
          ${this.syncPills()}
          <span class="topbar-spacer"></span>
          <af-global-search data-key="search" .phone=${phone}></af-global-search>
          <af-notification-bell data-key="bell"></af-notification-bell>
          ${phone ? html`
            <a class="user-chip" href="#/settings" aria-label="${t('nav.settings')}: ${user.name}">
              ${avatar(user)}
            </a>` : html`
            ${this.languageButton()}
            <a class="user-chip ${current === 'settings' ? 'is-active' : ''}" href="#/settings" data-test="nav-settings"
              title="${t('nav.settings')}" aria-label="${t('nav.settings')}: ${user.name}"
              aria-current="${current === 'settings' ? 'page' : 'false'}">
              ${avatar(user)}<span class="user-name-text" data-test="user-name">${user.name}</span>
            </a>
            ${this.signOutButton('topbar-signout')}`}
        </header>
        <nav class="nav" aria-label="${t('nav.label')}">
          ${(phone ? bar : PRIMARY.filter(mayOpen)).map((name) => this.link(name, current))}
          ${phone ? html`
            <button type="button" class="nav-link ${moreActive ? 'is-active' : ''}" data-test="nav-more"
              aria-expanded="${this.moreOpen ? 'true' : 'false'}"
              @click=${() => { this.moreOpen = !this.moreOpen; this.requestUpdate(); }}>
              ${icon('more', 'icon nav-icon')}<span class="nav-label">${t('nav.more')}</span>
            </button>` : html`
            <div class="nav-divider"></div>
            ${SECONDARY.filter(mayOpen).map((name) => this.link(name, current))}`}
        </nav>
        <main class="content" id="main"><div class="sync-notes" data-key="sync-notes">${this.syncNotes(current)}</div>${pageFor(route())}</main>
        ${phone && this.moreOpen ? this.moreSheet(user, current) : ''}
        ${this.toast ? html`<div class="toast toast-${this.toast.kind}" role="status" data-test="toast">${this.toast.message}</div>` : ''}
      </div>`;
  }
}

AfShell.define('af-shell');
