import { eq } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { tenantSettings } from './tenancy.schema.js';

export type TenantSettings = typeof tenantSettings.$inferSelect;

/** Reads the branding of the transaction's tenant (RLS-scoped `tx`). */
export async function readTenantSettings(tx: Tx, tenantId: string): Promise<TenantSettings | null> {
  const [row] = await tx.select().from(tenantSettings).where(eq(tenantSettings.tenantId, tenantId));
  return row ?? null;
}
