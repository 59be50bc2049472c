import { fromNodeHeaders } from 'better-auth/node';
import { and, desc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import { authUser, tenantInvitation, tenantMember } from '../../../platform/auth/auth.schema.js';
import { mapAuthError } from '../../../platform/auth/auth-error.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import { conflict, forbidden, notFound } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import { invitationMail } from '../../../platform/mail/mail-templates.js';
import { assertCapacity } from '../../../platform/plans/plan-limits.js';
import { seatsInUse } from '../../../platform/plans/seats.js';
import { assignableRoles } from '../../../platform/rbac/roles.js';
import { createInvitationBody, invitationSchema } from '../contract.js';

const ROLE_LABELS = {
  de: {
    owner: 'Inhaber',
    admin: 'Administrator',
    agent: 'Makler',
    assistant: 'Assistenz',
    readonly: 'Nur-Lese-Zugang',
  },
  en: {
    owner: 'owner',
    admin: 'administrator',
    agent: 'agent',
    assistant: 'assistant',
    readonly: 'read-only user',
  },
} as const;

/** Invite colleagues by e-mail; the link also works when mail is offline (admins can copy it). */
export const invitationRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  const acceptUrl = (id: string) => `${platform.publicUrl}/einladung/${id}`;
  const view = (row: typeof tenantInvitation.$inferSelect) => ({
    id: row.id,
    email: row.email,
    role: row.role ?? 'agent',
    status: row.status === 'pending' && row.expiresAt.getTime() < Date.now() ? 'expired' : row.status,
    expiresAt: row.expiresAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    acceptUrl: acceptUrl(row.id),
  });

  app.get(
    '/',
    {
      config: { access: { permission: 'admin.members.manage' } },
      schema: {
        tags: ['admin'],
        summary: 'Open invitations of the tenant',
        response: { 200: z.object({ items: z.array(invitationSchema) }) },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const rows = await ctx.db((tx) =>
        tx
          .select()
          .from(tenantInvitation)
          .where(eq(tenantInvitation.status, 'pending'))
          .orderBy(desc(tenantInvitation.createdAt)),
      );
      return { items: rows.map(view) };
    },
  );

  app.post(
    '/',
    {
      config: { access: { permission: 'admin.members.manage' } },
      schema: {
        tags: ['admin'],
        summary: 'Invite someone by e-mail',
        body: createInvitationBody,
        response: {
          201: z.object({
            invitation: invitationSchema,
            mail: z.object({ delivery: z.enum(['queued', 'offline']) }),
          }),
        },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const { email, role } = request.body;
      if (!assignableRoles(ctx.auth.role).includes(role))
        throw forbidden('Nur Inhaber können Inhaber einladen.');
      const alreadyMember = await ctx.db((tx) =>
        tx
          .select({ id: tenantMember.id })
          .from(tenantMember)
          .innerJoin(authUser, eq(authUser.id, tenantMember.userId))
          .where(eq(authUser.email, email)),
      );
      if (alreadyMember.length > 0) throw conflict('already_member', 'Diese Person gehört bereits zum Team.');
      // Open invitations hold a seat: accepted, each becomes a user of the plan.
      await ctx.db((tx) =>
        assertCapacity(tx, 'users', async () => {
          // Inviting the same address again replaces its invitation rather than adding one.
          const seats = await seatsInUse(tx, ctx.tenantId, email);
          return seats.members + seats.openInvitations;
        }),
      );
      const created = await platform.auth.api
        .createInvitation({
          body: { email, role, organizationId: ctx.tenantId, resend: true },
          headers: fromNodeHeaders(request.headers),
        })
        .catch((error: unknown) => {
          throw mapAuthError(error, {
            code: 'invitation_failed',
            message: 'Die Einladung konnte nicht erstellt werden.',
          });
        });
      const [row] = await ctx.db((tx) =>
        tx.select().from(tenantInvitation).where(eq(tenantInvitation.id, created.id)),
      );
      if (!row) throw notFound('Einladung');
      await ctx.db((tx) =>
        recordAudit(tx, ctx.actor, {
          entity: 'invitation',
          entityId: row.id,
          action: 'created',
          after: { email, role },
        }),
      );
      const locale = ctx.auth.user.locale === 'en' ? 'en' : 'de';
      const rendered = invitationMail(
        locale,
        ctx.auth.user.name,
        ctx.auth.tenantName ?? '',
        ROLE_LABELS[locale][role],
        acceptUrl(row.id),
      );
      const receipt = await platform.mail.send({
        audience: 'staff',
        to: email,
        ...rendered,
        purpose: 'invitation',
        tenantId: ctx.tenantId,
      });
      return reply.status(201).send({ invitation: view(row), mail: { delivery: receipt.delivery } });
    },
  );

  app.delete(
    '/:invitationId',
    {
      config: { access: { permission: 'admin.members.manage' } },
      schema: {
        tags: ['admin'],
        summary: 'Withdraw an open invitation',
        params: z.object({ invitationId: z.string().min(1).max(100) }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      await ctx.db(async (tx) => {
        const [row] = await tx
          .update(tenantInvitation)
          .set({ status: 'canceled' })
          .where(
            and(eq(tenantInvitation.id, request.params.invitationId), eq(tenantInvitation.status, 'pending')),
          )
          .returning();
        if (!row) throw notFound('Einladung');
        await recordAudit(tx, ctx.actor, {
          entity: 'invitation',
          entityId: row.id,
          action: 'canceled',
          before: { email: row.email },
        });
      });
      return reply.status(204).send(null);
    },
  );
};
