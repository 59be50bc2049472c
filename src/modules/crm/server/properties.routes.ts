import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageBody } from '../../../platform/db/list-page.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import { conflict, notFound } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import {
  createPropertyBody,
  matchSchema,
  pageOf,
  propertyDetailSchema,
  propertyListItemSchema,
  propertyListQuery,
  statusChangeBody,
  updatePropertyBody,
} from '../contract.js';
import type { PropertyStatus } from '../domain/property-enums.js';
import { PUBLIC_STATUSES } from '../domain/property-lifecycle.js';
import { contact, property } from '../schema.js';
import { exposePdfFor } from './expose-service.js';
import { MatchingService } from './matching-service.js';
import { listProperties } from './property-queries.js';
import { PropertyService } from './property-service.js';
import { propertyListItemView } from './property-view.js';
import { issueExposeLink } from './secured-expose.js';

const idParams = z.object({ propertyId: z.string().uuid() });

export const propertyRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  const properties = new PropertyService(platform);
  const matching = new MatchingService();

  app.get(
    '/',
    {
      config: { access: { permission: 'crm.properties.read' } },
      schema: {
        tags: ['crm'],
        summary: 'List properties: filter, German full-text search (q), sort, paginate',
        querystring: propertyListQuery,
        response: { 200: pageOf(propertyListItemSchema) },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      return ctx.db(async (tx) => {
        const { page, total } = await listProperties(tx, request.query, (where) =>
          platform.listTotals.count(tx, ctx.tenantId, property, where, { exact: request.query.exactTotal }),
        );
        const items = page.items.map((row) =>
          propertyListItemView(row, row.titleImage, row.photoCount, platform.publicUrl),
        );
        return pageBody(items, page, total, request.query);
      });
    },
  );

  app.post(
    '/',
    {
      config: { access: { permission: 'crm.properties.write' } },
      schema: {
        tags: ['crm'],
        summary: 'Create a property (starts as draft)',
        body: createPropertyBody,
        response: { 201: propertyDetailSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await properties.create(tenantContext(platform, request), request.body)),
  );

  app.get(
    '/:propertyId',
    {
      config: { access: { permission: 'crm.properties.read' } },
      schema: {
        tags: ['crm'],
        summary: 'One property with media, warnings and allowed status changes',
        params: idParams,
        response: { 200: propertyDetailSchema },
      },
    },
    async (request) => properties.detail(tenantContext(platform, request), request.params.propertyId),
  );

  app.get(
    '/:propertyId/expose.pdf',
    {
      config: { access: { permission: 'crm.properties.read' } },
      schema: {
        tags: ['crm'],
        summary:
          'The branded exposé brochure as PDF (A4): photos, facts, texts, energy data, floor plans, agent',
        params: idParams,
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const [row] = await ctx.db((tx) =>
        tx.select().from(property).where(eq(property.id, request.params.propertyId)),
      );
      if (!row) throw notFound('Objekt');
      // The broker hands this PDF on to anyone: the street only if the listing may show it.
      const pdf = await exposePdfFor(platform, row, { includeAddress: row.showAddress });
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="Expose-${row.externalId}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );

  app.post(
    '/:propertyId/expose-links',
    {
      config: { access: { permission: 'crm.contacts.write' } },
      schema: {
        tags: ['crm'],
        summary:
          'Send a contact a personal "secured exposé" link (terms acknowledgement before the full exposé)',
        params: idParams,
        body: z.object({ contactId: z.string().uuid() }).strict(),
        response: {
          201: z.object({
            url: z.string(),
            expiresAt: z.string(),
            delivery: z.enum(['queued', 'offline', 'not_sent']),
          }),
        },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const { row, known } = await ctx.db(async (tx) => {
        const [row] = await tx.select().from(property).where(eq(property.id, request.params.propertyId));
        const [known] = await tx
          .select({ id: contact.id })
          .from(contact)
          .where(eq(contact.id, request.body.contactId));
        return { row, known };
      });
      if (!row) throw notFound('Objekt');
      if (!known) throw notFound('Kontakt');
      if (!PUBLIC_STATUSES.includes(row.status as PropertyStatus))
        throw conflict(
          'property_not_public',
          'Exposé-Links gibt es nur für aktive oder reservierte Objekte.',
        );
      const link = await issueExposeLink(platform, ctx.tenantId, row, known.id, {
        actor: { id: ctx.auth.user.id, name: ctx.auth.user.name },
      });
      return reply.status(201).send(link);
    },
  );

  app.patch(
    '/:propertyId',
    {
      config: { access: { permission: 'crm.properties.write' } },
      schema: {
        tags: ['crm'],
        summary: 'Change property fields',
        params: idParams,
        body: updatePropertyBody,
        response: { 200: propertyDetailSchema },
      },
    },
    async (request) =>
      properties.update(tenantContext(platform, request), request.params.propertyId, request.body),
  );

  app.post(
    '/:propertyId/status',
    {
      config: { access: { permission: 'crm.properties.write' } },
      schema: {
        tags: ['crm'],
        summary:
          'Move the listing through its lifecycle (Entwurf → Aktiv → Reserviert → Verkauft/Vermietet → Archiviert)',
        params: idParams,
        body: statusChangeBody,
        response: { 200: propertyDetailSchema },
      },
    },
    async (request) =>
      properties.changeStatus(
        tenantContext(platform, request),
        request.params.propertyId,
        request.body.status,
      ),
  );

  app.delete(
    '/:propertyId',
    {
      config: { access: { permission: 'crm.properties.delete' } },
      schema: {
        tags: ['crm'],
        summary: 'Delete a draft or archived property',
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await properties.delete(tenantContext(platform, request), request.params.propertyId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/:propertyId/matches',
    {
      config: { access: { permission: 'crm.contacts.read' } },
      schema: {
        tags: ['crm'],
        summary: 'Contacts whose search requests fit this property, best first',
        params: idParams,
        response: { 200: z.object({ items: z.array(matchSchema) }) },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      return { items: await ctx.db((tx) => matching.contactsForProperty(tx, request.params.propertyId)) };
    },
  );
};
