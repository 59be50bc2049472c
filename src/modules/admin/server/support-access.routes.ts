import { desc, eq, isNull } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import type { Platform } from '../../../platform/kernel.js';
import { activeGrant, SUPPORT_GRANT_HOURS } from '../../../platform/superadmin/support-access.js';
import { supportAccessGrant, supportSession } from '../../../platform/superadmin/support-access.schema.js';

const supportAccessView = z.object({
  grant: z.object({ expiresAt: z.string(), grantedByName: z.string(), createdAt: z.string() }).nullable(),
  /** Who of the platform's support worked in the office, newest first. */
  sessions: z.array(
    z.object({
      operatorName: z.string(),
      operatorEmail: z.string(),
      startedAt: z.string(),
      endedAt: z.string().nullable(),
      expiresAt: z.string(),
    }),
  ),
});
type SupportAccessView = z.infer<typeof supportAccessView>;

/** The owner's consent that the platform's support may work in the office, and who did. */
export const supportAccessRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (
  app,
  { platform },
) => {
  const config = { access: { permission: 'admin.support.grant' } } as const;
  const view = (request: Parameters<typeof tenantContext>[1]): Promise<SupportAccessView> => {
    const ctx = tenantContext(platform, request);
    return ctx.db(async (tx) => {
      const grant = await activeGrant(tx, ctx.tenantId);
      const sessions = await tx
        .select()
        .from(supportSession)
        .orderBy(desc(supportSession.startedAt))
        .limit(20);
      return {
        grant: grant
          ? {
              expiresAt: grant.expiresAt.toISOString(),
              grantedByName: grant.grantedByName,
              createdAt: grant.createdAt.toISOString(),
            }
          : null,
        sessions: sessions.map((s) => ({
          operatorName: s.operatorName,
          operatorEmail: s.operatorEmail,
          startedAt: s.startedAt.toISOString(),
          endedAt: s.endedAt?.toISOString() ?? null,
          expiresAt: s.expiresAt.toISOString(),
        })),
      };
    });
  };

  app.get(
    '/',
    {
      config,
      schema: {
        tags: ['admin'],
        summary: "The office's support consent and the support sessions it allowed",
        response: { 200: supportAccessView },
      },
    },
    async (request) => view(request),
  );

  app.put(
    '/',
    {
      config,
      schema: {
        tags: ['admin'],
        summary: "Allow the platform's support into the office for some hours (replaces a running consent)",
        body: z
          .object({
            hours: z
              .number()
              .int()
              .refine((h) => (SUPPORT_GRANT_HOURS as readonly number[]).includes(h), {
                message: `Erlaubt sind ${SUPPORT_GRANT_HOURS.join(', ')} Stunden.`,
              }),
          })
          .strict(),
        response: { 200: supportAccessView },
      },
    },
    async (request) => {
      // Owners only (support works as admin, so it cannot extend its own access).
      const ctx = tenantContext(platform, request);
      const expiresAt = new Date(Date.now() + request.body.hours * 3_600_000);
      await ctx.db(async (tx) => {
        const running = await activeGrant(tx, ctx.tenantId);
        const by = { grantedBy: ctx.auth.user.id, grantedByName: ctx.auth.user.name, expiresAt };
        // A new span for a running consent keeps a running support session going.
        if (running) await tx.update(supportAccessGrant).set(by).where(eq(supportAccessGrant.id, running.id));
        else await tx.insert(supportAccessGrant).values({ tenantId: ctx.tenantId, ...by });
        await recordAudit(tx, ctx.actor, {
          entity: 'support_access',
          entityId: ctx.tenantId,
          action: 'granted',
          after: { expiresAt: expiresAt.toISOString() },
        });
      });
      return view(request);
    },
  );

  app.delete(
    '/',
    {
      config,
      schema: {
        tags: ['admin'],
        summary: 'Withdraw the consent; running support sessions end with their next request',
        response: { 200: supportAccessView },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      await ctx.db(async (tx) => {
        const revoked = await tx
          .update(supportAccessGrant)
          .set({ revokedAt: new Date() })
          .where(isNull(supportAccessGrant.revokedAt))
          .returning({ id: supportAccessGrant.id });
        if (revoked.length > 0)
          await recordAudit(tx, ctx.actor, {
            entity: 'support_access',
            entityId: ctx.tenantId,
            action: 'revoked',
          });
      });
      return view(request);
    },
  );
};
