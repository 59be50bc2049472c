import { createHash, randomBytes } from 'node:crypto';
import { and, count, desc, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../audit/record-audit.js';
import type { Database, Tx } from '../db/database.js';
import type { TenantRequestContext } from '../http/access-control.js';
import { badRequest, notFound, unauthorized } from '../http/app-error.js';
import type { RequestAuth } from '../http/request-auth.js';
import type { PermissionRegistry } from '../rbac/permissions.js';
import type { MembershipService } from '../tenancy/membership-service.js';
import { apiKey } from './api-key.schema.js';
import { authUser } from './auth.schema.js';

/** Every office API key starts with this, so secret scanners and people can recognise one. */
export const API_KEY_PREFIX = 'ixk_';
/** Rights no key may hold: a key that makes keys would outlive its own revocation. */
export const NOT_FOR_KEYS: readonly string[] = ['admin.api_keys.manage'];
/** An office keeps at most this many keys that are not revoked. */
export const MAX_ACTIVE_API_KEYS = 50;
/** lastUsedAt is written at most this often per key: a busy integration must not write on every call. */
const LAST_USED_EVERY_MS = 60_000;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface ApiKeyView {
  id: string;
  name: string;
  tokenHint: string;
  scopes: string[];
  createdByName: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface NewApiKey {
  name: string;
  scopes: string[];
  expiresAt: Date | null;
}

const view = (row: typeof apiKey.$inferSelect): ApiKeyView => ({
  id: row.id,
  name: row.name,
  tokenHint: row.tokenHint,
  scopes: row.scopes,
  createdByName: row.createdByName,
  createdAt: row.createdAt.toISOString(),
  expiresAt: row.expiresAt?.toISOString() ?? null,
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  revokedAt: row.revokedAt?.toISOString() ?? null,
});

/** The key in an `Authorization: Bearer ixk_…` header, or null when the header carries none. */
export function apiKeyOf(authorization: string | undefined): string | null {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  return token?.startsWith(API_KEY_PREFIX) ? token : null;
}

/**
 * Office API keys: issued by owners and admins for integrations, stored as hashes, checked on
 * every request that carries one. A key acts as its maker, limited to its scopes.
 */
export class ApiKeyService {
  readonly #lastUsedWritten = new Map<string, number>();

  constructor(
    private readonly database: Database,
    private readonly memberships: MembershipService,
    private readonly permissions: PermissionRegistry,
  ) {}

  list(ctx: TenantRequestContext): Promise<ApiKeyView[]> {
    return ctx.db(async (tx) => (await tx.select().from(apiKey).orderBy(desc(apiKey.createdAt))).map(view));
  }

  /** Issues a key; the only time its secret is returned. */
  async issue(ctx: TenantRequestContext, input: NewApiKey): Promise<{ key: ApiKeyView; token: string }> {
    const scopes = [...new Set(input.scopes)].sort();
    const unknown = scopes.filter((scope) => !this.permissions.has(scope));
    if (unknown.length > 0)
      throw badRequest('unknown_scope', 'Diese Rechte gibt es nicht (oder ihr Modul ist ausgeschaltet).', {
        unknown,
      });
    const refused = scopes.filter((scope) => NOT_FOR_KEYS.includes(scope));
    if (refused.length > 0)
      throw badRequest('scope_not_for_keys', 'API-Schlüssel können keine API-Schlüssel verwalten.', {
        refused,
      });
    // A key can never do more than the person who makes it.
    const beyondRole = scopes.filter((scope) => !this.permissions.allows(ctx.auth.role, scope));
    if (beyondRole.length > 0)
      throw badRequest(
        'scope_beyond_role',
        'Ein Schlüssel kann nur Rechte bekommen, die Ihre Rolle selbst hat.',
        {
          beyondRole,
        },
      );
    if (input.expiresAt && input.expiresAt.getTime() <= Date.now())
      throw badRequest('expiry_in_past', 'Das Ablaufdatum muss in der Zukunft liegen.');
    const token = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const row = await ctx.db(async (tx) => {
      await this.#assertRoom(tx);
      const [created] = await tx
        .insert(apiKey)
        .values({
          tenantId: ctx.tenantId,
          name: input.name,
          tokenHash: hashToken(token),
          tokenHint: token.slice(0, API_KEY_PREFIX.length + 6),
          scopes,
          createdBy: ctx.auth.user.id,
          createdByName: ctx.auth.user.name,
          expiresAt: input.expiresAt,
        })
        .returning();
      if (!created) throw new Error('api key insert returned nothing');
      await recordAudit(tx, ctx.actor, {
        entity: 'api_key',
        entityId: created.id,
        action: 'created',
        after: { name: created.name, scopes, expiresAt: created.expiresAt?.toISOString() ?? null },
      });
      return created;
    });
    return { key: view(row), token };
  }

  async revoke(ctx: TenantRequestContext, id: string): Promise<ApiKeyView> {
    const row = await ctx.db(async (tx) => {
      const [revoked] = await tx
        .update(apiKey)
        .set({ revokedAt: new Date() })
        .where(and(eq(apiKey.id, id), isNull(apiKey.revokedAt)))
        .returning();
      if (!revoked) throw notFound('Aktiver API-Schlüssel');
      await recordAudit(tx, ctx.actor, {
        entity: 'api_key',
        entityId: id,
        action: 'revoked',
        before: { name: revoked.name, scopes: revoked.scopes },
      });
      return revoked;
    });
    return view(row);
  }

  /**
   * The caller behind a key: its maker in the key's office, with the key's scopes. An unknown,
   * revoked or expired key, or one whose maker left the office, is a 401 rather than a quiet
   * anonymous request, so an integration learns at once that it lost its access.
   */
  async authenticate(token: string, ipAddress: string): Promise<RequestAuth> {
    // Looked up without an office: the key names it.
    const [row] = await this.database.db
      .select({ key: apiKey, userName: authUser.name, email: authUser.email, locale: authUser.locale })
      .from(apiKey)
      .innerJoin(authUser, eq(authUser.id, apiKey.createdBy))
      .where(eq(apiKey.tokenHash, hashToken(token)));
    if (!row || row.key.revokedAt || (row.key.expiresAt && row.key.expiresAt.getTime() <= Date.now()))
      throw unauthorized('Dieser API-Schlüssel ist unbekannt, abgelaufen oder widerrufen.');
    const { key } = row;
    const membership = await this.memberships.get(key.tenantId, key.createdBy);
    if (!membership)
      throw unauthorized(
        'Wer diesen API-Schlüssel ausgestellt hat, gehört dem Maklerbüro nicht mehr an; er gilt nicht mehr.',
      );
    await this.#noteUse(key.id, key.tenantId, ipAddress);
    return {
      user: {
        id: key.createdBy,
        email: row.email,
        // The audit log names the key next to the person it acts for.
        name: `${row.userName} (API-Schlüssel „${key.name}“)`,
        locale: row.locale,
      },
      sessionId: `api-key:${key.id}`,
      tenantId: key.tenantId,
      tenantName: membership.tenantName,
      tenantDeactivated: membership.deactivated,
      role: membership.role,
      support: null,
      apiKey: { id: key.id, name: key.name, scopes: key.scopes },
    };
  }

  async #assertRoom(tx: Tx): Promise<void> {
    const [active] = await tx.select({ n: count() }).from(apiKey).where(isNull(apiKey.revokedAt));
    if ((active?.n ?? 0) >= MAX_ACTIVE_API_KEYS)
      throw badRequest(
        'too_many_api_keys',
        `Ein Büro kann höchstens ${MAX_ACTIVE_API_KEYS} aktive API-Schlüssel haben; bitte nicht mehr genutzte widerrufen.`,
      );
  }

  async #noteUse(id: string, tenantId: string, ipAddress: string): Promise<void> {
    const last = this.#lastUsedWritten.get(id) ?? 0;
    if (Date.now() - last < LAST_USED_EVERY_MS) return;
    this.#lastUsedWritten.set(id, Date.now());
    await this.database.withTenant(tenantId, (tx) =>
      tx.update(apiKey).set({ lastUsedAt: new Date(), lastUsedIp: ipAddress }).where(eq(apiKey.id, id)),
    );
  }
}
