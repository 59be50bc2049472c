import '../events.js';
import { and, eq, gt, gte, inArray, lt, ne, or, type SQL } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import type { Tx } from '../../../platform/db/database.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import { badRequest, notFound } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import {
  createViewingBody,
  updateViewingBody,
  viewingClashQuery,
  viewingClashSchema,
  viewingListQuery,
  viewingSchema,
} from '../contract.js';
import { activity, contact, property, viewing, viewingContact } from '../schema.js';
import { assertAgentInTenant } from './assert-agent.js';
import { loadViews } from './viewing-queries.js';
import { deleteViewing } from './viewing-service.js';

async function assertContactsExist(tx: Tx, contactIds: string[]): Promise<void> {
  if (contactIds.length === 0) return;
  const found = await tx.select({ id: contact.id }).from(contact).where(inArray(contact.id, contactIds));
  if (found.length !== new Set(contactIds).size) throw notFound('Kontakt');
}

/** Viewings: property + contacts + agent at a time; the calendar reads a time window. */
export const viewingRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  app.get(
    '/viewings',
    {
      config: { access: { permission: 'crm.viewings.read' } },
      schema: {
        tags: ['crm'],
        summary: 'Viewings in a time window (max. 100 days)',
        querystring: viewingListQuery,
        response: { 200: z.object({ items: z.array(viewingSchema) }) },
      },
    },
    async (request) => {
      const from = new Date(request.query.from);
      const to = new Date(request.query.to);
      if (to <= from || to.getTime() - from.getTime() > 100 * 86_400_000) {
        throw badRequest(
          'invalid_range',
          'Der Zeitraum muss nach „from“ enden und darf höchstens 100 Tage lang sein.',
        );
      }
      const filters: SQL[] = [gte(viewing.startsAt, from), lt(viewing.startsAt, to)];
      if (request.query.propertyId) filters.push(eq(viewing.propertyId, request.query.propertyId));
      const ctx = tenantContext(platform, request);
      return { items: await ctx.db((tx) => loadViews(tx, filters)) };
    },
  );

  app.get(
    '/viewings/clashes',
    {
      config: { access: { permission: 'crm.viewings.read' } },
      schema: {
        tags: ['crm'],
        summary: 'Planned viewings that overlap a time slot for the same agent or the same property',
        querystring: viewingClashQuery,
        response: { 200: z.object({ items: z.array(viewingClashSchema) }) },
      },
    },
    async (request) => {
      const q = request.query;
      const who: SQL[] = [];
      if (q.agentId) who.push(eq(viewing.agentId, q.agentId));
      if (q.propertyId) who.push(eq(viewing.propertyId, q.propertyId));
      if (who.length === 0) return { items: [] };
      const ctx = tenantContext(platform, request);
      const rows = await ctx.db((tx) =>
        tx
          .select({ viewing, propertyTitle: property.title })
          .from(viewing)
          .innerJoin(property, eq(property.id, viewing.propertyId))
          .where(
            and(
              lt(viewing.startsAt, new Date(q.endsAt)),
              gt(viewing.endsAt, new Date(q.startsAt)),
              ne(viewing.status, 'abgesagt'),
              q.excludeId ? ne(viewing.id, q.excludeId) : undefined,
              or(...who),
            ),
          )
          .orderBy(viewing.startsAt)
          .limit(20),
      );
      return {
        items: rows.map(({ viewing: v, propertyTitle }) => ({
          id: v.id,
          propertyTitle,
          startsAt: v.startsAt.toISOString(),
          endsAt: v.endsAt.toISOString(),
          reason: q.agentId && v.agentId === q.agentId ? ('agent' as const) : ('property' as const),
        })),
      };
    },
  );

  app.get(
    '/viewings/:viewingId',
    {
      config: { access: { permission: 'crm.viewings.read' } },
      schema: {
        tags: ['crm'],
        summary: 'One viewing (for links into the calendar)',
        params: z.object({ viewingId: z.string().uuid() }),
        response: { 200: viewingSchema },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const [found] = await ctx.db((tx) => loadViews(tx, [eq(viewing.id, request.params.viewingId)]));
      if (!found) throw notFound('Besichtigung');
      return found;
    },
  );

  app.post(
    '/viewings',
    {
      config: { access: { permission: 'crm.viewings.write' } },
      schema: {
        tags: ['crm'],
        summary: 'Plan a viewing',
        body: createViewingBody,
        response: { 201: viewingSchema },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const { contactIds, startsAt, endsAt, ...rest } = request.body;
      await assertAgentInTenant(platform, ctx.tenantId, rest.agentId);
      const [created] = await ctx.db(async (tx) => {
        const [p] = await tx
          .select({ id: property.id, title: property.title })
          .from(property)
          .where(eq(property.id, rest.propertyId));
        if (!p) throw notFound('Objekt');
        await assertContactsExist(tx, contactIds);
        const [row] = await tx
          .insert(viewing)
          .values({
            ...rest,
            agentId: rest.agentId ?? ctx.auth.user.id,
            startsAt: new Date(startsAt),
            endsAt: new Date(endsAt),
            tenantId: ctx.tenantId,
          })
          .returning();
        const viewingId = row!.id;
        if (contactIds.length > 0) {
          await tx
            .insert(viewingContact)
            .values(
              [...new Set(contactIds)].map((contactId) => ({ viewingId, contactId, tenantId: ctx.tenantId })),
            );
          await tx.insert(activity).values(
            [...new Set(contactIds)].map((contactId) => ({
              tenantId: ctx.tenantId,
              contactId,
              propertyId: p.id,
              kind: 'besichtigung',
              subject: `Besichtigung geplant: ${p.title}`,
              occurredAt: new Date(startsAt),
              userId: ctx.auth.user.id,
              userName: ctx.auth.user.name,
            })),
          );
        }
        await recordAudit(tx, ctx.actor, {
          entity: 'viewing',
          entityId: viewingId,
          action: 'created',
          after: { propertyId: p.id, startsAt },
        });
        return loadViews(tx, [eq(viewing.id, viewingId)]);
      });
      platform.events.emit(
        'viewing.planned',
        ctx.tenantId,
        { viewingId: created!.id, propertyId: created!.propertyId },
        ctx.auth.user.id,
      );
      return reply.status(201).send(created!);
    },
  );

  app.patch(
    '/viewings/:viewingId',
    {
      config: { access: { permission: 'crm.viewings.write' } },
      schema: {
        tags: ['crm'],
        summary: 'Move, re-assign or update a viewing',
        params: z.object({ viewingId: z.string().uuid() }),
        body: updateViewingBody,
        response: { 200: viewingSchema },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const { contactIds, startsAt, endsAt, ...rest } = request.body;
      await assertAgentInTenant(platform, ctx.tenantId, rest.agentId);
      const updated = await ctx.db(async (tx) => {
        const [before] = await tx.select().from(viewing).where(eq(viewing.id, request.params.viewingId));
        if (!before) throw notFound('Besichtigung');
        const start = startsAt ? new Date(startsAt) : before.startsAt;
        const end = endsAt ? new Date(endsAt) : before.endsAt;
        if (end <= start) throw badRequest('invalid_range', 'Ende muss nach dem Beginn liegen.');
        if (rest.propertyId) {
          const [p] = await tx
            .select({ id: property.id })
            .from(property)
            .where(eq(property.id, rest.propertyId));
          if (!p) throw notFound('Objekt');
        }
        await tx
          .update(viewing)
          .set({ ...rest, startsAt: start, endsAt: end, updatedAt: new Date() })
          .where(eq(viewing.id, before.id));
        let visitorsChanged = false;
        if (contactIds) {
          await assertContactsExist(tx, contactIds);
          const previous = await tx
            .select({ id: viewingContact.contactId })
            .from(viewingContact)
            .where(eq(viewingContact.viewingId, before.id));
          const next = new Set(contactIds);
          visitorsChanged = previous.length !== next.size || previous.some((c) => !next.has(c.id));
          await tx.delete(viewingContact).where(eq(viewingContact.viewingId, before.id));
          if (contactIds.length > 0) {
            await tx.insert(viewingContact).values(
              [...new Set(contactIds)].map((contactId) => ({
                viewingId: before.id,
                contactId,
                tenantId: ctx.tenantId,
              })),
            );
          }
        }
        await recordAudit(tx, ctx.actor, {
          entity: 'viewing',
          entityId: before.id,
          action: 'updated',
          before: { startsAt: before.startsAt, status: before.status },
          after: { startsAt: start, status: rest.status ?? before.status },
        });
        const fields = [
          start.getTime() !== before.startsAt.getTime() || end.getTime() !== before.endsAt.getTime()
            ? 'time'
            : null,
          rest.propertyId && rest.propertyId !== before.propertyId ? 'property' : null,
          rest.agentId !== undefined && rest.agentId !== before.agentId ? 'agent' : null,
          visitorsChanged ? 'visitors' : null,
          rest.status && rest.status !== before.status ? 'status' : null,
          rest.notes !== undefined && rest.notes !== before.notes ? 'notes' : null,
        ].filter((f): f is string => f !== null);
        return { views: await loadViews(tx, [eq(viewing.id, before.id)]), before, fields };
      });
      const view = updated.views[0];
      if (view && updated.fields.length > 0)
        platform.events.emit(
          'viewing.changed',
          ctx.tenantId,
          { viewingId: view.id, propertyId: view.propertyId, fields: updated.fields },
          ctx.auth.user.id,
        );
      if (view && rest.status && rest.status !== updated.before.status)
        platform.events.emit(
          'viewing.status_changed',
          ctx.tenantId,
          { viewingId: view.id, propertyId: view.propertyId, from: updated.before.status, to: rest.status },
          ctx.auth.user.id,
        );
      return view!;
    },
  );

  app.delete(
    '/viewings/:viewingId',
    {
      config: { access: { permission: 'crm.viewings.write' } },
      schema: {
        tags: ['crm'],
        summary: 'Delete a viewing',
        params: z.object({ viewingId: z.string().uuid() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      if (!(await deleteViewing(platform, ctx.actor, request.params.viewingId)))
        throw notFound('Besichtigung');
      return reply.status(204).send(null);
    },
  );
};
