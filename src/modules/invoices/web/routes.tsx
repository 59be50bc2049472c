import './i18n.js';
import type { ModuleRoute } from '../../../web/module-pages.js';
import { InvoicesPage } from './invoices-page.js';

export const routes: ModuleRoute[] = [{ path: 'rechnungen', element: <InvoicesPage /> }];
