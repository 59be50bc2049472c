import './i18n.js';
import '../../crm/web/i18n.js';
import type { ModuleRoute } from '../../../web/module-pages.js';
import { CompetitorsPage } from './competitors-page.js';
import { DataPage } from './data-page.js';
import { DemandPage } from './demand-page.js';
import { TrendsPage } from './trends-page.js';
import { ValuationPage } from './valuation-page.js';

export const routes: ModuleRoute[] = [
  { path: 'marktanalyse', element: <ValuationPage /> },
  { path: 'marktanalyse/preise', element: <TrendsPage /> },
  { path: 'marktanalyse/nachfrage', element: <DemandPage /> },
  { path: 'marktanalyse/wettbewerb', element: <CompetitorsPage /> },
  { path: 'marktanalyse/daten', element: <DataPage /> },
];
