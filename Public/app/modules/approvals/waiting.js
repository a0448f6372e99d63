// How many approvals wait for the caller's decision (待我审批), for the red count on the nav's
// Approvals entry and the workbench. GET /approvals/inbox/counts → todo.
import { api } from '../../core/api.js';
import { serverCount } from '../../core/server-count.js';

const waiting = serverCount(async () => (await api.get('/approvals/inbox/counts'))?.todo);

export const getWaiting = waiting.get;
export const setWaiting = waiting.set;
export const onWaitingChange = waiting.on;
export const refreshWaiting = waiting.refresh;
