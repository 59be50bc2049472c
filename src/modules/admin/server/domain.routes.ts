import { randomBytes } from 'node:crypto';
import { and, eq, ne } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import { tenant } from '../../../platform/auth/auth.schema.js';
import { tenantContext } from '../../../platform/http/access-control.js';
import { badRequest, conflict, notFound } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import {
  checkDomain,
  normalizeHostname,
  txtRecordName,
  txtRecordValue,
  WELL_KNOWN_PATH,
} from '../../../platform/tenancy/custom-domain.js';
import { officeUrl } from '../../../platform/tenancy/office-host.js';
import { officeDomain } from '../../../platform/tenancy/tenancy.schema.js';

const domainView = z.object({
  domain: z
    .object({
      hostname: z.string(),
      verifiedAt: z.string().nullable(),
      lastCheckAt: z.string().nullable(),
      lastError: z.string().nullable(),
      /** What to put into DNS: the TXT record, and where the domain should point. */
      txtName: z.string(),
      txtValue: z.string(),
      cnameTarget: z.string(),
      wellKnownUrl: z.string(),
    })
    .nullable(),
});
type DomainView = z.infer<typeof domainView>;

/** The office's own domain: register it, prove it (DNS TXT or reaching the platform), remove it. */
export const domainRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  const read = { access: { permission: 'admin.settings.read' } } as const;
  const manage = { access: { permission: 'admin.settings.manage' } } as const;
  const { BASE_DOMAIN, DOMAIN_CHECK_RESOLVERS, DOMAIN_CHECK_HTTP_PORT } = platform.config.env;

  const view = async (ctx: ReturnType<typeof tenantContext>): Promise<DomainView> => {
    const row = await ctx.db(async (tx) => (await tx.select().from(officeDomain))[0]);
    if (!row) return { domain: null };
    const [office] = await platform.database.db
      .select({ slug: tenant.slug })
      .from(tenant)
      .where(eq(tenant.id, ctx.tenantId));
    const officeHost = office ? officeUrl(platform.publicUrl, BASE_DOMAIN, office.slug) : null;
    return {
      domain: {
        hostname: row.hostname,
        verifiedAt: row.verifiedAt?.toISOString() ?? null,
        lastCheckAt: row.lastCheckAt?.toISOString() ?? null,
        lastError: row.lastError,
        txtName: txtRecordName(row.hostname),
        txtValue: txtRecordValue(row.token),
        cnameTarget: new URL(officeHost ?? platform.publicUrl).hostname,
        wellKnownUrl: `http://${row.hostname}${WELL_KNOWN_PATH}`,
      },
    };
  };

  app.get(
    '/',
    {
      config: read,
      schema: {
        tags: ['admin'],
        summary: "The office's own domain and how to set it up",
        response: { 200: domainView },
      },
    },
    async (request) => view(tenantContext(platform, request)),
  );

  app.put(
    '/',
    {
      config: manage,
      schema: {
        tags: ['admin'],
        summary: 'Register (or replace) the office’s own domain; it is served once verified',
        body: z.object({ hostname: z.string().max(300) }).strict(),
        response: { 200: domainView },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const normalized = normalizeHostname(request.body.hostname, {
        baseDomain: BASE_DOMAIN,
        publicUrl: platform.publicUrl,
      });
      if ('error' in normalized) throw badRequest('invalid_domain', normalized.error, { field: 'hostname' });
      const { hostname } = normalized;
      const [taken] = await platform.database.db
        .select({ tenantId: officeDomain.tenantId })
        .from(officeDomain)
        .where(and(eq(officeDomain.hostname, hostname), ne(officeDomain.tenantId, ctx.tenantId)));
      if (taken)
        throw conflict(
          'domain_taken',
          `Die Domain ${hostname} ist bereits bei einem anderen Büro eingetragen.`,
        );
      const previous = await ctx.db(async (tx) => {
        const [before] = await tx.select().from(officeDomain);
        if (before?.hostname === hostname) return before.hostname;
        await tx.delete(officeDomain);
        await tx
          .insert(officeDomain)
          .values({ tenantId: ctx.tenantId, hostname, token: randomBytes(18).toString('base64url') });
        await recordAudit(tx, ctx.actor, {
          entity: 'office_domain',
          entityId: ctx.tenantId,
          action: 'updated',
          before: before ? { hostname: before.hostname } : null,
          after: { hostname },
        });
        return before?.hostname ?? null;
      });
      if (previous) await platform.officeHosts.forgetDomain(previous);
      return view(ctx);
    },
  );

  app.post(
    '/verify',
    {
      config: { ...manage, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['admin'],
        summary: 'Check the DNS TXT record or that the domain reaches the platform; serve it once one holds',
        response: { 200: domainView },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const row = await ctx.db(async (tx) => (await tx.select().from(officeDomain))[0]);
      if (!row) throw notFound('Domain');
      const result = await checkDomain(row.hostname, row.token, {
        resolvers: DOMAIN_CHECK_RESOLVERS,
        httpPort: DOMAIN_CHECK_HTTP_PORT,
      });
      await ctx.db(async (tx) => {
        await tx
          .update(officeDomain)
          .set(
            result.ok
              ? {
                  verifiedAt: row.verifiedAt ?? new Date(),
                  verifiedBy: result.method,
                  lastCheckAt: new Date(),
                  lastError: null,
                }
              : { lastCheckAt: new Date(), lastError: result.reasons.join(' ') },
          )
          .where(eq(officeDomain.tenantId, ctx.tenantId));
        if (result.ok && !row.verifiedAt)
          await recordAudit(tx, ctx.actor, {
            entity: 'office_domain',
            entityId: ctx.tenantId,
            action: 'verified',
            after: { hostname: row.hostname, method: result.method },
          });
      });
      await platform.officeHosts.forgetDomain(row.hostname);
      return view(ctx);
    },
  );

  app.delete(
    '/',
    {
      config: manage,
      schema: {
        tags: ['admin'],
        summary: 'Stop serving the office under its own domain',
        response: { 200: domainView },
      },
    },
    async (request) => {
      const ctx = tenantContext(platform, request);
      const removed = await ctx.db(async (tx) => {
        const rows = await tx.delete(officeDomain).returning({ hostname: officeDomain.hostname });
        if (rows[0])
          await recordAudit(tx, ctx.actor, {
            entity: 'office_domain',
            entityId: ctx.tenantId,
            action: 'deleted',
            before: { hostname: rows[0].hostname },
          });
        return rows[0]?.hostname;
      });
      if (removed) await platform.officeHosts.forgetDomain(removed);
      return view(ctx);
    },
  );
};
