import { asc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import { notFound } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import { placeholderView, type TemplateView, templateInput, templateView } from '../contract.js';
import { PLACEHOLDERS } from '../domain/template-render.js';
import { mailingTemplate } from '../schema.js';

const viewOf = (t: typeof mailingTemplate.$inferSelect): TemplateView => ({
  id: t.id,
  name: t.name,
  subject: t.subject,
  body: t.body,
  updatedAt: t.updatedAt.toISOString(),
});

const idParams = z.object({ templateId: z.string().uuid() });

/** E-mail templates of the office; placeholders are checked on save, so sending never meets a bad one. */
export const templatesRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  app.get(
    '/placeholders',
    {
      config: { access: { permission: 'mailings.read' } },
      schema: {
        tags: ['mailings'],
        summary: 'The placeholders templates may use',
        response: { 200: z.object({ items: z.array(placeholderView) }) },
      },
    },
    async () => ({ items: Object.entries(PLACEHOLDERS).map(([name, label]) => ({ name, label })) }),
  );

  app.get(
    '/templates',
    {
      config: { access: { permission: 'mailings.read' } },
      schema: {
        tags: ['mailings'],
        summary: 'The office’s e-mail templates',
        response: { 200: z.object({ items: z.array(templateView) }) },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const rows = await ctx.db((tx) => tx.select().from(mailingTemplate).orderBy(asc(mailingTemplate.name)));
      return { items: rows.map(viewOf) };
    },
  );

  app.post(
    '/templates',
    {
      config: { access: { permission: 'mailings.write' } },
      schema: {
        tags: ['mailings'],
        summary: 'Create a template',
        body: templateInput,
        response: { 201: templateView },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const row = await ctx.db(async (tx) => {
        const [created] = await tx
          .insert(mailingTemplate)
          .values({ tenantId: ctx.tenantId, ...request.body, createdBy: ctx.auth.user.id })
          .returning();
        await recordAudit(tx, ctx.actor, {
          entity: 'mailing_template',
          entityId: created!.id,
          action: 'created',
          after: { name: request.body.name },
        });
        return created!;
      });
      return reply.status(201).send(viewOf(row));
    },
  );

  app.put(
    '/templates/:templateId',
    {
      config: { access: { permission: 'mailings.write' } },
      schema: {
        tags: ['mailings'],
        summary: 'Change a template (running mailings keep the text they started with)',
        params: idParams,
        body: templateInput,
        response: { 200: templateView },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const row = await ctx.db(async (tx) => {
        const [before] = await tx
          .select()
          .from(mailingTemplate)
          .where(eq(mailingTemplate.id, request.params.templateId));
        if (!before) throw notFound('Vorlage');
        const [after] = await tx
          .update(mailingTemplate)
          .set({ ...request.body, updatedAt: new Date() })
          .where(eq(mailingTemplate.id, before.id))
          .returning();
        await recordAudit(tx, ctx.actor, {
          entity: 'mailing_template',
          entityId: before.id,
          action: 'updated',
          before: { name: before.name, subject: before.subject, body: before.body },
          after: request.body,
        });
        return after!;
      });
      return viewOf(row);
    },
  );

  app.delete(
    '/templates/:templateId',
    {
      config: { access: { permission: 'mailings.write' } },
      schema: {
        tags: ['mailings'],
        summary: 'Delete a template',
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      await ctx.db(async (tx) => {
        const [gone] = await tx
          .delete(mailingTemplate)
          .where(eq(mailingTemplate.id, request.params.templateId))
          .returning({ name: mailingTemplate.name });
        if (!gone) throw notFound('Vorlage');
        await recordAudit(tx, ctx.actor, {
          entity: 'mailing_template',
          entityId: request.params.templateId,
          action: 'deleted',
          before: gone,
        });
      });
      return reply.status(204).send(null);
    },
  );
};
