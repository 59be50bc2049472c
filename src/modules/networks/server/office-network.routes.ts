import { count, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import { AppError, conflict } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import { type MembershipView, membershipInput, membershipView, poolQuery, poolView } from '../contract.js';
import { brokerNetwork, networkMember } from '../schema.js';
import { inquiryUrl, readPool } from './network-service.js';

/** An office's side of its network: what it shares, and the pool it sees in return. */
export const officeNetworkRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (
  app,
  { platform },
) => {
  const membershipOf = (request: Parameters<typeof tenantContext>[1]) =>
    tenantContext(platform, request).db(async (tx) => {
      const [row] = await tx
        .select({ member: networkMember, network: brokerNetwork })
        .from(networkMember)
        .innerJoin(brokerNetwork, eq(brokerNetwork.id, networkMember.networkId));
      return row;
    });

  const readMembership = async (request: Parameters<typeof tenantContext>[1]): Promise<MembershipView> => {
    const row = await membershipOf(request);
    if (!row) return { network: null, sharesListings: false, sharesReports: false };
    // How many offices are in it is the network's to say; read by the platform, not the office's role.
    const [members] = await platform.database.db
      .select({ n: count() })
      .from(networkMember)
      .where(eq(networkMember.networkId, row.network.id));
    return {
      network: {
        id: row.network.id,
        name: row.network.name,
        slug: row.network.slug,
        inquiryUrl: inquiryUrl(platform, row.network.slug),
        memberCount: members?.n ?? 0,
      },
      sharesListings: row.member.sharesListings,
      sharesReports: row.member.sharesReports,
    };
  };

  app.get(
    '/membership',
    {
      config: { access: { permission: 'networks.read' } },
      schema: {
        tags: ['networks'],
        summary: "The office's broker network, if any, and what it shares with it",
        response: { 200: membershipView },
      },
    },
    async (request) => readMembership(request),
  );

  app.put(
    '/membership',
    {
      config: { access: { permission: 'networks.manage' } },
      schema: {
        tags: ['networks'],
        summary: 'Share (or stop sharing) listings and figures with the network',
        body: membershipInput,
        response: { 200: membershipView },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const changed = await ctx.db(async (tx) => {
        const [before] = await tx.select().from(networkMember);
        if (!before) return false;
        await tx.update(networkMember).set(request.body).where(eq(networkMember.tenantId, ctx.tenantId));
        await recordAudit(tx, ctx.actor, {
          entity: 'network_membership',
          entityId: before.networkId,
          action: 'sharing.changed',
          before: { sharesListings: before.sharesListings, sharesReports: before.sharesReports },
          after: request.body,
        });
        return true;
      });
      if (!changed) throw conflict('no_network', 'Ihr Büro gehört keinem Maklernetzwerk an.');
      return readMembership(request);
    },
  );

  app.get(
    '/pool',
    {
      config: { access: { permission: 'networks.read' } },
      schema: {
        tags: ['networks'],
        summary: "The network's listing pool: what the members share, on the market now",
        querystring: poolQuery,
        response: { 200: poolView },
      },
    },
    async (request) => {
      const row = await membershipOf(request);
      if (!row) throw conflict('no_network', 'Ihr Büro gehört keinem Maklernetzwerk an.');
      // Give and take: an office sees the pool while it puts its own listings into it.
      if (!row.member.sharesListings)
        throw new AppError(
          403,
          'pool_needs_sharing',
          'Den Objekt-Pool sehen Büros, die ihre eigenen Objekte mit dem Netzwerk teilen.',
        );
      return readPool(platform, row.network.id, request.query);
    },
  );
};
