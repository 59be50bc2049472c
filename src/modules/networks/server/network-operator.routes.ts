import { and, eq, inArray } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authUser, tenant } from '../../../platform/auth/auth.schema.js';
import { conflict, notFound } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import { createNetworkInput, operatorNetwork, operatorNetworkList } from '../contract.js';
import { brokerNetwork, networkAdmin, networkLeadRule, networkMember } from '../schema.js';
import { officeNames } from './network-service.js';

/**
 * The operators set networks up: create one, put offices in and take them out, name its
 * administrators. What an office shares stays the office's decision (off when it joins).
 */
export const networkOperatorRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (
  app,
  { platform },
) => {
  const config = { access: 'superadmin' } as const;
  const db = platform.database.db;
  const networkParams = z.object({ networkId: z.string().uuid() });

  const describeNetworks = async (ids?: string[]) => {
    const networks = await db
      .select()
      .from(brokerNetwork)
      .where(ids ? inArray(brokerNetwork.id, ids) : undefined)
      .orderBy(brokerNetwork.name);
    if (networks.length === 0) return [];
    const networkIds = networks.map((n) => n.id);
    const [members, admins] = await Promise.all([
      db.select().from(networkMember).where(inArray(networkMember.networkId, networkIds)),
      db
        .select({
          networkId: networkAdmin.networkId,
          userId: authUser.id,
          name: authUser.name,
          email: authUser.email,
        })
        .from(networkAdmin)
        .innerJoin(authUser, eq(authUser.id, networkAdmin.userId))
        .where(inArray(networkAdmin.networkId, networkIds)),
    ]);
    const names = await officeNames(
      platform,
      members.map((m) => m.tenantId),
    );
    return networks.map((n) => ({
      id: n.id,
      name: n.name,
      slug: n.slug,
      members: members
        .filter((m) => m.networkId === n.id)
        .map((m) => ({ tenantId: m.tenantId, name: names.get(m.tenantId) ?? m.tenantId }))
        .sort((a, b) => a.name.localeCompare(b.name, 'de')),
      admins: admins
        .filter((a) => a.networkId === n.id)
        .map(({ userId, name, email }) => ({ userId, name, email })),
    }));
  };
  const one = async (networkId: string) => {
    const [network] = await describeNetworks([networkId]);
    if (!network) throw notFound('Netzwerk');
    return network;
  };

  app.get(
    '/',
    {
      config,
      schema: { tags: ['networks'], summary: 'All broker networks', response: { 200: operatorNetworkList } },
    },
    async () => ({ networks: await describeNetworks() }),
  );

  app.post(
    '/',
    {
      config,
      schema: {
        tags: ['networks'],
        summary: 'Create a broker network',
        body: createNetworkInput,
        response: { 201: operatorNetwork },
      },
    },
    async (request, reply) => {
      const [taken] = await db
        .select({ id: brokerNetwork.id })
        .from(brokerNetwork)
        .where(eq(brokerNetwork.slug, request.body.slug));
      if (taken) throw conflict('slug_taken', `Die Adresse „${request.body.slug}“ ist schon vergeben.`);
      const [created] = await db.insert(brokerNetwork).values(request.body).returning();
      return reply.status(201).send(await one(created!.id));
    },
  );

  app.post(
    '/:networkId/members',
    {
      config,
      schema: {
        tags: ['networks'],
        summary: 'Put an office into the network (it shares nothing until it decides to)',
        params: networkParams,
        body: z.object({ tenantId: z.string().min(1).max(100) }).strict(),
        response: { 200: operatorNetwork },
      },
    },
    async (request) => {
      const { networkId } = request.params;
      await one(networkId);
      const [office] = await db
        .select({ id: tenant.id })
        .from(tenant)
        .where(eq(tenant.id, request.body.tenantId));
      if (!office) throw notFound('Büro');
      const [existing] = await db
        .select()
        .from(networkMember)
        .where(eq(networkMember.tenantId, request.body.tenantId));
      if (existing && existing.networkId !== networkId)
        throw conflict('in_other_network', 'Das Büro gehört schon einem anderen Maklernetzwerk an.');
      if (!existing) await db.insert(networkMember).values({ networkId, tenantId: request.body.tenantId });
      return one(networkId);
    },
  );

  app.delete(
    '/:networkId/members/:tenantId',
    {
      config,
      schema: {
        tags: ['networks'],
        summary: 'Take an office out of the network (its routing rules go with it)',
        params: networkParams.extend({ tenantId: z.string().min(1).max(100) }),
        response: { 200: operatorNetwork },
      },
    },
    async (request) => {
      const { networkId, tenantId } = request.params;
      const removed = await db
        .delete(networkMember)
        .where(and(eq(networkMember.networkId, networkId), eq(networkMember.tenantId, tenantId)))
        .returning();
      if (removed.length === 0) throw notFound('Mitgliedsbüro');
      await db
        .delete(networkLeadRule)
        .where(and(eq(networkLeadRule.networkId, networkId), eq(networkLeadRule.targetTenantId, tenantId)));
      await db
        .update(brokerNetwork)
        .set({ fallbackTenantId: null })
        .where(and(eq(brokerNetwork.id, networkId), eq(brokerNetwork.fallbackTenantId, tenantId)));
      return one(networkId);
    },
  );

  app.post(
    '/:networkId/admins',
    {
      config,
      schema: {
        tags: ['networks'],
        summary: 'Make a user (by e-mail) an administrator of the network',
        params: networkParams,
        body: z.object({ email: z.string().trim().toLowerCase().email() }).strict(),
        response: { 200: operatorNetwork },
      },
    },
    async (request) => {
      const { networkId } = request.params;
      await one(networkId);
      const [user] = await db
        .select({ id: authUser.id })
        .from(authUser)
        .where(eq(authUser.email, request.body.email));
      if (!user) throw notFound(`Benutzerkonto ${request.body.email}`);
      await db.insert(networkAdmin).values({ networkId, userId: user.id }).onConflictDoNothing();
      return one(networkId);
    },
  );

  app.delete(
    '/:networkId/admins/:userId',
    {
      config,
      schema: {
        tags: ['networks'],
        summary: "Remove a user's administration of the network",
        params: networkParams.extend({ userId: z.string().min(1).max(100) }),
        response: { 200: operatorNetwork },
      },
    },
    async (request) => {
      const { networkId, userId } = request.params;
      const removed = await db
        .delete(networkAdmin)
        .where(and(eq(networkAdmin.networkId, networkId), eq(networkAdmin.userId, userId)))
        .returning();
      if (removed.length === 0) throw notFound('Netzwerk-Administrator');
      return one(networkId);
    },
  );
};
