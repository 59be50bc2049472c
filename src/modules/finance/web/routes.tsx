import './i18n.js';
import type { ModuleRoute } from '../../../web/module-pages.js';
import { AffordabilityPage } from './affordability-page.js';
import { AnnuityPage } from './annuity-page.js';
import { ComparePage } from './compare-page.js';
import { CostsPage } from './costs-page.js';
import { InvestmentPage } from './investment-page.js';
import { SavedPage } from './saved-page.js';

export const routes: ModuleRoute[] = [
  { path: 'finanzierung', element: <AnnuityPage /> },
  { path: 'finanzierung/vergleich', element: <ComparePage /> },
  { path: 'finanzierung/nebenkosten', element: <CostsPage /> },
  { path: 'finanzierung/haushalt', element: <AffordabilityPage /> },
  { path: 'finanzierung/rendite', element: <InvestmentPage /> },
  { path: 'finanzierung/gespeichert', element: <SavedPage /> },
];
