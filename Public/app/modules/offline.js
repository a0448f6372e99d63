// Every module's working-set declarations (modules/<module>/offline.js; core/working-set.js explains the shape),
// in the order they are fetched: what a field user opens first comes first.
import partners from './partners/offline.js';
import sales from './sales/offline.js';
import approvals from './approvals/offline.js';
import products from './products/offline.js';
import workbench from './workbench/offline.js';
import notifications from './notifications/offline.js';
import attendance from './attendance/offline.js';
import leave from './leave/offline.js';
import expenses from './expenses/offline.js';

export const OFFLINE_KINDS = [...partners, ...sales, ...approvals, ...products, ...workbench, ...notifications, ...attendance, ...leave, ...expenses];
