import { RequirePermission } from '../../../web/components/require-permission.js';
import './i18n.js';
import { lazy, Suspense } from 'react';
import { Spinner } from '../../../web/components/spinner.js';
import type { ModuleRoute } from '../../../web/module-pages.js';
import { ContactDetailPage } from './contact-detail-page.js';
import { ContactImportPage } from './contact-import-page.js';
import { ContactListPage } from './contact-list-page.js';
import { OpenImmoPage } from './openimmo-page.js';
import { PropertyDetailPage } from './property-detail-page.js';
import { PropertyListPage } from './property-list-page.js';
import { PropertyNewPage } from './property-new-page.js';

// The calendar library is large; load it only when the viewings page opens.
const ViewingsPage = lazy(() => import('./viewings-page.js').then((m) => ({ default: m.ViewingsPage })));

export const routes: ModuleRoute[] = [
  { path: 'objekte', element: <PropertyListPage /> },
  {
    path: 'objekte/neu',
    element: (
      <RequirePermission permission="crm.properties.write">
        <PropertyNewPage />
      </RequirePermission>
    ),
  },
  { path: 'objekte/openimmo', element: <OpenImmoPage /> },
  { path: 'objekte/:propertyId', element: <PropertyDetailPage /> },
  { path: 'kontakte', element: <ContactListPage /> },
  {
    path: 'kontakte/import',
    element: (
      <RequirePermission permission="crm.contacts.write">
        <ContactImportPage />
      </RequirePermission>
    ),
  },
  { path: 'kontakte/:contactId', element: <ContactDetailPage /> },
  {
    path: 'besichtigungen',
    element: (
      <Suspense fallback={<Spinner />}>
        <ViewingsPage />
      </Suspense>
    ),
  },
];
