import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import { tenant } from '../../../platform/auth/auth.schema.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import { badRequest } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import { OFFICE_DELETION_GRACE_DAYS } from '../../../platform/tenancy/office-deletion.js';

const deletionView = z.object({
  /** When the office is deleted for good; null: no deletion asked for. */
  deleteAfter: z.string().nullable(),
  requestedBy: z.string().nullable(),
  graceDays: z.number(),
});
type DeletionView = z.infer<typeof deletionView>;

/**
 * The owner asks for the office to be deleted; it is, after a grace period in which everything
 * keeps working (and the data can be exported) and the owner can call it off.
 */
export const officeDeletionRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (
  app,
  { platform },
) => {
  const config = { access: { permission: 'admin.office.delete' } } as const;
  const { db } = platform.database;
  const read = async (tenantId: string): Promise<DeletionView & { name: string }> => {
    const [row] = await db
      .select({ name: tenant.name, deleteAfter: tenant.deleteAfter, requestedBy: tenant.deletionRequestedBy })
      .from(tenant)
      .where(eq(tenant.id, tenantId));
    return {
      name: row?.name ?? '',
      deleteAfter: row?.deleteAfter?.toISOString() ?? null,
      requestedBy: row?.requestedBy ?? null,
      graceDays: OFFICE_DELETION_GRACE_DAYS,
    };
  };
  const view = async (tenantId: string): Promise<DeletionView> => {
    const { name: _name, ...rest } = await read(tenantId);
    return rest;
  };

  app.get(
    '/',
    {
      config,
      schema: {
        tags: ['admin'],
        summary: 'Whether the office is to be deleted, and when',
        response: { 200: deletionView },
      },
    },
    async (request) => view(tenantContext(platform, request).tenantId),
  );

  app.post(
    '/',
    {
      config,
      schema: {
        tags: ['admin'],
        summary: `Delete the office after ${OFFICE_DELETION_GRACE_DAYS} days; the owner confirms with its name`,
        body: z.object({ confirmName: z.string().max(300) }).strict(),
        response: { 200: deletionView },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const current = await read(ctx.tenantId);
      if (request.body.confirmName.trim() !== current.name)
        throw badRequest(
          'confirm_mismatch',
          `Bitte geben Sie zur Bestätigung den Namen des Büros genau so ein: „${current.name}“.`,
          { field: 'confirmName' },
        );
      if (current.deleteAfter) return view(ctx.tenantId);
      const deleteAfter = new Date(Date.now() + OFFICE_DELETION_GRACE_DAYS * 86_400_000);
      await db
        .update(tenant)
        .set({ deleteAfter, deletionRequestedBy: ctx.auth.user.name })
        .where(eq(tenant.id, ctx.tenantId));
      await ctx.db((tx) =>
        recordAudit(tx, ctx.actor, {
          entity: 'office',
          entityId: ctx.tenantId,
          action: 'deletion_requested',
          after: { deleteAfter: deleteAfter.toISOString() },
        }),
      );
      return view(ctx.tenantId);
    },
  );

  app.delete(
    '/',
    {
      config,
      schema: {
        tags: ['admin'],
        summary: 'Call off the deletion of the office',
        response: { 200: deletionView },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const current = await read(ctx.tenantId);
      if (!current.deleteAfter) return view(ctx.tenantId);
      await db
        .update(tenant)
        .set({ deleteAfter: null, deletionRequestedBy: null })
        .where(eq(tenant.id, ctx.tenantId));
      await ctx.db((tx) =>
        recordAudit(tx, ctx.actor, {
          entity: 'office',
          entityId: ctx.tenantId,
          action: 'deletion_canceled',
          before: { deleteAfter: current.deleteAfter },
        }),
      );
      return view(ctx.tenantId);
    },
  );
};
