// Expense claims offline (core/working-set.js): my claims and advances, and what a new claim's form offers.
export default [{
  name: 'expenses',
  entity: null,
  answers: [
    { path: '/expenses/claims' }, { path: '/expenses/advances' },
    { path: '/expenses/categories' }, { path: '/expenses/items' }, { path: '/expenses/trips' },
  ],
}];
