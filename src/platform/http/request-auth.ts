import type { Role } from '../rbac/roles.js';

/** `superadmin`: operators of the platform only — no office role reaches these routes. */
export type RouteAccess = 'public' | 'authenticated' | 'superadmin' | { permission: string };

export interface RequestAuth {
  user: { id: string; email: string; name: string; locale: string };
  sessionId: string;
  /** The tenant the user works in now; null when the user belongs to no tenant. */
  tenantId: string | null;
  tenantName: string | null;
  /** The operator deactivated the office: its routes answer 403 office_deactivated. */
  tenantDeactivated: boolean;
  role: Role | null;
  /**
   * An operator working in the office under its owner's consent (support access): role admin in
   * that office, every request kept in the operators' log, a banner in the app.
   */
  support: { sessionId: string; tenantName: string; expiresAt: string } | null;
  /**
   * The request came with an office API key (`Authorization: Bearer ixk_…`) rather than a
   * session: it acts as the key's maker and reaches only the routes of its scopes.
   */
  apiKey: { id: string; name: string; scopes: string[] } | null;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Every /api route must say who may call it; enforced when the route is registered. */
    access?: RouteAccess;
    /** A POST that changes nothing (calculations, previews): allowed for read-only users. */
    readOnly?: boolean;
  }
  interface FastifyRequest {
    auth: RequestAuth | null;
  }
}
