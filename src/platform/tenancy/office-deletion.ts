import { and, eq, inArray, isNotNull, lte, notExists, sql } from 'drizzle-orm';
import { authUser, tenant, tenantMember } from '../auth/auth.schema.js';
import { issuedInvoice } from '../invoicing/invoicing.schema.js';
import type { Platform } from '../kernel.js';
import { superadmin } from '../superadmin/superadmin.schema.js';

/** Days between the owner's request and the deletion, in which it can be called off. */
export const OFFICE_DELETION_GRACE_DAYS = 30;

/** Where the platform keeps its own invoices to a deleted office for the retention period. */
export const retainedInvoiceKey = (tenantId: string, invoiceId: string, ext: 'pdf' | 'xml') =>
  `retained/invoices/${tenantId}/${invoiceId}.${ext}`;

export interface PurgeResult {
  tenantId: string;
  /** Rows removed from tables that name the office but do not cascade from it. */
  orphanRows: number;
  files: number;
  retainedInvoices: number;
  usersDeleted: number;
}

type PurgePlatform = Pick<Platform, 'database' | 'files' | 'logger' | 'memberships'>;

/**
 * Deletes an office for good: its rows (everything cascades from the office; tables that name it
 * without a foreign key are swept by name), its files, and the accounts that belonged to it alone.
 * The platform's own invoices to it stay, with their files, for the retention period (GoBD).
 */
export async function purgeOffice(platform: PurgePlatform, tenantId: string): Promise<PurgeResult> {
  const { db } = platform.database;
  const retained = await db
    .select({ id: issuedInvoice.id, pdfKey: issuedInvoice.pdfKey, xmlKey: issuedInvoice.xmlKey })
    .from(issuedInvoice)
    .where(and(eq(issuedInvoice.tenantId, tenantId), eq(issuedInvoice.issuer, 'platform')));
  // Copied before anything is deleted; a failed purge leaves harmless copies and runs again.
  for (const invoice of retained) {
    const pdfKey = retainedInvoiceKey(tenantId, invoice.id, 'pdf');
    const xmlKey = retainedInvoiceKey(tenantId, invoice.id, 'xml');
    if (invoice.pdfKey !== pdfKey)
      await platform.files.put(pdfKey, await platform.files.read(invoice.pdfKey));
    if (invoice.xmlKey !== xmlKey)
      await platform.files.put(xmlKey, await platform.files.read(invoice.xmlKey));
    await db.update(issuedInvoice).set({ pdfKey, xmlKey }).where(eq(issuedInvoice.id, invoice.id));
  }

  const { orphanRows, usersDeleted, userIds } = await db.transaction(async (tx) => {
    const members = await tx
      .select({ userId: tenantMember.userId })
      .from(tenantMember)
      .where(eq(tenantMember.organizationId, tenantId));
    await tx
      .delete(issuedInvoice)
      .where(and(eq(issuedInvoice.tenantId, tenantId), eq(issuedInvoice.issuer, 'office')));
    await tx.delete(tenant).where(eq(tenant.id, tenantId));
    const tables = (await tx.execute(sql`
      select table_name as "table", column_name as "column" from information_schema.columns
      where table_schema = 'public' and column_name in ('tenant_id', 'organization_id')
        and table_name not in ('issued_invoice', 'tenant')`)) as unknown as {
      rows: { table: string; column: string }[];
    };
    let orphans = 0;
    for (const { table, column } of tables.rows) {
      const swept = (await tx.execute(
        sql`delete from ${sql.identifier(table)} where ${sql.identifier(column)}::text = ${tenantId} returning 1`,
      )) as unknown as { rows: unknown[] };
      orphans += swept.rows.length;
    }
    const userIds = members.map((m) => m.userId);
    if (userIds.length === 0) return { orphanRows: orphans, usersDeleted: 0, userIds };
    // Accounts of this office alone go with it; one in another office, or an operator's, stays.
    const alone = await tx
      .delete(authUser)
      .where(
        and(
          inArray(authUser.id, userIds),
          notExists(tx.select().from(tenantMember).where(eq(tenantMember.userId, authUser.id))),
          notExists(tx.select().from(superadmin).where(eq(superadmin.userId, authUser.id))),
        ),
      )
      .returning({ id: authUser.id });
    return { orphanRows: orphans, usersDeleted: alone.length, userIds };
  });
  // Who belongs where is cached for every request: the office must not linger there.
  await Promise.all(userIds.map((userId) => platform.memberships.forget(tenantId, userId)));

  const keys = await platform.files.list(`tenants/${tenantId}/`);
  for (const key of keys) await platform.files.delete(key);
  const result = {
    tenantId,
    orphanRows,
    files: keys.length,
    retainedInvoices: retained.length,
    usersDeleted,
  };
  platform.logger.info(result, 'office deleted for good');
  return result;
}

/** Every office whose grace period is over. */
export async function officesDueForDeletion(platform: Pick<Platform, 'database'>, now = new Date()) {
  const rows = await platform.database.db
    .select({ id: tenant.id })
    .from(tenant)
    .where(and(isNotNull(tenant.deleteAfter), lte(tenant.deleteAfter, now)));
  return rows.map((r) => r.id);
}
