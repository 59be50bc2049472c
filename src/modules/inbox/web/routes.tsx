import './i18n.js';
import type { ModuleRoute } from '../../../web/module-pages.js';
import { InboxPage } from './inbox-page.js';

export const routes: ModuleRoute[] = [{ path: 'posteingang', element: <InboxPage /> }];
