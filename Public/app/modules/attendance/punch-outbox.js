// Punches go through the outbox (core/outbox.js): kept on the phone when there is no network and sent, marked
// `queued: true` with `sentAt` (the phone's clock when sent, from which the server tells how far that clock was
// off), once it is back. A punch sent at once goes as it is. Punches an older version kept in localStorage
// (punch-queue.js) move into the outbox on the next page load, keeping their idempotency keys.
import { commands, enqueue, submit } from '../../core/outbox.js';
import { getUser, onUserChange } from '../../core/store.js';
import { createPunchQueue } from './punch-queue.js';

export const PUNCH_PATH = '/attendance/punches';

// The outbox's punch commands (any state), oldest first.
export async function punchCommands() {
  return (await commands()).filter((c) => c.path === PUNCH_PATH);
}

// { state: applied | waiting | rejected, answer, error } — see submit() in core/outbox.js.
// `files`: a photo taken without a network ([{ field: 'photoFileID', blob, name }]), uploaded by the outbox first.
export function sendPunch(body, label, id, files = []) {
  return submit({ id, method: 'POST', path: PUNCH_PATH, body, label, entity: 'attendance.punch', link: '/attendance', stampSentAt: true, files });
}

async function adoptOldQueue(user) {
  if (!user?.id) return;
  const old = createPunchQueue(user.id);
  const items = old.items();
  if (!items.length) return;
  localStorage.removeItem(`afield.punchQueue.${user.id}`);
  for (const { key, punch } of items) {
    await enqueue({ id: key, method: 'POST', path: PUNCH_PATH, body: punch, label: { key: 'sync.label.punch', params: { time: punch.deviceTime?.slice(11, 16) ?? '' } },
      entity: 'attendance.punch', link: '/attendance', stampSentAt: true });
  }
}

onUserChange((user) => adoptOldQueue(user).catch(() => {}));
adoptOldQueue(getUser()).catch(() => {});
