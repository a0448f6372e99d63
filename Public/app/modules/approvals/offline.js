// My approval inbox and my requests offline (core/working-set.js): 待我审批 and 我发起的, each request's page (and its
// form), the tab counts and the forms. Approvals are not in the change feed: fetched again on every run.
import { PAGE_SIZE } from '../../components/list-helpers.js';

export default [{
  name: 'approvals',
  entity: null,
  lists: [
    { path: '/approvals/instances', query: { limit: PAGE_SIZE }, pages: 2, details: true },
    { path: '/approvals/instances', query: { box: 'mine', limit: PAGE_SIZE }, pages: 1, details: true },
  ],
  answers: [
    { path: '/lists/approvals.inbox' },
    { path: '/approvals/inbox/counts' },
    { path: '/approvals/forms' },
  ],
  detail: (id) => [`/approvals/instances/${encodeURIComponent(id)}`],
  related: (id, detail) => (detail?.formId ? [[`/approvals/forms/${encodeURIComponent(detail.formId)}`]] : []),
}];
