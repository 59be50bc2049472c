import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tenantContext } from '../../../platform/http/access-control.js';
import { badRequest, notFound } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import { activitySchema, createActivityBody } from '../contract.js';
import type { ACTIVITY_KINDS } from '../domain/contact-enums.js';
import { activity, contact, property } from '../schema.js';

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
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ items: z.array(activitySchema) }) },
      },
    },
    async (request) => {
      const { propertyId, contactId, limit } = request.query;
      if (!propertyId && !contactId)
        throw badRequest('filter_required', 'propertyId oder contactId angeben.');
      const filters: SQL[] = [];
      if (propertyId) filters.push(eq(activity.propertyId, propertyId));
      if (contactId) filters.push(eq(activity.contactId, contactId));
      const ctx = tenantContext(platform, request);
      const rows = await ctx.db((tx) =>
        tx
          .select()
          .from(activity)
          .where(and(...filters))
          .orderBy(desc(activity.occurredAt))
          .limit(limit),
      );
      return { items: rows.map(view) };
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
