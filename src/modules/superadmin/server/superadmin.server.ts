import type { ModuleServer } from '../../../platform/modules/module-manifest.js';
import { superadminRoutes } from './superadmin.routes.js';

export const superadminServer: ModuleServer = { routes: superadminRoutes };
