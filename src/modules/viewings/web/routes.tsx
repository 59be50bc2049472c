import './i18n.js';
import type { ModuleRoute } from '../../../web/module-pages.js';
import { AgentStatsPage } from './agent-stats-page.js';
import { SettingsPage } from './settings-page.js';
import { TourPage } from './tour-page.js';

export const routes: ModuleRoute[] = [
  { path: 'besichtigungen/tour', element: <TourPage /> },
  { path: 'besichtigungen/einstellungen', element: <SettingsPage /> },
  { path: 'besichtigungen/statistik', element: <AgentStatsPage /> },
];
