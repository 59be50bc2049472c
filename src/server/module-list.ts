import { adminModule } from '../modules/admin/module.js';
import { aiModule } from '../modules/ai/module.js';
import { billingModule } from '../modules/billing/module.js';
import { crmModule } from '../modules/crm/module.js';
import { documentsModule } from '../modules/documents/module.js';
import { financeModule } from '../modules/finance/module.js';
import { inboxModule } from '../modules/inbox/module.js';
import { invoicesModule } from '../modules/invoices/module.js';
import { leadscoringModule } from '../modules/leadscoring/module.js';
import { mailingsModule } from '../modules/mailings/module.js';
import { marketModule } from '../modules/market/module.js';
import { models3dModule } from '../modules/models3d/module.js';
import { multiTenantModule } from '../modules/multi_tenant/module.js';
import { networksModule } from '../modules/networks/module.js';
import { portalsModule } from '../modules/portals/module.js';
import { projectsModule } from '../modules/projects/module.js';
import { socialModule } from '../modules/social/module.js';
import { superadminModule } from '../modules/superadmin/module.js';
import { viewingsModule } from '../modules/viewings/module.js';
import type { ModuleManifest } from '../platform/modules/module-manifest.js';

/**
 * Every module of this build, named here at the composition root so the platform kernel knows
 * no module. Manifests are cheap; server code loads only when a module is enabled.
 */
export const MODULE_MANIFESTS: readonly ModuleManifest[] = [
  adminModule,
  crmModule,
  socialModule,
  aiModule,
  financeModule,
  documentsModule,
  models3dModule,
  projectsModule,
  viewingsModule,
  portalsModule,
  inboxModule,
  mailingsModule,
  leadscoringModule,
  marketModule,
  billingModule,
  invoicesModule,
  multiTenantModule,
  networksModule,
  superadminModule,
];
