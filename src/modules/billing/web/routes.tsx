import './i18n.js';
import type { ModuleRoute } from '../../../web/module-pages.js';
import { BillingPage } from './billing-page.js';

export const routes: ModuleRoute[] = [{ path: 'abrechnung', element: <BillingPage /> }];
