import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tenantContext } from '../../../platform/http/access-control.js';
import type { Platform } from '../../../platform/kernel.js';
import {
  contactImportBody,
  contactImportReport,
  contactListQuery,
  contactSchema,
  createContactBody,
  matchSchema,
  pageOf,
  updateContactBody,
} from '../contract.js';
import { importContacts } from './contact-import.js';
import { ContactService } from './contact-service.js';
import { MatchingService } from './matching-service.js';

const idParams = z.object({ contactId: z.string().uuid() });

export const contactRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  const contacts = new ContactService(platform);
  const matching = new MatchingService();

  app.get(
    '/',
    {
      config: { access: { permission: 'crm.contacts.read' } },
      schema: {
        tags: ['crm'],
        summary: 'List contacts and leads: filter, full-text search, sort, paginate',
        querystring: contactListQuery,
        response: { 200: pageOf(contactSchema) },
      },
    },
    async (request) => contacts.list(tenantContext(platform, request), request.query),
  );

  app.post(
    '/',
    {
      config: { access: { permission: 'crm.contacts.write' } },
      schema: {
        tags: ['crm'],
        summary: 'Create a contact (409 with the existing id when the e-mail is known)',
        body: createContactBody,
        response: { 201: contactSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await contacts.create(tenantContext(platform, request), request.body)),
  );

  app.post(
    '/import',
    {
      config: { access: { permission: 'crm.contacts.write' } },
      bodyLimit: 11 * 1024 * 1024,
      schema: {
        tags: ['crm'],
        summary:
          'Import contacts from CSV with a column mapping; dryRun (default) validates and reports without writing',
        body: contactImportBody,
        response: { 200: contactImportReport },
      },
    },
    async (request) => importContacts(tenantContext(platform, request), request.body),
  );

  app.get(
    '/:contactId',
    {
      config: { access: { permission: 'crm.contacts.read' } },
      schema: { tags: ['crm'], summary: 'One contact', params: idParams, response: { 200: contactSchema } },
    },
    async (request) => contacts.get(tenantContext(platform, request), request.params.contactId),
  );

  app.patch(
    '/:contactId',
    {
      config: { access: { permission: 'crm.contacts.write' } },
      schema: {
        tags: ['crm'],
        summary: 'Change a contact (lead status changes go to the timeline)',
        params: idParams,
        body: updateContactBody,
        response: { 200: contactSchema },
      },
    },
    async (request) =>
      contacts.update(tenantContext(platform, request), request.params.contactId, request.body),
  );

  app.delete(
    '/:contactId',
    {
      config: { access: { permission: 'crm.contacts.erase' } },
      schema: {
        tags: ['crm'],
        summary: 'Erase a contact and all data about them (GDPR Art. 17)',
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await contacts.erase(tenantContext(platform, request), request.params.contactId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/:contactId/export',
    {
      config: { access: { permission: 'crm.contacts.erase' } },
      schema: {
        tags: ['crm'],
        summary: 'Everything stored about a contact as JSON (GDPR Art. 15/20)',
        params: idParams,
      },
    },
    async (request, reply) => {
      const data = await contacts.export(tenantContext(platform, request), request.params.contactId);
      return reply
        .header('content-disposition', `attachment; filename="kontakt-${request.params.contactId}.json"`)
        .send(data);
    },
  );

  app.get(
    '/:contactId/matches',
    {
      config: { access: { permission: 'crm.properties.read' } },
      schema: {
        tags: ['crm'],
        summary: 'Active listings that fit this contact’s search requests, best first',
        params: idParams,
        response: { 200: z.object({ items: z.array(matchSchema) }) },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      return { items: await ctx.db((tx) => matching.propertiesForContact(tx, request.params.contactId)) };
    },
  );
};
