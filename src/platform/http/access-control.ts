import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuditActor } from '../audit/record-audit.js';
import type { Tx } from '../db/database.js';
import type { Platform } from '../kernel.js';
import { assertWritable } from '../plans/read-only.js';
import { isUpload, StorageQuota } from '../plans/storage-quota.js';
import { AppError, forbidden, unauthorized } from './app-error.js';
import type { RequestAuth, RouteAccess } from './request-auth.js';
import { resolveSession } from './resolve-session.js';

export interface TenantRequestContext {
  auth: RequestAuth & { tenantId: string; role: NonNullable<RequestAuth['role']> };
  tenantId: string;
  /** Runs `fn` with row-level security for this tenant. */
  db<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  actor: AuditActor;
}

/**
 * Refuses to register an /api route without an `access` declaration, and checks that
 * declaration on every request: public, signed in, or a permission of the user's role.
 */
export interface CatalogRoute {
  method: string;
  url: string;
  access: RouteAccess;
  readOnly: boolean;
}

/** Every /api route with its access rule; the RBAC and tenant-isolation tests walk it. */
export const ROUTE_CATALOG = Symbol('routeCatalog');

export function routeCatalog(app: FastifyInstance): CatalogRoute[] {
  return (app as unknown as Record<symbol, CatalogRoute[]>)[ROUTE_CATALOG] ?? [];
}

export function installAccessControl(app: FastifyInstance, platform: Platform): void {
  const catalog: CatalogRoute[] = [];
  (app as unknown as Record<symbol, CatalogRoute[]>)[ROUTE_CATALOG] = catalog;
  app.decorateRequest('auth', null);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const access = route.config?.access;
    if (!access) throw new Error(`route ${route.method} ${route.url} has no config.access`);
    if (route.url.startsWith('/api/superadmin') && access !== 'superadmin')
      throw new Error(
        `route ${route.method} ${route.url} is an operator route and must be access 'superadmin'`,
      );
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD')
        catalog.push({ method, url: route.url, access, readOnly: route.config?.readOnly === true });
    }
    if (typeof access === 'object' && !platform.permissions.has(access.permission)) {
      throw new Error(`route ${route.method} ${route.url} needs unknown permission "${access.permission}"`);
    }
  });
  installSuperadminAudit(app, platform);
  const storageQuota = new StorageQuota(platform.database, platform.files);
  // onRequest, before body parsing and validation: who may not call a route learns nothing about it.
  app.addHook('onRequest', async (request, reply) => {
    const access = request.routeOptions.config.access;
    if (!access) return;
    request.auth = await resolveSession(platform, request, reply);
    if (access === 'public') return;
    if (!request.auth) throw unauthorized();
    if (request.auth.apiKey) assertKeyReaches(request.auth.apiKey, access);
    if (access === 'authenticated') return;
    if (access === 'superadmin') {
      if (!(await platform.superadmins.is(request.auth.user.id)))
        throw forbidden('Nur für Betreiber der Plattform.');
      return;
    }
    const { role } = request.auth;
    if (!role || !request.auth.tenantId)
      throw forbidden(
        request.hostOffice
          ? `Sie gehören dem Maklerbüro „${request.hostOffice.name}“ nicht an.`
          : 'Sie gehören keinem Maklerbüro an.',
      );
    if (request.auth.tenantDeactivated)
      throw new AppError(
        403,
        'office_deactivated',
        'Dieses Maklerbüro ist deaktiviert. Bitte wenden Sie sich an den Betreiber der Plattform.',
      );
    if (!platform.permissions.allows(role, access.permission)) {
      throw forbidden(undefined, { permission: access.permission, role });
    }
    const writes =
      !['GET', 'HEAD', 'OPTIONS'].includes(request.method) && !request.routeOptions.config.readOnly;
    // Billing stays open on a read-only office, so it can pay its way out.
    if (writes && !request.url.startsWith('/api/billing/'))
      await assertWritable(platform.database, request.auth.tenantId);
    if (writes && isUpload(request))
      await storageQuota.assertRoom(request.auth.tenantId, Number(request.headers['content-length']));
  });
}

/**
 * An API key reaches only routes guarded by a permission in its scopes: routes for any signed-in
 * person (profile, consent, switching offices) and the operators' routes are for people.
 */
function assertKeyReaches(key: NonNullable<RequestAuth['apiKey']>, access: RouteAccess): void {
  if (typeof access === 'object' && key.scopes.includes(access.permission)) return;
  throw new AppError(
    403,
    'api_key_scope',
    typeof access === 'object'
      ? `Dieser API-Schlüssel hat das Recht „${access.permission}“ nicht.`
      : 'Diese Schnittstelle ist nur mit einer Anmeldung nutzbar, nicht mit einem API-Schlüssel.',
    typeof access === 'object' ? { permission: access.permission, key: key.name } : { key: key.name },
  );
}

/**
 * Keeps every super-admin request with its answer (who, what, about which office), since those
 * routes see across offices. Refused attempts by others are kept too, and every request an
 * operator makes inside an office under its owner's support consent.
 */
function installSuperadminAudit(app: FastifyInstance, platform: Platform): void {
  app.addHook('onResponse', async (request, reply) => {
    const support = request.auth?.support;
    if ((request.routeOptions.config.access !== 'superadmin' && !support) || !request.auth) return;
    const params = (request.params ?? {}) as { tenantId?: string };
    await platform.superadmins
      .record({
        userId: request.auth.user.id,
        userEmail: request.auth.user.email,
        method: request.method,
        path: request.url.split('?')[0] ?? request.url,
        statusCode: String(reply.statusCode),
        tenantId: support
          ? request.auth.tenantId
          : typeof params.tenantId === 'string'
            ? params.tenantId
            : null,
        ipAddress: request.ip,
        details: auditDetails(request, support?.sessionId ?? null),
      })
      .catch((error: unknown) => request.log.error({ err: error }, 'super-admin audit failed'));
  });
}

function auditDetails(request: FastifyRequest, supportSession: string | null) {
  const hasQuery = Object.keys((request.query as object) ?? {}).length > 0;
  if (!hasQuery && !supportSession) return null;
  return { ...(supportSession ? { supportSession } : {}), ...(hasQuery ? { query: request.query } : {}) };
}

/** The tenant context of a permission-guarded route (access control already ran). */
export function tenantContext(platform: Platform, request: FastifyRequest): TenantRequestContext {
  const auth = request.auth;
  if (!auth) throw unauthorized();
  if (!auth.tenantId || !auth.role) throw forbidden('Sie gehören keinem Maklerbüro an.');
  const tenantId = auth.tenantId;
  return {
    auth: auth as TenantRequestContext['auth'],
    tenantId,
    db: (fn) => platform.database.withTenant(tenantId, fn),
    actor: {
      tenantId,
      userId: auth.user.id,
      userName: auth.user.name,
      ipAddress: request.ip,
      requestId: request.id,
    },
  };
}
