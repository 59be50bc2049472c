import './i18n.js';
import type { ModuleRoute } from '../../../web/module-pages.js';
import { ModelEditorPage } from './model-editor-page.js';
import { ModelPage } from './model-page.js';
import { ModelsPage } from './models-page.js';

export const routes: ModuleRoute[] = [
  { path: '3d', element: <ModelsPage /> },
  { path: '3d/:modelId', element: <ModelPage /> },
  { path: '3d/:modelId/bearbeiten', element: <ModelEditorPage /> },
];
