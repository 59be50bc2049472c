import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import { badRequest, notFound } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import { PUBLIC_STATUSES } from '../../crm/domain/property-lifecycle.js';
import { property } from '../../crm/schema.js';
import { type ListingStateView, listingState } from '../contract.js';
import { portalAccount, portalListing } from '../schema.js';
import { enqueueSync } from './portal-jobs.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Per listing: which portals it goes to and what each portal has of it. */
export const listingsRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  async function state(tenantId: string, propertyId: string): Promise<ListingStateView> {
    return platform.database.withTenant(tenantId, async (tx) => {
      const [p] = await tx
        .select({ status: property.status })
        .from(property)
        .where(eq(property.id, propertyId));
      if (!p) throw notFound('Objekt');
      const accounts = await tx.select().from(portalAccount).orderBy(portalAccount.createdAt);
      const rows = await tx.select().from(portalListing).where(eq(portalListing.propertyId, propertyId));
      return {
        onMarket: (PUBLIC_STATUSES as readonly string[]).includes(p.status),
        items: accounts.map((a) => {
          const row = rows.find((r) => r.accountId === a.id);
          return {
            accountId: a.id,
            portalName: a.portalName,
            transport: a.transport,
            accountStatus: a.status,
            chosen: row?.wanted ?? false,
            state: row?.state ?? null,
            portalObjectId: row?.portalObjectId ?? null,
            url: row?.url ?? null,
            lastError: row?.lastError ?? null,
            sentAt: iso(row?.sentAt ?? null),
            onlineAt: iso(row?.onlineAt ?? null),
            removedAt: iso(row?.removedAt ?? null),
          };
        }),
      };
    });
  }

  app.get(
    '/listings/:propertyId',
    {
      config: { access: { permission: 'portals.read' } },
      schema: {
        tags: ['portals'],
        summary:
          'Which portals a listing goes to, and its state on each (sent, online with link, failed with the reason, removed)',
        params: z.object({ propertyId: z.string().uuid() }),
        response: { 200: listingState },
      },
    },
    async (request) => state(tenantContext(platform, request).tenantId, request.params.propertyId),
  );

  app.put(
    '/listings/:propertyId',
    {
      config: { access: { permission: 'portals.publish' } },
      schema: {
        tags: ['portals'],
        summary: 'Choose the portals for a listing; chosen ones are sent now, deselected ones withdrawn',
        params: z.object({ propertyId: z.string().uuid() }),
        body: z.object({ accountIds: z.array(z.string().uuid()).max(50) }).strict(),
        response: { 200: listingState },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const { propertyId } = request.params;
      const chosen = new Set(request.body.accountIds);
      const changed = await ctx.db(async (tx) => {
        const [p] = await tx.select({ id: property.id }).from(property).where(eq(property.id, propertyId));
        if (!p) throw notFound('Objekt');
        const accounts = await tx.select().from(portalAccount);
        const unknown = [...chosen].filter((id) => !accounts.some((a) => a.id === id));
        if (unknown.length)
          throw badRequest('unknown_account', 'Mindestens ein gewähltes Portal-Konto gibt es nicht.', {
            accountIds: unknown,
          });
        const rows = await tx.select().from(portalListing).where(eq(portalListing.propertyId, propertyId));
        const touched: typeof accounts = [];
        for (const account of accounts) {
          const row = rows.find((r) => r.accountId === account.id);
          const want = chosen.has(account.id);
          if (!row && want) {
            await tx
              .insert(portalListing)
              .values({ tenantId: ctx.tenantId, accountId: account.id, propertyId });
            touched.push(account);
          } else if (row && row.wanted !== want) {
            await tx
              .update(portalListing)
              .set({
                wanted: want,
                state: want && row.state === 'entfernt' ? 'wartet' : row.state,
                updatedAt: new Date(),
              })
              .where(eq(portalListing.id, row.id));
            touched.push(account);
          }
        }
        if (touched.length)
          await recordAudit(tx, ctx.actor, {
            entity: 'property',
            entityId: propertyId,
            action: 'portals.chosen',
            after: { portals: accounts.filter((a) => chosen.has(a.id)).map((a) => a.portalName) },
          });
        return touched;
      });
      for (const account of changed)
        await enqueueSync(platform, ctx.tenantId, account, propertyId, { immediate: true });
      return state(ctx.tenantId, propertyId);
    },
  );
};
