import { adminModule } from '../../modules/admin/module.js';
import { aiModule } from '../../modules/ai/module.js';
import { crmModule } from '../../modules/crm/module.js';
import { documentsModule } from '../../modules/documents/module.js';
import { financeModule } from '../../modules/finance/module.js';
import { models3dModule } from '../../modules/models3d/module.js';
import { socialModule } from '../../modules/social/module.js';
import type { ModuleManifest } from './module-manifest.js';

/** Every module of this build; manifests are cheap, server code loads only when enabled. */
export const MODULE_MANIFESTS: readonly ModuleManifest[] = [
  adminModule,
  crmModule,
  socialModule,
  aiModule,
  financeModule,
  documentsModule,
  models3dModule,
];
