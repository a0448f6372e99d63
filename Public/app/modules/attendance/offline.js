// My attendance month offline (core/working-set.js), for the month it is now (af-my-month.js with no month chosen).
import { currentMonth } from './attendance-format.js';

export default [{
  name: 'attendance',
  entity: null,
  answers: [{ path: '/attendance/results', query: () => ({ month: currentMonth() }) }],
}];
