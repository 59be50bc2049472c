/**
 * The closed list of modules this build ships. A `MODULE_<ID>` switch for anything else
 * fails at start-up, so a typo never silently leaves a module on or off. A module's id is
 * added here in the same change that adds its `src/modules/<id>/module.ts`.
 */
export const KNOWN_MODULE_IDS = [
  'admin',
  'crm',
  'social',
  'ai',
  'finance',
  'documents',
  'models3d',
  'projects',
  'viewings',
  'portals',
  'inbox',
  'mailings',
  'leadscoring',
  'market',
  'billing',
  'invoices',
  'multi_tenant',
  'networks',
  'superadmin',
] as const;

export type ModuleId = (typeof KNOWN_MODULE_IDS)[number];
