import { fromNodeHeaders } from 'better-auth/node';
import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { forbidden, unauthorized } from '../http/app-error.js';
import { forwardSetCookies } from '../http/resolve-session.js';
import type { Platform } from '../kernel.js';
import { officePlan } from '../plans/office-plan.js';
import { PLANS, planWithModule } from '../plans/plan-catalogue.js';
import { clearedSupportCookie, endSupportSession, supportTokenOf } from '../superadmin/support-access.js';
import { officeUrl } from '../tenancy/office-host.js';
import { changePasswordBody, userSchema } from './auth.contract.js';
import { authUser, tenant } from './auth.schema.js';
import { mapAuthError } from './auth-error.js';

const navEntry = z.object({
  module: z.string(),
  path: z.string(),
  label: z.object({ de: z.string(), en: z.string() }),
  icon: z.string(),
  order: z.number(),
});

export const meResponse = z.object({
  user: userSchema,
  tenant: z
    .object({
      id: z.string(),
      name: z.string(),
      role: z.string(),
      /** Deactivated by the operator: nothing in it can be opened. */
      deactivated: z.boolean(),
      /** The owner asked for the office to be deleted: it is, after this. */
      deleteAfter: z.string().nullable(),
      branding: z.object({
        displayName: z.string(),
        primaryColor: z.string(),
        accentColor: z.string(),
        hasLogo: z.boolean(),
      }),
    })
    .nullable(),
  tenants: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      role: z.string(),
      /** The office's own address (BASE_DOMAIN set); switching there means going there. */
      url: z.string().nullable(),
    }),
  ),
  permissions: z.array(z.string()),
  nav: z.array(navEntry),
  /** Modules the office's plan leaves out, as menu entries that lead to the plans. */
  lockedNav: z.array(navEntry.extend({ upgradeTo: z.string().nullable() })),
  /** The user operates the platform (super-admin panel at /superadmin). */
  superadmin: z.boolean(),
  /** An operator working in this office under its owner's consent: the app shows a banner. */
  support: z.object({ tenantName: z.string(), expiresAt: z.string() }).nullable(),
});
export type MeResponse = z.infer<typeof meResponse>;

/** The signed-in user, their tenant, permissions and the navigation of enabled modules. */
export const meRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  app.get(
    '/',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['me'],
        summary: 'Current user, tenant and permissions',
        response: { 200: meResponse },
      },
    },
    async (request) => {
      const auth = request.auth!;
      const [tenants, settings, superadmin, adjustments, deletion, plan] = await Promise.all([
        platform.memberships.listForUser(auth.user.id),
        auth.tenantId ? platform.tenantSettings.get(auth.tenantId) : null,
        platform.superadmins.is(auth.user.id),
        Promise.all(
          [...platform.moduleServers.entries()].map(async ([module, server]) => ({
            module,
            ...(server.navFor ? await server.navFor(platform, auth) : { add: [], hide: [] }),
          })),
        ),
        auth.tenantId
          ? platform.database.db
              .select({ deleteAfter: tenant.deleteAfter })
              .from(tenant)
              .where(eq(tenant.id, auth.tenantId))
          : [],
        auth.tenantId ? officePlan(platform.database, auth.tenantId) : null,
      ]);
      const office = deletion[0];
      const rolePermissions = auth.role ? platform.permissions.forRole(auth.role) : [];
      const locked = new Set(plan ? PLANS[plan].lockedModules : []);
      const moduleOf = (permission: string) => permission.split('.')[0] ?? '';
      const permissions = rolePermissions.filter((p) => !locked.has(moduleOf(p)));
      const lockedNav = platform.modules.enabled
        .filter((m) => locked.has(m.id))
        .flatMap((m) =>
          m.nav
            .filter((entry) => rolePermissions.includes(entry.permission))
            .map(({ permission: _permission, ...entry }) => ({
              module: m.id,
              ...entry,
              upgradeTo: plan ? planWithModule(plan, m.id) : null,
            })),
        );
      const hidden = new Set(adjustments.flatMap((a) => a.hide));
      const nav = platform.modules.enabled
        .flatMap((m): z.infer<typeof navEntry>[] => [
          ...m.nav
            .filter((entry) => permissions.includes(entry.permission) && !hidden.has(entry.path))
            .map(({ permission: _permission, ...entry }) => ({ module: m.id, ...entry })),
          ...(superadmin ? (m.operatorNav ?? []).map((entry) => ({ module: m.id, ...entry })) : []),
        ])
        .concat(adjustments.flatMap((a) => a.add.map((entry) => ({ module: a.module, ...entry }))))
        .sort((a, b) => a.order - b.order);
      return {
        user: auth.user,
        tenant:
          auth.tenantId && auth.role
            ? {
                id: auth.tenantId,
                name: auth.tenantName ?? '',
                role: auth.role,
                deactivated: auth.tenantDeactivated,
                deleteAfter: office?.deleteAfter?.toISOString() ?? null,
                branding: {
                  displayName: settings?.displayName ?? auth.tenantName ?? '',
                  primaryColor: settings?.primaryColor ?? '#0f766e',
                  accentColor: settings?.accentColor ?? '#f59e0b',
                  hasLogo: Boolean(settings?.logoFileKey),
                },
              }
            : null,
        tenants: tenants.map((t) => ({
          id: t.tenantId,
          name: t.tenantName,
          role: t.role,
          url: t.tenantSlug
            ? officeUrl(platform.publicUrl, platform.config.env.BASE_DOMAIN, t.tenantSlug)
            : null,
        })),
        permissions,
        nav,
        lockedNav,
        superadmin,
        support: auth.support
          ? { tenantName: auth.support.tenantName, expiresAt: auth.support.expiresAt }
          : null,
      };
    },
  );

  app.patch(
    '/',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['me'],
        summary: 'Change own name or language',
        body: z
          .object({
            name: z.string().trim().min(2).max(120).optional(),
            locale: z.enum(['de', 'en']).optional(),
          })
          .strict(),
        response: { 200: userSchema },
      },
    },
    async (request) => {
      const auth = request.auth!;
      const [row] = await platform.database.db
        .update(authUser)
        .set({ ...request.body, updatedAt: new Date() })
        .where(eq(authUser.id, auth.user.id))
        .returning();
      if (!row) throw unauthorized();
      return { id: row.id, email: row.email, name: row.name, locale: row.locale };
    },
  );

  const consentResponse = z.object({
    /** false: the platform has no product analytics configured, so nothing would be sent anyway. */
    available: z.boolean(),
    granted: z.boolean(),
    decidedAt: z.string().nullable(),
  });
  app.get(
    '/analytics-consent',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['me'],
        summary: 'Whether the signed-in person agreed to pseudonymous usage statistics (PostHog)',
        response: { 200: consentResponse },
      },
    },
    async (request) => {
      const consent = await platform.analytics.consent(request.auth!.user.id);
      return {
        available: platform.analytics.available,
        granted: consent.granted,
        decidedAt: consent.decidedAt?.toISOString() ?? null,
      };
    },
  );
  app.put(
    '/analytics-consent',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['me'],
        summary: 'Agree to or decline pseudonymous usage statistics; takes effect at once',
        body: z.object({ granted: z.boolean() }).strict(),
        response: { 200: consentResponse },
      },
    },
    async (request) => {
      const consent = await platform.analytics.setConsent(request.auth!.user.id, request.body.granted);
      return {
        available: platform.analytics.available,
        granted: consent.granted,
        decidedAt: consent.decidedAt.toISOString(),
      };
    },
  );

  app.post(
    '/active-tenant',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['me'],
        summary: 'Switch to another broker office the user belongs to',
        body: z.object({ tenantId: z.string().min(1).max(100) }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const membership = await platform.memberships.get(request.body.tenantId, request.auth!.user.id);
      if (!membership) throw forbidden('Sie gehören diesem Maklerbüro nicht an.');
      const { headers } = await platform.auth.api.setActiveOrganization({
        body: { organizationId: membership.tenantId },
        headers: fromNodeHeaders(request.headers),
        returnHeaders: true,
      });
      forwardSetCookies(reply, headers);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/support-session/end',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['me'],
        summary: 'End the running support session (the operator leaves the office)',
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const token = supportTokenOf(request.headers.cookie);
      if (token) await endSupportSession(platform.database.db, token);
      reply.header('set-cookie', clearedSupportCookie(platform.publicUrl.startsWith('https:')));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/password',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['me'],
        summary: 'Change own password (signs out other sessions)',
        body: changePasswordBody,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      try {
        const { headers } = await platform.auth.api.changePassword({
          body: { ...request.body, revokeOtherSessions: true },
          headers: fromNodeHeaders(request.headers),
          returnHeaders: true,
        });
        forwardSetCookies(reply, headers);
      } catch (error) {
        throw mapAuthError(error, { code: 'invalid_password', message: 'Das aktuelle Passwort ist falsch.' });
      }
      return reply.status(204).send(null);
    },
  );
};
