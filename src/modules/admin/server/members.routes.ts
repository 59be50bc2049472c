import { and, asc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import { authUser, tenantMember } from '../../../platform/auth/auth.schema.js';
import type { Tx } from '../../../platform/db/database.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import { conflict, forbidden, notFound } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import { assignableRoles, isRole, type Role } from '../../../platform/rbac/roles.js';
import { memberSchema, roleSchema } from '../contract.js';

const memberParams = z.object({ memberId: z.string().min(1).max(100) });

async function listMembers(tx: Tx) {
  const rows = await tx
    .select({
      id: tenantMember.id,
      userId: tenantMember.userId,
      role: tenantMember.role,
      joinedAt: tenantMember.createdAt,
      name: authUser.name,
      email: authUser.email,
    })
    .from(tenantMember)
    .innerJoin(authUser, eq(authUser.id, tenantMember.userId))
    .orderBy(asc(authUser.name));
  return rows.map((r) => ({
    ...r,
    role: isRole(r.role) ? r.role : 'readonly',
    joinedAt: r.joinedAt.toISOString(),
  }));
}

async function ownerCount(tx: Tx): Promise<number> {
  const owners = await tx
    .select({ id: tenantMember.id })
    .from(tenantMember)
    .where(eq(tenantMember.role, 'owner'));
  return owners.length;
}

/** Team list, role changes and removal, with the rules that keep an office manageable. */
export const memberRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  app.get(
    '/',
    {
      config: { access: { permission: 'admin.members.read' } },
      schema: {
        tags: ['admin'],
        summary: 'Members of the current tenant',
        response: { 200: z.object({ items: z.array(memberSchema) }) },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      return { items: await ctx.db(listMembers) };
    },
  );

  app.patch(
    '/:memberId',
    {
      config: { access: { permission: 'admin.members.manage' } },
      schema: {
        tags: ['admin'],
        summary: "Change a member's role",
        params: memberParams,
        body: z.object({ role: roleSchema }),
        response: { 200: memberSchema },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const newRole: Role = request.body.role;
      const result = await ctx.db(async (tx) => {
        const [member] = await tx
          .select()
          .from(tenantMember)
          .where(eq(tenantMember.id, request.params.memberId));
        if (!member) throw notFound('Mitglied');
        if (member.userId === ctx.auth.user.id)
          throw forbidden('Die eigene Rolle kann nicht geändert werden.');
        const allowed = assignableRoles(ctx.auth.role);
        if (!allowed.includes(newRole) || (member.role === 'owner' && ctx.auth.role !== 'owner')) {
          throw forbidden('Nur Inhaber können Inhaber ernennen oder ändern.');
        }
        if (member.role === 'owner' && newRole !== 'owner' && (await ownerCount(tx)) <= 1) {
          throw conflict('last_owner', 'Das Büro braucht mindestens einen Inhaber.');
        }
        await tx
          .update(tenantMember)
          .set({ role: newRole })
          .where(and(eq(tenantMember.id, member.id)));
        await recordAudit(tx, ctx.actor, {
          entity: 'member',
          entityId: member.id,
          action: 'role.changed',
          before: { role: member.role },
          after: { role: newRole },
        });
        const updated = (await listMembers(tx)).find((m) => m.id === member.id);
        if (!updated) throw notFound('Mitglied');
        return { updated, previousRole: member.role };
      });
      await platform.memberships.forget(ctx.tenantId, result.updated.userId);
      platform.events.emit(
        'tenant.member.role_changed',
        ctx.tenantId,
        { userId: result.updated.userId, from: result.previousRole, to: newRole },
        ctx.auth.user.id,
      );
      return result.updated;
    },
  );

  app.delete(
    '/:memberId',
    {
      config: { access: { permission: 'admin.members.manage' } },
      schema: {
        tags: ['admin'],
        summary: 'Remove a member from the tenant',
        params: memberParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const removed = await ctx.db(async (tx) => {
        const [member] = await tx
          .select()
          .from(tenantMember)
          .where(eq(tenantMember.id, request.params.memberId));
        if (!member) throw notFound('Mitglied');
        if (member.userId === ctx.auth.user.id) throw forbidden('Sie können sich nicht selbst entfernen.');
        if (member.role === 'owner' && ctx.auth.role !== 'owner')
          throw forbidden('Nur Inhaber können Inhaber entfernen.');
        if (member.role === 'owner' && (await ownerCount(tx)) <= 1) {
          throw conflict('last_owner', 'Das Büro braucht mindestens einen Inhaber.');
        }
        await tx.delete(tenantMember).where(eq(tenantMember.id, member.id));
        await recordAudit(tx, ctx.actor, {
          entity: 'member',
          entityId: member.id,
          action: 'removed',
          before: { userId: member.userId, role: member.role },
        });
        return member;
      });
      await platform.memberships.forget(ctx.tenantId, removed.userId);
      platform.events.emit(
        'tenant.member.removed',
        ctx.tenantId,
        { userId: removed.userId },
        ctx.auth.user.id,
      );
      return reply.status(204).send(null);
    },
  );
};
