import './i18n.js';
import type { ModuleRoute } from '../../../web/module-pages.js';
import { AuditLogPage } from './audit-log-page.js';
import { JobsPage } from './jobs-page.js';
import { SettingsPage } from './settings-page.js';
import { TeamPage } from './team-page.js';

export const routes: ModuleRoute[] = [
  { path: 'team', element: <TeamPage /> },
  { path: 'auftraege', element: <JobsPage /> },
  { path: 'protokoll', element: <AuditLogPage /> },
  { path: 'einstellungen', element: <SettingsPage /> },
];
