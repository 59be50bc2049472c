import { and, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageBody, type SortKey } from '../../../platform/db/list-page.js';
import { tablePage } from '../../../platform/db/table-page.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import { badRequest, notFound } from '../../../platform/http/app-error.js';
import { pageOf, pageQuery } from '../../../platform/http/page-schema.js';
import type { Platform } from '../../../platform/kernel.js';
import { activitySchema, createActivityBody } from '../contract.js';
import type { ACTIVITY_KINDS } from '../domain/contact-enums.js';
import { activity, contact, property } from '../schema.js';

const NEWEST_FIRST: SortKey = { key: activity.occurredAt, id: activity.id, direction: 'desc' };

const view = (a: typeof activity.$inferSelect) => ({
  id: a.id,
  propertyId: a.propertyId,
  contactId: a.contactId,
  kind: a.kind as (typeof ACTIVITY_KINDS)[number],
  subject: a.subject,
  body: a.body,
  occurredAt: a.occurredAt.toISOString(),
  userName: a.userName,
});

/** The timeline of a property or contact: notes, calls, e-mails and automatic status entries. */
export const activityRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  app.get(
    '/activities',
    {
      config: { access: { permission: 'crm.contacts.read' } },
      schema: {
        tags: ['crm'],
        summary: 'Timeline of a property or contact, newest first',
        querystring: z.object({
          propertyId: z.string().uuid().optional(),
          contactId: z.string().uuid().optional(),
          ...pageQuery(50).shape,
        }),
        response: { 200: pageOf(activitySchema) },
      },
    },
    async (request) => {
      const { propertyId, contactId } = request.query;
      if (!propertyId && !contactId)
        throw badRequest('filter_required', 'propertyId oder contactId angeben.');
      const where = and(
        propertyId ? eq(activity.propertyId, propertyId) : undefined,
        contactId ? eq(activity.contactId, contactId) : undefined,
      );
      const ctx = tenantContext(platform, request);
      return ctx.db(async (tx) => {
        const { page, total } = await tablePage(
          tx,
          { totals: platform.listTotals, tenantId: ctx.tenantId, table: activity, sort: NEWEST_FIRST, where },
          request.query,
        );
        return pageBody(page.items.map(view), page, total, request.query);
      });
    },
  );

  app.post(
    '/activities',
    {
      config: { access: { permission: 'crm.contacts.write' } },
      schema: {
        tags: ['crm'],
        summary: 'Record a note, call or e-mail',
        body: createActivityBody,
        response: { 201: activitySchema },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const { propertyId, contactId, occurredAt, ...rest } = request.body;
      const row = await ctx.db(async (tx) => {
        if (propertyId) {
          const [p] = await tx.select({ id: property.id }).from(property).where(eq(property.id, propertyId));
          if (!p) throw notFound('Objekt');
        }
        if (contactId) {
          const [c] = await tx.select({ id: contact.id }).from(contact).where(eq(contact.id, contactId));
          if (!c) throw notFound('Kontakt');
        }
        const [created] = await tx
          .insert(activity)
          .values({
            ...rest,
            propertyId: propertyId ?? null,
            contactId: contactId ?? null,
            occurredAt: occurredAt ? new Date(occurredAt) : new Date(),
            tenantId: ctx.tenantId,
            userId: ctx.auth.user.id,
            userName: ctx.auth.user.name,
          })
          .returning();
        return created!;
      });
      return reply.status(201).send(view(row));
    },
  );
};
