import { and, eq, isNull } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageBody, type SortKey } from '../db/list-page.js';
import { tablePage } from '../db/table-page.js';
import { tenantContext } from '../http/access-control.js';
import { notFound } from '../http/app-error.js';
import { pageOf, pageQuery } from '../http/page-schema.js';
import type { Platform } from '../kernel.js';
import { MAIL_CHOICE_KINDS, NOTIFICATION_KINDS } from './notification-kinds.js';
import { notification, notificationPreference } from './notifications.schema.js';

const notificationSchema = z.object({
  id: z.string().uuid(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  actorName: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
const preferenceSchema = z.object({
  kind: z.enum(MAIL_CHOICE_KINDS as [string, ...string[]]),
  label: z.object({ de: z.string(), en: z.string() }),
  email: z.boolean(),
});
const NEWEST_FIRST = (): SortKey => ({ key: notification.createdAt, id: notification.id, direction: 'desc' });

/** The signed-in user's notification centre: list, unread count, mark read, e-mail preferences. */
export const notificationRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (
  app,
  { platform },
) => {
  app.get(
    '/',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['notifications'],
        summary: "The caller's notifications, newest first",
        querystring: pageQuery(20).extend({ unread: z.stringbool().optional() }),
        response: { 200: pageOf(notificationSchema) },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const where = and(
        eq(notification.userId, ctx.auth.user.id),
        request.query.unread ? isNull(notification.readAt) : undefined,
      );
      return ctx.db(async (tx) => {
        const { page, total } = await tablePage(
          tx,
          {
            totals: platform.listTotals,
            tenantId: ctx.tenantId,
            table: notification,
            sort: NEWEST_FIRST(),
            where,
          },
          request.query,
        );
        const items = page.items.map((n) => ({
          id: n.id,
          kind: n.kind,
          title: n.title,
          body: n.body,
          link: n.link,
          actorName: n.actorName,
          readAt: n.readAt?.toISOString() ?? null,
          createdAt: n.createdAt.toISOString(),
        }));
        return pageBody(items, page, total, request.query);
      });
    },
  );

  app.get(
    '/unread-count',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['notifications'],
        summary: 'How many are unread (the bell)',
        response: { 200: z.object({ unread: z.number() }) },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      return { unread: await platform.notifications.unreadCount(ctx.tenantId, ctx.auth.user.id) };
    },
  );

  app.post(
    '/:id/read',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['notifications'],
        summary: 'Mark one as read',
        params: z.object({ id: z.string().uuid() }),
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const updated = await ctx.db((tx) =>
        tx
          .update(notification)
          .set({ readAt: new Date() })
          .where(and(eq(notification.id, request.params.id), eq(notification.userId, ctx.auth.user.id)))
          .returning({ id: notification.id }),
      );
      if (updated.length === 0) throw notFound('Benachrichtigung');
      return reply.status(204).send();
    },
  );

  app.post(
    '/read-all',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['notifications'], summary: 'Mark all as read' },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      await ctx.db((tx) =>
        tx
          .update(notification)
          .set({ readAt: new Date() })
          .where(and(eq(notification.userId, ctx.auth.user.id), isNull(notification.readAt))),
      );
      return reply.status(204).send();
    },
  );

  app.get(
    '/preferences',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['notifications'],
        summary: 'Which kinds also come by e-mail',
        response: { 200: z.object({ items: z.array(preferenceSchema) }) },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const rows = await ctx.db((tx) =>
        tx.select().from(notificationPreference).where(eq(notificationPreference.userId, ctx.auth.user.id)),
      );
      const chosen = new Map(rows.map((r) => [r.kind, r.email]));
      return {
        items: MAIL_CHOICE_KINDS.map((kind) => ({
          kind,
          label: NOTIFICATION_KINDS[kind].label,
          email: chosen.get(kind) ?? NOTIFICATION_KINDS[kind].emailByDefault,
        })),
      };
    },
  );

  app.put(
    '/preferences',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['notifications'],
        summary: 'Choose per kind whether it also comes by e-mail',
        body: z.object({
          items: z
            .array(z.object({ kind: z.enum(MAIL_CHOICE_KINDS as [string, ...string[]]), email: z.boolean() }))
            .max(50),
        }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      await ctx.db(async (tx) => {
        for (const item of request.body.items)
          await tx
            .insert(notificationPreference)
            .values({ tenantId: ctx.tenantId, userId: ctx.auth.user.id, kind: item.kind, email: item.email })
            .onConflictDoUpdate({
              target: [
                notificationPreference.tenantId,
                notificationPreference.userId,
                notificationPreference.kind,
              ],
              set: { email: item.email },
            });
      });
      return reply.status(204).send(null);
    },
  );
};
