// data-test: org-tab-departments, org-tab-people, org-tab-positions, org-tab-sites, org-tab-chart (see the three tab elements for the rest)
// Organisation (组织架构), #/org?tab=departments|people|positions|sites|chart: departments, the employee
// directory, positions, sites and the org chart. The tab is in the URL so back/forward and reload keep it.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { navigate } from '../../core/router.js';
import { pageHeader } from '../../components/list-helpers.js';
import { tabBar } from '../../components/tabs.js';

const TABS = ['departments', 'people', 'positions', 'sites', 'chart'];

export class AfOrgPage extends AfElement {
  static properties = ['query'];

  tab() {
    const tab = this.query?.tab;
    return TABS.includes(tab) ? tab : 'departments';
  }

  panel(tab) {
    switch (tab) {
      case 'people':
        return html`<af-employee-directory data-key="people" .query=${this.query ?? {}}></af-employee-directory>`;
      case 'positions':
        return html`<af-position-list data-key="positions"></af-position-list>`;
      case 'sites':
        return html`<af-site-list data-key="sites"></af-site-list>`;
      case 'chart':
        return html`<af-org-chart data-key="chart"></af-org-chart>`;
      default:
        return html`<af-department-tree data-key="departments"></af-department-tree>`;
    }
  }

  view() {
    const tab = this.tab();
    const tabs = TABS.map((id) => ({ id, label: t(`org.tab.${id}`), testId: `org-tab-${id}` }));
    return html`
      ${pageHeader(t('nav.org'))}
      ${tabBar(tabs, tab, (id) => navigate('/org', id === 'departments' ? {} : { tab: id }), t('nav.org'))}
      <div class="tab-panel" role="tabpanel" aria-label="${t(`org.tab.${tab}`)}">${this.panel(tab)}</div>`;
  }
}
AfOrgPage.define('af-org-page');
