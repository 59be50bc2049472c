import { desc, eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record-audit.js';
import { tenant } from '../../../platform/auth/auth.schema.js';
import { notFound } from '../../../platform/http/app-error.js';
import type { Platform } from '../../../platform/kernel.js';
import { PLAN_IDS } from '../../../platform/plans/plan-catalogue.js';
import { superadminAudit } from '../../../platform/superadmin/superadmin.schema.js';
import { startSupportSession, supportCookie } from '../../../platform/superadmin/support-access.js';
import { openOfficeForOwner } from '../../../platform/tenancy/operator-office.js';
import { subdomainProblem } from '../../multi_tenant/subdomain.js';
import {
  officeList,
  officeListQuery,
  officeRow,
  operatorLog,
  systemHealth,
  usageSeries,
} from '../contract.js';
import { officeOverview } from './office-overview.js';
import { systemHealth as readHealth } from './system-health.js';
import { usageSeries as readUsage } from './usage-series.js';

const config = { access: 'superadmin' } as const;
const tenantParams = z.object({ tenantId: z.string().min(1).max(100) });

/** The operators' API: read across offices, and switch an office off and on again. */
export const superadminRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  app.get(
    '/offices',
    {
      config,
      schema: {
        tags: ['superadmin'],
        summary: 'Every office with plan, users, listings, storage, AI cost this month and last activity',
        querystring: officeListQuery,
        response: { 200: officeList },
      },
    },
    async (request) => officeOverview(platform, request.query),
  );

  app.get(
    '/health',
    {
      config,
      schema: {
        tags: ['superadmin'],
        summary: 'Database, job queue, disk, mail outbox and version',
        response: { 200: systemHealth },
      },
    },
    async () => readHealth(platform),
  );

  app.get(
    '/usage',
    {
      config,
      schema: {
        tags: ['superadmin'],
        summary: 'New offices, new listings, AI cost and mails sent per day',
        querystring: z.object({ days: z.coerce.number().int().min(7).max(365).default(30) }),
        response: { 200: usageSeries },
      },
    },
    async (request) => readUsage(platform, request.query.days),
  );

  app.get(
    '/log',
    {
      config,
      schema: {
        tags: ['superadmin'],
        summary: "The operators' own log: every request they made, newest first",
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: operatorLog },
      },
    },
    async (request) => {
      const rows = await platform.database.db
        .select()
        .from(superadminAudit)
        .orderBy(desc(superadminAudit.createdAt))
        .limit(request.query.limit);
      return {
        items: rows.map((r) => ({
          at: r.createdAt.toISOString(),
          userEmail: r.userEmail,
          method: r.method,
          path: r.path,
          statusCode: r.statusCode,
          tenantId: r.tenantId,
        })),
      };
    },
  );

  const setActive =
    (active: boolean) => async (request: FastifyRequest<{ Params: { tenantId: string } }>) => {
      const { tenantId } = request.params;
      const operator = request.auth?.user.email ?? 'unbekannt';
      const [office] = await platform.database.db.select().from(tenant).where(eq(tenant.id, tenantId));
      if (!office) throw notFound('Büro');
      const deactivatedAt = active ? null : (office.deactivatedAt ?? new Date());
      await platform.database.db.update(tenant).set({ deactivatedAt }).where(eq(tenant.id, tenantId));
      await platform.database.withTenant(tenantId, (tx) =>
        recordAudit(
          tx,
          {
            tenantId,
            userId: null,
            userName: `Betreiber ${operator}`,
            ipAddress: request.ip,
            requestId: request.id,
          },
          { entity: 'office', entityId: tenantId, action: active ? 'activated' : 'deactivated' },
        ),
      );
      await platform.memberships.forgetOffice(tenantId);
      const [row] = (await officeOverview(platform, { id: tenantId, page: 1, pageSize: 1, status: 'all' }))
        .items;
      if (!row) throw notFound('Büro');
      return row;
    };

  app.post(
    '/offices/:tenantId/support-session',
    {
      config,
      schema: {
        tags: ['superadmin'],
        summary:
          "Work in an office as support (role admin, at most an hour), with its owner's running consent",
        params: tenantParams,
        response: { 200: z.object({ expiresAt: z.string() }) },
      },
    },
    async (request, reply) => {
      const auth = request.auth!;
      const operator = { id: auth.user.id, name: auth.user.name, email: auth.user.email };
      const { token, expiresAt } = await startSupportSession(
        platform.database.db,
        operator,
        request.params.tenantId,
      );
      reply.header('set-cookie', supportCookie(token, expiresAt, platform.publicUrl.startsWith('https:')));
      return { expiresAt: expiresAt.toISOString() };
    },
  );

  app.post(
    '/offices',
    {
      config,
      schema: {
        tags: ['superadmin'],
        summary:
          'Open an office for a broker: its owner (an existing account keeps its password; a new one gets a link to set one), its address, optionally a plan',
        body: z
          .object({
            officeName: z.string().trim().min(2).max(120),
            subdomain: z
              .string()
              .trim()
              .toLowerCase()
              .refine((name) => subdomainProblem(name) === null, {
                message:
                  'Die Adresse braucht 3–40 Kleinbuchstaben, Ziffern oder Bindestriche und darf kein reservierter Name sein.',
              }),
            ownerEmail: z.string().trim().email().max(254),
            ownerName: z.string().trim().min(2).max(120),
            plan: z.enum(PLAN_IDS).nullable(),
          })
          .strict(),
        response: { 201: z.object({ id: z.string(), url: z.string(), newAccount: z.boolean() }) },
      },
    },
    async (request, reply) => {
      const auth = request.auth!;
      const opened = await openOfficeForOwner(platform, request.body, {
        userId: auth.user.id,
        name: auth.user.name,
      });
      return reply.status(201).send({ id: opened.tenantId, url: opened.url, newAccount: opened.newAccount });
    },
  );

  app.post(
    '/offices/:tenantId/deactivate',
    {
      config,
      schema: {
        tags: ['superadmin'],
        summary: 'Deactivate an office: its members can no longer work in it; nothing is deleted',
        params: tenantParams,
        response: { 200: officeRow },
      },
    },
    setActive(false),
  );

  app.post(
    '/offices/:tenantId/activate',
    {
      config,
      schema: {
        tags: ['superadmin'],
        summary: 'Let a deactivated office work again',
        params: tenantParams,
        response: { 200: officeRow },
      },
    },
    setActive(true),
  );
};
