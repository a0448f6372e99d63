// Notifications offline (core/working-set.js): the list's first page and the unread count. Not in the change feed.
export default [{
  name: 'notifications',
  entity: null,
  lists: [{ path: '/notifications', query: { limit: 20 }, pages: 1 }],
  answers: [{ path: '/notifications/unread-count' }],
}];
