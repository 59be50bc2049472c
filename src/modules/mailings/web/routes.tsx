import './i18n.js';
import type { ModuleRoute } from '../../../web/module-pages.js';
import { MailingsPage } from './mailings-page.js';
import { TemplatesPage } from './templates-page.js';

export const routes: ModuleRoute[] = [
  { path: 'angebotsversand', element: <MailingsPage /> },
  { path: 'angebotsversand/vorlagen', element: <TemplatesPage /> },
];
