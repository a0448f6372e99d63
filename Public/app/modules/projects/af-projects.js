// data-test: projects-page, project-new, project-statuses-link (the shared list's: project-row, project-search, list-*)
// Projects (项目), #/projects, on the shared list (key projects.projects): code, name, customer, manager, dates, status,
// health and progress by count; q searches code and name. "New project" opens #/projects/new; "Task statuses" opens the
// company's task statuses (#/projects/statuses) for holders of projects.status.manage.
import { AfElement } from '../../core/element.js';
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { api } from '../../core/api.js';
import { href, navigate } from '../../core/router.js';
import { can } from '../../core/store.js';
import { icon } from '../../components/icons.js';
import '../../components/af-data-list.js';
import { searchCustomers, customerLabel } from '../sales/pickers.js';
import { healthBadge, projectStatusBadge, progressBar, searchEmployees } from './project-format.js';

async function employeeLabel(id) {
  const e = await api.get(`/org/employees/${encodeURIComponent(id)}`);
  return { id: e.id, label: e.name };
}

export class AfProjects extends AfElement {
  static properties = ['query'];

  constructor() {
    super();
    this.config = {
      key: 'projects.projects',
      endpoint: '/projects/projects',
      path: '/projects',
      title: 'nav.projects',
      testId: 'project',
      search: 'projects.project.search',
      rowHref: (p) => `/projects/${p.id}`,
      selectable: false,
      cells: {
        name: { render: (p) => html`<a href="${href(`/projects/${p.id}`)}">${p.name}</a>` },
        status: { render: (p) => projectStatusBadge(p.status, 'project-row-status') },
        health: { render: (p) => healthBadge(p.health, 'project-row-health') },
        percentByCount: { render: (p) => progressBar(p.percentByCount, 'project-row-progress', `${p.done}/${p.tasks}`) },
      },
      values: {
        status: (s) => t(`projects.project.status.${s}`),
        health: (h) => t(`projects.project.health.${h}`),
      },
      references: { managerName: { search: searchEmployees, label: employeeLabel }, customerName: { search: searchCustomers, label: customerLabel } },
      actions: () => html`${can('projects.status.manage') ? html`<a class="btn btn-secondary" href="${href('/projects/statuses')}"
        data-test="project-statuses-link">${t('projects.statuses')}</a>` : ''}<button type="button" class="btn btn-primary" data-test="project-new"
        @click=${() => navigate('/projects/new')}>${icon('plus')}<span>${t('projects.project.new')}</span></button>`,
    };
  }

  view() {
    return html`<div class="projects-page" data-test="projects-page">
      <af-data-list .config=${this.config} .query=${this.query}></af-data-list>
    </div>`;
  }
}
AfProjects.define('af-projects');
