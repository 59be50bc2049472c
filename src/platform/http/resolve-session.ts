import { fromNodeHeaders } from 'better-auth/node';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import { apiKeyOf } from '../auth/api-keys.js';
import type { Platform } from '../kernel.js';
import { runningSupport, supportTokenOf } from '../superadmin/support-access.js';
import type { RequestAuth } from './request-auth.js';

/** Forwards cookies better-auth wants to set (refreshed session, cookie cache) to the reply. */
export function forwardSetCookies(reply: FastifyReply, headers: Headers | null | undefined): void {
  const cookies = headers?.getSetCookie?.() ?? [];
  if (cookies.length > 0) reply.header('set-cookie', cookies);
}

type SessionRead = NonNullable<Awaited<ReturnType<Platform['auth']['api']['getSession']>>>;

/**
 * Reads checked in the last few seconds, by the exact cookie header: checking the signed cookie
 * cache costs an HMAC and two JSON parses per request, most of a small request's work (issue 19).
 * Only reads carrying that signed cookie use it, and for less time than the cookie cache itself
 * is trusted (60 s), so it changes nothing about how long a revoked session can still read.
 */
const recentReads = new LRUCache<string, SessionRead>({ max: 5000, ttl: 5000 });

/**
 * Reads the session cookie and the user's membership in the active tenant. Reads may use
 * better-auth's signed cookie cache (at most 60 s old: one database read less per page load);
 * every write checks the session in the database, so sign-out, a password change or reset and
 * a removed member end the other sessions' writes at once. What stays cached: a revoked
 * session may go on reading for up to those 60 s.
 */
export async function resolveSession(
  platform: Platform,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<RequestAuth | null> {
  const key = apiKeyOf(request.headers.authorization);
  // A key decides alone: a cookie sent along (a browser trying the API) does not widen it.
  if (key) return platform.apiKeys.authenticate(key, request.ip);
  const cookie = request.headers.cookie;
  if (!cookie) return null;
  const write = request.method !== 'GET' && request.method !== 'HEAD';
  // Only a cookie carrying better-auth's signed session cache may skip the database anyway.
  const cacheable = !write && cookie.includes('session_data=');
  let response = cacheable ? recentReads.get(cookie) : undefined;
  if (!response) {
    const result = await platform.auth.api.getSession({
      headers: fromNodeHeaders(request.headers),
      returnHeaders: true,
      ...(write ? { query: { disableCookieCache: true } } : {}),
    });
    forwardSetCookies(reply, result.headers);
    if (!result.response) return null;
    response = result.response;
    if (cacheable) recentReads.set(cookie, response);
  }
  const { user, session } = response;
  const support = await supportIn(platform, request, user.id);
  if (support)
    return {
      // The operator stays who they are; the office's audit log names them as support.
      user: {
        id: user.id,
        email: user.email,
        name: `${user.name} (Plattform-Support)`,
        locale: user.locale ?? 'de',
      },
      sessionId: session.id,
      tenantId: support.tenantId,
      tenantName: support.tenantName,
      tenantDeactivated: support.tenantDeactivated,
      role: 'admin',
      support: {
        sessionId: support.sessionId,
        tenantName: support.tenantName,
        expiresAt: support.expiresAt.toISOString(),
      },
      apiKey: null,
    };
  // On an office's own address that office is the tenant, or none when the user is no member.
  const membership = request.hostOffice
    ? await platform.memberships.get(request.hostOffice.tenantId, user.id)
    : await activeOrFirst(platform, user.id, session.activeOrganizationId);
  return {
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      locale: user.locale ?? 'de',
    },
    sessionId: session.id,
    tenantId: membership?.tenantId ?? null,
    tenantName: membership?.tenantName ?? null,
    tenantDeactivated: membership?.deactivated ?? false,
    role: membership?.role ?? null,
    support: null,
    apiKey: null,
  };
}

/** A running support session of this operator, if the request carries one (and, on an office's own address, for that office). */
async function supportIn(platform: Platform, request: FastifyRequest, userId: string) {
  const token = supportTokenOf(request.headers.cookie);
  if (!token || !(await platform.superadmins.is(userId))) return null;
  const support = await runningSupport(platform.database.db, token, userId);
  if (!support || (request.hostOffice && request.hostOffice.tenantId !== support.tenantId)) return null;
  return support;
}

async function activeOrFirst(platform: Platform, userId: string, activeTenantId: string | null | undefined) {
  const active = activeTenantId ? await platform.memberships.get(activeTenantId, userId) : null;
  return active ?? (await platform.memberships.listForUser(userId))[0] ?? null;
}
