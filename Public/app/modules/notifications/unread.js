// The caller's unread notification count, shared by the bell, the notifications page and the
// workbench. GET /notifications/unread-count; listeners hear every new value.
import { api } from '../../core/api.js';
import { serverCount } from '../../core/server-count.js';

const unread = serverCount(async () => (await api.get('/notifications/unread-count'))?.unread);

export const getUnread = unread.get;
export const setUnread = unread.set;
export const onUnreadChange = unread.on;
export const refreshUnread = unread.refresh;
