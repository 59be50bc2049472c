import './i18n.js';
import type { ModuleRoute } from '../../../web/module-pages.js';
import { AccountsPage } from './accounts-page.js';

export const routes: ModuleRoute[] = [{ path: 'portale', element: <AccountsPage /> }];
