import './i18n.js';
import type { ModuleRoute } from '../../../web/module-pages.js';
import { HotLeadsPage } from './hot-leads-page.js';
import { ModelPage } from './model-page.js';
import { SegmentsPage } from './segments-page.js';
import { WeightsPage } from './weights-page.js';

export const routes: ModuleRoute[] = [
  { path: 'lead-scoring', element: <HotLeadsPage /> },
  { path: 'lead-scoring/segmente', element: <SegmentsPage /> },
  { path: 'lead-scoring/gewichtung', element: <WeightsPage /> },
  { path: 'lead-scoring/modell', element: <ModelPage /> },
];
