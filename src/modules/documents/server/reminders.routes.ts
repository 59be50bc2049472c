import { and, desc, eq, isNull } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tenantContext } from '../../../platform/http/access-control.js';
import { notFound } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import { DOCUMENT_CATEGORIES, type DocumentCategory } from '../domain/categories.js';
import { document, documentReminder } from '../schema.js';

const reminderSchema = z.object({
  id: z.string(),
  documentId: z.string(),
  title: z.string(),
  category: z.enum(DOCUMENT_CATEGORIES),
  validUntil: z.string(),
  thresholdDays: z.number(),
  createdAt: z.string(),
});

/** The in-app side of expiry reminders: open ones are listed until someone dismisses them. */
export const reminderRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  app.get(
    '/reminders',
    {
      config: { access: { permission: 'documents.read' } },
      schema: {
        tags: ['documents'],
        summary: 'Open expiry reminders, newest first',
        response: { 200: z.object({ items: z.array(reminderSchema) }) },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const seesConfidential = platform.permissions.allows(ctx.auth.role, 'documents.confidential');
      const rows = await ctx.db((tx) =>
        tx
          .select({ reminder: documentReminder, title: document.title, category: document.category })
          .from(documentReminder)
          .innerJoin(document, eq(document.id, documentReminder.documentId))
          .where(
            and(
              isNull(documentReminder.dismissedAt),
              // A date changed since (a new certificate) makes the old reminder moot.
              eq(document.validUntil, documentReminder.validUntil),
              seesConfidential ? undefined : eq(document.confidential, false),
            ),
          )
          .orderBy(desc(documentReminder.createdAt))
          .limit(100),
      );
      return {
        items: rows.map(({ reminder, title, category }) => ({
          id: reminder.id,
          documentId: reminder.documentId,
          title,
          category: category as DocumentCategory,
          validUntil: reminder.validUntil,
          thresholdDays: reminder.thresholdDays,
          createdAt: reminder.createdAt.toISOString(),
        })),
      };
    },
  );

  app.post(
    '/reminders/:id/dismiss',
    {
      config: { access: { permission: 'documents.write' } },
      schema: {
        tags: ['documents'],
        summary: 'Mark an expiry reminder as seen',
        params: z.object({ id: z.string().uuid() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const [row] = await ctx.db((tx) =>
        tx
          .update(documentReminder)
          .set({ dismissedAt: new Date(), dismissedBy: ctx.auth.user.id })
          .where(eq(documentReminder.id, request.params.id))
          .returning({ id: documentReminder.id }),
      );
      if (!row) throw notFound('Erinnerung');
      return reply.status(204).send(null);
    },
  );
};
