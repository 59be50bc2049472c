import './i18n.js';
import { lazy, Suspense } from 'react';
import { Spinner } from '../../../web/components/spinner.js';
import type { ModuleRoute } from '../../../web/module-pages.js';
import { HistoryPage } from './history-page.js';
import { MediaPage } from './media-page.js';
import { ProvidersPage } from './providers-page.js';
import { StudioPage } from './studio-page.js';

// Charts are a large library; load them only when the cost page opens.
const UsagePage = lazy(() => import('./usage-page.js').then((m) => ({ default: m.UsagePage })));

export const routes: ModuleRoute[] = [
  { path: 'ki', element: <StudioPage /> },
  { path: 'ki/medien', element: <MediaPage /> },
  { path: 'ki/verlauf', element: <HistoryPage /> },
  {
    path: 'ki/kosten',
    element: (
      <Suspense fallback={<Spinner />}>
        <UsagePage />
      </Suspense>
    ),
  },
  { path: 'ki/anbieter', element: <ProvidersPage /> },
];
