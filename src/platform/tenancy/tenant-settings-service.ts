import { eq } from 'drizzle-orm';
import { tenant } from '../auth/auth.schema.js';
import type { Cache } from '../cache/cache.js';
import type { Database, Tx } from '../db/database.js';
import { tenantSettings } from './tenancy.schema.js';

export type TenantSettings = typeof tenantSettings.$inferSelect;
/** The settings with the office's URL slug, which public links (Impressum, Datenschutz) need. */
export type OfficeSettings = TenantSettings & { tenantSlug: string };

/** Reads the branding of the transaction's tenant (RLS-scoped `tx`). */
export async function readTenantSettings(tx: Tx, tenantId: string): Promise<TenantSettings | null> {
  const [row] = await tx.select().from(tenantSettings).where(eq(tenantSettings.tenantId, tenantId));
  return row ?? null;
}

const CACHE_TTL_MS = 30_000;
const cacheKey = (tenantId: string) => `tenant-settings:${tenantId}`;

/** Branding is read on every page load; cached here, dropped by `forget` after a change. */
export class TenantSettingsCache {
  constructor(
    private readonly database: Database,
    private readonly cache: Cache,
  ) {}

  async get(tenantId: string): Promise<OfficeSettings | null> {
    const cached = await this.cache.get<OfficeSettings | { none: true }>(cacheKey(tenantId));
    if (cached) return 'none' in cached ? null : cached;
    const settings = await this.database.withTenant(tenantId, async (tx) => {
      const [row] = await tx
        .select({ settings: tenantSettings, tenantSlug: tenant.slug })
        .from(tenantSettings)
        .innerJoin(tenant, eq(tenant.id, tenantSettings.tenantId))
        .where(eq(tenantSettings.tenantId, tenantId));
      return row ? { ...row.settings, tenantSlug: row.tenantSlug } : null;
    });
    await this.cache.set(cacheKey(tenantId), settings ?? { none: true }, CACHE_TTL_MS);
    return settings;
  }

  async forget(tenantId: string): Promise<void> {
    await this.cache.delete(cacheKey(tenantId));
  }
}
