import { count, desc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import type { Tx } from '../../../platform/db/database.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import { conflict, notFound } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import { contact } from '../../crm/schema.js';
import { contactDisplayName } from '../../crm/server/contact-view.js';
import { segmentInput, segmentMemberView, segmentView } from '../contract.js';
import { describeRule } from '../domain/segment-text.js';
import { leadScore, segment, segmentMember } from '../schema.js';
import { enqueueRescoreAll } from './jobs.js';
import { officeSegments, type SegmentRow } from './segment-membership.js';

const params = z.object({ segmentId: z.string().uuid() });

async function views(tx: Tx, tenantId: string) {
  const rows = await officeSegments(tx, tenantId);
  const counts = await tx
    .select({ segmentId: segmentMember.segmentId, n: count() })
    .from(segmentMember)
    .groupBy(segmentMember.segmentId);
  const countOf = new Map(counts.map((c) => [c.segmentId, c.n]));
  const order = (s: SegmentRow) => (s.builtin ? 0 : 1);
  return rows
    .sort((a, b) => order(a) - order(b) || a.createdAt.getTime() - b.createdAt.getTime())
    .map((s) => ({
      id: s.id,
      name: s.name,
      builtin: s.builtin ?? null,
      description: describeRule(s.rule),
      rule: s.rule as Record<string, unknown>,
      members: countOf.get(s.id) ?? 0,
      createdAt: s.createdAt.toISOString(),
    }));
}

/** The segment overview, saved segments, and who is in one. */
export const segmentsRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  app.get(
    '/segments',
    {
      config: { access: { permission: 'leadscoring.read' } },
      schema: {
        tags: ['leadscoring'],
        summary: 'Every segment of the office with its rule in words and how many contacts are in it',
        response: { 200: z.object({ items: z.array(segmentView) }) },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      return { items: await ctx.db((tx) => views(tx, ctx.tenantId)) };
    },
  );

  app.post(
    '/segments',
    {
      config: { access: { permission: 'leadscoring.manage' } },
      schema: {
        tags: ['leadscoring'],
        summary: 'Save a segment; its members are computed in the background',
        body: segmentInput,
        response: { 201: segmentView },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const created = await ctx.db(async (tx) => {
        const [row] = await tx
          .insert(segment)
          .values({
            tenantId: ctx.tenantId,
            name: request.body.name,
            rule: request.body.rule,
            createdBy: ctx.auth.user.name,
          })
          .returning();
        await recordAudit(tx, ctx.actor, {
          entity: 'lead_segment',
          entityId: row!.id,
          action: 'created',
          after: { name: row!.name, rule: row!.rule },
        });
        return row!;
      });
      await enqueueRescoreAll(platform, ctx.tenantId, 'segmente');
      return reply.status(201).send({
        id: created.id,
        name: created.name,
        builtin: null,
        description: describeRule(created.rule),
        rule: created.rule as Record<string, unknown>,
        members: 0,
        createdAt: created.createdAt.toISOString(),
      });
    },
  );

  app.delete(
    '/segments/:segmentId',
    {
      config: { access: { permission: 'leadscoring.manage' } },
      schema: {
        tags: ['leadscoring'],
        summary: 'Delete a saved segment (the built-in ones stay)',
        params,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      await ctx.db(async (tx) => {
        const [row] = await tx.select().from(segment).where(eq(segment.id, request.params.segmentId));
        if (!row) throw notFound('Segment');
        if (row.builtin)
          throw conflict('builtin_segment', 'Die mitgelieferten Segmente lassen sich nicht löschen.');
        await tx.delete(segment).where(eq(segment.id, row.id));
        await recordAudit(tx, ctx.actor, {
          entity: 'lead_segment',
          entityId: row.id,
          action: 'deleted',
          before: { name: row.name },
        });
      });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/segments/:segmentId/contacts',
    {
      config: { access: { permission: 'leadscoring.read' } },
      schema: {
        tags: ['leadscoring'],
        summary: 'The contacts in a segment, highest score first (the first 100)',
        params,
        response: { 200: z.object({ items: z.array(segmentMemberView) }) },
      },
    },
    async (request) => {
      const rows = await tenantContext(platform, request).db(async (tx) => {
        const [row] = await tx
          .select({ id: segment.id })
          .from(segment)
          .where(eq(segment.id, request.params.segmentId));
        if (!row) throw notFound('Segment');
        return tx
          .select({
            contactId: segmentMember.contactId,
            since: segmentMember.since,
            total: leadScore.total,
            c: {
              kind: contact.kind,
              firstName: contact.firstName,
              lastName: contact.lastName,
              companyName: contact.companyName,
              leadStatus: contact.leadStatus,
            },
          })
          .from(segmentMember)
          .innerJoin(contact, eq(contact.id, segmentMember.contactId))
          .leftJoin(leadScore, eq(leadScore.contactId, segmentMember.contactId))
          .where(eq(segmentMember.segmentId, row.id))
          .orderBy(desc(leadScore.total), segmentMember.contactId)
          .limit(100);
      });
      return {
        items: rows.map((r) => ({
          contactId: r.contactId,
          displayName: contactDisplayName(r.c),
          leadStatus: r.c.leadStatus,
          total: r.total,
          since: r.since.toISOString(),
        })),
      };
    },
  );
};
