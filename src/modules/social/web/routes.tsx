import { RequirePermission } from '../../../web/components/require-permission.js';
import './i18n.js';
import { lazy, Suspense } from 'react';
import { Spinner } from '../../../web/components/spinner.js';
import type { ModuleRoute } from '../../../web/module-pages.js';
import { AccountsPage } from './accounts-page.js';
import { ComposerPage } from './composer-page.js';
import { PostsPage } from './posts-page.js';

// Calendar and charts are large libraries; load them only when their page opens.
const CalendarPage = lazy(() => import('./calendar-page.js').then((m) => ({ default: m.CalendarPage })));
const AnalyticsPage = lazy(() => import('./analytics-page.js').then((m) => ({ default: m.AnalyticsPage })));
const suspended = (element: React.ReactElement) => <Suspense fallback={<Spinner />}>{element}</Suspense>;

export const routes: ModuleRoute[] = [
  { path: 'social', element: <PostsPage /> },
  {
    path: 'social/neu',
    element: (
      <RequirePermission permission="social.posts.write">
        <ComposerPage />
      </RequirePermission>
    ),
  },
  { path: 'social/beitraege/:postId', element: <ComposerPage /> },
  { path: 'social/kalender', element: suspended(<CalendarPage />) },
  { path: 'social/statistik', element: suspended(<AnalyticsPage />) },
  { path: 'social/konten', element: <AccountsPage /> },
];
