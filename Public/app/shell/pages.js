// Route → page element. Tag names are written out here rather than interpolated, because the
// html template escapes values and a tag name must never come from data.
import { html } from '../core/html.js';
import { t } from '../core/i18n.js';
import { can } from '../core/store.js';

// Pages only some users may open; the nav shows them only to these permission holders.
export const PAGE_PERMISSION = {
  customers: 'partners.customer.read',
  suppliers: 'partners.supplier.read',
  'customers/new': 'partners.customer.write',
  // The route planner (issue 12): a salesperson's own customers in visiting order.
  crm: 'crm.visit.write',
  'crm/visits': 'crm.visit.write',
  'crm/leads': 'crm.lead.read',
  'crm/opportunities': 'crm.opportunity.read',
  'crm/contracts': 'crm.contract.read',
  'crm/reports': 'crm.opportunity.read',
  'suppliers/new': 'partners.supplier.write',
  products: 'products.product.read',
  orders: 'sales.order.read',
  reports: 'sales.report.read',
  org: 'org.directory.read',
  users: 'auth.user.manage',
  roles: 'auth.role.read',
  audit: 'audit.entry.read',
  company: 'auth.tenant.manage',
  // Approvals itself is for everyone; its flow designer is not.
  'approvals/flows': 'approvals.flow.manage',
  'approvals/forms': 'approvals.form.manage',
  // Checking in and one's own month are everyone's; the team's figures and the groups are not.
  'attendance/team': 'attendance.record.read',
  'attendance/groups': 'attendance.group.manage',
  // Leave and expense claims are everyone's own; the team's leave and the budgets are not.
  'leave/team': 'leave.request.read',
  'expenses/budgets': 'expenses.budget.read',
  'expenses/payables': 'expenses.claim.pay',
};

// A nav entry's name is its path with `_` for `/` (crm_visits → #/crm/visits, locale key nav.crm_visits).
export const navPath = (name) => name?.replace('_', '/');

export function mayOpen(area) {
  const path = navPath(area);
  return !PAGE_PERMISSION[path] || can(PAGE_PERMISSION[path]);
}

// Where to land after signing in: everyone's workbench (工作台).
export function homePath() {
  return '/workbench';
}

function forbidden() {
  return html`<div class="alert alert-error" role="alert" data-test="page-forbidden">${t('error.auth.forbidden')}</div>`;
}

// The nav entry a route belongs to: its first segment, or a CRM page's own entry (crm_visits, …), or the project reports'.
const CRM_PAGES = new Set(['visits', 'leads', 'opportunities', 'contracts', 'reports']);

export function section(route) {
  const [area = '', id] = route.segments;
  if (area === 'projects' && id === 'reports') return 'projects_reports';
  return area === 'crm' && CRM_PAGES.has(id) ? `crm_${id}` : area;
}

export function pageFor(route) {
  const [area, id, sub] = route.segments;
  // data-key makes a different record (or a different list) a fresh element with fresh state.
  const key = `${area}/${id ?? ''}${sub ? `/${sub}` : ''}`;
  if (!mayOpen(area) || (id && !mayOpen(`${area}/${id}`))) return forbidden();
  switch (area) {
    case 'workbench':
      return html`<af-workbench data-key="${key}"></af-workbench>`;
    case 'customers':
    case 'suppliers':
      if (area === 'customers' && id === 'pool' && !sub) return html`<af-customer-pool data-key="${key}" .query=${route.query}></af-customer-pool>`;
      if (id === 'new') return html`<af-partner-new data-key="${key}" .kind=${area}></af-partner-new>`;
      return id
        ? html`<af-partner-detail data-key="${key}" .kind=${area} .partnerId=${id}></af-partner-detail>`
        : html`<af-partner-list data-key="${key}" .kind=${area} .query=${route.query}></af-partner-list>`;
    case 'crm':
      // #/crm and #/crm/route: the route planner (the CRM's other pages come with their own paths).
      if (!id || id === 'route') return html`<af-route-planner data-key="crm/route"></af-route-planner>`;
      if (id === 'visits') {
        return sub ? html`<af-visit-detail data-key="${key}" .visitId=${sub}></af-visit-detail>`
          : html`<af-visits data-key="${key}" .query=${route.query}></af-visits>`;
      }
      if (sub === 'new' && (id === 'opportunities' || id === 'leads')) return html`<af-crm-new data-key="${key}" .kind=${id}></af-crm-new>`;
      if (id === 'leads') {
        return sub ? html`<af-lead-detail data-key="${key}" .leadId=${sub}></af-lead-detail>`
          : html`<af-leads data-key="${key}" .query=${route.query}></af-leads>`;
      }
      if (id === 'contracts') {
        // #/crm/contracts/new (?customer=<id>), #/crm/contracts/<id>, #/crm/contracts/<id>/edit.
        if (sub === 'new') return html`<af-contract-editor data-key="${key}" .query=${route.query}></af-contract-editor>`;
        if (sub && route.segments[3] === 'edit') return html`<af-contract-editor data-key="${key}/edit" .contractId=${sub}></af-contract-editor>`;
        return sub ? html`<af-contract-detail data-key="${key}" .contractId=${sub}></af-contract-detail>`
          : html`<af-contracts data-key="${key}" .query=${route.query}></af-contracts>`;
      }
      if (id === 'reports') return html`<af-crm-reports data-key="${key}" .query=${route.query}></af-crm-reports>`;
      if (id === 'opportunities') {
        return sub ? html`<af-opportunity-detail data-key="${key}" .opportunityId=${sub}></af-opportunity-detail>`
          : html`<af-opportunities data-key="${key}" .query=${route.query}></af-opportunities>`;
      }
      return null;
    case 'products':
      return html`<af-product-list data-key="${key}" .query=${route.query}></af-product-list>`;
    case 'orders':
      if (id === 'new') return html`<af-order-form data-key="${key}" .query=${route.query}></af-order-form>`;
      if (id && sub === 'edit') return html`<af-order-form data-key="${key}" .orderId=${id}></af-order-form>`;
      return id
        ? html`<af-order-detail data-key="${key}" .orderId=${id}></af-order-detail>`
        : html`<af-order-list data-key="${key}" .query=${route.query}></af-order-list>`;
    case 'approvals':
      if (id === 'new' && sub) return html`<af-approval-submit data-key="${key}" .formId=${sub}></af-approval-submit>`;
      if (id === 'forms' && sub) return html`<af-form-editor data-key="${key}" .formId=${sub}></af-form-editor>`;
      if (id === 'flows') {
        return sub
          ? html`<af-flow-designer data-key="${key}" .flowId=${sub}></af-flow-designer>`
          : html`<af-flow-list data-key="${key}"></af-flow-list>`;
      }
      // The inbox keeps one element across its tabs and filters; a request is a fresh one.
      return id
        ? html`<af-approval-detail data-key="${key}" .instanceId=${id}></af-approval-detail>`
        : html`<af-approval-inbox data-key="approvals/" .query=${route.query}></af-approval-inbox>`;
    case 'reports':
      return html`<af-reports-page data-key="${key}"></af-reports-page>`;
    case 'settings':
      return html`<af-settings-page data-key="${key}" .section=${route.query.section}></af-settings-page>`;
    case 'org':
      // #/org/employees/<id>: one employee (the nav keeps Organisation highlighted).
      if (id === 'employees' && route.segments[2]) {
        return html`<af-employee-detail data-key="org/employees/${route.segments[2]}" .employeeId=${route.segments[2]}></af-employee-detail>`;
      }
      return html`<af-org-page data-key="${key}" .query=${route.query}></af-org-page>`;
    case 'users':
      return html`<af-user-list data-key="${key}" .query=${route.query}></af-user-list>`;
    case 'roles':
      return html`<af-roles-page data-key="${key}" .query=${route.query}></af-roles-page>`;
    case 'audit':
      return html`<af-audit-log data-key="${key}" .query=${route.query}></af-audit-log>`;
    case 'company':
      return html`<af-company-settings data-key="${key}"></af-company-settings>`;
    case 'attendance':
      if (id === 'month') return html`<af-my-month data-key="${key}" .query=${route.query}></af-my-month>`;
      if (id === 'team') return html`<af-team-attendance data-key="${key}" .query=${route.query}></af-team-attendance>`;
      if (id === 'groups') return html`<af-attendance-groups data-key="${key}"></af-attendance-groups>`;
      return id ? null : html`<af-checkin data-key="${key}"></af-checkin>`;
    case 'leave':
      if (id === 'team') return html`<af-leave-team data-key="${key}" .query=${route.query}></af-leave-team>`;
      return id ? null : html`<af-leave data-key="${key}"></af-leave>`;
    case 'expenses':
      if (id === 'budgets') return html`<af-expense-budgets data-key="${key}" .query=${route.query}></af-expense-budgets>`;
      if (id === 'advances') return html`<af-expense-advances data-key="${key}"></af-expense-advances>`;
      if (id === 'payables') return html`<af-expense-payables data-key="${key}"></af-expense-payables>`;
      return id
        ? html`<af-expense-claim data-key="${key}" .claimId=${id}></af-expense-claim>`
        : html`<af-expenses data-key="${key}"></af-expenses>`;
    case 'tasks':
      // Projects (issue 13): #/tasks my work (?view=board the kanban), #/tasks/list every task, #/tasks/<id> one task.
      if (id === 'list') return html`<af-task-list data-key="${key}" .query=${route.query}></af-task-list>`;
      // #/tasks/import (?project=<id>): tasks from a CSV or XLSX file.
      if (id === 'import') return html`<af-task-import data-key="${key}" .query=${route.query}></af-task-import>`;
      return id
        ? html`<af-task-detail data-key="${key}" .taskId=${id}></af-task-detail>`
        : html`<af-my-work data-key="tasks/" .query=${route.query}></af-my-work>`;
    case 'projects':
      // #/projects the list, #/projects/new, #/projects/statuses the company's task statuses, #/projects/<id>?tab=… (one element across its tabs).
      if (id === 'new') return html`<af-project-form data-key="${key}"></af-project-form>`;
      if (id === 'statuses') return html`<af-task-statuses data-key="${key}"></af-task-statuses>`;
      // #/projects/reports?tab=status|workload|overdue|budget (one element across its tabs).
      if (id === 'reports') return html`<af-project-reports data-key="projects/reports" .query=${route.query}></af-project-reports>`;
      return id
        ? html`<af-project-detail data-key="projects/${id}" .projectId=${id} .query=${route.query}></af-project-detail>`
        : html`<af-projects data-key="${key}" .query=${route.query}></af-projects>`;
    case 'timesheet':
      // My weekly timesheet (工时), #/timesheet?week=YYYY-MM-DD.
      return id ? null : html`<af-timesheet data-key="timesheet" .query=${route.query}></af-timesheet>`;
    case 'sync':
      return html`<af-sync-centre data-key="${key}"></af-sync-centre>`;
    case 'notifications':
      return html`<af-notification-list data-key="${key}" .query=${route.query}></af-notification-list>`;
    default:
      return null;
  }
}
