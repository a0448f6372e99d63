// Leave offline (core/working-set.js): my balances, my requests and the leave types (af-leave.js).
export default [{
  name: 'leave',
  entity: null,
  answers: [{ path: '/leave/types' }, { path: '/leave/balances' }, { path: '/leave/requests' }],
}];
