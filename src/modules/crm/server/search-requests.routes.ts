import { asc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import { notFound } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import { createSearchRequestBody, searchRequestSchema, updateSearchRequestBody } from '../contract.js';
import type { MarketingType } from '../domain/property-enums.js';
import { contact, searchRequest } from '../schema.js';
import { toCents, toEuros } from './money.js';

const view = (r: typeof searchRequest.$inferSelect) => ({
  ...r,
  marketingType: r.marketingType as MarketingType,
  maxPrice: toEuros(r.maxPriceCents),
  createdAt: r.createdAt.toISOString(),
});

/** Suchprofile: what a contact is looking for; the matching reads them. */
export const searchRequestRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (
  app,
  { platform },
) => {
  app.get(
    '/contacts/:contactId/search-requests',
    {
      config: { access: { permission: 'crm.contacts.read' } },
      schema: {
        tags: ['crm'],
        summary: "A contact's search requests",
        params: z.object({ contactId: z.string().uuid() }),
        response: { 200: z.object({ items: z.array(searchRequestSchema) }) },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const rows = await ctx.db(async (tx) => {
        const [owner] = await tx
          .select({ id: contact.id })
          .from(contact)
          .where(eq(contact.id, request.params.contactId));
        if (!owner) throw notFound('Kontakt');
        return tx
          .select()
          .from(searchRequest)
          .where(eq(searchRequest.contactId, owner.id))
          .orderBy(asc(searchRequest.createdAt));
      });
      return { items: rows.map(view) };
    },
  );

  app.post(
    '/contacts/:contactId/search-requests',
    {
      config: { access: { permission: 'crm.contacts.write' } },
      schema: {
        tags: ['crm'],
        summary: 'Add a search request to a contact',
        params: z.object({ contactId: z.string().uuid() }),
        body: createSearchRequestBody,
        response: { 201: searchRequestSchema },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const { maxPrice, ...rest } = request.body;
      const row = await ctx.db(async (tx) => {
        const [owner] = await tx
          .select({ id: contact.id })
          .from(contact)
          .where(eq(contact.id, request.params.contactId));
        if (!owner) throw notFound('Kontakt');
        const [created] = await tx
          .insert(searchRequest)
          .values({
            ...rest,
            maxPriceCents: toCents(maxPrice) ?? null,
            contactId: owner.id,
            tenantId: ctx.tenantId,
          })
          .returning();
        await recordAudit(tx, ctx.actor, {
          entity: 'contact',
          entityId: owner.id,
          action: 'search_request.created',
          after: { searchRequestId: created!.id },
        });
        return created!;
      });
      return reply.status(201).send(view(row));
    },
  );

  app.patch(
    '/search-requests/:searchRequestId',
    {
      config: { access: { permission: 'crm.contacts.write' } },
      schema: {
        tags: ['crm'],
        summary: 'Change a search request',
        params: z.object({ searchRequestId: z.string().uuid() }),
        body: updateSearchRequestBody,
        response: { 200: searchRequestSchema },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const { maxPrice, ...rest } = request.body;
      const cents = toCents(maxPrice);
      const [row] = await ctx.db((tx) =>
        tx
          .update(searchRequest)
          .set({ ...rest, ...(cents !== undefined ? { maxPriceCents: cents } : {}), updatedAt: new Date() })
          .where(eq(searchRequest.id, request.params.searchRequestId))
          .returning(),
      );
      if (!row) throw notFound('Suchprofil');
      return view(row);
    },
  );

  app.delete(
    '/search-requests/:searchRequestId',
    {
      config: { access: { permission: 'crm.contacts.write' } },
      schema: {
        tags: ['crm'],
        summary: 'Delete a search request',
        params: z.object({ searchRequestId: z.string().uuid() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const [row] = await ctx.db((tx) =>
        tx.delete(searchRequest).where(eq(searchRequest.id, request.params.searchRequestId)).returning(),
      );
      if (!row) throw notFound('Suchprofil');
      return reply.status(204).send(null);
    },
  );
};
