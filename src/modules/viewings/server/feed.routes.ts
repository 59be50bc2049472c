import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gte, inArray, lt, ne } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import type { Platform } from '../../../platform/kernel.js';
import { contact, property, viewing, viewingContact } from '../../crm/schema.js';
import { contactDisplayName } from '../../crm/server/contact-view.js';
import { feedIcs } from '../domain/viewing-ics.js';
import { viewingUid } from '../domain/visitor-message-text.js';
import { viewingDetails, viewingFeed } from '../schema.js';
import { entryText } from './calendar/calendar-entry.js';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
const DAY = 86_400_000;

const feedState = z.object({
  active: z.boolean(),
  createdAt: z.string().nullable(),
  lastFetchedAt: z.string().nullable(),
  /** Only in the answer that creates it: the address is not stored and cannot be shown again. */
  url: z.string().nullable(),
});

/** The signed-in agent's calendar subscription: create (and so renew), revoke, state. */
export const feedRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  const state = async (request: Parameters<typeof tenantContext>[1]) => {
    const ctx = tenantContext(platform, request);
    const [row] = await ctx.db((tx) =>
      tx
        .select()
        .from(viewingFeed)
        .where(and(eq(viewingFeed.tenantId, ctx.tenantId), eq(viewingFeed.userId, ctx.auth.user.id))),
    );
    return {
      active: Boolean(row),
      createdAt: row?.createdAt.toISOString() ?? null,
      lastFetchedAt: row?.lastFetchedAt?.toISOString() ?? null,
      url: null,
    };
  };

  app.get(
    '/feed',
    {
      config: { access: { permission: 'viewings.read' } },
      schema: {
        tags: ['viewings'],
        summary: 'Whether my calendar subscription is active',
        response: { 200: feedState },
      },
    },
    async (request) => state(request),
  );

  app.post(
    '/feed',
    {
      config: { access: { permission: 'viewings.write' } },
      schema: {
        tags: ['viewings'],
        summary: 'Create my private calendar address (ICS); an existing one stops working',
        response: { 201: feedState },
      },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      const token = randomBytes(24).toString('base64url');
      await ctx.db(async (tx) => {
        await tx
          .delete(viewingFeed)
          .where(and(eq(viewingFeed.tenantId, ctx.tenantId), eq(viewingFeed.userId, ctx.auth.user.id)));
        await tx
          .insert(viewingFeed)
          .values({ tenantId: ctx.tenantId, userId: ctx.auth.user.id, tokenHash: hash(token) });
        await recordAudit(tx, ctx.actor, {
          entity: 'viewing_feed',
          entityId: ctx.auth.user.id,
          action: 'created',
        });
      });
      return reply.status(201).send({
        ...(await state(request)),
        url: `${platform.publicUrl}/kalender/${token}.ics`,
      });
    },
  );

  app.delete(
    '/feed',
    {
      config: { access: { permission: 'viewings.write' } },
      schema: { tags: ['viewings'], summary: 'Revoke my calendar address', response: { 204: z.null() } },
    },
    async (request, reply) => {
      const ctx = tenantContext(platform, request);
      await ctx.db(async (tx) => {
        await tx
          .delete(viewingFeed)
          .where(and(eq(viewingFeed.tenantId, ctx.tenantId), eq(viewingFeed.userId, ctx.auth.user.id)));
        await recordAudit(tx, ctx.actor, {
          entity: 'viewing_feed',
          entityId: ctx.auth.user.id,
          action: 'deleted',
        });
      });
      return reply.status(204).send(null);
    },
  );
};

/**
 * `/kalender/<secret>.ics`: the agent's viewings from 30 days back to 180 ahead, for a phone or
 * desktop calendar to subscribe to. Visitor names and the meeting point, no e-mail or phone.
 */
export const feedPublicRoutes: FastifyPluginAsync<{ platform: Platform }> = async (app, { platform }) => {
  app.get<{ Params: { file: string } }>(
    '/kalender/:file',
    { config: { rateLimit: { max: 60, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const match = /^([A-Za-z0-9_-]{20,64})\.ics$/.exec(request.params.file);
      const [feed] = match
        ? await platform.database.db
            .select()
            .from(viewingFeed)
            .where(eq(viewingFeed.tokenHash, hash(match[1] as string)))
        : [];
      if (!feed)
        return reply
          .status(404)
          .type('text/plain; charset=utf-8')
          .send('Kalenderadresse unbekannt oder widerrufen.');
      const now = Date.now();
      const rows = await platform.database.withTenant(feed.tenantId, async (tx) => {
        await tx
          .update(viewingFeed)
          .set({ lastFetchedAt: new Date() })
          .where(eq(viewingFeed.tokenHash, feed.tokenHash));
        const viewings = await tx
          .select({ v: viewing, p: property, meetingPoint: viewingDetails.meetingPoint })
          .from(viewing)
          .innerJoin(property, eq(property.id, viewing.propertyId))
          .leftJoin(viewingDetails, eq(viewingDetails.viewingId, viewing.id))
          .where(
            and(
              eq(viewing.agentId, feed.userId),
              ne(viewing.status, 'abgesagt'),
              gte(viewing.startsAt, new Date(now - 30 * DAY)),
              lt(viewing.startsAt, new Date(now + 180 * DAY)),
            ),
          )
          .limit(2000);
        const ids = viewings.map((r) => r.v.id);
        const visitors = ids.length
          ? await tx
              .select({ viewingId: viewingContact.viewingId, c: contact })
              .from(viewingContact)
              .innerJoin(contact, eq(contact.id, viewingContact.contactId))
              .where(inArray(viewingContact.viewingId, ids))
          : [];
        return { viewings, visitors };
      });
      const settings = await platform.tenantSettings.get(feed.tenantId);
      const organizer = {
        name: settings?.displayName ?? 'ImmoXX',
        email: settings?.contactEmail ?? 'noreply@immoxx.invalid',
      };
      const ics = feedIcs(
        `Besichtigungen – ${settings?.displayName ?? 'ImmoXX'}`,
        rows.viewings.map(({ v, p, meetingPoint }) => {
          const names = rows.visitors.filter((x) => x.viewingId === v.id).map((x) => contactDisplayName(x.c));
          return {
            uid: viewingUid(v.id),
            sequence: Math.floor(v.updatedAt.getTime() / 1000),
            startsAt: v.startsAt,
            endsAt: v.endsAt,
            ...entryText(platform.publicUrl, v, p, names, meetingPoint),
            organizer,
          };
        }),
      );
      return reply
        .type('text/calendar; charset=utf-8')
        .header('cache-control', 'private, no-store')
        .send(ics);
    },
  );
};
