// Receipts for claim lines: POST /expenses/receipts takes the raw image or PDF (at most 5 MB, checked here first so a
// phone on a slow network does not send a file the server will refuse) and answers a FileRef; images get a small
// preview as a data: URL (the CSP allows no blob: images), PDFs and undecodable pictures none. A stored receipt is read
// back the same way for the claim's page (files are served as attachments, so an <img> cannot point at them).
import { request } from '../../core/api.js';
import { t } from '../../core/i18n.js';

export const RECEIPT_LIMIT = 5 * 1024 * 1024;

// A picture at most `size` px across as a data: URL, or null.
async function thumbnail(file, size = 160) {
  if (!file.type.startsWith('image/')) return null;
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, size / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close?.();
    return canvas.toDataURL('image/jpeg', 0.8);
  } catch {
    return null;
  }
}

// A receipt chosen without a network, kept on the device to be uploaded first when the claim is sent (core/outbox.js
// files): { id: 'local-…', name, preview, blob }.
export async function keptReceipt(file, id) {
  return { id: `local-${id}`, name: file.name || 'receipt.jpg', preview: await thumbnail(file), blob: file };
}

// { id, name, preview }; throws the ApiError, or an Error with a code and a localised message when too large.
export async function uploadReceipt(file) {
  if (file.size > RECEIPT_LIMIT) throw Object.assign(new Error(t('expenses.line.receiptTooLarge')), { code: 'expenses.receipt_too_large_local' });
  const [answer, preview] = await Promise.all([
    request('POST', '/expenses/receipts', { raw: file, headers: { 'X-File-Name': encodeURIComponent(file.name || 'receipt.jpg') } }),
    thumbnail(file),
  ]);
  return { id: answer.id, name: answer.name ?? file.name, preview };
}

// A stored receipt as a picture (at most 1200 px across) for the claim's page; null for a PDF or an unreadable file.
export async function receiptPicture(id) {
  try {
    const response = await fetch(`/api/v1/files/${encodeURIComponent(id)}`, { credentials: 'same-origin', headers: { 'X-Afield-Request': '1' } });
    return response.ok ? await thumbnail(await response.blob(), 1200) : null;
  } catch {
    return null;
  }
}
