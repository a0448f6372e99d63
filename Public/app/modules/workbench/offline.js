// The workbench (工作台) offline (core/working-set.js): its figures and its latest unread notifications.
export default [{
  name: 'workbench',
  entity: null,
  answers: [
    { path: '/workbench' },
    { path: '/notifications', query: { unread: 'true', limit: 5 } }, // af-workbench.js NOTIFICATIONS
  ],
}];
