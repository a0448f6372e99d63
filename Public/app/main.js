// Entry point: registers every element, then mounts the app.
import './core/i18n.js';
import './components/af-pager.js';
import './components/af-search-picker.js';
import './components/af-bar-chart.js';
import './modules/auth/af-sign-in.js';
import './modules/auth/af-register.js';
import './modules/partners/af-partner-list.js';
import './modules/partners/af-partner-detail.js';
import './modules/partners/af-customer-orders.js';
import './modules/products/af-product-list.js';
import './modules/sales/af-order-list.js';
import './modules/sales/af-order-detail.js';
import './modules/sales/af-order-form.js';
import './modules/reports/af-reports-page.js';
import './modules/reports/af-report-by-year.js';
import './modules/reports/af-report-by-category.js';
import './modules/reports/af-report-by-salesperson.js';
import './modules/settings/af-settings-page.js';
import './modules/settings/af-profile-settings.js';
import './modules/settings/af-password-settings.js';
import './modules/settings/af-two-factor-settings.js';
import './modules/settings/af-session-list.js';
import './shell/af-shell.js';
import './af-app.js';
import { t } from './core/i18n.js';

document.title = t('app.name');
document.getElementById('app').append(document.createElement('af-app'));
