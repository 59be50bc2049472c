import './i18n.js';
import type { ModuleRoute } from '../../../web/module-pages.js';
import { DocumentDetailPage } from './document-detail-page.js';
import { DocumentsPage } from './documents-page.js';
import { PrepareSignaturePage } from './prepare-signature-page.js';

export const routes: ModuleRoute[] = [
  { path: 'dokumente', element: <DocumentsPage /> },
  { path: 'dokumente/:documentId', element: <DocumentDetailPage /> },
  { path: 'dokumente/:documentId/unterschrift', element: <PrepareSignaturePage /> },
];
