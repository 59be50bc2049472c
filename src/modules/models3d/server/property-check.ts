import { eq } from 'drizzle-orm';
import type { TenantRequestContext } from '../../../platform/http/access-control.js';
import { notFound } from '../../../platform/http/app-error.js';
import { property } from '../../crm/schema.js';

/** A model or plan may name a listing only of the office's own (row-level security applies). */
export async function assertOwnProperty(ctx: TenantRequestContext, propertyId: string | null | undefined) {
  if (!propertyId) return;
  const [found] = await ctx.db((tx) =>
    tx.select({ id: property.id }).from(property).where(eq(property.id, propertyId)),
  );
  if (!found) throw notFound('Objekt');
}
