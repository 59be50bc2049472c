import { eq } from 'drizzle-orm';
import type { Cache } from '../cache/cache.js';
import type { Database, Tx } from '../db/database.js';
import { tenantSettings } from './tenancy.schema.js';

export type TenantSettings = typeof tenantSettings.$inferSelect;

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

  async get(tenantId: string): Promise<TenantSettings | null> {
    const cached = await this.cache.get<TenantSettings | { none: true }>(cacheKey(tenantId));
    if (cached) return 'none' in cached ? null : cached;
    const settings = await this.database.withTenant(tenantId, (tx) => readTenantSettings(tx, tenantId));
    await this.cache.set(cacheKey(tenantId), settings ?? { none: true }, CACHE_TTL_MS);
    return settings;
  }

  async forget(tenantId: string): Promise<void> {
    await this.cache.delete(cacheKey(tenantId));
  }
}
